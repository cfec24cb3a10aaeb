import { z } from 'zod';
import { QUEUES, type JobContract } from './jobs.ts';
import { RECORD_ACTIONS, RECORD_ENTITIES } from './webhooks.ts';

/**
 * Business events: something that happened, published once through the outbox in the
 * transaction that made it happen (packages/db/src/events/publish.ts). The publisher does not
 * know who reacts; the subscribers are listed here, each under a stable name:
 * - `inTransaction` subscribers run inside the publishing transaction (their handlers are in
 *   packages/db/src/events/in-transaction.ts): they commit or roll back with the change;
 * - `afterCommit` subscribers run as one job each, after commit (their handlers are in the
 *   worker's job registry). The worker's relay fans the event out into these jobs, with the job
 *   id `(event id, subscriber)`, so an event relayed twice still runs each subscriber once.
 * Adding a subscriber means adding its name here and its handler there; a test checks both lists match.
 */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly payload: S;
  readonly inTransaction: readonly string[];
  readonly afterCommit: readonly string[];
}

export function defineEvent<S extends z.ZodType, const I extends readonly string[], const A extends readonly string[]>(event: {
  name: string;
  payload: S;
  inTransaction: I;
  afterCommit: A;
}): { readonly name: string; readonly payload: S; readonly inTransaction: I; readonly afterCommit: A } {
  return event;
}

export const EVENTS = {
  /** A draft became a numbered, final document (invoice, quote or cancellation). */
  invoiceFinalized: defineEvent({
    name: 'invoice.finalized',
    payload: z.object({ invoiceId: z.uuid() }),
    // The project chat's system message stays part of the finalization: one insert that commits
    // with it, so the message is there the moment the finalization is (and live readers are told
    // after the request commits, as for every other system message).
    // The journal entry (debtor / revenue / VAT) is posted in the same transaction: a locked month refuses the finalization.
    inTransaction: ['chat-message', 'bookkeeping'],
    // The archived PDF is rendered by the worker after commit.
    afterCommit: ['invoice-pdf'],
  }),
  /** Money received for an invoice (bookkeeping posts bank / debtor, Skonto and, under Ist-Versteuerung, the VAT now due). */
  paymentRecorded: defineEvent({ name: 'payment.recorded', payload: z.object({ paymentId: z.uuid(), invoiceId: z.uuid() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  /** A payment's amount or date changed: its posting is reversed and posted again. */
  paymentChanged: defineEvent({ name: 'payment.changed', payload: z.object({ paymentId: z.uuid(), invoiceId: z.uuid() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  /** A payment was deleted: its posting is reversed; a bank entry matched to it is open again. */
  paymentDeleted: defineEvent({ name: 'payment.deleted', payload: z.object({ paymentId: z.uuid(), invoiceId: z.uuid() }), inTransaction: ['bookkeeping', 'banking'], afterCommit: [] }),
  /** Money paid back to the customer for an overpaid invoice (bookkeeping posts debtor / bank and, under Ist, releases the VAT kept due). */
  refundRecorded: defineEvent({ name: 'refund.recorded', payload: z.object({ refundId: z.uuid(), invoiceId: z.uuid() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  /** A refund was deleted: its posting is reversed; a bank entry matched to it is open again. */
  refundDeleted: defineEvent({ name: 'refund.deleted', payload: z.object({ refundId: z.uuid(), invoiceId: z.uuid() }), inTransaction: ['bookkeeping', 'banking'], afterCommit: [] }),
  /** An expense was recorded (bookkeeping posts expense + input VAT / employee payable). */
  expenseRecorded: defineEvent({ name: 'expense.recorded', payload: z.object({ expenseId: z.uuid(), supplierInvoiceId: z.uuid().nullable() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  expenseChanged: defineEvent({ name: 'expense.changed', payload: z.object({ expenseId: z.uuid(), supplierInvoiceId: z.uuid().nullable() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  expenseDeleted: defineEvent({ name: 'expense.deleted', payload: z.object({ expenseId: z.uuid(), supplierInvoiceId: z.uuid().nullable() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  /** An expense was paid back to the employee (payable / bank). */
  expenseReimbursed: defineEvent({ name: 'expense.reimbursed', payload: z.object({ expenseId: z.uuid(), supplierInvoiceId: z.uuid().nullable() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  /** A received invoice was approved (expense + input VAT / creditor). */
  supplierInvoiceApproved: defineEvent({ name: 'supplierInvoice.approved', payload: z.object({ supplierInvoiceId: z.uuid() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  /** A received invoice was paid (creditor / bank or cash; Skonto received with its input VAT correction). */
  supplierPaymentRecorded: defineEvent({ name: 'supplierPayment.recorded', payload: z.object({ supplierPaymentId: z.uuid(), supplierInvoiceId: z.uuid() }), inTransaction: ['bookkeeping'], afterCommit: [] }),
  /** A supplier payment was deleted: its posting is reversed. */
  supplierPaymentDeleted: defineEvent({ name: 'supplierPayment.deleted', payload: z.object({ supplierPaymentId: z.uuid(), supplierInvoiceId: z.uuid() }), inTransaction: ['bookkeeping', 'banking'], afterCommit: [] }),
  /**
   * A record that rules and webhooks can react to was created, changed or deleted (written by the
   * flush subscriber packages/db/src/automation/record-events.ts in the changing transaction).
   * `depth` counts the automation rules that led to it: 0 for a person's change.
   */
  recordChanged: defineEvent({
    name: 'record.changed',
    payload: z.object({
      entity: z.enum(RECORD_ENTITIES),
      entityId: z.uuid(),
      action: z.enum(RECORD_ACTIONS),
      fields: z.array(z.string()),
      status: z.object({ before: z.string().nullable(), after: z.string().nullable() }).nullable(),
      depth: z.int().min(0),
    }),
    inTransaction: [],
    afterCommit: ['automation', 'webhooks'],
  }),
  /** A POST arrived at a rule's incoming webhook (/hooks/automation/<token>). */
  automationIncoming: defineEvent({
    name: 'automation.incoming',
    payload: z.object({ ruleId: z.uuid(), body: z.record(z.string(), z.unknown()) }),
    inTransaction: [],
    afterCommit: ['automation'],
  }),
} as const;

export type EventDef = (typeof EVENTS)[keyof typeof EVENTS];
export type EventPayload<E extends EventContract> = z.infer<E['payload']>;

/** The payload schema of an after-commit subscriber's job: which event (its id) and what it said. */
export type SubscriberJobSchema<E extends EventContract> = z.ZodObject<{ eventId: z.ZodUUID; event: E['payload'] }>;

/** The job contract of an after-commit subscriber: name `<event>/<subscriber>`, id `event-<event id>-<subscriber>`. */
export function subscriberJob<E extends EventContract>(event: E, subscriber: E['afterCommit'][number]): JobContract<SubscriberJobSchema<E>> {
  return {
    name: `${event.name}/${subscriber}`,
    queue: QUEUES.events,
    payload: z.object({ eventId: z.uuid(), event: event.payload }),
    jobId: (p) => `event-${p.eventId}-${subscriber}`,
  };
}

/** Every event by name (the outbox stores the name). */
export function eventNamed(name: string): EventContract | undefined {
  return Object.values(EVENTS).find((e) => e.name === name);
}

/** The jobs an event is fanned out into after commit, one per after-commit subscriber. */
export function subscriberJobsOf(event: EventContract): JobContract[] {
  return event.afterCommit.map((s) => subscriberJob(event, s));
}

/** The job contracts of every after-commit subscriber of every event. */
export const EVENT_JOBS: JobContract[] = Object.values(EVENTS).flatMap((e: EventContract) => subscriberJobsOf(e));
