import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SUPPLIER_PAYMENT_METHODS } from '@workmate/domain/schemas/purchases';
import type { SkontoVatRow } from '@workmate/domain/skonto';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';
import { SupplierInvoice } from './supplier-invoice.ts';

/**
 * Money paid for an approved received invoice. With the supplier's Skonto taken it also carries
 * the discount received (gross) and its split per VAT rate: the input VAT it corrects (§17 UStG).
 * Never changed in place: a wrong payment is deleted (its posting reversed) and recorded again.
 */
export const SupplierPayment = defineEntity({
  name: 'SupplierPayment',
  tableName: 'supplier_payments',
  checks: [
    { name: 'supplier_payments_amount_positive', expression: 'amount > 0' },
    { name: 'supplier_payments_skonto_complete', expression: '(skonto_amount is null) = (skonto_vat is null) and (skonto_amount is null or skonto_amount > 0)' },
  ],
  properties: {
    id: idColumn(),
    supplierInvoice: () => p.manyToOne(SupplierInvoice).index(),
    amount: p.decimal('string').precision(14).scale(2),
    paymentDate: p.date(),
    method: p.enum(SUPPLIER_PAYMENT_METHODS),
    reference: p.string().length(200).nullable(),
    skontoAmount: p.decimal('string').precision(14).scale(2).nullable(),
    skontoVat: p.json<SkontoVatRow[]>().nullable(),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type SupplierPayment = InferEntity<typeof SupplierPayment>;
