import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Customer } from './customer.ts';

export const Contact = defineEntity({
  name: 'Contact',
  tableName: 'contacts',
  properties: {
    id: idColumn(),
    customer: () => p.manyToOne(Customer).deleteRule('cascade').index(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    email: p.string().length(254).nullable(),
    phone: p.string().length(50).nullable(),
    mobile: p.string().length(50).nullable(),
    position: p.string().length(100).nullable(),
    department: p.string().length(100).nullable(),
    /** At most one primary contact per customer: a partial unique index in the migration. */
    isPrimary: p.boolean().default(false),
    notes: p.text().nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    { name: 'contacts_name_index', properties: ['lastName', 'firstName'] },
    {
      name: 'contacts_one_primary_per_customer',
      expression: 'create unique index "contacts_one_primary_per_customer" on "contacts" ("customer_id") where "is_primary"',
    },
  ],
});
export type Contact = InferEntity<typeof Contact>;
