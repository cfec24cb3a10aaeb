// `npm run bench`: every speed we claim, measured against its physical limit in the same run
// (these machines are shared and noisy, so a ratio means more than a time). Seeds the benchmark
// database `workmate_benchmark` on the local dev server once (reused afterwards), runs the
// scenarios, prints a table and writes bench/results.json. See bench/README.md.
//
//   npm run bench                     every scenario
//   npm run bench -- lists chat       only these (names below)
import { cpus } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/local-env.ts';
import { openBenchDatabase } from './lib/api.ts';
import { createContext, type BenchContext, type Result } from './lib/context.ts';
import { round } from './lib/measure.ts';
import { seedBenchData, VOLUME } from './lib/seed.ts';
import { aggregates, listPages } from './scenarios/queries.ts';
import { deepPages } from './scenarios/deep-pages.ts';
import { listThroughput } from './scenarios/throughput.ts';
import { invoicePdfs } from './scenarios/pdfs.ts';
import { overdueSweep } from './scenarios/sweep.ts';
import { dunningRun } from './scenarios/dunning.ts';
import { chatFanOut } from './scenarios/chat.ts';
import { upload } from './scenarios/upload.ts';
import { inventoryReads } from './scenarios/inventory.ts';
import { bookkeepingReports } from './scenarios/bookkeeping.ts';
import { webhookDeliveries } from './scenarios/webhooks.ts';

const SCENARIOS: Record<string, (ctx: BenchContext, log: (line: string) => void) => Promise<Result[]>> = {
  lists: listPages,
  deep: deepPages,
  aggregates,
  throughput: listThroughput,
  pdfs: invoicePdfs,
  sweep: overdueSweep,
  dunning: dunningRun,
  chat: chatFanOut,
  upload,
  inventory: inventoryReads,
  bookkeeping: bookkeepingReports,
  webhooks: webhookDeliveries,
};

/**
 * Waits until Postgres has been quiet for two seconds (no autovacuum worker, no other active
 * query), at most 60 s: a scenario starts on a settled machine, not in the wake of the last one.
 */
async function settle(ctx: BenchContext): Promise<void> {
  const end = Date.now() + 60_000;
  let quietSince = Date.now();
  while (Date.now() < end) {
    const { rows } = await ctx.raw.query(
      `select count(*)::int as busy from pg_stat_activity
        where pid <> pg_backend_pid() and (backend_type = 'autovacuum worker' or (backend_type = 'client backend' and state = 'active'))`,
    );
    if (rows[0].busy > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 2000) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SCENARIOS));
if (unknown.length) {
  console.error(`Unknown scenario ${unknown.join(', ')}; choose from: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? wanted : Object.keys(SCENARIOS);
const log = (line: string) => console.log(line);
const started = Date.now();

const { services, benchUrl, orm, count } = await openBenchDatabase('workmate_benchmark');
log('Benchmark data (seeded once, then reused):');
await seedBenchData(orm, benchUrl, log);
const volume = {
  customers: await count('customers'),
  projects: await count('projects'),
  timeEntries: await count('time_entries'),
  invoices: await count('invoices'),
  invoiceLines: await count('invoice_lines'),
  payments: await count('payments'),
};
log(`  ${Object.entries(volume).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}`);

const ctx = await createContext(orm, benchUrl, services.redisUrl);
const results: Result[] = [];
try {
  for (const [i, name] of names.entries()) {
    // What the previous scenario left running (autovacuum, queues, sockets closing) settles first.
    if (i > 0) await settle(ctx);
    log(`\n▸ ${name}`);
    results.push(...(await (SCENARIOS[name] as (typeof SCENARIOS)[string])(ctx, log)));
  }
  // Memory: what the long-lived processes hold after all of the above.
  for (const [what, child] of ctx.processes) {
    const m = child.memory();
    results.push({
      id: `memory-${what.toLowerCase().replace(/\W+/g, '-')}`,
      scenario: `memory: ${what} at the end`,
      ours: { what: `RSS ${m.rssMb.toFixed(0)} MB (peak ${m.peakMb.toFixed(0)} MB)` },
      limit: { what: '—' },
      compares: 'p50',
      ratio: null,
      goal: 'reported',
      met: null,
    });
  }
} finally {
  await ctx.close();
  await orm.close();
  services.stop();
}

const fmt = (f: Result['ours']) =>
  [f.p50 !== undefined ? `p50 ${f.p50} ms` : '', f.p99 !== undefined ? `p99 ${f.p99} ms` : '', f.throughput !== undefined ? `${f.throughput} ${f.unit ?? 'requests'}/s` : '']
    .filter(Boolean)
    .join(', ') || f.what;
const table = (rows: Result[]) => [
  '| scenario | ours | the limit, same run | ratio | goal | met |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.scenario} | ${fmt(r.ours)} | ${fmt(r.limit)} | ${r.ratio === null ? '—' : `${r.ratio}× (${r.compares})`} | ${r.goal} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`),
];
console.log(`\n${table(results).join('\n')}\n`);
const missed = results.filter((r) => r.met === false);
console.log(missed.length ? `Goals missed: ${missed.map((r) => r.id).join(', ')}` : 'Every goal met.');

// A run of some scenarios replaces their rows in bench/results.json and keeps the others.
const file = join(ROOT, 'bench', 'results.json');
const at = new Date().toISOString();
const earlier = wanted.length && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: Array<Result & { at: string }> }).scenarios : [];
const fresh = results.map((r) => ({ ...r, at }));
const out = {
  at,
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version },
  volume,
  wanted: VOLUME,
  ran: names,
  seconds: round((Date.now() - started) / 1000),
  scenarios: [...earlier.filter((r) => !fresh.some((f) => f.id === r.id)), ...fresh],
};
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`Wrote bench/results.json (${out.seconds} s in all)`);

// The table of every row in results.json goes into bench/README.md ("Latest results").
const readme = join(ROOT, 'bench', 'README.md');
const when = [...new Set(out.scenarios.map((r) => r.at.slice(0, 16).replace('T', ' ')))].join(', ');
const block = [
  '<!-- results -->',
  `${out.machine.cores} cores (${out.machine.cpu}), Node ${out.machine.node}; ${Object.entries(volume).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}. Runs (UTC): ${when}.`,
  '',
  ...table(out.scenarios),
  '<!-- /results -->',
].join('\n');
writeFileSync(readme, readFileSync(readme, 'utf8').replace(/<!-- results -->[\s\S]*<!-- \/results -->/, block));
process.exit(0);
