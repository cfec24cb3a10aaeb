import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Supplier } from './supplier.ts';

/** A person at a supplier (issue 17). */
export const SupplierContact = defineEntity({
  name: 'SupplierContact',
  tableName: 'supplier_contacts',
  properties: {
    id: idColumn(),
    supplier: () => p.manyToOne(Supplier).deleteRule('cascade'),
    name: p.string().length(200),
    /** Role or position at the supplier ("Vertrieb", "Buchhaltung"). */
    position: p.string().length(100).nullable(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(50).nullable(),
    /** At most one primary contact per supplier: a partial unique index in the migration. */
    isPrimary: p.boolean().default(false),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    { name: 'supplier_contacts_supplier_id_index', properties: ['supplier', 'name'] },
    {
      name: 'supplier_contacts_one_primary',
      expression: 'create unique index "supplier_contacts_one_primary" on "supplier_contacts" ("supplier_id") where "is_primary"',
    },
  ],
});
export type SupplierContact = InferEntity<typeof SupplierContact>;
