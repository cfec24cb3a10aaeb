// Throughput of one list procedure at 32 connections: the API process against a bare node:http
// handler that runs the same SQL. Load comes from autocannon on loopback, for a bounded time
// per run (a count would end only at autocannon's next one-second tick and flatter the faster side).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { BenchContext, Result } from '../lib/context.ts';
import { freePort, round, startChild, type Child } from '../lib/measure.ts';

const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);

async function load(url: string, headers: Record<string, string>, server: Child) {
  const cpu0 = server.cpuMs();
  const t0 = performance.now();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, timeout: 30 });
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`Load on ${url} had ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  // The server process's own CPU per request: less disturbed by neighbours than the rate.
  const cpuPerRequest = (server.cpuMs() - cpu0) / result.requests.total;
  const seconds = (performance.now() - t0) / 1000;
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, cpuPerRequest };
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
      ours.push(await load(apiUrl, headers, ctx.api));
      limit.push(await load(`http://127.0.0.1:${port}/`, {}, bare));
    }
    const best = (runs: typeof ours) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const o = best(ours);
    const l = best(limit);
    const ratio = o.rps / l.rps;
    log(`  invoices.list at ${CONNECTIONS} connections: API ${o.rps.toFixed(0)}/s (${o.cpuPerRequest.toFixed(2)} ms CPU a request), bare ${l.rps.toFixed(0)}/s (${l.cpuPerRequest.toFixed(2)} ms) → ${ratio.toFixed(2)}×`);
    return [
      {
        id: 'throughput-invoices-list',
        scenario: `invoices.list of one customer at ${CONNECTIONS} connections, ${SECONDS} s a run (best of 2)`,
        ours: { what: `tRPC API process (${o.cpuPerRequest.toFixed(2)} ms CPU a request)`, p50: o.p50, p99: o.p99, throughput: round(o.rps) },
        limit: { what: `bare node:http + pg pool, the same ${statements.length} statement(s) (${l.cpuPerRequest.toFixed(2)} ms CPU a request)`, p50: l.p50, p99: l.p99, throughput: round(l.rps) },
        compares: 'throughput',
        ratio: round(ratio, 3),
        goal: 'throughput ≥ 0.7×',
        met: ratio >= 0.7,
      },
    ];
  } finally {
    await bare.stop();
  }
}
