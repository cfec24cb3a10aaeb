// The overdue sweep over 200,000 invoices (20,000 of them past due): the worker's job, as the
// worker runs it, against one plain SQL UPDATE of the same rows. Before each round the tagged
// invoices go back to "sent" (and the sweep's audit rows are removed), so every round does the
// same work.
import { Redis } from 'ioredis';
import { berlinDay } from '@workmate/domain/berlin-time';
import { processOverdueSweep } from '@workmate/worker/jobs/overdue-sweep';
import type { BenchContext, Result } from '../lib/context.ts';
import { figuresOf, round } from '../lib/measure.ts';
import { SWEEP_NOTE } from '../lib/seed.ts';

const ROUNDS = Number(process.env.BENCH_SWEEP_ROUNDS ?? 3);

export async function overdueSweep(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  const today = berlinDay(new Date());
  const reset = async () => {
    await ctx.raw.query('begin');
    await ctx.raw.query('set local session_replication_role = replica');
    await ctx.raw.query(`update invoices set status = 'sent', version = 1 where notes = $1 and status <> 'sent'`, [SWEEP_NOTE]);
    await ctx.raw.query(`delete from audit_log where entity = 'invoice' and actor_label = 'worker' and action = 'update'`);
    await ctx.raw.query('commit');
    // Tidy up after itself, so autovacuum does not run into the next round or scenario.
    await ctx.raw.query('vacuum analyze invoices, audit_log');
  };
  const redis = new Redis(ctx.redisUrl);
  const ours: number[] = [];
  const limit: number[] = [];
  let moved = 0;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      await reset();
      let t0 = performance.now();
      const result = await processOverdueSweep(ctx.orm, redis, { today });
      ours.push(performance.now() - t0);
      moved = result.markedOverdue;
      await reset();
      t0 = performance.now();
      const plain = await ctx.raw.query(
        `update invoices set status = 'overdue', version = version + 1, updated_at = now()
          where type = 'invoice' and status in ('finalized', 'sent', 'partially_paid') and due_date < $1::date`,
        [today],
      );
      limit.push(performance.now() - t0);
      if (plain.rowCount !== moved) throw new Error(`The sweep moved ${moved} invoices, the plain UPDATE ${plain.rowCount}`);
    }
  } finally {
    await reset();
    // Its writes (six rounds of 20,000 rows and their audit rows) are flushed now, not by a
    // checkpoint in the middle of the next scenario.
    await ctx.raw.query('checkpoint');
    redis.disconnect();
  }
  const o = figuresOf(ours);
  const l = figuresOf(limit);
  const ratio = o.p50 / l.p50;
  log(`  sweep of ${moved} past-due invoices: job ${o.p50.toFixed(0)} ms, UPDATE ${l.p50.toFixed(0)} ms → ${ratio.toFixed(2)}×`);
  return [
    {
      id: 'overdue-sweep',
      scenario: `overdue sweep: ${moved.toLocaleString('en')} of 200,000 invoices past due (median of ${ROUNDS})`,
      ours: { what: 'the worker job (status, version, audit rows, notifications)', p50: round(o.p50), p99: round(o.p99), throughput: round((moved / o.p50) * 1000), unit: 'invoices' },
      limit: { what: 'one SQL UPDATE of the same rows', p50: round(l.p50), p99: round(l.p99), throughput: round((moved / l.p50) * 1000), unit: 'invoices' },
      compares: 'p50',
      ratio: round(ratio, 3),
      goal: '≤ 2×',
      met: ratio <= 2,
    },
  ];
}
