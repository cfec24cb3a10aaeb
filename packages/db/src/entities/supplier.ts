import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';

/**
 * A company we buy from. Created from the first e-invoice it sends (its seller party), reused for
 * later ones: one supplier per VAT ID, or per name and country when it has none (unique indexes
 * in the migration). Contacts will hang off it like a customer's.
 */
export const Supplier = defineEntity({
  name: 'Supplier',
  tableName: 'suppliers',
  properties: {
    id: idColumn(),
    name: p.string().length(200),
    street: p.string().length(200).nullable(),
    zip: p.string().length(20).nullable(),
    city: p.string().length(100).nullable(),
    /** ISO 3166-1 alpha-2. */
    countryCode: p.string().length(2),
    vatId: p.string().length(30).nullable(),
    iban: p.string().length(34).nullable(),
    bic: p.string().length(11).nullable(),
    email: p.string().length(254).nullable(),
    /** Where it receives e-invoices (BT-34), with its scheme (EM = email, 0204 = Leitweg-ID, …). */
    electronicAddress: p.string().length(254).nullable(),
    electronicAddressScheme: p.string().length(10).nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Supplier = InferEntity<typeof Supplier>;
