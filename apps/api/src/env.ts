import { z } from 'zod';
import { WORKER_HEARTBEAT_KEY } from '@workmate/domain/jobs';
import { parseTrustedProxies } from './client-ip.ts';

const Env = z.object({
  DATABASE_URL: z.string().min(1, { error: 'DATABASE_URL is required (postgres://…)' }),
  REDIS_URL: z.string().min(1, { error: 'REDIS_URL is required (redis://…)' }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Folder of the built web app; served at `/`. */
  WEB_DIST: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(480),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(168),
  /** Set when the app is served over HTTPS, so the cookie gets `Secure`. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Origins allowed to send mutations besides the app's own (comma-separated). */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Failed sign-ins for one account from one IP address before that pair is locked. */
  LOGIN_MAX_ATTEMPTS_ACCOUNT: z.coerce.number().int().min(1).default(5),
  /** Failed sign-ins from one IP address (any accounts) per LOGIN_WINDOW_SECONDS. */
  LOGIN_MAX_ATTEMPTS_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** The first lock of an (account, IP) pair; it doubles with every further failure up to the max. */
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(60),
  LOGIN_LOCK_MAX_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** Failed sign-ins for one account from all addresses together per hour (distributed guessing). */
  LOGIN_MAX_FAILURES_ACCOUNT_HOUR: z.coerce.number().int().min(1).default(100),
  /** Reverse proxies whose X-Forwarded-For is believed: IPs and CIDR ranges, comma-separated. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  DB_POOL_MAX: z.coerce.number().int().min(1).default(10),
  /** Folder for stored files (invoice PDFs, uploads); default `.data/files` in the working folder. */
  FILES_DIR: z.string().optional(),
  /** Redis key prefix of the worker's queues (must match the worker's QUEUE_PREFIX). */
  QUEUE_PREFIX: z.string().default('bull'),
  /** Where the worker's heartbeat is read (a test can give one worker its own key). */
  WORKER_HEARTBEAT_KEY: z.string().default(WORKER_HEARTBEAT_KEY),
  /** smtp://user:pass@host:port, the same as the worker's: the API only checks that it is set (invoices.send refuses without it); the worker sends. */
  SMTP_URL: z.string().optional(),
  /** Webhook targets allowed although private or local (comma-separated hosts, e.g. "localhost,127.0.0.1"); the worker's setting must match. */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  /** A secret for Prometheus: `Authorization: Bearer <METRICS_TOKEN>` may read /metrics without signing in. */
  METRICS_TOKEN: z.string().min(16, { error: 'METRICS_TOKEN must be at least 16 characters' }).optional(),
  /** How often each API process checks the worker heartbeat and the queues for the admins' alerts (0: never). */
  MONITOR_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(30),
  /** A heartbeat older than this raises the "worker not running" alert. */
  HEARTBEAT_ALERT_SECONDS: z.coerce.number().int().min(10).default(120),
  /** A queue whose oldest waiting job stays the same this long raises the "queue stalled" alert. */
  QUEUE_STALL_MINUTES: z.coerce.number().int().min(1).default(10),
});
export type ApiEnv = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`The API configuration is invalid:\n${problems}`);
  }
  return parsed.data;
}
