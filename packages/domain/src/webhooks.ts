import { z } from 'zod';
import { Id, text } from './schemas/common.ts';

/**
 * Outgoing webhooks (issue 18): subscriptions per event type, signed the Standard Webhooks way
 * (headers webhook-id / webhook-timestamp / webhook-signature, see webhook-receiver.ts), one
 * job per delivery retried on WEBHOOK_RETRY_DELAYS_MS, and a subscription that only failed for
 * WEBHOOK_DISABLE_AFTER_DAYS is switched off.
 */

/** The records whose changes are business events (record.changed, see events.ts): what rules and webhooks can react to. */
export const RECORD_ENTITIES = ['customer', 'contact', 'project', 'invoice', 'expense', 'reminder', 'activity'] as const;
export type RecordEntity = (typeof RECORD_ENTITIES)[number];
export const RECORD_ACTIONS = ['create', 'update', 'delete'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

const PAST: Record<RecordAction, string> = { create: 'created', update: 'updated', delete: 'deleted' };
/** The external name of a record change: `customer.created`, `invoice.updated` … */
export const webhookEventType = (entity: RecordEntity, action: RecordAction) => `${entity}.${PAST[action]}`;

/** The event types a subscription can choose: every record change, the test event, and what rules send. */
export const WEBHOOK_EVENT_TYPES = [...RECORD_ENTITIES.flatMap((e) => RECORD_ACTIONS.map((a) => webhookEventType(e, a))), 'automation.rule', 'webhook.test'] as const;

/** Retry delays after a failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts over about a day and a half). */
export const WEBHOOK_RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000] as const;
export const WEBHOOK_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;
/** A subscription whose deliveries only failed for this many days is disabled. */
export const WEBHOOK_DISABLE_AFTER_DAYS = 5;
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The delay before attempt `attemptsMade + 1` (BullMQ's custom backoff), from a schedule. */
export function webhookRetryDelay(attemptsMade: number, delays: readonly number[] = WEBHOOK_RETRY_DELAYS_MS): number {
  return delays[Math.max(0, attemptsMade - 1)] ?? delays[delays.length - 1] ?? 1000;
}

export const WebhookUrl = z
  .string()
  .trim()
  .max(2000, { error: 'must be at most 2000 characters' })
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, { error: 'must be an http(s) address' });

const EventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, { error: 'choose at least one event type' }).max(50);

export const WebhookSubscriptionCreateInput = z.object({
  name: text(200),
  url: WebhookUrl,
  eventTypes: EventTypes,
  active: z.boolean().default(true),
});
export type WebhookSubscriptionCreateInput = z.infer<typeof WebhookSubscriptionCreateInput>;

export const WebhookSubscriptionUpdateInput = z.object({
  id: Id,
  version: z.int().min(1).max(2_147_483_647, { error: 'must be at most 2147483647' }),
  name: text(200).optional(),
  url: WebhookUrl.optional(),
  eventTypes: EventTypes.optional(),
  active: z.boolean().optional(),
});
export type WebhookSubscriptionUpdateInput = z.infer<typeof WebhookSubscriptionUpdateInput>;

export const WebhookDeliveryListInput = z.object({
  subscriptionId: Id.optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  page: z.int().min(1).max(10_000).default(1),
  pageSize: z.int().min(1).max(100).default(25),
});
export type WebhookDeliveryListInput = z.infer<typeof WebhookDeliveryListInput>;

/** The body every webhook carries: the event type, when, and ids (never personal data). */
export interface WebhookBody {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * Whether an IP address is one a webhook may not reach unless allowed: loopback, private
 * (RFC 1918, fc00::/7), link-local (incl. cloud metadata 169.254.169.254), CGNAT, unspecified,
 * multicast and reserved ranges, and IPv4 mapped into IPv6.
 */
export function isPrivateAddress(ip: string): boolean {
  const v = ip.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped?.[1]) return isPrivateAddress(mapped[1]);
  const four = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (four) {
    const [a, b] = [Number(four[1]), Number(four[2])];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224;
  }
  if (v === '::' || v === '::1') return true;
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(v) || v.startsWith('64:ff9b:') || v.startsWith('2001:db8:');
}

/** Whether a host is on the allow-list (WEBHOOK_ALLOWED_HOSTS, comma-separated host names or addresses). */
export function hostAllowed(host: string, allowList: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allowList.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).includes(h);
}
