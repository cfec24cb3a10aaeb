import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { appError, notFound } from '@workmate/domain/errors';
import { EVENTS } from '@workmate/domain/events';
import type { TaxRate } from '@workmate/domain/enums';
import { fromCents, toCents } from '@workmate/domain/money';
import type { SupplierPaymentRecordInput } from '@workmate/domain/schemas/purchases';
import { skontoVatRows } from '@workmate/domain/skonto';
import { Employee } from '../entities/employee.ts';
import { SupplierPayment } from '../entities/supplier-payment.ts';
import { publishEvent } from '../events/publish.ts';
import type { Actor } from '../shared/actor.ts';
import { dateOnly, moneyText, personRef } from '../shared/format.ts';

export interface SupplierPaymentDto {
  id: string;
  amount: string;
  paymentDate: string;
  method: 'bank' | 'cash';
  reference: string | null;
  skontoAmount: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

/** What was paid on a received invoice, and what is still open: gross (as booked) − payments − Skonto received. */
export interface SupplierSettlement {
  paidAmount: string;
  skontoAmount: string;
  openAmount: string;
  payments: SupplierPaymentDto[];
}

/** The booked gross of a received invoice: its expenses (one per VAT rate), as the creditor account has it. */
async function bookedRows(tx: EntityManager, supplierInvoiceId: string): Promise<Array<{ taxRate: TaxRate; netAmount: string; taxAmount: string }>> {
  const rows = await tx.execute<Array<{ tax_rate: number; net: string; tax: string }>>(
    `select tax_rate, sum(net_amount)::text as net, sum(tax_amount)::text as tax from expenses where supplier_invoice_id = ? group by tax_rate order by tax_rate desc`,
    [supplierInvoiceId],
  );
  return rows.map((r) => ({ taxRate: Number(r.tax_rate) as TaxRate, netAmount: moneyText(r.net), taxAmount: moneyText(r.tax) }));
}

/** Gross booked less payments and Skonto received, in cents. */
async function openCents(tx: EntityManager, supplierInvoiceId: string): Promise<bigint> {
  const [row] = await tx.execute<Array<{ gross: string; settled: string }>>(
    `select (select coalesce(sum(gross_amount), 0) from expenses where supplier_invoice_id = ?)::numeric(14,2)::text as gross,
            (select coalesce(sum(amount + coalesce(skonto_amount, 0)), 0) from supplier_payments where supplier_invoice_id = ?)::numeric(14,2)::text as settled`,
    [supplierInvoiceId, supplierInvoiceId],
  );
  return toCents(moneyText(row?.gross ?? '0')) - toCents(moneyText(row?.settled ?? '0'));
}

export async function supplierSettlement(em: EntityManager, supplierInvoiceId: string): Promise<SupplierSettlement> {
  const payments = await em.find(SupplierPayment, { supplierInvoice: supplierInvoiceId }, { populate: ['createdBy'], orderBy: [{ paymentDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  const paid = payments.reduce((s, p) => s + toCents(moneyText(p.amount)), 0n);
  const skonto = payments.reduce((s, p) => s + toCents(moneyText(p.skontoAmount ?? '0')), 0n);
  return {
    paidAmount: fromCents(paid),
    skontoAmount: fromCents(skonto),
    openAmount: fromCents(await openCents(em, supplierInvoiceId)),
    payments: payments.map((p) => ({
      id: p.id,
      amount: moneyText(p.amount),
      paymentDate: dateOnly(p.paymentDate) as string,
      method: p.method,
      reference: p.reference ?? null,
      skontoAmount: p.skontoAmount == null ? null : moneyText(p.skontoAmount),
      createdBy: personRef(p.createdBy),
      createdAt: p.createdAt.toISOString(),
    })),
  };
}

/** Locks the received invoice's row, so payments of one invoice queue and each sees the ones before it. */
async function lockApproved(tx: EntityManager, supplierInvoiceId: string): Promise<void> {
  const [si] = await tx.execute<Array<{ status: string; invoice_number: string }>>(`select status, invoice_number from supplier_invoices where id = ? for update`, [supplierInvoiceId]);
  if (!si) throw notFound('Supplier invoice', supplierInvoiceId);
  if (si.status !== 'approved') throw appError('CONFLICT', 'supplierInvoice.notPayable', { status: si.status }, { field: 'supplierInvoiceId' });
}

/**
 * Records a payment of an approved received invoice, in one transaction with its posting (the
 * event's in-transaction subscriber): Dr creditor / Cr bank or cash, and with Skonto received
 * Cr Skonto received per rate and Cr input VAT (the correction). Amount plus Skonto never
 * exceed what is open; the Skonto is split over the invoice's VAT rates by their gross.
 */
export async function recordSupplierPayment(em: EntityManager, actor: Actor | null, input: SupplierPaymentRecordInput): Promise<SupplierSettlement> {
  await em.transactional((tx) => addSupplierPayment(tx, actor, input));
  return supplierSettlement(em, input.supplierInvoiceId);
}

/** recordSupplierPayment inside the caller's transaction (a bank entry confirmed as this payment); the new payment's id. */
export async function addSupplierPayment(tx: EntityManager, actor: Actor | null, input: SupplierPaymentRecordInput): Promise<string> {
  if (input.paymentDate > berlinDay(new Date())) throw appError('BAD_REQUEST', 'invoice.paymentInFuture', {}, { field: 'paymentDate' });
  await lockApproved(tx, input.supplierInvoiceId);
  const open = await openCents(tx, input.supplierInvoiceId);
  if (open <= 0n) throw appError('CONFLICT', 'supplierInvoice.alreadyPaid', {}, { field: 'supplierInvoiceId' });
  const amount = toCents(input.amount);
  const skonto = input.skontoAmount ? toCents(input.skontoAmount) : 0n;
  if (amount > open) throw appError('CONFLICT', 'supplierInvoice.paymentExceedsOpen', { amount: input.amount, open: fromCents(open) }, { field: 'amount' });
  if (amount + skonto > open) throw appError('CONFLICT', 'supplierInvoice.paymentExceedsOpen', { amount: fromCents(amount + skonto), open: fromCents(open) }, { field: 'skontoAmount' });
  const skontoVat = skonto > 0n ? skontoVatRows(fromCents(skonto), await bookedRows(tx, input.supplierInvoiceId)) : null;
  const payment = tx.create(SupplierPayment, {
    supplierInvoice: input.supplierInvoiceId,
    amount: input.amount,
    paymentDate: input.paymentDate,
    method: input.method,
    reference: input.reference ?? null,
    skontoAmount: skonto > 0n ? fromCents(skonto) : null,
    skontoVat,
    createdBy: actor ? tx.getReference(Employee, actor.id) : null,
  });
  await tx.flush();
  await publishEvent(tx, EVENTS.supplierPaymentRecorded, { supplierPaymentId: payment.id, supplierInvoiceId: input.supplierInvoiceId });
  await tx.flush();
  return payment.id;
}

/** Deletes a supplier payment; its posting is reversed on the correction day (audited like every change). */
export async function deleteSupplierPayment(em: EntityManager, id: string): Promise<SupplierSettlement> {
  const supplierInvoiceId = await em.transactional(async (tx) => {
    const found = await tx.findOne(SupplierPayment, { id });
    if (!found) throw notFound('Supplier payment', id);
    const siId = found.supplierInvoice.id;
    await lockApproved(tx, siId);
    tx.remove(found);
    await tx.flush();
    await publishEvent(tx, EVENTS.supplierPaymentDeleted, { supplierPaymentId: id, supplierInvoiceId: siId });
    await tx.flush();
    return siId;
  });
  return supplierSettlement(em, supplierInvoiceId);
}
