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

interface LedgerHead {
  id: string;
  number: number;
  name: string;
  type: AccountType;
  opening: string;
  before: string;
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
}

/**
 * Kontoblatt: the account's lines from `from` to `to` in date, entry and line order, keyset paged
 * on the (account, date, number, line) index, with the running balance from the year's opening.
 *
 * Two statements. The head: the account, its opening balance (1 January up to `from`) and the
 * balance before the page (the opening plus the lines before the cursor), both summed over the
 * same index without the table; on the first page of a range that starts on 1 January both are 0
 * by definition and the head reads only the account. The page: the lines joined to their entries,
 * which is the plan of a plain keyset page; the running balance is added up here, in cents.
 */
export async function accountLedger(em: EntityManager, input: AccountLedgerInput): Promise<AccountLedgerDto> {
  const [afterDate, afterNumber, afterLine] = input.cursor ? input.cursor.split('~') : [];
  const cursorParams = input.cursor ? [afterDate, Number(afterNumber), Number(afterLine)] : [];
  const nothingBefore = input.from === yearStart(input.from) && !input.cursor;
  const [head] = nothingBefore
    ? await em.execute<LedgerHead[]>(`select id, number, name, type, '0' as opening, '0' as before from ledger_accounts where id = ?`, [input.accountId])
    : await em.execute<LedgerHead[]>(
        `select a.id, a.number, a.name, a.type, s.opening::text as opening, s.before::text as before
         from ledger_accounts a,
              (select coalesce(sum(l.amount) filter (where l.entry_date < ?), 0) as opening, coalesce(sum(l.amount), 0) as before
               from journal_lines l
               where l.account_id = ? and l.entry_date >= ?
                 and (l.entry_date < ? ${input.cursor ? 'or (l.entry_date, l.entry_number, l.line_no) <= (?::date, ?::int, ?::smallint)' : ''})) s
         where a.id = ?`,
        [input.from, input.accountId, yearStart(input.from), input.from, ...cursorParams, input.accountId],
      );
  if (!head) throw appError('NOT_FOUND', 'record.notFound', { what: 'Account', id: input.accountId }, { field: 'accountId' });
  const lines = await em.execute<LedgerRow[]>(
    `select l.entry_id, to_char(l.entry_date, 'YYYY-MM-DD') as entry_date, l.entry_number, l.line_no, e.document_number, e.description, l.tax_code, l.amount::text as amount
     from journal_lines l join journal_entries e on e.id = l.entry_id
     where l.account_id = ? and l.entry_date >= ? and l.entry_date <= ?
       ${input.cursor ? 'and (l.entry_date, l.entry_number, l.line_no) > (?::date, ?::int, ?::smallint)' : ''}
     order by l.entry_date, l.entry_number, l.line_no limit ?`,
    [input.accountId, input.from, input.to, ...cursorParams, input.pageSize + 1],
  );
  const account = { id: head.id, number: head.number, name: head.name, type: head.type };
  const openingCents = BigInt(head.opening);
  let balance = BigInt(head.before);
  const page = lines.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    account,
    opening: fromCents(openingCents),
    rows: page.map((r) => {
      const cents = BigInt(r.amount);
      balance += cents;
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
        balance: fromCents(balance),
      };
    }),
    nextCursor: lines.length > input.pageSize && last ? `${last.entry_date}~${last.entry_number}~${last.line_no}` : null,
  };
}
