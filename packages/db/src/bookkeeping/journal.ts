import type { EntityManager } from '@mikro-orm/postgresql';
import { fromCents, toCents } from '@workmate/domain/money';
import { appError } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { JournalEntryDto, JournalListInput, ManualEntryInput, ReverseEntryInput } from '@workmate/domain/schemas/bookkeeping';
import { AuditLog } from '../entities/audit-log.ts';
import type { Actor } from '../shared/actor.ts';
import { postEntry, reverseEntry, uuidArray, type LineDraft } from './post.ts';

interface EntryRow {
  id: string;
  fiscal_year: number;
  entry_number: number;
  entry_date: string;
  document_date: string | null;
  document_number: string | null;
  description: string;
  source_type: string | null;
  source_id: string | null;
  kind: string | null;
  reverses_id: string | null;
  reversed_by_id: string | null;
  created_at: Date;
}
interface LineRow {
  entry_id: string;
  line_no: number;
  account_id: string;
  number: number;
  name: string;
  amount: string;
  tax_code: string | null;
  is_tax: boolean;
  tax_base: string | null;
  cost_centre_id: string | null;
  open_item_id: string | null;
}

const ENTRY_COLUMNS = `e.id, e.fiscal_year, e.entry_number, to_char(e.entry_date, 'YYYY-MM-DD') as entry_date, to_char(e.document_date, 'YYYY-MM-DD') as document_date,
  e.document_number, e.description, e.source_type, e.source_id, e.kind, e.reverses_id, (select r.id from journal_entries r where r.reverses_id = e.id) as reversed_by_id, e.created_at`;

async function withLines(em: EntityManager, rows: EntryRow[]): Promise<JournalEntryDto[]> {
  if (rows.length === 0) return [];
  const lines = await em.execute<LineRow[]>(
    `select l.entry_id, l.line_no, l.account_id, a.number, a.name, l.amount::text, l.tax_code, l.is_tax, l.tax_base::text, l.cost_centre_id, l.open_item_id
     from journal_lines l join ledger_accounts a on a.id = l.account_id where l.entry_id = any(?::uuid[]) order by l.entry_id, l.line_no`,
    [uuidArray(rows.map((r) => r.id))],
  );
  const byEntry = new Map<string, LineRow[]>();
  for (const l of lines) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
  return rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    entryNumber: r.entry_number,
    entryDate: r.entry_date,
    documentDate: r.document_date,
    documentNumber: r.document_number,
    description: r.description,
    sourceType: r.source_type,
    sourceId: r.source_id,
    kind: r.kind,
    reversesId: r.reverses_id,
    reversedById: r.reversed_by_id,
    createdAt: new Date(r.created_at).toISOString(),
    lines: (byEntry.get(r.id) ?? []).map((l) => {
      const cents = BigInt(l.amount);
      return {
        lineNo: l.line_no,
        accountId: l.account_id,
        accountNumber: l.number,
        accountName: l.name,
        debit: fromCents(cents > 0n ? cents : 0n),
        credit: fromCents(cents < 0n ? -cents : 0n),
        taxCode: l.tax_code,
        isTax: l.is_tax,
        taxBase: l.tax_base === null ? null : fromCents(BigInt(l.tax_base)),
        costCentreId: l.cost_centre_id,
        openItemId: l.open_item_id,
      };
    }),
  }));
}

/** The journal of a fiscal year in entry-number order, optionally limited to dates, one account or a text. */
export async function listJournal(em: EntityManager, input: JournalListInput): Promise<PageResult<JournalEntryDto>> {
  const where: string[] = ['e.fiscal_year = ?'];
  const params: unknown[] = [input.year];
  if (input.from) (where.push('e.entry_date >= ?'), params.push(input.from));
  if (input.to) (where.push('e.entry_date <= ?'), params.push(input.to));
  if (input.accountId) (where.push('exists (select 1 from journal_lines l where l.entry_id = e.id and l.account_id = ?)'), params.push(input.accountId));
  if (input.search) (where.push(`(e.description ilike ? or e.document_number ilike ?)`), params.push(`%${input.search}%`, `%${input.search}%`));
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*)::text as n from journal_entries e where ${where.join(' and ')}`, params);
  const rows = await em.execute<EntryRow[]>(
    `select ${ENTRY_COLUMNS} from journal_entries e where ${where.join(' and ')} order by e.entry_number limit ? offset ?`,
    [...params, input.pageSize, (input.page - 1) * input.pageSize],
  );
  return { items: await withLines(em, rows), total: Number(count?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function getJournalEntry(em: EntityManager, id: string): Promise<JournalEntryDto> {
  const rows = await em.execute<EntryRow[]>(`select ${ENTRY_COLUMNS} from journal_entries e where e.id = ?`, [id]);
  const [entry] = await withLines(em, rows);
  if (!entry) throw appError('NOT_FOUND', 'record.notFound', { what: 'Journal entry', id }, { field: 'id' });
  return entry;
}

/** The entries posted for a business record (an invoice, payment, expense …), oldest first. */
export async function entriesOfSource(em: EntityManager, sourceId: string): Promise<JournalEntryDto[]> {
  const rows = await em.execute<EntryRow[]>(`select ${ENTRY_COLUMNS} from journal_entries e where e.source_id = ? order by e.fiscal_year, e.entry_number`, [sourceId]);
  return withLines(em, rows);
}

function audit(tx: EntityManager, actor: Actor & { email?: string }, entryId: string, what: Record<string, unknown>) {
  tx.create(AuditLog, { action: 'create', entity: 'JournalEntry', entityId: entryId, actorId: actor.id, actorLabel: actor.email ?? null, changes: { posted: { before: null, after: what } }, at: new Date() });
}

/** A manual entry (Dialogbuchung): accounts must exist and be active; the lines must balance. */
export async function postManualEntry(em: EntityManager, actor: Actor & { email?: string }, input: ManualEntryInput): Promise<JournalEntryDto> {
  const id = await em.transactional(async (tx) => {
    const ids = [...new Set(input.lines.map((l) => l.accountId))];
    const accounts = await tx.execute<Array<{ id: string; active: boolean; role: string | null }>>(`select id, active, role from ledger_accounts where id = any(?::uuid[])`, [uuidArray(ids)]);
    for (const [i, line] of input.lines.entries()) {
      const account = accounts.find((a) => a.id === line.accountId);
      if (!account) throw appError('BAD_REQUEST', 'record.noSuchId', { entity: 'account' }, { field: `lines.${i}.accountId` });
      if (!account.active) throw appError('BAD_REQUEST', 'bookkeeping.accountInactive', {}, { field: `lines.${i}.accountId` });
    }
    const lines: LineDraft[] = input.lines.map((l) => ({
      accountId: l.accountId,
      amount: l.debit && l.debit !== '0.00' ? toCents(l.debit) : -toCents(l.credit ?? '0'),
      taxCode: l.taxCode ?? null,
      costCentreId: l.costCentreId ?? null,
    }));
    // A line with a tax code on a VAT account is that code's VAT; its base is the entry's net lines with the same code.
    for (const [i, line] of lines.entries()) {
      const role = accounts.find((a) => a.id === line.accountId)?.role ?? '';
      if (!line.taxCode || !/^vat(In|Out)/.test(role)) continue;
      const base = lines.filter((other, j) => j !== i && other.taxCode === line.taxCode && !/^vat(In|Out)/.test(accounts.find((a) => a.id === other.accountId)?.role ?? '')).reduce((sum, other) => sum + other.amount, 0n);
      if (base === 0n) throw appError('BAD_REQUEST', 'bookkeeping.taxLineWithoutBase', {}, { field: `lines.${i}.taxCode` });
      line.isTax = true;
      line.taxBase = base;
    }
    const posted = await postEntry(
      tx,
      { entryDate: input.entryDate, documentDate: input.documentDate ?? null, documentNumber: input.documentNumber ?? null, description: input.description, lines },
      { createdBy: actor.id },
    );
    audit(tx, actor, posted.id, { entryNumber: posted.entryNumber, fiscalYear: posted.fiscalYear, entryDate: input.entryDate, description: input.description });
    await tx.flush();
    return posted.id;
  });
  return getJournalEntry(em, id);
}

/** Reverses an entry (Storno) on today's date (Berlin); an entry can be reversed once, a reversal not again. */
export async function reverseJournalEntry(em: EntityManager, actor: Actor & { email?: string }, input: ReverseEntryInput): Promise<JournalEntryDto> {
  const id = await em.transactional(async (tx) => {
    const [row] = await tx.execute<Array<{ id: string; reverses_id: string | null; reversed: boolean; source_id: string | null }>>(
      `select id, reverses_id, exists (select 1 from journal_entries r where r.reverses_id = e.id) as reversed, source_id from journal_entries e where id = ? for update`,
      [input.id],
    );
    if (!row) throw appError('NOT_FOUND', 'record.notFound', { what: 'Journal entry', id: input.id }, { field: 'id' });
    if (row.reversed || row.reverses_id) throw appError('CONFLICT', 'bookkeeping.alreadyReversed', {}, { field: 'id' });
    // Automatic postings follow their business record: correct the invoice, payment or expense instead.
    if (row.source_id) throw appError('CONFLICT', 'bookkeeping.automaticEntry', {}, { field: 'id' });
    const posted = await reverseEntry(tx, input.id, { createdBy: actor.id, ...(input.reason ? { description: input.reason } : {}) });
    audit(tx, actor, posted.id, { reverses: input.id, entryNumber: posted.entryNumber, fiscalYear: posted.fiscalYear });
    await tx.flush();
    return posted.id;
  });
  return getJournalEntry(em, id);
}
