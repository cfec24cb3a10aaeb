import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from './common.ts';
import { Invoice } from './invoice.ts';
import { RecurringInvoice } from './recurring-invoice.ts';

export const RECURRING_SEND_STATUSES = ['pending', 'claimed', 'requested', 'failed'] as const;

/**
 * One billed period of a recurring invoice. The unique (template, period start) is what makes
 * a period's invoice happen once: the run inserts this row in the same transaction as the
 * draft, so two workers (or a retry after a crash) can never bill a period twice.
 * With auto-send, `sendStatus` follows the automatic email: pending (finalized, not asked yet),
 * claimed (one run took it: the claim is what keeps two workers from emailing twice), requested
 * (an invoice_sends row exists), or failed with `sendError` (no address, SMTP not set up).
 */
export const RecurringInvoicePeriod = defineEntity({
  name: 'RecurringInvoicePeriod',
  tableName: 'recurring_invoice_periods',
  uniques: [{ name: 'recurring_invoice_periods_once', properties: ['template', 'periodStart'] }],
  checks: [{ name: 'recurring_invoice_periods_in_order', expression: 'period_end >= period_start' }],
  indexes: [
    {
      name: 'recurring_invoice_periods_send_pending',
      expression: `create index "recurring_invoice_periods_send_pending" on "recurring_invoice_periods" ("created_at") where send_status = 'pending'`,
    },
  ],
  properties: {
    id: idColumn(),
    template: () => p.manyToOne(RecurringInvoice).deleteRule('cascade'),
    periodStart: p.date(),
    periodEnd: p.date(),
    invoice: () => p.manyToOne(Invoice).nullable().deleteRule('set null').index(),
    /** Why auto-finalize did not finalize the draft (the mandatory content it lacks); it stays a draft. */
    finalizeError: p.text().nullable(),
    sendStatus: p.enum(RECURRING_SEND_STATUSES).nullable(),
    sendError: p.text().nullable(),
    createdAt: createdAtColumn(),
  },
});
export type RecurringInvoicePeriod = InferEntity<typeof RecurringInvoicePeriod>;
