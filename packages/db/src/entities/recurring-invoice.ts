import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LANGUAGES } from '@workmate/domain/enums';
import { RECURRING_INTERVALS } from '@workmate/domain/recurring-periods';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Customer } from './customer.ts';
import { Employee } from './employee.ts';

/** A template line as stored: the draft invoice line's fields, amounts as decimal strings. */
export interface RecurringLine {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  taxRate: number;
}

/**
 * A recurring invoice (Wiederkehrende Rechnung): a template the worker turns into one invoice per
 * period. `nextDate` is the start of the next period not yet billed (null once the end date has
 * passed); which periods were billed is recorded in `recurring_invoice_periods`, whose unique
 * (template, period start) makes each period's invoice happen once. Deleting a template keeps it
 * (deletedAt), so the invoices it made still say where they came from.
 */
export const RecurringInvoice = defineEntity({
  name: 'RecurringInvoice',
  tableName: 'recurring_invoices',
  checks: [
    { name: 'recurring_invoices_end_after_start', expression: 'end_date is null or end_date >= start_date' },
    { name: 'recurring_invoices_send_needs_finalize', expression: 'not auto_send or auto_finalize' },
  ],
  properties: {
    id: idColumn(),
    name: p.string().length(200),
    customer: () => p.manyToOne(Customer).index(),
    interval: p.enum(RECURRING_INTERVALS),
    startDate: p.date(),
    endDate: p.date().nullable(),
    nextDate: p.date().nullable(),
    language: p.enum(LANGUAGES).nullable(),
    paymentTermsDays: p.integer().nullable(),
    introText: p.text().nullable(),
    footerText: p.text().nullable(),
    notes: p.text().nullable(),
    lines: p.json<RecurringLine[]>(),
    active: p.boolean().default(true),
    autoFinalize: p.boolean().default(false),
    autoSend: p.boolean().default(false),
    /** Who set it up: the drafts are created in their name (and they are the invoices' responsible person). */
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    /** Why the last run could not bill the next period (customer deleted, …); cleared when a period is billed. */
    lastError: p.text().nullable(),
    lastErrorAt: p.datetime().columnType('timestamptz').nullable(),
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    {
      name: 'recurring_invoices_due_index',
      expression: 'create index "recurring_invoices_due_index" on "recurring_invoices" ("next_date") where active and deleted_at is null and next_date is not null',
    },
  ],
});
export type RecurringInvoice = InferEntity<typeof RecurringInvoice>;
