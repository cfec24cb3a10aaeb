// Deep pages: page 1,000 of a list, reached by following `nextCursor` (keyset pagination), against
// the same list's first page through the same API. The way there is walked with big pages (the
// cursor does not depend on the page size), then page 1,000 is fetched at the normal size.
import type { BenchContext, Client, Result } from '../lib/context.ts';
import { round, sampleBoth } from '../lib/measure.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const PAGE = 1000;

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

interface Case {
  id: string;
  scenario: string;
  pageSize: number;
  maxPageSize: number;
  list: (c: Client, pageSize: number, cursor?: string) => Promise<Page>;
}

/** The cursor after `skip` rows, walked in the biggest steps that divide `skip` exactly. */
async function cursorAfter(c: Client, list: Case['list'], skip: number, maxPageSize: number): Promise<string> {
  let step = maxPageSize;
  while (skip % step !== 0) step--;
  let cursor: string | undefined;
  for (let seen = 0; seen < skip; seen += step) {
    const page = await list(c, step, cursor);
    if (!page.nextCursor) throw new Error(`The list ends before row ${skip}`);
    cursor = page.nextCursor;
  }
  return cursor as string;
}

export async function deepPages(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  const cases: Case[] = [
    { id: 'deep-customers', scenario: 'crm.customers.list by name', pageSize: 25, maxPageSize: 200, list: (c, pageSize, cursor) => c.crm.customers.list.query({ pageSize, cursor }) },
    { id: 'deep-time-entries', scenario: 'timeTracking.entries.list, newest first', pageSize: 50, maxPageSize: 500, list: (c, pageSize, cursor) => c.timeTracking.entries.list.query({ pageSize, cursor }) },
    { id: 'deep-invoices', scenario: 'invoices.list, newest first', pageSize: 25, maxPageSize: 200, list: (c, pageSize, cursor) => c.invoices.list.query({ pageSize, cursor }) },
  ];
  const results: Result[] = [];
  for (const c of cases) {
    const cursor = await cursorAfter(ctx.client, c.list, (PAGE - 1) * c.pageSize, c.maxPageSize);
    const deep = await c.list(ctx.client, c.pageSize, cursor);
    if (deep.items.length !== c.pageSize) throw new Error(`${c.id}: page ${PAGE} has ${deep.items.length} rows`);
    const { ours, limit } = await sampleBoth(REQUESTS, () => c.list(ctx.client, c.pageSize, cursor), () => c.list(ctx.client, c.pageSize));
    const ratio = ours.p50 / limit.p50;
    log(`  ${c.id}: page ${PAGE} p50 ${ours.p50.toFixed(2)} ms, page 1 p50 ${limit.p50.toFixed(2)} ms → ${ratio.toFixed(2)}×`);
    results.push({
      id: c.id,
      scenario: `deep page: ${c.scenario}, page ${PAGE} of ${c.pageSize}`,
      ours: { what: `page ${PAGE} by cursor, API`, p50: round(ours.p50, 2), p99: round(ours.p99, 2), throughput: round(ours.throughput) },
      limit: { what: 'page 1, API', p50: round(limit.p50, 2), p99: round(limit.p99, 2), throughput: round(limit.throughput) },
      compares: 'p50',
      ratio: round(ratio, 3),
      goal: 'p50 ≤ 1.2×',
      met: ratio <= 1.2,
    });
  }
  return results;
}
