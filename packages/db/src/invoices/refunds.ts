import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { overpaidAfterCredits } from '@workmate/domain/credit-notes';
import { appError, notFound } from '@workmate/domain/errors';
import { EVENTS } from '@workmate/domain/events';
import { toCents } from '@workmate/domain/money';
import type { RefundRecordInput } from '@workmate/domain/schemas/invoices';
import { Employee } from '../entities/employee.ts';
import { Invoice } from '../entities/invoice.ts';
import { Refund } from '../entities/refund.ts';
import { publishEvent } from '../events/publish.ts';
import type { Actor } from '../shared/actor.ts';
import { moneyText } from '../shared/format.ts';
import type { RefundDto } from './dto.ts';
import { requirePayable, settle } from './payments.ts';
import { lockInvoice, toRefundDto } from './queries.ts';
import { skontoGranted } from './skonto.ts';

/*
 * Refunds (Erstattungen): money paid back to the customer for an invoice they overpaid (most
 * often after a credit note on a paid invoice). Kept in a table of their own (entities/refund.ts)
 * and counted against the payments in `settle` (paid = payments − refunds). Like payments they
 * lock the invoice's row for the whole transaction, so two refunds at once queue and the second
 * sees the first: together they never pay back more than was overpaid. The posting (Dr debtor /
 * Cr bank or cash, and under Ist the VAT kept due released) is made in the same transaction by
 * the `refundRecorded` / `refundDeleted` subscribers (packages/db/src/bookkeeping/auto-settlement.ts).
 */

/** What the customer overpaid on the invoice and may get back (its row locked by the caller). */
export async function refundable(tx: EntityManager, invoice: Invoice): Promise<string> {
  return overpaidAfterCredits(moneyText(invoice.grossTotal), moneyText(invoice.creditedAmount), moneyText(invoice.paidAmount), await skontoGranted(tx, invoice.id));
}

export async function recordRefund(em: EntityManager, actor: Actor | null, input: RefundRecordInput): Promise<RefundDto> {
  // Same Berlin-day rule as a payment's date.
  if (input.refundDate > berlinDay(new Date())) throw appError('BAD_REQUEST', 'invoice.refundInFuture', {}, { field: 'refundDate' });
  const id = await em.transactional(async (tx) => {
    // An unknown invoice is the input's fault: 404 naming `invoiceId`.
    if (!(await tx.count(Invoice, { id: input.invoiceId }))) throw appError('NOT_FOUND', 'record.notFound', { what: 'Invoice', id: input.invoiceId }, { field: 'invoiceId' });
    const invoice = await lockInvoice(tx, input.invoiceId);
    requirePayable(invoice);
    const overpaid = await refundable(tx, invoice);
    // CONFLICT, not BAD_REQUEST: the amount is well formed; the invoice's state refuses it.
    if (toCents(overpaid) === 0n) throw appError('CONFLICT', 'invoice.nothingToRefund', { number: invoice.number ?? '' }, { field: 'amount' });
    if (toCents(input.amount) > toCents(overpaid)) {
      throw appError('CONFLICT', 'invoice.refundExceedsOverpaid', { amount: input.amount, overpaid, number: invoice.number ?? '' }, { field: 'amount' });
    }
    const refund = tx.create(Refund, {
      invoice,
      amount: input.amount,
      refundDate: input.refundDate,
      method: input.method,
      reference: input.reference ?? null,
      notes: input.notes ?? null,
      createdBy: actor ? tx.getReference(Employee, actor.id) : null,
    });
    await tx.flush();
    await settle(tx, invoice, new Date(), 'amount');
    await tx.flush();
    await publishEvent(tx, EVENTS.refundRecorded, { refundId: refund.id, invoiceId: invoice.id });
    await tx.flush();
    return refund.id;
  });
  const saved = await em.findOne(Refund, { id }, { populate: ['createdBy'], refresh: true });
  if (!saved) throw notFound('Refund', id);
  return toRefundDto(saved);
}

/** Deletes a refund recorded by mistake: the overpayment is open again and the posting reversed on the correction day. */
export async function deleteRefund(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const found = await tx.findOne(Refund, { id });
    if (!found) throw notFound('Refund', id);
    const invoice = await lockInvoice(tx, found.invoice.id);
    const refund = await tx.findOneOrFail(Refund, { id }, { refresh: true });
    tx.remove(refund);
    await tx.flush();
    await settle(tx, invoice);
    await tx.flush();
    await publishEvent(tx, EVENTS.refundDeleted, { refundId: id, invoiceId: invoice.id });
    await tx.flush();
  });
}

export async function listRefunds(em: EntityManager, invoiceId: string): Promise<RefundDto[]> {
  if (!(await em.count(Invoice, { id: invoiceId }))) throw notFound('Invoice', invoiceId);
  const rows = await em.find(Refund, { invoice: invoiceId }, { orderBy: { refundDate: 'asc', createdAt: 'asc' }, populate: ['createdBy'], refresh: true });
  return rows.map(toRefundDto);
}
