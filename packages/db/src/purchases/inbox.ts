import { EVENTS } from '@workmate/domain/events';
import { publishEvent } from '../events/publish.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReceivedEInvoice, SupplierInvoiceFormat, SupplierInvoiceStatus } from '@workmate/domain/einvoice-in';
import { appError, notFound } from '@workmate/domain/errors';
import { fromCents, toCents } from '@workmate/domain/money';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { SupplierInvoiceApproveInput, SupplierInvoiceListInput, SupplierInvoiceRejectInput } from '@workmate/domain/schemas/purchases';
import { Employee } from '../entities/employee.ts';
import { Expense } from '../entities/expense.ts';
import { SupplierInvoice } from '../entities/supplier-invoice.ts';
import { SupplierInvoiceTaxRow } from '../entities/supplier-invoice-tax-row.ts';
import type { Actor } from '../shared/actor.ts';
import { dateOnly, moneyText, personRef } from '../shared/format.ts';
import { checkVersion } from '../shared/versioning.ts';
import { toSupplierDto, type SupplierDto } from '../suppliers/suppliers.ts';
import { supplierSettlement, type SupplierSettlement } from './supplier-payments.ts';

export interface SupplierInvoiceListItem {
  id: string;
  supplier: { id: string; name: string };
  invoiceNumber: string;
  typeCode: string;
  status: SupplierInvoiceStatus;
  format: SupplierInvoiceFormat;
  issueDate: string;
  dueDate: string | null;
  netAmount: string;
  taxAmount: string;
  grossAmount: string;
  dueAmount: string;
  createdAt: string;
  version: number;
}

export interface SupplierInvoiceDetail extends SupplierInvoiceListItem {
  supplierDetails: SupplierDto;
  currency: string;
  buyerReference: string | null;
  specification: string | null;
  lines: ReceivedEInvoice['lines'];
  taxRows: Array<{ category: string; rate: string; netAmount: string; taxAmount: string }>;
  totals: ReceivedEInvoice['totals'];
  original: { fileName: string; mimeType: string; sizeBytes: number; sha256: string; downloadUrl: string };
  expenses: Array<{ id: string; taxRate: number; netAmount: string; taxAmount: string; grossAmount: string }>;
  receivedBy: { id: string; name: string } | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  /** Payments and what is still open (approved invoices; nothing is open before approval). */
  settlement: SupplierSettlement;
}

/** The rates an expense can carry (its check constraint). */
const BOOKABLE_RATES = new Set(['0', '7', '19']);

function toListItem(si: SupplierInvoice): SupplierInvoiceListItem {
  return {
    id: si.id,
    supplier: { id: si.supplier.id, name: si.supplier.name },
    invoiceNumber: si.invoiceNumber,
    typeCode: si.typeCode,
    status: si.status,
    format: si.format,
    issueDate: dateOnly(si.issueDate) as string,
    dueDate: dateOnly(si.dueDate),
    netAmount: moneyText(si.netAmount),
    taxAmount: moneyText(si.taxAmount),
    grossAmount: moneyText(si.grossAmount),
    dueAmount: moneyText(si.dueAmount),
    createdAt: si.createdAt.toISOString(),
    version: si.version,
  };
}

export async function listSupplierInvoices(em: EntityManager, input: SupplierInvoiceListInput): Promise<PageResult<SupplierInvoiceListItem>> {
  const [rows, total] = await em.findAndCount(SupplierInvoice, input.status ? { status: input.status } : {}, {
    populate: ['supplier'],
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: rows.map(toListItem), total, page: input.page, pageSize: input.pageSize };
}

async function findSupplierInvoice(em: EntityManager, id: string, lock = false): Promise<SupplierInvoice> {
  if (lock) await em.execute('select 1 from supplier_invoices where id = ? for update', [id]);
  const si = await em.findOne(SupplierInvoice, { id }, { populate: ['supplier', 'document', 'receivedBy', 'decidedBy'], refresh: lock });
  if (!si) throw notFound('Supplier invoice', id);
  return si;
}

export async function getSupplierInvoice(em: EntityManager, id: string): Promise<SupplierInvoiceDetail> {
  const si = await findSupplierInvoice(em, id);
  const [rows, expenses, settlement] = await Promise.all([
    em.find(SupplierInvoiceTaxRow, { supplierInvoice: si.id }, { orderBy: { rate: 'desc', category: 'asc' } }),
    em.find(Expense, { supplierInvoice: si.id }, { orderBy: { taxRate: 'desc' } }),
    supplierSettlement(em, si.id),
  ]);
  return {
    ...toListItem(si),
    supplierDetails: toSupplierDto(si.supplier),
    currency: si.currency,
    buyerReference: si.buyerReference ?? null,
    specification: si.parsed.specification,
    lines: si.parsed.lines,
    taxRows: rows.map((r) => ({ category: r.category, rate: String(r.rate).replace(/\.?0+$/, ''), netAmount: moneyText(r.netAmount), taxAmount: moneyText(r.taxAmount) })),
    totals: si.parsed.totals,
    original: { fileName: si.document.fileName, mimeType: si.document.mimeType, sizeBytes: si.document.sizeBytes, sha256: si.document.sha256, downloadUrl: `/api/purchases/einvoices/${si.id}/original` },
    expenses: expenses.map((e) => ({ id: e.id, taxRate: Number(e.taxRate), netAmount: moneyText(e.netAmount), taxAmount: moneyText(e.taxAmount), grossAmount: moneyText(e.grossAmount) })),
    receivedBy: personRef(si.receivedBy),
    decidedBy: personRef(si.decidedBy),
    decidedAt: si.decidedAt?.toISOString() ?? null,
    rejectionReason: si.rejectionReason ?? null,
    settlement,
  };
}

function refuseDecided(si: SupplierInvoice) {
  if (si.status !== 'draft') throw appError('CONFLICT', 'supplierInvoice.notDraft', { status: si.status }, { field: 'id' });
}

/**
 * Books a draft: one expense per VAT rate (an expense carries one rate), dated on the invoice's
 * issue date, recorded for the person approving, linked back to the supplier invoice; its net and
 * tax are the invoice's own (already checked to add up). Credit notes are not booked as expenses.
 */
export async function approveSupplierInvoice(em: EntityManager, actor: Actor, input: SupplierInvoiceApproveInput): Promise<SupplierInvoiceDetail> {
  await em.transactional(async (tx) => {
    const si = await findSupplierInvoice(tx, input.id, true);
    checkVersion(si, input.version, 'supplier invoice');
    refuseDecided(si);
    if (si.typeCode === '381') throw appError('CONFLICT', 'supplierInvoice.creditNoteNotBookable', {}, { field: 'id' });
    const rows = await tx.find(SupplierInvoiceTaxRow, { supplierInvoice: si.id }, { orderBy: { rate: 'desc' } });
    const employee = tx.getReference(Employee, actor.id);
    for (const row of rows) {
      const rate = String(row.rate).replace(/\.?0+$/, '') || '0';
      if (!BOOKABLE_RATES.has(rate)) throw appError('CONFLICT', 'supplierInvoice.rateNotBookable', { rate }, { field: 'id' });
      const net = moneyText(row.netAmount);
      const tax = moneyText(row.taxAmount);
      tx.create(Expense, {
        employee,
        category: 'other',
        title: `${si.supplier.name} ${si.invoiceNumber} (${rate} %)`.slice(0, 200),
        description: null,
        netAmount: net,
        taxRate: Number(rate),
        taxAmount: tax,
        grossAmount: fromCents(toCents(net) + toCents(tax)),
        expenseDate: dateOnly(si.issueDate) as string,
        supplierInvoice: si,
        billable: false,
        reimbursed: false,
      });
    }
    si.status = 'approved';
    si.decidedBy = employee;
    si.decidedAt = new Date();
    await tx.flush();
    await publishEvent(tx, EVENTS.supplierInvoiceApproved, { supplierInvoiceId: si.id });
    await tx.flush();
  });
  return getSupplierInvoice(em, input.id);
}

export async function rejectSupplierInvoice(em: EntityManager, actor: Actor, input: SupplierInvoiceRejectInput): Promise<SupplierInvoiceDetail> {
  await em.transactional(async (tx) => {
    const si = await findSupplierInvoice(tx, input.id, true);
    checkVersion(si, input.version, 'supplier invoice');
    refuseDecided(si);
    si.status = 'rejected';
    si.decidedBy = tx.getReference(Employee, actor.id);
    si.decidedAt = new Date();
    si.rejectionReason = input.reason ?? null;
    await tx.flush();
  });
  return getSupplierInvoice(em, input.id);
}

/** Where the original file of a supplier invoice is stored, for the download. */
export async function findOriginal(em: EntityManager, id: string): Promise<{ fileName: string; mimeType: string; sha256: string; storageKey: string }> {
  const si = await findSupplierInvoice(em, id);
  return { fileName: si.document.fileName, mimeType: si.document.mimeType, sha256: si.document.sha256, storageKey: si.document.storageKey };
}
