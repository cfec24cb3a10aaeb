import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountType } from '@workmate/domain/bookkeeping';
import { appError } from '@workmate/domain/errors';
import { fromCents, toCents } from '@workmate/domain/money';
import type {
  AccountLedgerDto,
  AccountLedgerInput,
  BalanceSheetDto,
  BalanceSheetInput,
  ProfitAndLossDto,
  ReportRangeInput,
  StatementLine,
  TrialBalanceDto,
} from '@workmate/domain/schemas/bookkeeping-reports';

/**
 * The bookkeeping reports, read straight from journal_lines (integer cents, debit positive).
 * The fiscal year is the calendar year; a year's opening balances are its opening entries
 * (posted by the year-end close of the year before), so a balance never reaches back further
 * than 1 January of its year.
 */

const yearStart = (day: string) => `${day.slice(0, 4)}-01-01`;

interface BalanceRow {
  id: string;
  number: number;
  name: string;
  type: AccountType;
  opening: string;
  debit: string;
  credit: string;
}

/** Per account with postings in the year up to `to`: the balance before `from` and the debits and credits from `from` to `to`. */
async function balances(em: EntityManager, from: string, to: string): Promise<BalanceRow[]> {
  return em.execute<BalanceRow[]>(
    `with sums as (
       select l.account_id,
              coalesce(sum(l.amount) filter (where l.entry_date < ?), 0) as opening,
              coalesce(sum(l.amount) filter (where l.entry_date >= ? and l.amount > 0), 0) as debit,
              coalesce(-sum(l.amount) filter (where l.entry_date >= ? and l.amount < 0), 0) as credit
       from journal_lines l
       where l.entry_date >= ? and l.entry_date <= ?
       group by l.account_id
     )
     select a.id, a.number, a.name, a.type, s.opening::text as opening, s.debit::text as debit, s.credit::text as credit
     from sums s join ledger_accounts a on a.id = s.account_id
     order by a.number`,
    [from, from, from, yearStart(from), to],
  );
}

/** Summen- und Saldenliste: per account opening, debit, credit and closing balance; every total sums to 0 (debit = credit). */
export async function trialBalance(em: EntityManager, input: ReportRangeInput): Promise<TrialBalanceDto> {
  const rows = await balances(em, input.from, input.to);
  const totals = { opening: 0n, debit: 0n, credit: 0n, closing: 0n };
  const out = rows.map((r) => {
    const opening = BigInt(r.opening);
    const debit = BigInt(r.debit);
    const credit = BigInt(r.credit);
    const closing = opening + debit - credit;
    totals.opening += opening;
    totals.debit += debit;
    totals.credit += credit;
    totals.closing += closing;
    return { accountId: r.id, number: r.number, name: r.name, type: r.type, opening: fromCents(opening), debit: fromCents(debit), credit: fromCents(credit), closing: fromCents(closing) };
  });
  return {
    from: input.from,
    to: input.to,
    rows: out,
    totals: { opening: fromCents(totals.opening), debit: fromCents(totals.debit), credit: fromCents(totals.credit), closing: fromCents(totals.closing) },
  };
}

const line = (r: BalanceRow, cents: bigint): StatementLine => ({ accountId: r.id, number: r.number, name: r.name, amount: fromCents(cents) });
const periodNet = (r: BalanceRow) => BigInt(r.debit) - BigInt(r.credit);

/** Gewinn- und Verlustrechnung for the range: revenue (credit) − expense (debit). */
export async function profitAndLoss(em: EntityManager, input: ReportRangeInput): Promise<ProfitAndLossDto> {
  const rows = await balances(em, input.from, input.to);
  const revenue = rows.filter((r) => r.type === 'revenue' && periodNet(r) !== 0n).map((r) => line(r, -periodNet(r)));
  const expense = rows.filter((r) => r.type === 'expense' && periodNet(r) !== 0n).map((r) => line(r, periodNet(r)));
  const sum = (lines: StatementLine[]) => lines.reduce((s, l) => s + toCents(l.amount), 0n);
  const totalRevenue = sum(revenue);
  const totalExpense = sum(expense);
  return { from: input.from, to: input.to, revenue, expense, totalRevenue: fromCents(totalRevenue), totalExpense: fromCents(totalExpense), result: fromCents(totalRevenue - totalExpense) };
}

/**
 * Bilanz on a day: the balance sheet accounts' balances since 1 January (incl. the opening
 * entries). Assets on one side; liabilities, equity and the carried-forward balances plus the
 * year's result on the other. Both sides are equal because every entry balances.
 */
export async function balanceSheet(em: EntityManager, input: BalanceSheetInput): Promise<BalanceSheetDto> {
  const rows = await balances(em, yearStart(input.date), input.date);
  const assets = rows.filter((r) => r.type === 'asset' && periodNet(r) !== 0n).map((r) => line(r, periodNet(r)));
  const passive = rows.filter((r) => (r.type === 'liability' || r.type === 'equity' || r.type === 'carryForward') && periodNet(r) !== 0n).map((r) => line(r, -periodNet(r)));
  const result = -rows.filter((r) => r.type === 'revenue' || r.type === 'expense').reduce((s, r) => s + periodNet(r), 0n);
  const sum = (lines: StatementLine[]) => lines.reduce((s, l) => s + toCents(l.amount), 0n);
  return {
    date: input.date,
    assets,
    liabilitiesAndEquity: passive,
    result: fromCents(result),
    totalAssets: fromCents(sum(assets)),
    totalLiabilitiesAndEquity: fromCents(sum(passive) + result),
  };
}

interface LedgerRow {
  entry_id: string;
  entry_date: string;
  entry_number: number;
  line_no: number;
  document_number: string | null;
  description: string;
  tax_code: string | null;
  amount: string;
  running: string;
}

/**
 * Kontoblatt: the account's lines from `from` to `to` in date, entry and line order, keyset paged
 * on the (account, date, number, line) index, with the running balance from the year's opening.
 */
export async function accountLedger(em: EntityManager, input: AccountLedgerInput): Promise<AccountLedgerDto> {
  const [account] = await em.execute<Array<{ id: string; number: number; name: string; type: AccountType }>>(`select id, number, name, type from ledger_accounts where id = ?`, [input.accountId]);
  if (!account) throw appError('NOT_FOUND', 'record.notFound', { what: 'Account', id: input.accountId }, { field: 'accountId' });
  const [opening] = await em.execute<Array<{ cents: string }>>(
    `select coalesce(sum(amount), 0)::text as cents from journal_lines where account_id = ? and entry_date >= ? and entry_date < ?`,
    [input.accountId, yearStart(input.from), input.from],
  );
  const openingCents = BigInt(opening?.cents ?? '0');
  const [afterDate, afterNumber, afterLine] = input.cursor ? input.cursor.split('~') : [];
  const after = input.cursor ? `and (l.entry_date, l.entry_number, l.line_no) > (?::date, ?::int, ?::smallint)` : '';
  const afterParams = input.cursor ? [afterDate, Number(afterNumber), Number(afterLine)] : [];
  // Balance up to the cursor (index-only over the same index), then the page with a window sum.
  let before = openingCents;
  if (input.cursor) {
    const [row] = await em.execute<Array<{ cents: string }>>(
      `select coalesce(sum(l.amount), 0)::text as cents from journal_lines l
       where l.account_id = ? and l.entry_date >= ? and (l.entry_date, l.entry_number, l.line_no) <= (?::date, ?::int, ?::smallint)`,
      [input.accountId, input.from, ...afterParams],
    );
    before += BigInt(row?.cents ?? '0');
  }
  const rows = await em.execute<LedgerRow[]>(
    `select p.entry_id, to_char(p.entry_date, 'YYYY-MM-DD') as entry_date, p.entry_number, p.line_no, e.document_number, e.description, p.tax_code,
            p.amount::text as amount, (sum(p.amount) over (order by p.entry_date, p.entry_number, p.line_no))::text as running
     from (select l.entry_id, l.entry_date, l.entry_number, l.line_no, l.tax_code, l.amount from journal_lines l
           where l.account_id = ? and l.entry_date >= ? and l.entry_date <= ? ${after}
           order by l.entry_date, l.entry_number, l.line_no limit ?) p
     join journal_entries e on e.id = p.entry_id
     order by p.entry_date, p.entry_number, p.line_no`,
    [input.accountId, input.from, input.to, ...afterParams, input.pageSize + 1],
  );
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    account,
    opening: fromCents(openingCents),
    rows: page.map((r) => {
      const cents = BigInt(r.amount);
      return {
        entryId: r.entry_id,
        entryDate: r.entry_date,
        entryNumber: r.entry_number,
        lineNo: r.line_no,
        documentNumber: r.document_number,
        description: r.description,
        taxCode: r.tax_code,
        debit: fromCents(cents > 0n ? cents : 0n),
        credit: fromCents(cents < 0n ? -cents : 0n),
        balance: fromCents(before + BigInt(r.running)),
      };
    }),
    nextCursor: rows.length > input.pageSize && last ? `${last.entry_date}~${last.entry_number}~${last.line_no}` : null,
  };
}
