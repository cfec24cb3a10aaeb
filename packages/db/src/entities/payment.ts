import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PAYMENT_METHODS } from '@workmate/domain/enums';
import type { SkontoVatRow } from '@workmate/domain/skonto';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Invoice } from './invoice.ts';

/**
 * Money received for an invoice. The invoice's `paid_amount` is the sum of its payments; a payment
 * that earned Skonto also carries the discount granted, which settles the rest.
 */
export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payments',
  checks: [
    { name: 'payments_amount_positive', expression: 'amount > 0' },
    { name: 'payments_skonto_complete', expression: '(skonto_amount is null) = (skonto_vat is null) and (skonto_amount is null or skonto_amount > 0)' },
  ],
  properties: {
    id: idColumn(),
    invoice: () => p.manyToOne(Invoice).index(),
    amount: p.decimal('string').precision(14).scale(2),
    paymentDate: p.date(),
    method: p.enum(PAYMENT_METHODS),
    reference: p.string().length(200).nullable(),
    notes: p.text().nullable(),
    /** Skonto this payment settled the invoice with (gross), and its split per VAT rate (§17 UStG). */
    skontoAmount: p.decimal('string').precision(14).scale(2).nullable(),
    skontoVat: p.json<SkontoVatRow[]>().nullable(),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [{ name: 'payments_date_index', properties: ['paymentDate'] }],
});
export type Payment = InferEntity<typeof Payment>;
