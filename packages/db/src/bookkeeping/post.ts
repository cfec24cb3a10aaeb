import type { EntityManager } from '@mikro-orm/postgresql';
import { POSTING_TEXT_MAX, type TaxCode } from '@workmate/domain/bookkeeping';
import { berlinDay } from '@workmate/domain/berlin-time';
import { appError } from '@workmate/domain/errors';

/** One line of an entry to post: amount in cents, debit positive, credit negative. */
export interface LineDraft {
  accountId: string;
  amount: bigint;
  taxCode?: TaxCode | null;
  /** A VAT line: `taxCode` says which VAT, `taxBase` the net it was computed on (same sign as the net line). */
  isTax?: boolean;
  taxBase?: bigint | null;
  costCentreId?: string | null;
  /** The invoice, supplier invoice or expense whose open item this line opens or settles. */
  openItemId?: string | null;
}

export interface EntryDraft {
  entryDate: string;
  documentDate?: string | null;
  documentNumber?: string | null;
  description: string;
  lines: LineDraft[];
}

export interface PostedEntry {
  id: string;
  fiscalYear: number;
  entryNumber: number;
}

/** Ids as one Postgres array parameter (`?::uuid[]`): the query builder would spread a JS array into a list. */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}

/** Posting text: one line, at most 60 characters (DATEV's limit). */
export function postingText(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= POSTING_TEXT_MAX ? one : `${one.slice(0, POSTING_TEXT_MAX - 1)}…`;
}

/** Lines with the same account and tax treatment merged, zero lines dropped, in a stable order. */
export function normalizeLines(lines: LineDraft[]): LineDraft[] {
  const merged = new Map<string, LineDraft>();
  for (const l of lines) {
    const key = [l.accountId, l.taxCode ?? '', l.isTax ? 1 : 0, l.costCentreId ?? '', l.openItemId ?? ''].join('|');
    const had = merged.get(key);
    if (had) {
      had.amount += l.amount;
      if (had.isTax) had.taxBase = (had.taxBase ?? 0n) + (l.taxBase ?? 0n);
    } else merged.set(key, { ...l, taxBase: l.isTax ? (l.taxBase ?? 0n) : null });
  }
  return [...merged.values()].filter((l) => l.amount !== 0n);
}

/** Refuses (409 naming `entryDate`) a date in a locked month or closed year; the database refuses it too. */
export async function assertPeriodOpen(tx: EntityManager, entryDate: string): Promise<void> {
  const year = Number(entryDate.slice(0, 4));
  const month = Number(entryDate.slice(5, 7));
  const rows = await tx.execute<Array<{ closed: boolean; locked: boolean }>>(
    `select exists (select 1 from fiscal_years where year = ?) as closed, exists (select 1 from fiscal_periods where year = ? and month = ?) as locked`,
    [year, year, month],
  );
  if (rows[0]?.closed) throw appError('CONFLICT', 'bookkeeping.yearClosed', { year: String(year) }, { field: 'entryDate' });
  if (rows[0]?.locked) throw appError('CONFLICT', 'bookkeeping.periodLocked', { period: entryDate.slice(0, 7) }, { field: 'entryDate' });
}

/**
 * Posts one balanced entry in the caller's transaction. The database gives it the next gap-free
 * number of its fiscal year and checks again, at commit, that it balances.
 */
export async function postEntry(
  tx: EntityManager,
  draft: EntryDraft,
  options: { source?: { type: string; id: string; kind: string }; reversesId?: string; createdBy?: string | null } = {},
): Promise<PostedEntry> {
  const lines = normalizeLines(draft.lines);
  const total = lines.reduce((s, l) => s + l.amount, 0n);
  if (lines.length < 2 || total !== 0n) throw appError('BAD_REQUEST', 'bookkeeping.unbalanced', { difference: String(total) }, { field: 'lines' });
  await assertPeriodOpen(tx, draft.entryDate);
  const [entry] = await tx.execute<Array<{ id: string; fiscal_year: number; entry_number: number }>>(
    `insert into journal_entries (fiscal_year, entry_number, entry_date, document_date, document_number, description, source_type, source_id, kind, reverses_id, created_by)
     values (0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id, fiscal_year, entry_number`,
    [
      draft.entryDate,
      draft.documentDate ?? null,
      draft.documentNumber ? draft.documentNumber.slice(0, 36) : null,
      postingText(draft.description),
      options.source?.type ?? null,
      options.source?.id ?? null,
      options.source?.kind ?? null,
      options.reversesId ?? null,
      options.createdBy ?? null,
    ],
  );
  if (!entry) throw new Error('journal entry insert returned nothing');
  // One statement for all lines; the values travel as one JSON parameter (exact: amounts as strings).
  const rows = lines.map((l, i) => ({
    n: i + 1,
    account_id: l.accountId,
    amount: l.amount.toString(),
    tax_code: l.taxCode ?? null,
    is_tax: Boolean(l.isTax),
    tax_base: l.isTax ? (l.taxBase ?? 0n).toString() : null,
    cost_centre_id: l.costCentreId ?? null,
    open_item_id: l.openItemId ?? null,
  }));
  await tx.execute(
    `insert into journal_lines (entry_id, line_no, account_id, amount, tax_code, is_tax, tax_base, cost_centre_id, open_item_id, fiscal_year, entry_date, entry_number)
     select ?, t.n, t.account_id, t.amount::bigint, t.tax_code, t.is_tax, t.tax_base::bigint, t.cost_centre_id, t.open_item_id, 0, '1970-01-01', 0
     from json_to_recordset(?::json) as t(n int, account_id uuid, amount text, tax_code text, is_tax boolean, tax_base text, cost_centre_id uuid, open_item_id uuid)`,
    [entry.id, JSON.stringify(rows)],
  );
  return { id: entry.id, fiscalYear: entry.fiscal_year, entryNumber: entry.entry_number };
}

interface StoredLine {
  account_id: string;
  amount: string;
  tax_code: TaxCode | null;
  is_tax: boolean;
  tax_base: string | null;
  cost_centre_id: string | null;
  open_item_id: string | null;
}

async function linesOf(tx: EntityManager, entryId: string): Promise<LineDraft[]> {
  const rows = await tx.execute<StoredLine[]>(
    `select account_id, amount::text, tax_code, is_tax, tax_base::text, cost_centre_id, open_item_id from journal_lines where entry_id = ? order by line_no`,
    [entryId],
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    amount: BigInt(r.amount),
    taxCode: r.tax_code,
    isTax: r.is_tax,
    taxBase: r.tax_base === null ? null : BigInt(r.tax_base),
    costCentreId: r.cost_centre_id,
    openItemId: r.open_item_id,
  }));
}

/** Posts the exact mirror of an entry (a Storno), dated `date` (the correction day by default). */
export async function reverseEntry(
  tx: EntityManager,
  entryId: string,
  options: { date?: string; kind?: string; description?: string; createdBy?: string | null } = {},
): Promise<PostedEntry> {
  const [original] = await tx.execute<Array<{ description: string; document_number: string | null; document_date: string | null; source_type: string | null; source_id: string | null }>>(
    `select description, document_number, to_char(document_date, 'YYYY-MM-DD') as document_date, source_type, source_id from journal_entries where id = ?`,
    [entryId],
  );
  if (!original) throw appError('NOT_FOUND', 'record.notFound', { what: 'Journal entry', id: entryId }, { field: 'id' });
  const lines = (await linesOf(tx, entryId)).map((l) => ({ ...l, amount: -l.amount, taxBase: l.isTax ? -(l.taxBase ?? 0n) : null }));
  const source = original.source_type && original.source_id && options.kind ? { type: original.source_type, id: original.source_id, kind: options.kind } : undefined;
  return postEntry(
    tx,
    {
      entryDate: options.date ?? berlinDay(),
      documentDate: original.document_date,
      documentNumber: original.document_number,
      description: options.description ?? `Storno: ${original.description}`,
      lines,
    },
    { reversesId: entryId, ...(source ? { source } : {}), createdBy: options.createdBy ?? null },
  );
}

function sameEntry(a: EntryDraft, b: EntryDraft): boolean {
  const key = (d: EntryDraft) =>
    JSON.stringify([
      d.entryDate,
      postingText(d.description),
      d.documentNumber ?? null,
      normalizeLines(d.lines)
        .map((l) => [l.accountId, l.amount.toString(), l.taxCode ?? null, Boolean(l.isTax), l.isTax ? (l.taxBase ?? 0n).toString() : null, l.costCentreId ?? null, l.openItemId ?? null])
        .map((x) => JSON.stringify(x))
        .sort(),
    ]);
  return key(a) === key(b);
}

/**
 * Keeps the journal in step with one business record's posting (`purpose`, e.g. the payment's
 * receipt): revision N is posted with kind `<purpose>:N`. When the record changes, the current
 * revision is reversed on the correction day (`<purpose>:N:reversal`) and revision N+1 posted;
 * when it is gone (`draft` null) only the reversal. An unchanged record posts nothing, so
 * running this twice for the same state posts once.
 */
export async function syncPosting(
  tx: EntityManager,
  source: { type: string; id: string; purpose: string },
  draft: EntryDraft | null,
  options: { createdBy?: string | null; correctionDate?: string } = {},
): Promise<PostedEntry | null> {
  const rows = await tx.execute<Array<{ id: string; kind: string; entry_date: string; description: string; document_number: string | null; reversed: boolean }>>(
    `select e.id, e.kind, to_char(e.entry_date, 'YYYY-MM-DD') as entry_date, e.description, e.document_number,
            exists (select 1 from journal_entries r where r.reverses_id = e.id) as reversed
     from journal_entries e where e.source_type = ? and e.source_id = ? and e.kind like ? and e.reverses_id is null`,
    [source.type, source.id, `${source.purpose}:%`],
  );
  const revisionOf = (kind: string) => Number(kind.slice(source.purpose.length + 1));
  const revisions = rows.filter((r) => /^\d+$/.test(r.kind.slice(source.purpose.length + 1)));
  const latest = revisions.reduce<(typeof revisions)[number] | null>((best, r) => (!best || revisionOf(r.kind) > revisionOf(best.kind) ? r : best), null);
  const current = latest && !latest.reversed ? latest : null;
  if (current && draft) {
    const posted: EntryDraft = { entryDate: current.entry_date, description: current.description, documentNumber: current.document_number, lines: await linesOf(tx, current.id) };
    if (sameEntry(posted, draft)) return null;
  }
  if (!current && !draft) return null;
  if (current) {
    await reverseEntry(tx, current.id, {
      date: options.correctionDate ?? berlinDay(),
      kind: `${current.kind}:reversal`,
      createdBy: options.createdBy ?? null,
    });
  }
  if (!draft) return null;
  const next = (latest ? revisionOf(latest.kind) : 0) + 1;
  return postEntry(tx, draft, { source: { type: source.type, id: source.id, kind: `${source.purpose}:${next}` }, createdBy: options.createdBy ?? null });
}
