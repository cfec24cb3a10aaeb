import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { BANK_ENTRY_STATUSES } from '@workmate/domain/schemas/banking';
import { BankStatement } from './bank-statement.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Invoice } from './invoice.ts';
import { Payment } from './payment.ts';
import { Refund } from './refund.ts';
import { SupplierInvoice } from './supplier-invoice.ts';
import { SupplierPayment } from './supplier-payment.ts';

/**
 * One booking on the company's account, from an imported statement. The same booking in a later
 * or overlapping file is the same row: unique by account, bank reference, booking date and amount
 * (signed: credits positive). An entry is `open` until a person matches it (a credit records a
 * payment of an invoice; a debit a refund of what a customer overpaid, or a payment of a received
 * invoice) or ignores it. Deleting that payment or refund opens the entry again.
 */
export const BankEntry = defineEntity({
  name: 'BankEntry',
  tableName: 'bank_entries',
  uniques: [{ name: 'bank_entries_booking_unique', properties: ['accountIban', 'bankReference', 'bookingDate', 'amount'] }],
  checks: [
    { name: 'bank_entries_status_check', expression: "status in ('open', 'matched', 'ignored')" },
    { name: 'bank_entries_matched_has_invoice', expression: "(status = 'matched') = (invoice_id is not null or supplier_invoice_id is not null) and (invoice_id is null or supplier_invoice_id is null)" },
    { name: 'bank_entries_payment_is_credit', expression: 'payment_id is null or amount > 0' },
    { name: 'bank_entries_refund_is_debit', expression: 'refund_id is null or amount < 0' },
    { name: 'bank_entries_supplier_payment_is_debit', expression: 'supplier_payment_id is null or amount < 0' },
  ],
  properties: {
    id: idColumn(),
    statement: () => p.manyToOne(BankStatement).index(),
    accountIban: p.string().length(34),
    bankReference: p.string().length(100),
    bookingDate: p.date(),
    valueDate: p.date().nullable(),
    amount: p.decimal('string').precision(14).scale(2),
    currency: p.string().length(3),
    counterpartyName: p.string().length(200).nullable(),
    counterpartyIban: p.string().length(34).nullable().index(),
    remittance: p.text().nullable(),
    endToEndId: p.string().length(100).nullable(),
    transactionCode: p.string().length(40).nullable(),
    status: p.enum(BANK_ENTRY_STATUSES).default('open'),
    invoice: () => p.manyToOne(Invoice).nullable().index(),
    payment: () => p.manyToOne(Payment).nullable().deleteRule('set null'),
    refund: () => p.manyToOne(Refund).nullable().deleteRule('set null'),
    /** A debit that paid a received invoice: the invoice and the supplier payment it became. */
    supplierInvoice: () => p.manyToOne(SupplierInvoice).nullable().index(),
    supplierPayment: () => p.manyToOne(SupplierPayment).nullable().deleteRule('set null'),
    decidedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    decidedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [{ name: 'bank_entries_status_booking_index', properties: ['status', 'bookingDate'] }],
});
export type BankEntry = InferEntity<typeof BankEntry>;
