import { z } from 'zod';
import { WORKER_HEARTBEAT_KEY } from '@workmate/domain/jobs';
import { parseTrustedProxies } from './client-ip.ts';

/** An optional setting that counts as unset when empty (`OIDC_ISSUER=` in a compose file). */
const unlessEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Plain http to the OpenID provider is for one on this machine only (development, tests). */
function isPlainHttpElsewhere(address: string): boolean {
  const url = new URL(address);
  return url.protocol === 'http:' && !(url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname));
}

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
  /** Sign-in with OIDC (Keycloak, Zitadel): the provider's issuer URL; unset, the feature is off. */
  OIDC_ISSUER: unlessEmpty(z.url({ protocol: /^https?$/, error: 'OIDC_ISSUER must be an http(s) URL' })),
  OIDC_CLIENT_ID: unlessEmpty(z.string()),
  /** The client's secret (confidential client); unset, the client is public and relies on PKCE alone. */
  OIDC_CLIENT_SECRET: unlessEmpty(z.string()),
  /** The callback address registered at the provider; unset, taken from the request's host (`<origin>/auth/oidc/callback`). */
  OIDC_REDIRECT_URL: unlessEmpty(z.url({ protocol: /^https?$/, error: 'OIDC_REDIRECT_URL must be an http(s) URL' })),
  /** The button's text on the sign-in page: "Anmelden mit <label>". */
  OIDC_BUTTON_LABEL: z.string().min(1).max(60).default('SSO'),
  OIDC_SCOPES: z.string().default('openid email profile'),
  /** A first sign-in links by email only when the provider says it verified that email (set false only for a provider that never sends email_verified). */
  OIDC_REQUIRE_EMAIL_VERIFIED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
}).superRefine((env, ctx) => {
  if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_CLIENT_ID is required when OIDC_ISSUER is set' });
  if (env.OIDC_ISSUER && isPlainHttpElsewhere(env.OIDC_ISSUER)) ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'OIDC_ISSUER must use https (plain http only for a provider on localhost)' });
  if (env.OIDC_ISSUER && !env.OIDC_SCOPES.split(/\s+/).includes('openid')) ctx.addIssue({ code: 'custom', path: ['OIDC_SCOPES'], message: 'OIDC_SCOPES must include openid' });
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
