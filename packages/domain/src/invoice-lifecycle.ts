/**
 * The lifecycle of invoices, quotes and cancellation invoices (GoBD): a draft is editable and
 * has no number; finalizing numbers and freezes it; after that only the status moves, along
 * the paths below. Pure rules: the services apply them, the web app uses them to offer actions.
 */
import type { InvoiceStatus, InvoiceType } from './enums.ts';
import { messageOf, type ErrorCode, type ErrorIssue } from './error-codes.ts';
import { fromCents, toCents } from './money.ts';

/** Statuses each document type can have. */
export const STATUSES_OF: Record<InvoiceType, readonly InvoiceStatus[]> = {
  invoice: ['draft', 'finalized', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled'],
  quote: ['draft', 'finalized', 'sent', 'accepted', 'rejected', 'expired'],
  cancellation: ['finalized', 'sent'],
  credit_note: ['draft', 'finalized', 'sent'],
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
  credit_note: { finalized: ['sent'] },
};

/**
 * Why a status change by hand is not allowed (as an error code with its parameters, for the
 * document `number`), or null when it is.
 */
export function manualTransitionIssue(type: InvoiceType, from: InvoiceStatus, to: InvoiceStatus, number: string): ErrorIssue | null {
  const issue = (code: ErrorCode, params: Record<string, string> = {}): ErrorIssue => ({ code, params: { number, ...params } });
  if (from === to) return null;
  if (!STATUSES_OF[type].includes(to)) return issue('invoice.status.notForType', { type, status: to });
  if (from === 'draft') return to === 'finalized' ? null : issue('invoice.status.draftFirst');
  if (to === 'cancelled') return issue('invoice.status.cancelByCancellation');
  if (to === 'draft') return issue('invoice.status.neverDraftAgain');
  if (to === 'overdue') return issue('invoice.status.overdueAutomatic');
  if (to === 'partially_paid') return issue('invoice.status.partiallyPaidAutomatic');
  if (!(MANUAL[type][from] ?? []).includes(to)) return issue('invoice.status.transition', { from, to });
  return null;
}

/** Why a status change by hand is not allowed, in English, or null when it is. */
export function manualTransitionProblem(type: InvoiceType, from: InvoiceStatus, to: InvoiceStatus): string | null {
  const issue = manualTransitionIssue(type, from, to, '');
  return issue ? messageOf(issue).slice(': '.length) : null;
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
