import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { AppError, appError, notFound } from '@workmate/domain/errors';
import { outstandingAfterCredits } from '@workmate/domain/credit-notes';
import { statusAfterPayments } from '@workmate/domain/invoice-lifecycle';
import { fromCents, toCents } from '@workmate/domain/money';
import type { PaymentAddInput, PaymentUpdateInput } from '@workmate/domain/schemas/invoices';
import { EVENTS } from '@workmate/domain/events';
import { postSystemMessage } from '../chat/system.ts';
import { publishEvent } from '../events/publish.ts';
import { Employee } from '../entities/employee.ts';
import type { Invoice } from '../entities/invoice.ts';
import { Payment } from '../entities/payment.ts';
import type { Actor } from '../shared/actor.ts';
import { checkVersion, sentFields } from '../shared/versioning.ts';
import type { PaymentDto } from './dto.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { lockInvoice, toPaymentDto } from './queries.ts';
import { skontoDecision, skontoGranted } from './skonto.ts';

/**
 * Payments lock their invoice's row for the whole transaction, so concurrent payments on one
 * invoice queue: each sees the sum of the ones before it, and together they never exceed the
 * total (a check constraint on the invoice backs this up).
 */
export function requirePayable(invoice: Invoice) {
  if (invoice.type !== 'invoice') throw appError('CONFLICT', 'invoice.paymentsOnlyOnInvoices', {}, { field: 'invoiceId' });
  if (invoice.status === 'draft') throw appError('CONFLICT', 'invoice.finalizeBeforePayments', {}, { field: 'invoiceId' });
  if (invoice.status === 'cancelled') throw appError('CONFLICT', 'invoice.cancelledNoPayments', { number: invoice.number ?? '' }, { field: 'invoiceId' });
}

function checkPaymentDate(paymentDate: string, field = 'paymentDate') {
  if (paymentDate > berlinDay(new Date())) throw appError('BAD_REQUEST', 'invoice.paymentInFuture', {}, { field });
}

/** What is owed on the invoice: its gross less finalized credit notes, payments (less refunds) and Skonto granted. */
export async function owed(tx: EntityManager, invoice: Invoice): Promise<string> {
  const settled = toCents(moneyText(invoice.paidAmount)) + toCents(await skontoGranted(tx, invoice.id));
  return outstandingAfterCredits(moneyText(invoice.grossTotal), moneyText(invoice.creditedAmount), fromCents(settled));
}

/**
 * Skonto once per invoice: a payment dated within the period that brings everything paid to the
 * reduced amount records the rest as discount, split per VAT rate; any other payment carries none.
 */
function applySkonto(invoice: Invoice, payment: Payment, paidTotal: string, otherGranted: string) {
  const decision = toCents(otherGranted) === 0n ? skontoDecision(invoice, paidTotal, dateOnly(payment.paymentDate) ?? '') : null;
  payment.skontoAmount = decision?.amount ?? null;
  payment.skontoVat = decision?.vat ?? null;
}

/**
 * Sums the payments again and moves the status (partially paid, paid, and back). `paid_at` is
 * the day the money was complete: the last payment's date (midnight, Berlin), not the day it
 * was recorded. Credit notes lower what is due: a fully corrected invoice counts as settled.
 * Paid is the payments less the refunds (money paid back, packages/db/src/invoices/refunds.ts);
 * a refund only ever pays back an overpayment, so a payment changed or deleted may not leave the
 * refunds beyond it (409 naming `field`: delete the refund first).
 */
export async function settle(tx: EntityManager, invoice: Invoice, now = new Date(), field = 'id') {
  const rows = await tx.execute<Array<{ paid: string; granted: string; refunded: string; last: Date | null }>>(
    `select coalesce(sum(amount), 0)::numeric(14,2)::text as paid, coalesce(sum(skonto_amount), 0)::numeric(14,2)::text as granted,
            (select coalesce(sum(r.amount), 0)::numeric(14,2)::text from refunds r where r.invoice_id = ?) as refunded,
            max(payment_date)::timestamp at time zone 'Europe/Berlin' as last from payments where invoice_id = ?`,
    [invoice.id, invoice.id],
  );
  const refunded = toCents(moneyText(rows[0]?.refunded ?? '0'));
  // Skonto granted settles its part of the invoice like money received.
  const granted = toCents(moneyText(rows[0]?.granted ?? '0'));
  const received = toCents(moneyText(rows[0]?.paid ?? '0'));
  if (refunded > 0n) {
    const dueAfterCredits = toCents(moneyText(invoice.grossTotal)) - toCents(moneyText(invoice.creditedAmount));
    if (received + granted - refunded < (dueAfterCredits > 0n ? dueAfterCredits : 0n)) {
      throw appError('CONFLICT', 'invoice.refundsExceedPaid', { number: invoice.number ?? '', refunded: fromCents(refunded) }, { field });
    }
  }
  const paid = fromCents(received - refunded);
  invoice.paidAmount = paid;
  const due = fromCents(toCents(moneyText(invoice.grossTotal)) - toCents(moneyText(invoice.creditedAmount)) - granted);
  const status = statusAfterPayments({ grossTotal: due, paidAmount: paid, sent: Boolean(invoice.sentAt), dueDate: dateOnly(invoice.dueDate), today: berlinDay(now) });
  if (status === 'paid' && invoice.status !== 'paid' && invoice.project) await postSystemMessage(tx, invoice.project.id, { code: 'invoice.paid', params: { number: invoice.number ?? '' } });
  invoice.status = status;
  const last = rows[0]?.last;
  invoice.paidAt = status === 'paid' && last ? new Date(last) : null;
}

/**
 * CONFLICT, like a payment on an invoice that is already paid in full: the amount is well formed,
 * it is the invoice's state (what is still owed) that refuses it.
 */
function overpaid(invoice: Invoice, outstanding: string, amount: string): AppError {
  return appError('CONFLICT', 'invoice.paymentExceedsOutstanding', { amount, outstanding, number: invoice.number ?? '' }, { field: 'amount' });
}

export async function addPayment(em: EntityManager, actor: Actor | null, input: PaymentAddInput): Promise<PaymentDto> {
  checkPaymentDate(input.paymentDate);
  const id = await em.transactional(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    requirePayable(invoice);
    const outstanding = await owed(tx, invoice);
    if (toCents(outstanding) === 0n) throw appError('CONFLICT', 'invoice.alreadyPaid', { number: invoice.number ?? '' }, { field: 'invoiceId' });
    if (toCents(input.amount) > toCents(outstanding)) throw overpaid(invoice, outstanding, input.amount);
    const payment = tx.create(Payment, {
      invoice,
      amount: input.amount,
      paymentDate: input.paymentDate,
      method: input.method,
      reference: input.reference ?? null,
      notes: input.notes ?? null,
      createdBy: actor ? tx.getReference(Employee, actor.id) : null,
    });
    applySkonto(invoice, payment, fromCents(toCents(moneyText(invoice.paidAmount)) + toCents(input.amount)), '0');
    await tx.flush();
    await settle(tx, invoice);
    await tx.flush();
    await publishEvent(tx, EVENTS.paymentRecorded, { paymentId: payment.id, invoiceId: invoice.id });
    await tx.flush();
    return payment.id;
  });
  return getPayment(em, id);
}

async function getPayment(em: EntityManager, id: string): Promise<PaymentDto> {
  const p = await em.findOne(Payment, { id }, { populate: ['createdBy'], refresh: true });
  if (!p) throw notFound('Payment', id);
  return toPaymentDto(p);
}

async function lockPayment(tx: EntityManager, id: string): Promise<{ payment: Payment; invoice: Invoice }> {
  const found = await tx.findOne(Payment, { id });
  if (!found) throw notFound('Payment', id);
  const invoice = await lockInvoice(tx, found.invoice.id);
  const payment = await tx.findOneOrFail(Payment, { id }, { refresh: true });
  return { payment, invoice };
}

export async function updatePayment(em: EntityManager, input: PaymentUpdateInput): Promise<PaymentDto> {
  if (input.paymentDate) checkPaymentDate(input.paymentDate);
  await em.transactional(async (tx) => {
    const { payment, invoice } = await lockPayment(tx, input.id);
    requirePayable(invoice);
    checkVersion(payment, input.version, 'payment');
    const { id: _id, version: _version, ...rest } = input;
    const fields = sentFields(rest);
    if (fields.amount !== undefined) {
      // What is owed without this payment is the most it may be.
      const limit = fromCents(toCents(await owed(tx, invoice)) + toCents(moneyText(payment.amount)) + toCents(moneyText(payment.skontoAmount ?? '0')));
      if (toCents(fields.amount) > toCents(limit)) throw overpaid(invoice, limit, fields.amount);
    }
    const paidOthers = toCents(moneyText(invoice.paidAmount)) - toCents(moneyText(payment.amount));
    tx.assign(payment, fields);
    // A changed amount or date decides the Skonto afresh.
    applySkonto(invoice, payment, fromCents(paidOthers + toCents(moneyText(payment.amount))), await skontoGranted(tx, invoice.id, payment.id));
    await tx.flush();
    await settle(tx, invoice, new Date(), fields.amount !== undefined ? 'amount' : 'id');
    await tx.flush();
    await publishEvent(tx, EVENTS.paymentChanged, { paymentId: payment.id, invoiceId: invoice.id });
    await tx.flush();
  });
  return getPayment(em, input.id);
}

export async function deletePayment(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const { payment, invoice } = await lockPayment(tx, id);
    requirePayable(invoice);
    tx.remove(payment);
    await tx.flush();
    await settle(tx, invoice);
    await tx.flush();
    await publishEvent(tx, EVENTS.paymentDeleted, { paymentId: id, invoiceId: invoice.id });
    await tx.flush();
  });
}

/** "Mark as paid": records the outstanding rest as one payment dated today. */
export async function payRestLocked(tx: EntityManager, actor: Actor | null, invoice: Invoice): Promise<void> {
  requirePayable(invoice);
  const rest = await owed(tx, invoice);
  if (toCents(rest) === 0n) return;
  const payment = tx.create(Payment, {
    invoice,
    amount: rest,
    paymentDate: berlinDay(new Date()),
    method: 'other',
    reference: null,
    notes: 'Marked as paid',
    createdBy: actor ? tx.getReference(Employee, actor.id) : null,
  });
  await tx.flush();
  await settle(tx, invoice);
  await tx.flush();
  await publishEvent(tx, EVENTS.paymentRecorded, { paymentId: payment.id, invoiceId: invoice.id });
}
