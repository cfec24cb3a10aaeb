import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PAYMENT_METHODS } from '@workmate/domain/enums';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Invoice } from './invoice.ts';

/**
 * Money paid back to the customer for an invoice (Erstattung), e.g. after a credit note left it
 * overpaid. A table of its own rather than a `kind` on payments: every reader of `payments`
 * (Skonto, dunning, statistics, bank matching) means money received and stays right as it is;
 * only what settles the invoice counts refunds, as `paid_amount = Σ payments − Σ refunds`
 * (packages/db/src/invoices/payments.ts `settle`). A refund is recorded or deleted, never changed.
 */
export const Refund = defineEntity({
  name: 'Refund',
  tableName: 'refunds',
  checks: [{ name: 'refunds_amount_positive', expression: 'amount > 0' }],
  properties: {
    id: idColumn(),
    invoice: () => p.manyToOne(Invoice).index(),
    amount: p.decimal('string').precision(14).scale(2),
    refundDate: p.date(),
    method: p.enum(PAYMENT_METHODS),
    reference: p.string().length(200).nullable(),
    notes: p.text().nullable(),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Refund = InferEntity<typeof Refund>;
