import type { EntityManager } from '@mikro-orm/postgresql';
import type { MatchProposal } from '@workmate/domain/bank-matching';
import { notFound } from '@workmate/domain/errors';
import type { BankEntryListInput, BankEntryStatus, BankStatementListInput } from '@workmate/domain/schemas/banking';
import type { PageResult } from '@workmate/domain/schemas/common';
import { dateOnly, moneyText } from '../shared/format.ts';
import { likePattern } from '../shared/versioning.ts';
import { proposalsFor } from './matching.ts';

export interface BankStatementDto {
  id: string;
  fileName: string;
  format: string;
  accountIban: string;
  statementIds: string[];
  openingBalance: string | null;
  closingBalance: string | null;
  /** Closing − opening − the file's entries: "0.00" when it adds up; null without balances (or imported before the check). */
  balanceDifference: string | null;
  firstBookingDate: string | null;
  lastBookingDate: string | null;
  entryCount: number;
  importedCount: number;
  skippedCount: number;
  importedBy: string | null;
  createdAt: string;
}

export interface BankEntryDto {
  id: string;
  statementId: string;
  accountIban: string;
  bankReference: string;
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string | null;
  endToEndId: string | null;
  status: BankEntryStatus;
  invoice: { id: string; number: string } | null;
  paymentId: string | null;
  /** For a matched debit: the refund it became. */
  refundId: string | null;
  /** For a debit that paid a received invoice: that invoice (the supplier's number) and the supplier payment it became. */
  supplierInvoice: { id: string; number: string; supplierName: string } | null;
  supplierPaymentId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
  /** For an open entry: the invoices a credit probably pays; for a debit the overpaid invoices it probably refunds and the received invoices it probably pays (kind); best first. */
  proposals: MatchProposal[];
}

type StatementRow = { id: string; file_name: string; format_version: string; account_iban: string; statement_ids: string[]; opening_balance: string | null; closing_balance: string | null; balance_difference: string | null; first_booking_date: string | null; last_booking_date: string | null; entry_count: number; imported_count: number; skipped_count: number; imported_by: string | null; created_at: Date; total: string };

export async function listBankStatements(em: EntityManager, input: BankStatementListInput): Promise<PageResult<BankStatementDto>> {
  const rows = await em.getConnection().execute<StatementRow[]>(
    `select s.*, e.first_name || ' ' || e.last_name as imported_by, count(*) over () as total
       from bank_statements s left join employees e on e.id = s.imported_by_id
      order by s.created_at desc, s.id desc limit ? offset ?`,
    [input.pageSize, (input.page - 1) * input.pageSize],
  );
  const items = rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    format: r.format_version,
    accountIban: r.account_iban,
    statementIds: r.statement_ids,
    openingBalance: r.opening_balance === null ? null : moneyText(r.opening_balance),
    closingBalance: r.closing_balance === null ? null : moneyText(r.closing_balance),
    balanceDifference: r.balance_difference === null ? null : moneyText(r.balance_difference),
    firstBookingDate: dateOnly(r.first_booking_date),
    lastBookingDate: dateOnly(r.last_booking_date),
    entryCount: r.entry_count,
    importedCount: r.imported_count,
    skippedCount: r.skipped_count,
    importedBy: r.imported_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
  return { items, total: Number(rows[0]?.total ?? 0), page: input.page, pageSize: input.pageSize };
}

type EntryRow = { id: string; statement_id: string; account_iban: string; bank_reference: string; booking_date: string; value_date: string | null; amount: string; currency: string; counterparty_name: string | null; counterparty_iban: string | null; remittance: string | null; end_to_end_id: string | null; status: BankEntryStatus; invoice_id: string | null; invoice_number: string | null; payment_id: string | null; refund_id: string | null; supplier_invoice_id: string | null; supplier_invoice_number: string | null; supplier_name: string | null; supplier_payment_id: string | null; decided_by: string | null; decided_at: Date | null; version: number; total: string };

const ENTRY_SELECT = `select b.*, b.amount::text as amount, b.booking_date::text as booking_date, b.value_date::text as value_date, i.number as invoice_number,
       si.invoice_number as supplier_invoice_number, su.name as supplier_name, e.first_name || ' ' || e.last_name as decided_by, count(*) over () as total
  from bank_entries b left join invoices i on i.id = b.invoice_id left join employees e on e.id = b.decided_by_id
       left join supplier_invoices si on si.id = b.supplier_invoice_id left join suppliers su on su.id = si.supplier_id`;

function toDto(r: EntryRow, proposals: MatchProposal[]): BankEntryDto {
  return {
    id: r.id,
    statementId: r.statement_id,
    accountIban: r.account_iban,
    bankReference: r.bank_reference,
    bookingDate: r.booking_date,
    valueDate: r.value_date,
    amount: moneyText(r.amount),
    currency: r.currency,
    counterpartyName: r.counterparty_name,
    counterpartyIban: r.counterparty_iban,
    remittance: r.remittance,
    endToEndId: r.end_to_end_id,
    status: r.status,
    invoice: r.invoice_id ? { id: r.invoice_id, number: r.invoice_number ?? '' } : null,
    paymentId: r.payment_id,
    refundId: r.refund_id,
    supplierInvoice: r.supplier_invoice_id ? { id: r.supplier_invoice_id, number: r.supplier_invoice_number ?? '', supplierName: r.supplier_name ?? '' } : null,
    supplierPaymentId: r.supplier_payment_id,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    version: r.version,
    proposals,
  };
}

async function withProposals(em: EntityManager, rows: EntryRow[]): Promise<BankEntryDto[]> {
  const proposals = await proposalsFor(em, rows.map((r) => ({ id: r.id, status: r.status, amount: moneyText(r.amount), bookingDate: r.booking_date, remittance: r.remittance, counterpartyName: r.counterparty_name, counterpartyIban: r.counterparty_iban })));
  return rows.map((r) => toDto(r, proposals.get(r.id) ?? []));
}

/** Entries, newest booking first, open ones with their proposals. */
export async function listBankEntries(em: EntityManager, input: BankEntryListInput): Promise<PageResult<BankEntryDto>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status) (where.push('b.status = ?'), params.push(input.status));
  if (input.direction) where.push(input.direction === 'credit' ? 'b.amount > 0' : 'b.amount < 0');
  if (input.statementId) (where.push('b.statement_id = ?'), params.push(input.statementId));
  if (input.search) {
    where.push(`(lower(coalesce(b.counterparty_name, '')) like ? or lower(coalesce(b.counterparty_iban, '')) like ? or lower(coalesce(b.remittance, '')) like ? or lower(b.bank_reference) like ?)`);
    params.push(...Array.from({ length: 4 }, () => likePattern(input.search ?? '')));
  }
  const rows = await em.getConnection().execute<EntryRow[]>(
    `${ENTRY_SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by b.booking_date desc, b.created_at desc, b.id limit ? offset ?`,
    [...params, input.pageSize, (input.page - 1) * input.pageSize],
  );
  return { items: await withProposals(em, rows), total: Number(rows[0]?.total ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function getBankEntry(em: EntityManager, id: string): Promise<BankEntryDto> {
  const [row] = await em.getConnection().execute<EntryRow[]>(`${ENTRY_SELECT} where b.id = ?`, [id]);
  if (!row) throw notFound('BankEntry', id);
  const [dto] = await withProposals(em, [row]);
  return dto as BankEntryDto;
}
