import { z } from 'zod';
import { ReportPdfJobPayload } from './schemas/bookkeeping-report-pdf.ts';
import { WEBHOOK_ATTEMPTS } from './webhooks.ts';

/**
 * Job contracts shared by the API and services (which enqueue, through the outbox) and the
 * worker (which processes; its handlers are registered in apps/worker/src/jobs/registry.ts).
 * Payloads carry ids, never personal data. Job ids are deterministic, so the same work enqueued
 * twice is one job; BullMQ ids may not contain ':'.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  documents: 'documents',
  invoices: 'invoices',
  notifications: 'notifications',
  /** The jobs of event subscribers (see events.ts): small reactions that hand heavy work to the other queues. */
  events: 'events',
  /** Webhook deliveries (issue 18): one job per delivery, retried on the webhook schedule. */
  webhooks: 'webhooks',
  /** Automation rules: scheduled runs and the emails rules send. */
  automation: 'automation',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A recurring run, registered by the worker at start (and at every Redis reconnect) with upsertJobScheduler. */
export interface JobSchedule {
  readonly id: string;
  readonly repeat: { readonly every: number } | { readonly pattern: string; readonly tz: string };
  /** Also run once at every worker start under this job id prefix, so a worker that was down at the scheduled time catches up. */
  readonly atStart?: string;
}

/** One job: its name, its queue, the schema of its payload, the rule for its id, and its schedule if it recurs. */
export interface JobContract<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly queue: QueueName;
  readonly payload: S;
  /** The deterministic id of a job: the same work always gets the same id. */
  jobId(payload: z.infer<S>): string;
  readonly schedule?: JobSchedule;
  /** Retries other than the default (5 attempts, 1 s doubling): `backoff` names a strategy the worker knows. */
  readonly retry?: { readonly attempts: number; readonly backoff: 'webhook' };
}

export function defineJobContract<S extends z.ZodType>(contract: JobContract<S>): JobContract<S> {
  return contract;
}

const id = z.uuid();
const day = z.iso.date();

export const JOBS = {
  /** Hourly housekeeping: expired sessions, finished outbox rows. */
  cleanupSessions: defineJobContract({
    queue: QUEUES.maintenance,
    name: 'cleanup-sessions',
    payload: z.object({}),
    jobId: () => `cleanup-sessions-${Date.now()}`,
    schedule: { id: 'cleanup-sessions-hourly', repeat: { every: 60 * 60 * 1000 } },
  }),
  /** Renders an invoice's PDF: archived once for a finalized document, a preview per version of a draft. */
  renderInvoicePdf: defineJobContract({
    queue: QUEUES.documents,
    name: 'render-invoice-pdf',
    payload: z.object({ invoiceId: id, draftVersion: z.int().nullable() }),
    jobId: (p) => (p.draftVersion === null ? `pdf-${p.invoiceId}-final` : `pdf-${p.invoiceId}-v${p.draftVersion}`),
  }),
  /** Recomputes the totals of drafts (the given ones, or all) after tax settings changed. */
  recalculateTotals: defineJobContract({
    queue: QUEUES.invoices,
    name: 'recalculate-totals',
    payload: z.object({ invoiceIds: z.array(id).optional() }),
    // One bulk run per moment it was asked for; the work itself is idempotent.
    jobId: (p) => `recalc-${p.invoiceIds?.length ? p.invoiceIds.slice().sort().join('-').slice(0, 150) : 'all'}-${Date.now()}`,
  }),
  /** Marks invoices past their due date overdue (one SQL statement) and sends the reminders. */
  overdueSweep: defineJobContract({
    queue: QUEUES.invoices,
    name: 'overdue-sweep',
    payload: z.object({ today: day.optional() }),
    jobId: (p) => `overdue-${p.today ?? 'now'}-${Date.now()}`,
    // 00:05 in Berlin every day, summer and winter time alike.
    schedule: { id: 'overdue-sweep-daily', repeat: { pattern: '5 0 * * *', tz: 'Europe/Berlin' }, atStart: 'overdue-start' },
  }),
  /** Marks due reminders overdue and tells their owners. */
  reminderSweep: defineJobContract({
    queue: QUEUES.maintenance,
    name: 'reminder-sweep',
    payload: z.object({ today: day.optional() }),
    jobId: (p) => `reminders-${p.today ?? 'now'}-${Date.now()}`,
    schedule: { id: 'reminder-sweep-daily', repeat: { pattern: '5 0 * * *', tz: 'Europe/Berlin' }, atStart: 'reminders-start' },
  }),
  /** Emails one notification when SMTP is configured. */
  sendNotificationEmail: defineJobContract({
    queue: QUEUES.notifications,
    name: 'send-notification-email',
    payload: z.object({ notificationId: id }),
    jobId: (p) => `email-${p.notificationId}`,
  }),
  // Sending invoices by email (issue 14)
  /** Emails one recorded send request (invoice_sends) with the document's archived PDF; retried with backoff until the PDF is there. */
  sendInvoiceEmail: defineJobContract({
    queue: QUEUES.notifications,
    name: 'send-invoice-email',
    payload: z.object({ sendId: id }),
    jobId: (p) => `invoice-email-${p.sendId}`,
  }),
  // Dunning (issue 15)
  /** Proposes the dunning notices due today (unique per invoice and level), and sends them when automatic sending is on. */
  dunningRun: defineJobContract({
    queue: QUEUES.invoices,
    name: 'dunning-run',
    payload: z.object({ today: day.optional() }),
    jobId: (p) => `dunning-${p.today ?? 'now'}-${Date.now()}`,
    // 00:15 in Berlin, after the overdue sweep; also at every worker start, so a run missed in an outage is caught up.
    schedule: { id: 'dunning-run-daily', repeat: { pattern: '15 0 * * *', tz: 'Europe/Berlin' }, atStart: 'dunning-start' },
  }),
  /** Renders and archives a sent notice's PDF (once), then emails it when the notice asks for it. */
  sendDunningNotice: defineJobContract({
    queue: QUEUES.documents,
    name: 'send-dunning-notice',
    payload: z.object({ noticeId: id }),
    jobId: (p) => `dunning-notice-${p.noticeId}`,
  }),
  // Inventory (issue 17)
  /** Renders and archives the PDF of an order confirmation (AB-…) or a delivery note (LS-…), once. */
  renderStockDocumentPdf: defineJobContract({
    queue: QUEUES.documents,
    name: 'render-stock-document-pdf',
    payload: z.object({ kind: z.enum(['orderConfirmation', 'deliveryNote']), id }),
    jobId: (p) => `stock-document-${p.kind}-${p.id}`,
  }),
  // Bookkeeping reports (issue 16)
  /** Renders one requested report (trial balance, ledger, P&L, balance sheet, UStVA) as a PDF and keeps it for its requester; once per request. */
  renderReportPdf: defineJobContract({
    queue: QUEUES.documents,
    name: 'render-report-pdf',
    payload: ReportPdfJobPayload,
    jobId: (p) => `report-pdf-${p.requestId}`,
  }),
  // Recurring invoices (issue 15)
  /**
   * Bills every due period of the active recurring invoices (all missed ones after an outage),
   * one invoice per period: the database decides, so any number of these may run at once.
   */
  recurringInvoices: defineJobContract({
    queue: QUEUES.invoices,
    name: 'recurring-invoices',
    payload: z.object({ today: day.optional() }),
    jobId: (p) => `recurring-${p.today ?? 'now'}-${Date.now()}`,
    // 00:10 in Berlin every day (a period starts on a calendar day), and at every worker start.
    schedule: { id: 'recurring-invoices-daily', repeat: { pattern: '10 0 * * *', tz: 'Europe/Berlin' }, atStart: 'recurring-start' },
  }),
  // Service tickets (issue 18)
  /**
   * Finds tickets whose SLA due time passed, records the breach and notifies (once per breach).
   * `now` lets a test run it under a fake clock; the scheduled run uses the real one.
   */
  slaBreachSweep: defineJobContract({
    queue: QUEUES.maintenance,
    name: 'sla-breach-sweep',
    payload: z.object({ now: z.iso.datetime({ offset: true }).optional() }),
    jobId: (p) => `sla-sweep-${p.now ?? 'now'}-${Date.now()}`.replace(/:/g, '_'),
    schedule: { id: 'sla-breach-sweep', repeat: { every: 5 * 60 * 1000 }, atStart: 'sla-sweep-start' },
  }),
  /** Emails an external ticket reply to the ticket's contact (with Message-ID and In-Reply-To for threading), once. */
  sendTicketReply: defineJobContract({
    queue: QUEUES.notifications,
    name: 'send-ticket-reply',
    payload: z.object({ replyId: id }),
    jobId: (p) => `ticket-reply-${p.replyId}`,
  }),
  /**
   * Reads the new messages of the IMAP mailbox (IMAP_HOST …) into service tickets through
   * ingestEmail, each once: the last UID read is kept per mailbox and UIDVALIDITY, and a
   * Message-ID is taken in once. Every minute by default (the worker uses IMAP_POLL_SECONDS); off
   * without IMAP_HOST.
   */
  pollImapMailbox: defineJobContract({
    queue: QUEUES.maintenance,
    name: 'poll-imap-mailbox',
    payload: z.object({}),
    jobId: () => `imap-poll-${Date.now()}`,
    schedule: { id: 'imap-poll', repeat: { every: 60 * 1000 } },
  }),
  // Automation rules and webhooks (issue 18)
  /** Posts one webhook delivery (round: 0, then one more per manual redelivery); retried on WEBHOOK_RETRY_DELAYS_MS. */
  deliverWebhook: defineJobContract({
    queue: QUEUES.webhooks,
    name: 'deliver-webhook',
    payload: z.object({ deliveryId: id, round: z.int().min(0) }),
    jobId: (p) => `webhook-${p.deliveryId}-${p.round}`,
    retry: { attempts: WEBHOOK_ATTEMPTS, backoff: 'webhook' },
  }),
  /** Runs the rules with a time-based trigger whose period has come (once per rule version and period). */
  automationSchedule: defineJobContract({
    queue: QUEUES.automation,
    name: 'automation-schedule',
    payload: z.object({}),
    jobId: () => `automation-schedule-${Date.now()}`,
    schedule: { id: 'automation-schedule-minutely', repeat: { every: 60_000 } },
  }),
  /** Sends the email of one "send email" step of a rule run (when SMTP is configured). */
  sendAutomationEmail: defineJobContract({
    queue: QUEUES.automation,
    name: 'send-automation-email',
    payload: z.object({ runId: id, step: z.int().min(0) }),
    jobId: (p) => `automation-email-${p.runId}-${p.step}`,
  }),
  // Marketing campaigns (issue 18)
  /** Mails the double opt-in link of one consent request (the n-th of that address), once; the link's token is made here and only its hash kept. */
  sendConsentRequest: defineJobContract({
    queue: QUEUES.notifications,
    name: 'send-consent-request',
    payload: z.object({ consentId: id, request: z.int().min(1) }),
    jobId: (p) => `consent-${p.consentId}-${p.request}`,
  }),
  /** Mails a mailing to one recipient (its row is unique per mailing and contact), once, with its open pixel and one-click unsubscribe. */
  sendMailingEmail: defineJobContract({
    queue: QUEUES.notifications,
    name: 'send-mailing-email',
    payload: z.object({ recipientId: id }),
    jobId: (p) => `mailing-${p.recipientId}`,
  }),
  // Saved reports (issue 18)
  /**
   * Runs the saved reports whose scheduled moment has come (a file per report and due moment:
   * the database decides, so a repeated or parallel delivery runs nothing twice).
   */
  runSavedReports: defineJobContract({
    queue: QUEUES.maintenance,
    name: 'run-saved-reports',
    payload: z.object({ now: z.iso.datetime().optional() }),
    jobId: (p) => `saved-reports-${p.now ?? 'now'}-${Date.now()}`.replaceAll(':', '-'),
    schedule: { id: 'saved-reports-quarter-hourly', repeat: { every: 15 * 60 * 1000 }, atStart: 'saved-reports-start' },
  }),
} as const;

export type JobPayload<J extends JobContract> = z.infer<J['payload']>;

/** The deterministic id of a job: the same work always gets the same id. */
export function jobIdFor<J extends JobContract>(job: J, payload: JobPayload<J>): string {
  return job.jobId(payload);
}

/** Recurring jobs, registered by the worker at start with upsertJobScheduler. */
export const SCHEDULES = Object.values(JOBS).flatMap((job: JobContract) => (job.schedule ? [{ ...job.schedule, job }] : []));

export const WORKER_HEARTBEAT_KEY = 'workmate:worker:heartbeat';

/**
 * Failed job attempts, counted by the worker in one Redis hash (field `queue|job name`) that the
 * API's /metrics reads: one scrape target for any number of workers, kept across their restarts.
 */
export const JOB_FAILURES_KEY = 'workmate:metrics:job-failures';

/** Redis pub/sub channel on which new notifications are announced (JSON `{ employeeIds: string[] }`); API processes relay them to live subscribers. */
export const NOTIFICATION_CHANNEL = 'workmate:notifications';

/** Redis pub/sub channel announcing changed project chats (JSON `{ projectIds: string[] }`); every API process relays them to its live subscribers. */
export const CHAT_CHANNEL = 'workmate:chat';
/** Redis pub/sub: sign-ins, tokens, people or roles changed; every API process forgets the principals it has cached. */
export const AUTH_CHANNEL = 'workmate:auth';
