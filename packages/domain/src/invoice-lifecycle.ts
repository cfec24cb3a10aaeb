/**
 * The lifecycle of invoices, quotes and cancellation invoices (GoBD): a draft is editable and
 * has no number; finalizing numbers and freezes it; after that only the status moves, along
 * the paths below. Pure rules: the services apply them, the web app uses them to offer actions.
 */
import type { InvoiceStatus, InvoiceType } from './enums.ts';
import { fromCents, toCents } from './money.ts';

/** Statuses each document type can have. */
export const STATUSES_OF: Record<InvoiceType, readonly InvoiceStatus[]> = {
  invoice: ['draft', 'finalized', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled'],
  quote: ['draft', 'finalized', 'sent', 'accepted', 'rejected', 'expired'],
  cancellation: ['finalized', 'sent'],
};

/** Finalized invoices that still wait for money: they take payments and can become overdue. */
export const OPEN_STATUSES = ['finalized', 'sent', 'partially_paid', 'overdue'] as const satisfies readonly InvoiceStatus[];

export function isOpen(status: InvoiceStatus): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Statuses a person may set by hand (setStatus / bulkSetStatus), per type and current status. */
const MANUAL: Record<InvoiceType, Partial<Record<InvoiceStatus, readonly InvoiceStatus[]>>> = {
  invoice: {
    finalized: ['sent', 'paid'],
    sent: ['paid'],
    partially_paid: ['paid'],
    overdue: ['paid'],
  },
  quote: {
    finalized: ['sent', 'accepted', 'rejected', 'expired'],
    sent: ['accepted', 'rejected', 'expired'],
    expired: ['accepted', 'rejected'],
  },
  cancellation: { finalized: ['sent'] },
};

/** Why a status change by hand is not allowed, or null when it is. */
export function manualTransitionProblem(type: InvoiceType, from: InvoiceStatus, to: InvoiceStatus): string | null {
  if (from === to) return null;
  if (!STATUSES_OF[type].includes(to)) return `A document of type ${type} cannot have the status ${to}`;
  if (from === 'draft') return to === 'finalized' ? null : 'A draft must be finalized first';
  if (to === 'cancelled') return 'Cancel an invoice with a cancellation invoice (cancel), not by setting its status';
  if (to === 'draft') return 'A finalized document can never become a draft again; cancel it and correct a copy';
  if (to === 'overdue') return 'Overdue is set automatically after the due date';
  if (to === 'partially_paid') return 'Partially paid follows from recorded payments';
  if (!(MANUAL[type][from] ?? []).includes(to)) return `The status cannot change from ${from} to ${to}`;
  return null;
}

/**
 * The status of a finalized, not cancelled invoice after its payments changed: paid when they
 * cover the total, overdue when the due date has passed, else partially paid or (un)sent.
 * `today` and `dueDate` are Europe/Berlin calendar days (YYYY-MM-DD).
 */
export function statusAfterPayments(input: { grossTotal: string; paidAmount: string; sent: boolean; dueDate: string | null; today: string }): InvoiceStatus {
  const paid = toCents(input.paidAmount);
  if (paid >= toCents(input.grossTotal)) return 'paid';
  if (input.dueDate !== null && input.dueDate < input.today) return 'overdue';
  if (paid > 0n) return 'partially_paid';
  return input.sent ? 'sent' : 'finalized';
}

/** What is still owed on an invoice ("0.00" once paid). */
export function outstandingAmount(grossTotal: string, paidAmount: string): string {
  const rest = toCents(grossTotal) - toCents(paidAmount);
  return fromCents(rest > 0n ? rest : 0n);
}
