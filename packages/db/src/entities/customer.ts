import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { EINVOICE_FORMATS } from '@workmate/domain/einvoice-out';
import { CUSTOMER_STATUSES, CUSTOMER_TYPES, LANGUAGES } from '@workmate/domain/enums';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';

export const Customer = defineEntity({
  name: 'Customer',
  tableName: 'customers',
  properties: {
    id: idColumn(),
    customerNumber: p.string().length(60).unique(),
    name: p.string().length(200),
    type: p.enum(CUSTOMER_TYPES).default('business'),
    status: p.enum(CUSTOMER_STATUSES).default('active').index(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(50).nullable(),
    website: p.string().length(200).nullable(),
    taxId: p.string().length(40).nullable(),
    vatId: p.string().length(20).nullable(),
    street: p.string().length(200).nullable(),
    zipCode: p.string().length(20).nullable(),
    city: p.string().length(100).nullable(),
    country: p.string().length(100).nullable(),
    /** ISO 3166-1 alpha-2 (BT-55); `country` stays the free text printed. */
    countryCode: p.string().length(2).default('DE'),
    /** BT-10: the Leitweg-ID of a public customer, or the reference the customer asks for. */
    buyerReference: p.string().length(200).nullable(),
    /** BT-49 with its scheme (EM = email, 0204 = Leitweg-ID, …). */
    electronicAddress: p.string().length(254).nullable(),
    electronicAddressScheme: p.string().length(10).nullable(),
    /** Which e-invoice the customer wants; `none` keeps the plain PDF. */
    einvoiceFormat: p.enum(EINVOICE_FORMATS).default('none'),
    language: p.enum(LANGUAGES).default('de'),
    notes: p.text().nullable(),
    /** Lower-cased number, name, email and city for search (a trigram index in the migration). */
    searchText: p
      .text()
      .generated(`(lower("customer_number" || ' ' || "name" || ' ' || coalesce("email", '') || ' ' || coalesce("city", ''))) stored`)
      .nullable()
      .hidden()
      .lazy(),
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    { name: 'customers_search_text_trgm', expression: 'create index "customers_search_text_trgm" on "customers" using gin ("search_text" gin_trgm_ops)' },
    { name: 'customers_name_index', properties: ['name', 'id'] },
    { name: 'customers_created_at_index', properties: ['createdAt', 'id'] },
    // Keyset pagination: each list sort with the id after it (shared/keyset.ts builds the matching order).
    { name: 'customers_customer_number_id_index', properties: ['customerNumber', 'id'] },
    { name: 'customers_status_id_index', properties: ['status', 'id'] },
    { name: 'customers_city_keyset_index', expression: `create index "customers_city_keyset_index" on "customers" (("city" is null), coalesce("city", ''), "id")` },
  ],
});
export type Customer = InferEntity<typeof Customer>;
