// The daily dunning run over 200,000 invoices (about 40,000 of them past due), as the worker runs
// it (select, interest per invoice split at base-rate changes, fees, one proposal and one audit row
// per invoice, on conflict do nothing), against the one SQL statement that only selects the due
// ones. Before each round the proposals and their audit rows are removed, so every round does the
// same work.
import { SELECT_DUE_SQL } from '@workmate/db/dunning/run';
import { berlinDay } from '@workmate/domain/berlin-time';
import { processDunningRun } from '@workmate/worker/jobs/dunning-run';
import type { BenchContext, Result } from '../lib/context.ts';
import { figuresOf, round } from '../lib/measure.ts';

const ROUNDS = Number(process.env.BENCH_DUNNING_ROUNDS ?? 3);

/** The service's statement with knex's `?` placeholders as pg's `$1, $2`. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export async function dunningRun(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  const today = berlinDay(new Date());
  const reset = async () => {
    await ctx.raw.query('begin');
    // The audit trail is append-only (a trigger); the bench removes its own rows past it.
    await ctx.raw.query('set local session_replication_role = replica');
    await ctx.raw.query(`delete from dunning_notices`);
    await ctx.raw.query(`delete from audit_log where entity = 'dunningNotice'`);
    await ctx.raw.query('commit');
    await ctx.raw.query('vacuum analyze dunning_notices, audit_log');
  };
  const ours: number[] = [];
  const limit: number[] = [];
  let due = 0;
  let proposed = 0;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      await reset();
      let t0 = performance.now();
      const result = await processDunningRun(ctx.orm, { SMTP_URL: undefined }, { today });
      ours.push(performance.now() - t0);
      due = result.due;
      proposed = result.proposed;
      await reset();
      t0 = performance.now();
      const plain = await ctx.raw.query(numbered(SELECT_DUE_SQL), [today, today]);
      limit.push(performance.now() - t0);
      if (plain.rowCount !== due || proposed !== due) throw new Error(`The run found ${due} due invoices and proposed ${proposed}, the plain SELECT ${plain.rowCount}`);
    }
  } finally {
    await reset();
    await ctx.raw.query('checkpoint');
  }
  const o = figuresOf(ours);
  const l = figuresOf(limit);
  const ratio = o.p50 / l.p50;
  log(`  dunning run over ${due} due invoices: job ${o.p50.toFixed(0)} ms, SELECT ${l.p50.toFixed(0)} ms → ${ratio.toFixed(2)}×`);
  return [
    {
      id: 'dunning-run',
      scenario: `dunning run: ${due.toLocaleString('en')} of 200,000 invoices due a notice (median of ${ROUNDS})`,
      ours: { what: 'the worker job (interest per invoice, fees, proposals with audit rows)', p50: round(o.p50), p99: round(o.p99), throughput: round((due / o.p50) * 1000), unit: 'invoices' },
      limit: { what: 'one SQL SELECT of the due invoices and their levels', p50: round(l.p50), p99: round(l.p99), throughput: round((due / l.p50) * 1000), unit: 'invoices' },
      compares: 'p50',
      ratio: round(ratio, 3),
      goal: 'reported',
      met: null,
    },
  ];
}
