import { z } from 'zod';
import { WORKER_HEARTBEAT_KEY } from '@workmate/domain/jobs';
import { WEBHOOK_DISABLE_AFTER_DAYS, WEBHOOK_RETRY_DELAYS_MS } from '@workmate/domain/webhooks';

const Env = z.object({
  DATABASE_URL: z.string().min(1, { error: 'DATABASE_URL is required' }),
  REDIS_URL: z.string().min(1, { error: 'REDIS_URL is required' }),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(480),
  HEARTBEAT_SECONDS: z.coerce.number().int().min(1).default(5),
  /** Where the heartbeat is written (the API's /health reads the same key). */
  WORKER_HEARTBEAT_KEY: z.string().default(WORKER_HEARTBEAT_KEY),
  /** Folder for stored files (invoice PDFs); the API must use the same one. */
  FILES_DIR: z.string().optional(),
  /** Pages Chromium prints on at once. */
  PDF_PAGES: z.coerce.number().int().min(1).max(8).default(2),
  /** How long a job may run before another worker takes it over after a crash (BullMQ lock). */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Redis key prefix of the queues: installations sharing one Redis need different ones (the API's must match). */
  QUEUE_PREFIX: z.string().default('bull'),
  /** How often the outbox relay looks for new jobs. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(200),
  /** After how long a relayed job that has not finished is relayed again (Redis may have lost it; a job Redis still holds is not added twice). */
  OUTBOX_REDELIVER_MS: z.coerce.number().int().min(100).default(60_000),
  /** smtp://user:pass@host:port — notifications are emailed only when this is set. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Workmate <workmate@localhost>'),
  /** The address people reach this installation at (no trailing slash): the links in mailings and opt-in mails point there. */
  PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be an http(s) address' }).default('http://localhost:3000'),
  /** Webhook targets allowed although they are private or local (comma-separated hosts, e.g. "localhost,127.0.0.1"); by default only public addresses. */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  /** How long a webhook receiver may take to answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** A subscription whose deliveries only failed for this many days is switched off. */
  WEBHOOK_DISABLE_AFTER_DAYS: z.coerce.number().min(0).default(WEBHOOK_DISABLE_AFTER_DAYS),
  /** The waits between attempts in ms, comma-separated (default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). */
  WEBHOOK_RETRY_DELAYS_MS: z
    .string()
    .default(WEBHOOK_RETRY_DELAYS_MS.join(','))
    .transform((v) => v.split(',').map((n) => Number(n.trim())))
    .refine((list) => list.length > 0 && list.every((n) => Number.isInteger(n) && n >= 0), { error: 'must be whole milliseconds, comma-separated' }),
  /** Deliveries posted at once. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  /** Email in (service tickets): the IMAP server polled for new mail; polling is off while unset. */
  IMAP_HOST: z.string().trim().min(1).optional(),
  IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  /** TLS from the first byte (port 993); `false` for a plain connection that upgrades with STARTTLS when the server offers it. */
  IMAP_SECURE: z.stringbool().default(true),
  IMAP_USER: z.string().default(''),
  IMAP_PASSWORD: z.string().default(''),
  IMAP_MAILBOX: z.string().min(1).default('INBOX'),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Mail that arrived in the mailbox before this day (YYYY-MM-DD, the server's arrival date) is left alone: the first poll then does not take in an old mailbox. */
  IMAP_SINCE: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
});
export type WorkerEnv = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) throw new Error(`The worker configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
