import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * The receiving side of our webhooks, for a receiver written in TypeScript (and for our tests):
 * checks the Standard Webhooks signature over the raw body and refuses a message whose
 * timestamp is more than five minutes old or ahead (a replayed or forged message), so a captured
 * request cannot be played back later. Returns the parsed body; throws WebhookRejected otherwise.
 *
 *   const body = verifyWebhook(process.env.WEBHOOK_SECRET, rawBody, req.headers);
 */
export const REPLAY_TOLERANCE_SECONDS = 5 * 60;

export class WebhookRejected extends Error {
  constructor(readonly reason: 'headers' | 'replay' | 'signature', message: string) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function verifyWebhook(secret: string, rawBody: string | Uint8Array, headers: Record<string, string | string[] | undefined>, options: { now?: Date } = {}): unknown {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) throw new WebhookRejected('headers', 'webhook-id, webhook-timestamp and webhook-signature are required');
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!Number.isInteger(seconds)) throw new WebhookRejected('headers', 'webhook-timestamp must be whole seconds');
  if (Math.abs(now - seconds) > REPLAY_TOLERANCE_SECONDS) throw new WebhookRejected('replay', 'The message is older (or newer) than five minutes: a replay is refused');
  try {
    // The library checks the signature (constant time) and, once more, the timestamp against the real clock.
    return new Webhook(secret).verify(rawBody, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: true });
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw new WebhookRejected(/timestamp/i.test(error.message) ? 'replay' : 'signature', error.message);
    throw error;
  }
}

/** Signs a body as our sender does: the three headers to send with it. */
export function signWebhook(secret: string, msgId: string, body: string, at: Date = new Date()): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return { 'webhook-id': msgId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(msgId, at, body) };
}
