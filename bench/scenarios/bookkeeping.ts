// Bookkeeping reports at 1,000,000 journal lines: the trial balance of a year and the first page
// of an account ledger (from 1 January, and from 1 July with an opening balance to sum), each the
// procedure's SQL (replayed through raw pg) against the raw SQL that reads the same rows (one
// aggregate over the year's lines; one keyset page of the account, after July also the sum of
// the account's lines from January to June).
import type { BenchContext, Client, Result } from '../lib/context.ts';
import { round, sampleBoth } from '../lib/measure.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const ENTRIES = 500_000;
const YEAR = 2025;

/**
 * 500,000 two-line entries (1,000,000 lines) over 2024 and 2025 on the SKR03 accounts, set-based.
 * The journal's row triggers (gap-free numbers, balance check at commit) would cost minutes for
 * a million rows and check nothing a seed needs: the seed fills numbers, years and dates itself
 * with the triggers off for its own session (session_replication_role), and sets the year
 * counters to the last numbers so later postings continue them.
 */
async function seedJournal(ctx: BenchContext, log: (line: string) => void): Promise<void> {
  const { rows } = await ctx.raw.query(`select count(*)::int as n from journal_entries where document_number like 'BENCH-%'`);
  if ((rows[0] as { n: number }).n >= ENTRIES) return;
  const t0 = performance.now();
  await ctx.raw.query('begin');
  try {
    await ctx.raw.query(`set local session_replication_role = replica`);
    await ctx.raw.query(`
      insert into journal_entries (fiscal_year, entry_number, entry_date, document_number, description, posted_txid)
      select extract(year from d)::int, row_number() over (partition by extract(year from d) order by d, g), d, 'BENCH-' || g, 'Benchmark-Buchung ' || g, txid_current()
      from (select g, date '2024-01-01' + (g % 731) as d from generate_series(1, $1) g) s`, [ENTRIES]);
    await ctx.raw.query(`
      with acc as (select array_agg(id order by number) as ids, count(*)::int as k from ledger_accounts where chart = 'SKR03' and type <> 'carryForward')
      insert into journal_lines (entry_id, line_no, account_id, amount, fiscal_year, entry_date, entry_number)
      select e.id, n.line_no, acc.ids[1 + ((e.entry_number * (case when n.line_no = 1 then 7 else 13 end) + n.line_no) % acc.k)],
             case when n.line_no = 1 then 1 else -1 end * (1 + (e.entry_number * 37) % 100000), e.fiscal_year, e.entry_date, e.entry_number
      from journal_entries e cross join (values (1), (2)) n(line_no) cross join acc
      where e.document_number like 'BENCH-%'`);
    await ctx.raw.query(`
      insert into number_counters (series, period, value) select 'journal', fiscal_year, max(entry_number) from journal_entries group by fiscal_year
      on conflict (series, period) do update set value = greatest(number_counters.value, excluded.value)`);
    await ctx.raw.query('commit');
  } catch (error) {
    await ctx.raw.query('rollback');
    throw error;
  }
  await ctx.raw.query('analyze journal_entries; analyze journal_lines');
  log(`  seeded ${(ENTRIES * 2).toLocaleString('en')} journal lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

export async function bookkeepingReports(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  await seedJournal(ctx, log);
  const { rows: [account] } = await ctx.raw.query(`select id, number from ledger_accounts where chart = 'SKR03' and number = 1200`);
  const { rows: [lines] } = await ctx.raw.query(`select count(*)::int as n from journal_lines where account_id = $1 and fiscal_year = $2`, [account.id, YEAR]);
  log(`  account 1200 has ${lines.n.toLocaleString('en')} lines in ${YEAR}`);
  const from = `${YEAR}-01-01`;
  const to = `${YEAR}-12-31`;
  const page = (since: string) => ({
    text: `select l.entry_date, l.entry_number, l.line_no, l.amount, e.document_number, e.description from journal_lines l join journal_entries e on e.id = l.entry_id
           where l.account_id = $1 and l.entry_date >= $2 and l.entry_date <= $3 order by l.entry_date, l.entry_number, l.line_no limit 100`,
    values: [account.id, since, to],
  });
  const july = `${YEAR}-07-01`;
  const cases: Array<{ id: string; scenario: string; call: (c: Client) => Promise<unknown>; raw: Array<{ text: string; values: unknown[] }> }> = [
    {
      id: 'bookkeeping-trial-balance',
      scenario: `bookkeeping.reports.trialBalance: the year ${YEAR} (about 500,000 of 1,000,000 lines)`,
      call: (c) => c.bookkeeping.reports.trialBalance.query({ from, to }),
      raw: [{ text: `select account_id, sum(amount) from journal_lines where entry_date >= $1 and entry_date <= $2 group by account_id`, values: [from, to] }],
    },
    {
      id: 'bookkeeping-account-ledger',
      scenario: `bookkeeping.reports.accountLedger: account 1200, ${YEAR}, first page of 100 (${lines.n.toLocaleString('en')} lines)`,
      call: (c) => c.bookkeeping.reports.accountLedger.query({ accountId: account.id, from, to, pageSize: 100 }),
      raw: [page(from)],
    },
    {
      id: 'bookkeeping-account-ledger-july',
      scenario: `bookkeeping.reports.accountLedger: account 1200, July to December ${YEAR}, first page of 100, after the opening balance of January to June`,
      call: (c) => c.bookkeeping.reports.accountLedger.query({ accountId: account.id, from: july, to, pageSize: 100 }),
      raw: [{ text: `select sum(amount) from journal_lines where account_id = $1 and entry_date >= $2 and entry_date < $3`, values: [account.id, from, july] }, page(july)],
    },
  ];
  const results: Result[] = [];
  for (const c of cases) {
    const statements = await ctx.sqlOf(c.call);
    const sql = await sampleBoth(REQUESTS, () => ctx.replay(statements), async () => {
      for (const q of c.raw) await ctx.raw.query(q.text, q.values);
    });
    const ratio = sql.ours.p50 / sql.limit.p50;
    results.push({
      id: c.id,
      scenario: c.scenario,
      ours: { what: `the procedure's ${statements.length} SQL statement(s) through raw pg`, p50: round(sql.ours.p50, 3), p99: round(sql.ours.p99, 3), throughput: round(sql.ours.throughput) },
      limit: { what: `raw SQL reading the same rows (${c.raw.length} statement(s))`, p50: round(sql.limit.p50, 3), p99: round(sql.limit.p99, 3), throughput: round(sql.limit.throughput) },
      compares: 'p50',
      ratio: round(ratio, 3),
      goal: 'p50 ≤ 1.5×',
      met: ratio <= 1.5,
    });
    log(`  ${c.id}: our SQL p50 ${sql.ours.p50.toFixed(3)} ms, raw SQL p50 ${sql.limit.p50.toFixed(3)} ms → ${ratio.toFixed(2)}×`);
  }
  return results;
}
