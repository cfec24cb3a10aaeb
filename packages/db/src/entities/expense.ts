import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { EXPENSE_CATEGORIES } from '@workmate/domain/enums';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { StoredDocument } from './document.ts';
import { Employee } from './employee.ts';
import { Invoice } from './invoice.ts';
import { InvoiceLine } from './invoice-line.ts';
import { Project } from './project.ts';
import { SupplierInvoice } from './supplier-invoice.ts';

/**
 * Money spent: net amount, VAT rate and the input VAT computed from them, a receipt (a document),
 * optionally on a project and an invoice. Billable expenses can be billed on an invoice draft;
 * `invoiceLine` then links the line, like a billed time entry.
 */
export const Expense = defineEntity({
  name: 'Expense',
  tableName: 'expenses',
  checks: [
    { name: 'expenses_net_not_negative', expression: 'net_amount >= 0' },
    { name: 'expenses_tax_rate', expression: 'tax_rate in (0, 7, 19)' },
  ],
  properties: {
    id: idColumn(),
    employee: () => p.manyToOne(Employee).index(),
    project: () => p.manyToOne(Project).nullable().deleteRule('set null').index(),
    invoice: () => p.manyToOne(Invoice).nullable().deleteRule('set null').index(),
    category: p.enum(EXPENSE_CATEGORIES),
    title: p.string().length(200),
    description: p.text().nullable(),
    netAmount: p.decimal('string').precision(12).scale(2),
    taxRate: p.smallint(),
    taxAmount: p.decimal('string').precision(12).scale(2),
    grossAmount: p.decimal('string').precision(12).scale(2),
    expenseDate: p.date().index(),
    receipt: () => p.manyToOne(StoredDocument).nullable().deleteRule('set null'),
    notes: p.text().nullable(),
    billable: p.boolean().default(false),
    invoiceLine: () => p.manyToOne(InvoiceLine).nullable().deleteRule('set null').index(),
    /** Booked from a received e-invoice (one expense per VAT rate of it). */
    supplierInvoice: () => p.manyToOne(SupplierInvoice).nullable().deleteRule('set null').index(),
    reimbursed: p.boolean().default(false),
    reimbursedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Expense = InferEntity<typeof Expense>;
