import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, appError } from '@workmate/domain/errors';
import type { CursorPageResult } from '@workmate/domain/schemas/common';
import type { InvoiceListInput } from '@workmate/domain/schemas/invoices';
import { AuditLog } from '../entities/audit-log.ts';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import { Payment } from '../entities/payment.ts';
import { Refund } from '../entities/refund.ts';
import { overpaidAfterCredits } from '@workmate/domain/credit-notes';
import { keysetAfterSql, keysetOrderSql, keysetSelectSql, pageLimitSql, pageWithCursor, type KeysetSort } from '../shared/keyset.ts';
import { likePattern } from '../shared/versioning.ts';
import { hotRead } from '../shared/hot-read.ts';
import type { DocumentRefDto, InvoiceDto, InvoiceListItemDto, PaymentDto, RefundDto } from './dto.ts';
import { dateOnly, moneyText, personName } from '../shared/format.ts';
import { outstandingOf, priceText, quantityText, taxRateOf } from './mapping.ts';
import { skontoFields } from './skonto.ts';

const POPULATE = ['customer', 'project', 'responsible'] as const;

/** Loads a document for a change, its row locked until the transaction ends. */
export async function lockInvoice(em: EntityManager, id: string): Promise<Invoice> {
  const invoice = await em.findOne(Invoice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!invoice) throw notFound('Invoice', id);
  return invoice;
}

/** Refuses any change of a finalized document (the database trigger refuses it as well). */
export function requireDraft(invoice: Invoice, action: string) {
  if (invoice.status !== 'draft') {
    throw appError('CONFLICT', 'invoice.finalizedNoChange', { number: invoice.number ?? 'This document', action }, { field: 'id' });
  }
}

export function toPaymentDto(p: Payment): PaymentDto {
  const by = p.createdBy;
  return {
    id: p.id,
    invoiceId: p.invoice.id,
    amount: moneyText(p.amount),
    paymentDate: dateOnly(p.paymentDate) as string,
    method: p.method,
    reference: p.reference ?? null,
    notes: p.notes ?? null,
    createdBy: by ? { id: by.id, name: personName(by) as string } : null,
    skontoAmount: p.skontoAmount == null ? null : moneyText(p.skontoAmount),
    skontoVat: p.skontoVat ?? [],
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

export function toRefundDto(r: Refund): RefundDto {
  const by = r.createdBy;
  return {
    id: r.id,
    invoiceId: r.invoice.id,
    amount: moneyText(r.amount),
    refundDate: dateOnly(r.refundDate) as string,
    method: r.method,
    reference: r.reference ?? null,
    notes: r.notes ?? null,
    createdBy: by ? { id: by.id, name: personName(by) as string } : null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listPayments(em: EntityManager, invoiceId: string): Promise<PaymentDto[]> {
  if (!(await em.count(Invoice, { id: invoiceId }))) throw notFound('Invoice', invoiceId);
  const rows = await em.find(Payment, { invoice: invoiceId }, { orderBy: { paymentDate: 'asc', createdAt: 'asc' }, populate: ['createdBy'] });
  return rows.map(toPaymentDto);
}

const ref = (i: Invoice | null | undefined): DocumentRefDto | null =>
  i ? { id: i.id, type: i.type, number: i.number ?? null, status: i.status, issueDate: dateOnly(i.issueDate) } : null;

export async function getInvoice(em: EntityManager, id: string): Promise<InvoiceDto> {
  const inv = await em.findOne(Invoice, { id }, { populate: POPULATE, refresh: true });
  if (!inv) throw notFound('Invoice', id);
  const [lines, counts, payments, refunds, related, history] = await Promise.all([
    em.find(InvoiceLine, { invoice: id }, { orderBy: { position: 'asc' }, refresh: true }),
    em.execute<Array<{ invoice_line_id: string; n: string }>>(
      `select e.invoice_line_id, count(*) as n from time_entries e join invoice_lines l on l.id = e.invoice_line_id where l.invoice_id = ? group by e.invoice_line_id`,
      [id],
    ),
    em.find(Payment, { invoice: id }, { orderBy: { paymentDate: 'asc', createdAt: 'asc' }, populate: ['createdBy'], refresh: true }),
    em.find(Refund, { invoice: id }, { orderBy: { refundDate: 'asc', createdAt: 'asc' }, populate: ['createdBy'], refresh: true }),
    em.find(
      Invoice,
      {
        $or: [
          { id: { $in: [inv.cancelsId, inv.correctsId, inv.sourceQuoteId, inv.creditsId, inv.basisQuoteId].filter((v): v is string => !!v) } },
          { cancelsId: id },
          { correctsId: id },
          { sourceQuoteId: id },
          { creditsId: id },
        ],
      },
      { refresh: true },
    ),
    em.find(
      AuditLog,
      {
        $or: [
          { entity: 'invoice', entityId: id },
          { entity: 'payment', entityId: { $in: await paymentIdsEver(em, id) } },
          { entity: 'refund', entityId: { $in: await paymentIdsEver(em, id, 'refund') } },
          // Emailing it (issue 14): the request and what became of it.
          { entity: 'invoiceSend', entityId: { $in: await sendIdsOf(em, id) } },
        ],
      },
      { orderBy: { at: 'desc', id: 'desc' }, limit: 100 },
    ),
  ]);
  const lineCounts = new Map(counts.map((c) => [c.invoice_line_id, Number(c.n)]));
  const skonto = skontoFields(inv, payments);
  const byId = (rid: string | null | undefined) => related.find((r) => r.id === rid) ?? null;
  const r = inv.responsible;
  const project = inv.project;
  return {
    id: inv.id,
    type: inv.type,
    status: inv.status,
    number: inv.number ?? null,
    customer: { id: inv.customer.id, name: inv.customer.name, customerNumber: inv.customer.customerNumber, vatId: inv.customer.vatId ?? null },
    project: project ? { id: project.id, projectNumber: project.projectNumber, title: project.title } : null,
    responsible: r ? { id: r.id, name: personName(r) as string } : null,
    language: inv.language,
    reverseCharge: inv.reverseCharge,
    taxCase: inv.taxCase,
    issueDate: dateOnly(inv.issueDate),
    serviceDate: dateOnly(inv.serviceDate),
    servicePeriodFrom: dateOnly(inv.servicePeriodFrom),
    servicePeriodTo: dateOnly(inv.servicePeriodTo),
    paymentTermsDays: inv.paymentTermsDays,
    dueDate: dateOnly(inv.dueDate),
    validUntil: dateOnly(inv.validUntil),
    introText: inv.introText ?? null,
    paymentTerms: inv.paymentTerms ?? null,
    footerText: inv.footerText ?? null,
    notes: inv.notes ?? null,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      description: l.description,
      quantity: quantityText(l.quantity),
      unit: l.unit,
      unitPrice: priceText(l.unitPrice),
      taxRate: taxRateOf(l.taxRate),
      netAmount: moneyText(l.netAmount),
      timeEntryCount: lineCounts.get(l.id) ?? 0,
      articleId: l.articleId ?? null,
    })),
    taxBreakdown: inv.taxBreakdown,
    netTotal: moneyText(inv.netTotal),
    taxTotal: moneyText(inv.taxTotal),
    grossTotal: moneyText(inv.grossTotal),
    paidAmount: moneyText(inv.paidAmount),
    outstandingAmount: outstandingOf(inv.type, inv.status, inv.grossTotal, inv.paidAmount, inv.creditedAmount),
    ...skonto,
    seller: inv.seller ?? null,
    buyer: inv.buyer ?? null,
    cancels: ref(byId(inv.cancelsId)),
    cancelledBy: ref(related.find((x) => x.cancelsId === id)),
    corrects: ref(byId(inv.correctsId)),
    correctedBy: related.filter((x) => x.correctsId === id).map((x) => ref(x) as DocumentRefDto),
    sourceQuote: ref(byId(inv.sourceQuoteId)),
    convertedTo: ref(related.find((x) => x.sourceQuoteId === id)),
    cancellationReason: inv.cancellationReason ?? null,
    kind: inv.kind,
    creditedAmount: moneyText(inv.creditedAmount),
    credits: ref(byId(inv.creditsId)),
    creditNotes: related.filter((x) => x.creditsId === id).map((x) => ({ ...(ref(x) as DocumentRefDto), grossTotal: moneyText(x.grossTotal) })),
    basisQuote: ref(byId(inv.basisQuoteId)),
    deductions: inv.deductions ?? null,
    finalizedAt: inv.finalizedAt?.toISOString() ?? null,
    sentAt: inv.sentAt?.toISOString() ?? null,
    paidAt: inv.paidAt?.toISOString() ?? null,
    cancelledAt: inv.cancelledAt?.toISOString() ?? null,
    hasPdf: Boolean(inv.pdfDocument),
    payments: payments.map(toPaymentDto),
    refunds: refunds.map(toRefundDto),
    refundableAmount:
      inv.type === 'invoice' && inv.status !== 'draft' && inv.status !== 'cancelled'
        ? overpaidAfterCredits(moneyText(inv.grossTotal), moneyText(inv.creditedAmount), moneyText(inv.paidAmount), skonto.skontoGranted)
        : '0.00',
    history: history.map((h) => ({ at: h.at.toISOString(), actorLabel: h.actorLabel ?? null, action: h.action, entity: h.entity, changes: h.changes })),
    createdAt: inv.createdAt.toISOString(),
    updatedAt: inv.updatedAt.toISOString(),
    version: inv.version,
  };
}

/** Payments (or refunds) recorded on an invoice, deleted ones included (their audit rows name the invoice). */
async function paymentIdsEver(em: EntityManager, invoiceId: string, entity: 'payment' | 'refund' = 'payment'): Promise<string[]> {
  const rows = await em.execute<Array<{ entity_id: string }>>(
    `select distinct entity_id from audit_log where entity = ? and action = 'create' and changes->'invoice'->>'after' = ?`,
    [entity, invoiceId],
  );
  return rows.map((r) => r.entity_id);
}

/** The email send requests of a document (they are never deleted but with it). */
async function sendIdsOf(em: EntityManager, invoiceId: string): Promise<string[]> {
  const rows = await em.execute<Array<{ id: string }>>(`select id from invoice_sends where invoice_id = ?`, [invoiceId]);
  return rows.map((r) => r.id);
}

export async function getInvoiceByNumber(em: EntityManager, number: string): Promise<InvoiceDto> {
  const found = await em.findOne(Invoice, { number });
  if (!found) throw appError('NOT_FOUND', 'invoice.noSuchNumber', { number }, { field: 'number' });
  return getInvoice(em, found.id);
}

// Drafts have no number or dates: they go last either way (`filler` is any value of the type).
// The tie-breakers run the same way as the sort, so an index serves the order.
const SORTS: Record<InvoiceListInput['sort'], KeysetSort> = {
  number: { value: 'i.number', type: 'varchar', nulls: { place: 'last', filler: `''` }, ties: ['i.id'] },
  issueDate: { value: 'i.issue_date', type: 'date', nulls: { place: 'last', filler: `'2000-01-01'::date` }, ties: ['i.id'] },
  dueDate: { value: 'i.due_date', type: 'date', nulls: { place: 'last', filler: `'2000-01-01'::date` }, ties: ['i.id'] },
  grossTotal: { value: 'i.gross_total', type: 'numeric', ties: ['i.id'] },
  // A customer's documents stay together (then by id): the customers' name index drives the join.
  customer: { value: 'c.name', type: 'varchar', ties: ['c.id', 'i.id'], outerPrefix: 2 },
  createdAt: { value: 'i.created_at', type: 'timestamptz', ties: ['i.id'] },
};

/** Filtered, sorted page of documents and their count, in one SQL statement (two for a page past the end). */
export async function listInvoices(em: EntityManager, input: InvoiceListInput): Promise<CursorPageResult<InvoiceListItemDto>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status?.length) {
    where.push('i.status in (?)');
    params.push(input.status);
  }
  if (input.type) {
    where.push('i.type = ?');
    params.push(input.type);
  } else if (!input.includeQuotes) {
    // Quotes are no invoices: they have their own list and only come with the others when asked for.
    where.push(`i.type <> 'quote'`);
  }
  if (input.customerId) {
    where.push('i.customer_id = ?');
    params.push(input.customerId);
  }
  if (input.projectId) {
    where.push('i.project_id = ?');
    params.push(input.projectId);
  }
  // Drafts have no issue date yet: they are dated by the day they were created.
  const day = `coalesce(i.issue_date, (i.created_at at time zone 'Europe/Berlin')::date)`;
  if (input.from) {
    where.push(`${day} >= ?::date`);
    params.push(input.from);
  }
  if (input.to) {
    where.push(`${day} <= ?::date`);
    params.push(input.to);
  }
  if (input.search) {
    // The matches are collected first (the number's trigram index, the customers' search text), then sorted:
    // a search finds few documents, and scanning all of them in list order to find those is what is slow.
    where.push(
      `i.id = any(array(select x.id from invoices x where lower(x.number) like ?
                        union select x.id from invoices x where x.customer_id = any(array(select sc.id from customers sc where sc.search_text like ?))))`,
    );
    params.push(likePattern(input.search), likePattern(input.search));
  }
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const dir = input.direction === 'asc' ? 'asc' : 'desc';
  const sort = SORTS[input.sort];
  const limit = pageLimitSql(input);
  // With a cursor the page starts after it (an index range, however deep); otherwise at `page`.
  const after = input.cursor ? keysetAfterSql(sort, dir, input.cursor.key) : null;
  const pageWhere = after ? `${whereSql ? `${whereSql} and` : 'where'} ${after.sql}` : whereSql;
  // The count rides along with the page as a subquery Postgres runs once: one statement, one
  // connection and one round trip a page instead of two. Only a page with no rows (past the end)
  // asks for the count on its own.
  const found = await hotRead<
    {
      id: string;
      type: InvoiceListItemDto['type'];
      kind: InvoiceListItemDto['kind'];
      status: InvoiceListItemDto['status'];
      number: string | null;
      customer_id: string;
      customer_name: string;
      project_id: string | null;
      project_number: string | null;
      project_title: string | null;
      issue_date: string | null;
      due_date: string | null;
      net_total: string;
      gross_total: string;
      paid_amount: string;
      credited_amount: string;
      created_at: Date;
      total_rows: string;
    } & Record<string, unknown>
  >(
    em,
    `select i.id, i.type, i.kind, i.status, i.number, i.customer_id, c.name as customer_name, i.project_id, p.project_number, p.title as project_title,
            i.issue_date::text as issue_date, i.due_date::text as due_date, i.net_total, i.gross_total, i.paid_amount, i.credited_amount, i.created_at,
            ${keysetSelectSql(sort)}, (select count(*) from invoices i ${whereSql}) as total_rows
       from invoices i join customers c on c.id = i.customer_id left join projects p on p.id = i.project_id
       ${pageWhere} order by ${keysetOrderSql(sort, dir)} ${limit.sql}`,
    [...params, ...params, ...(after ? after.params : []), ...limit.params],
  );
  const total = found.length
    ? Number(found[0]?.total_rows)
    : Number((await em.execute<Array<{ n: string }>>(`select count(*) as n from invoices i ${whereSql}`, params))[0]?.n ?? 0);
  const { rows, nextCursor } = pageWithCursor(found, input.pageSize, input.sort, sort, dir);
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      kind: r.kind,
      status: r.status,
      number: r.number,
      customer: { id: r.customer_id, name: r.customer_name },
      project: r.project_id ? { id: r.project_id, projectNumber: r.project_number ?? '', title: r.project_title ?? '' } : null,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      netTotal: moneyText(r.net_total),
      grossTotal: moneyText(r.gross_total),
      paidAmount: moneyText(r.paid_amount),
      outstandingAmount: outstandingOf(r.type, r.status, r.gross_total, r.paid_amount, r.credited_amount),
      createdAt: new Date(r.created_at).toISOString(),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    nextCursor,
  };
}
