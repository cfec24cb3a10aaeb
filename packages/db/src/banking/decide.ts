import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { toCents } from '@workmate/domain/money';
import type { BankEntryConfirmInput, BankEntryDecideInput } from '@workmate/domain/schemas/banking';
import { BankEntry } from '../entities/bank-entry.ts';
import { Employee } from '../entities/employee.ts';
import { Invoice } from '../entities/invoice.ts';
import { Payment } from '../entities/payment.ts';
import { addPayment } from '../invoices/payments.ts';
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

/**
 * A person confirms that a credit pays an invoice (a proposal, or another invoice they chose): the
 * entry becomes a payment through the payment service (so an amount above what is open is a 409
 * there, and the invoice moves to partially paid / paid), dated on the booking day. One
 * transaction: a refused payment leaves the entry open.
 *
 * Skonto: the payment service decides it. A credit booked within the invoice's Skonto period that
 * brings what is paid to the reduced amount settles the invoice and records the discount with its
 * VAT per rate on the payment; later or smaller credits stay part payments.
 */
export async function confirmBankEntry(em: EntityManager, actor: Actor, input: BankEntryConfirmInput): Promise<BankEntryDto> {
  await em.transactional(async (tx) => {
    const entry = await lockOpenEntry(tx, input.id, input.version);
    const amount = moneyText(entry.amount);
    if (toCents(amount) <= 0n) throw appError('BAD_REQUEST', 'bank.notCredit', {}, { field: 'id' });
    const payment = await addPayment(tx, actor, {
      invoiceId: input.invoiceId,
      amount,
      paymentDate: dateOnly(entry.bookingDate) as string,
      method: 'bank_transfer',
      reference: (entry.endToEndId ?? entry.bankReference).slice(0, 200),
      notes: [entry.counterpartyName, entry.remittance].filter(Boolean).join(': ').slice(0, 2000) || null,
    });
    entry.status = 'matched';
    entry.invoice = tx.getReference(Invoice, input.invoiceId);
    entry.payment = tx.getReference(Payment, payment.id);
    entry.decidedBy = tx.getReference(Employee, actor.id);
    entry.decidedAt = new Date();
    await tx.flush();
  });
  return getBankEntry(em, input.id);
}

/** Not a customer payment (a refund, a tax office transfer): out of the open list, kept in the statement. */
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
