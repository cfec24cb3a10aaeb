import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { toCents } from '@workmate/domain/money';
import type { BankEntryConfirmInput, BankEntryDecideInput, BankEntrySupplierConfirmInput } from '@workmate/domain/schemas/banking';
import { BankEntry } from '../entities/bank-entry.ts';
import { Employee } from '../entities/employee.ts';
import { Invoice } from '../entities/invoice.ts';
import { Payment } from '../entities/payment.ts';
import { Refund } from '../entities/refund.ts';
import { addPayment } from '../invoices/payments.ts';
import { recordRefund } from '../invoices/refunds.ts';
import { addSupplierPayment } from '../purchases/supplier-payments.ts';
import { SupplierInvoice } from '../entities/supplier-invoice.ts';
import { SupplierPayment } from '../entities/supplier-payment.ts';
import type { Actor } from '../shared/actor.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { checkVersion } from '../shared/versioning.ts';
import { getBankEntry, type BankEntryDto } from './entries.ts';

/** The entry, locked for the transaction, still open and of the version the person saw. */
async function lockOpenEntry(tx: EntityManager, id: string, version: number | undefined): Promise<BankEntry> {
  const entry = await tx.findOne(BankEntry, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!entry) throw notFound('BankEntry', id);
  if (entry.status !== 'open') throw appError('CONFLICT', 'bank.entryDecided', { status: entry.status }, { field: 'id' });
  checkVersion(entry, version, 'bank entry');
  return entry;
}

/** What a matched entry books: its amount without the sign (and the signed cents), its booking day, and the bank's reference. */
function bookingOf(entry: BankEntry): { cents: bigint; amount: string; day: string; reference: string } {
  const signed = moneyText(entry.amount);
  return { cents: toCents(signed), amount: signed.replace(/^-/, ''), day: dateOnly(entry.bookingDate) as string, reference: (entry.endToEndId ?? entry.bankReference).slice(0, 200) };
}

/** The entry decided as matched by `actor`, now (its links set by the caller). */
async function markMatched(tx: EntityManager, entry: BankEntry, actor: Actor): Promise<void> {
  entry.status = 'matched';
  entry.decidedBy = tx.getReference(Employee, actor.id);
  entry.decidedAt = new Date();
  await tx.flush();
}

/**
 * A person confirms that a booking belongs to an invoice (a proposal, or another invoice they
 * chose). A credit becomes a payment through the payment service (so an amount above what is open
 * is a 409 there, and the invoice moves to partially paid / paid); a debit becomes a refund through
 * the refund service (money paid back to a customer who overpaid: more than was overpaid, or an
 * invoice with nothing overpaid, is a 409 there). Dated on the booking day; one transaction: a
 * refused payment or refund leaves the entry open.
 *
 * Skonto: the payment service decides it. A credit booked within the invoice's Skonto period that
 * brings what is paid to the reduced amount settles the invoice and records the discount with its
 * VAT per rate on the payment; later or smaller credits stay part payments.
 */
export async function confirmBankEntry(em: EntityManager, actor: Actor, input: BankEntryConfirmInput): Promise<BankEntryDto> {
  await em.transactional(async (tx) => {
    const entry = await lockOpenEntry(tx, input.id, input.version);
    const { cents, amount, day, reference } = bookingOf(entry);
    if (cents === 0n) throw appError('BAD_REQUEST', 'bank.zeroAmount', {}, { field: 'id' });
    const booked = {
      invoiceId: input.invoiceId,
      amount,
      method: 'bank_transfer' as const,
      reference,
      notes: [entry.counterpartyName, entry.remittance].filter(Boolean).join(': ').slice(0, 2000) || null,
    };
    if (cents > 0n) {
      const payment = await addPayment(tx, actor, { ...booked, paymentDate: day });
      entry.payment = tx.getReference(Payment, payment.id);
    } else {
      const refund = await recordRefund(tx, actor, { ...booked, refundDate: day });
      entry.refund = tx.getReference(Refund, refund.id);
    }
    entry.invoice = tx.getReference(Invoice, input.invoiceId);
    await markMatched(tx, entry, actor);
  });
  return getBankEntry(em, input.id);
}

/**
 * A person confirms that a debit paid a received invoice: it becomes a bank payment of that
 * invoice (the supplier payment service: approved, and never more than is open, else a 409 and
 * the entry stays open), dated on the booking day, posted Dr creditor / Cr bank. Without Skonto:
 * a discount taken is recorded on the received invoice's page.
 */
export async function confirmBankEntryAsSupplierPayment(em: EntityManager, actor: Actor, input: BankEntrySupplierConfirmInput): Promise<BankEntryDto> {
  await em.transactional(async (tx) => {
    const entry = await lockOpenEntry(tx, input.id, input.version);
    const { cents, amount, day, reference } = bookingOf(entry);
    if (cents >= 0n) throw appError('BAD_REQUEST', 'bank.notDebit', {}, { field: 'id' });
    const paymentId = await addSupplierPayment(tx, actor, { supplierInvoiceId: input.supplierInvoiceId, amount, paymentDate: day, method: 'bank', reference });
    entry.supplierInvoice = tx.getReference(SupplierInvoice, input.supplierInvoiceId);
    entry.supplierPayment = tx.getReference(SupplierPayment, paymentId);
    await markMatched(tx, entry, actor);
  });
  return getBankEntry(em, input.id);
}

/** Nothing to match (a tax office transfer, rent, a card payment): out of the open list, kept in the statement. */
export async function ignoreBankEntry(em: EntityManager, actor: Actor, input: BankEntryDecideInput): Promise<BankEntryDto> {
  await em.transactional(async (tx) => {
    const entry = await lockOpenEntry(tx, input.id, input.version);
    entry.status = 'ignored';
    entry.decidedBy = tx.getReference(Employee, actor.id);
    entry.decidedAt = new Date();
    await tx.flush();
  });
  return getBankEntry(em, input.id);
}

/** An ignored entry back into the open list (a matched one is undone by deleting its payment, not here). */
export async function reopenBankEntry(em: EntityManager, input: BankEntryDecideInput): Promise<BankEntryDto> {
  await em.transactional(async (tx) => {
    const entry = await tx.findOne(BankEntry, { id: input.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!entry) throw notFound('BankEntry', input.id);
    if (entry.status !== 'ignored') throw appError('CONFLICT', 'bank.entryDecided', { status: entry.status }, { field: 'id' });
    checkVersion(entry, input.version, 'bank entry');
    entry.status = 'open';
    entry.decidedBy = null;
    entry.decidedAt = null;
    await tx.flush();
  });
  return getBankEntry(em, input.id);
}
