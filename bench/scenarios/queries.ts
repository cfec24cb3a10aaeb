// Reads through the API against the same SQL through raw `pg`: list pages with filters, and the
// aggregates (time summary for a month, dashboards.kpis).
import type { BenchContext, Client, Result } from '../lib/context.ts';
import { round, sampleBoth } from '../lib/measure.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

/** The calendar month before this one, as the time module's `from`/`to` (Berlin days). */
function lastMonth(): { from: string; to: string } {
  const first = new Date();
  first.setUTCDate(1);
  first.setUTCMonth(first.getUTCMonth() - 1);
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

interface Case {
  id: string;
  scenario: string;
  call: (c: Client) => Promise<unknown>;
}

async function againstSql(ctx: BenchContext, cases: Case[], goal: number, log: (line: string) => void): Promise<Result[]> {
  const results: Result[] = [];
  for (const c of cases) {
    const statements = await ctx.sqlOf(c.call);
    const { ours, limit } = await sampleBoth(REQUESTS, () => c.call(ctx.client), () => ctx.replay(statements));
    const ratio = ours.p50 / limit.p50;
    results.push({
      id: c.id,
      scenario: c.scenario,
      ours: { what: 'typed client → API process over HTTP', p50: round(ours.p50, 2), p99: round(ours.p99, 2), throughput: round(ours.throughput) },
      limit: { what: `the same ${statements.length} SQL statement(s) through raw pg`, p50: round(limit.p50, 2), p99: round(limit.p99, 2), throughput: round(limit.throughput) },
      compares: 'p50',
      ratio: round(ratio, 3),
      goal: `p50 ≤ ${goal}×`,
      met: ratio <= goal,
    });
    log(`  ${c.id}: ours p50 ${ours.p50.toFixed(2)} ms, SQL p50 ${limit.p50.toFixed(2)} ms → ${ratio.toFixed(2)}×`);
  }
  return results;
}

export async function listPages(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  const month = lastMonth();
  return againstSql(
    ctx,
    [
      {
        id: 'list-customers',
        scenario: 'crm.customers.list: search "müller bau", active, 25 a page',
        call: (c) => c.crm.customers.list.query({ search: 'müller bau', status: 'active', pageSize: 25 }),
      },
      {
        id: 'list-time-entries',
        scenario: `timeTracking.entries.list: ${month.from} – ${month.to}, billable, 50 a page`,
        call: (c) => c.timeTracking.entries.list.query({ ...month, billable: true }),
      },
      {
        id: 'list-invoices',
        scenario: 'invoices.list: sent or overdue, by due date, 25 a page',
        call: (c) => c.invoices.list.query({ status: ['sent', 'overdue'], sort: 'dueDate', direction: 'asc' }),
      },
    ],
    1.5,
    log,
  );
}

export async function aggregates(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  const month = lastMonth();
  return againstSql(
    ctx,
    [
      {
        id: 'time-summary',
        scenario: `timeTracking.summary: ${month.from} – ${month.to}, by project, everyone`,
        call: (c) => c.timeTracking.summary.query({ ...month, groupBy: 'project' }),
      },
      { id: 'dashboard-kpis', scenario: 'dashboards.kpis: every section (admin)', call: (c) => c.dashboards.kpis.query() },
    ],
    1.3,
    log,
  );
}
