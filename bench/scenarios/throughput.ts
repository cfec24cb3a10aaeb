// Throughput of one list procedure at 32 connections: the API process against a bare node:http
// handler that runs the same SQL. Load comes from autocannon on loopback, a bounded number of
// requests per run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { BenchContext, Result } from '../lib/context.ts';
import { freePort, round, startChild } from '../lib/measure.ts';

const CONNECTIONS = 32;
const REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 4000);

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, amount: REQUESTS, headers, timeout: 30 });
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`Load on ${url} had ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { rps: (result.requests.total / result.duration), p50: result.latency.p50, p99: result.latency.p99 };
}

export async function listThroughput(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  // A customer's invoices, as the customer page lists them: a light query, so what is measured
  // is mostly the request path around it.
  const customerId = (await ctx.raw.query(`select id from customers where customer_number = 'KB-000042'`)).rows[0].id as string;
  const input = { customerId };
  const statements = await ctx.sqlOf((c) => c.invoices.list.query(input));
  const dir = mkdtempSync(join(tmpdir(), 'workmate-bench-'));
  writeFileSync(join(dir, 'statements.json'), JSON.stringify(statements));
  const port = await freePort();
  const bare = await startChild('bench/lib/bare-server.ts', { ...ctx.processEnv, PORT: String(port), BARE_STATEMENTS: join(dir, 'statements.json') }, /listening/);
  try {
    const apiUrl = `${ctx.apiUrl}/trpc/invoices.list?input=${encodeURIComponent(JSON.stringify(input))}`;
    const headers = { authorization: `Bearer ${ctx.token}` };
    // Warm both, then alternate: ours, bare, ours, bare.
    await autocannon({ url: apiUrl, connections: 8, amount: 300, headers });
    await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 8, amount: 200 });
    const ours: Array<Awaited<ReturnType<typeof load>>> = [];
    const limit: Array<Awaited<ReturnType<typeof load>>> = [];
    for (let round = 0; round < 2; round++) {
      ours.push(await load(apiUrl, headers));
      limit.push(await load(`http://127.0.0.1:${port}/`, {}));
    }
    const best = (runs: typeof ours) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const o = best(ours);
    const l = best(limit);
    const ratio = o.rps / l.rps;
    log(`  invoices.list at ${CONNECTIONS} connections: API ${o.rps.toFixed(0)}/s, bare ${l.rps.toFixed(0)}/s → ${ratio.toFixed(2)}×`);
    return [
      {
        id: 'throughput-invoices-list',
        scenario: `invoices.list of one customer at ${CONNECTIONS} connections, ${REQUESTS} requests a run (best of 2)`,
        ours: { what: 'tRPC API process', p50: o.p50, p99: o.p99, throughput: round(o.rps) },
        limit: { what: `bare node:http + pg pool, the same ${statements.length} statement(s)`, p50: l.p50, p99: l.p99, throughput: round(l.rps) },
        compares: 'throughput',
        ratio: round(ratio, 2),
        goal: 'throughput ≥ 0.7×',
        met: ratio >= 0.7,
      },
    ];
  } finally {
    await bare.stop();
  }
}
