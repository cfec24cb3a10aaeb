import { z } from 'zod';

/**
 * Job contracts shared by the API and services (which enqueue, through the outbox) and the
 * worker (which processes). Payloads carry ids, never personal data. Job ids are deterministic,
 * so the same work enqueued twice is one job; BullMQ ids may not contain ':'.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  documents: 'documents',
  invoices: 'invoices',
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const id = z.uuid();
const day = z.iso.date();

export const JOBS = {
  cleanupSessions: { queue: QUEUES.maintenance, name: 'cleanup-sessions', payload: z.object({}) },
  /** Renders an invoice's PDF: archived once for a finalized document, a preview per version of a draft. */
  renderInvoicePdf: {
    queue: QUEUES.documents,
    name: 'render-invoice-pdf',
    payload: z.object({ invoiceId: id, draftVersion: z.int().nullable() }),
  },
  /** Recomputes the totals of drafts (the given ones, or all) after tax settings changed. */
  recalculateTotals: { queue: QUEUES.invoices, name: 'recalculate-totals', payload: z.object({ invoiceIds: z.array(id).optional() }) },
  /** Marks invoices past their due date overdue (one SQL statement) and sends the reminders. */
  overdueSweep: { queue: QUEUES.invoices, name: 'overdue-sweep', payload: z.object({ today: day.optional() }) },
  /** Marks due reminders overdue and tells their owners. */
  reminderSweep: { queue: QUEUES.maintenance, name: 'reminder-sweep', payload: z.object({ today: day.optional() }) },
  /** Emails one notification when SMTP is configured. */
  sendNotificationEmail: { queue: QUEUES.notifications, name: 'send-notification-email', payload: z.object({ notificationId: id }) },
} as const;

export type JobDef = (typeof JOBS)[keyof typeof JOBS];
export type JobPayload<J extends JobDef> = z.infer<J['payload']>;

/** The deterministic id of a job: the same work always gets the same id. */
export function jobIdFor<J extends JobDef>(job: J, payload: JobPayload<J>): string {
  switch (job.name) {
    case JOBS.renderInvoicePdf.name: {
      const p = payload as JobPayload<typeof JOBS.renderInvoicePdf>;
      return p.draftVersion === null ? `pdf-${p.invoiceId}-final` : `pdf-${p.invoiceId}-v${p.draftVersion}`;
    }
    case JOBS.recalculateTotals.name: {
      const p = payload as JobPayload<typeof JOBS.recalculateTotals>;
      // One bulk run per moment it was asked for; the work itself is idempotent.
      return `recalc-${p.invoiceIds?.length ? p.invoiceIds.slice().sort().join('-').slice(0, 150) : 'all'}-${Date.now()}`;
    }
    case JOBS.overdueSweep.name:
      return `overdue-${(payload as JobPayload<typeof JOBS.overdueSweep>).today ?? 'now'}-${Date.now()}`;
    case JOBS.reminderSweep.name:
      return `reminders-${(payload as JobPayload<typeof JOBS.reminderSweep>).today ?? 'now'}-${Date.now()}`;
    case JOBS.sendNotificationEmail.name:
      return `email-${(payload as JobPayload<typeof JOBS.sendNotificationEmail>).notificationId}`;
    default:
      return `${job.name}-${Date.now()}`;
  }
}

/** Recurring jobs, registered by the worker at start with upsertJobScheduler. */
export const SCHEDULES = [
  { id: 'cleanup-sessions-hourly', job: JOBS.cleanupSessions, repeat: { every: 60 * 60 * 1000 } },
  // 00:05 in Berlin every day, summer and winter time alike.
  { id: 'overdue-sweep-daily', job: JOBS.overdueSweep, repeat: { pattern: '5 0 * * *', tz: 'Europe/Berlin' } },
  { id: 'reminder-sweep-daily', job: JOBS.reminderSweep, repeat: { pattern: '5 0 * * *', tz: 'Europe/Berlin' } },
] as const;

export const WORKER_HEARTBEAT_KEY = 'workmate:worker:heartbeat';

/** Redis pub/sub channel on which new notifications are announced (JSON `{ employeeIds: string[] }`); API processes relay them to live subscribers. */
export const NOTIFICATION_CHANNEL = 'workmate:notifications';

/** Redis pub/sub channel announcing changed project chats (JSON `{ projectIds: string[] }`); every API process relays them to its live subscribers. */
export const CHAT_CHANNEL = 'workmate:chat';
/** Redis pub/sub: sign-ins, tokens, people or roles changed; every API process forgets the principals it has cached. */
export const AUTH_CHANNEL = 'workmate:auth';
