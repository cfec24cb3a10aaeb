import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookRejected } from './webhook-receiver.ts';
import { hostAllowed, isPrivateAddress, webhookRetryDelay, WEBHOOK_RETRY_DELAYS_MS } from './webhooks.ts';

const SECRET = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`;
const body = JSON.stringify({ type: 'customer.created', timestamp: '2026-12-06T10:00:00.000Z', data: { id: 'c1' } });

function rejection(fn: () => unknown): WebhookRejected {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookRejected) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('the webhook receiver helper', () => {
  it('accepts a message signed with the secret and returns its body', () => {
    const headers = signWebhook(SECRET, 'msg_1', body);
    expect(verifyWebhook(SECRET, body, headers)).toEqual(JSON.parse(body));
  });

  it('rejects a replay: a correctly signed message older than five minutes', () => {
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    const headers = signWebhook(SECRET, 'msg_2', body, sixMinutesAgo);
    expect(rejection(() => verifyWebhook(SECRET, body, headers)).reason).toBe('replay');
    // Four minutes old is still fine.
    const fourMinutesAgo = new Date(Date.now() - 4 * 60_000);
    expect(verifyWebhook(SECRET, body, signWebhook(SECRET, 'msg_2', body, fourMinutesAgo))).toEqual(JSON.parse(body));
  });

  it('rejects a message from the future, a changed body, another secret and missing headers', () => {
    expect(rejection(() => verifyWebhook(SECRET, body, signWebhook(SECRET, 'm', body, new Date(Date.now() + 6 * 60_000)))).reason).toBe('replay');
    const headers = signWebhook(SECRET, 'msg_3', body);
    expect(rejection(() => verifyWebhook(SECRET, body.replace('c1', 'c2'), headers)).reason).toBe('signature');
    expect(rejection(() => verifyWebhook(`whsec_${Buffer.from('another secret').toString('base64')}`, body, headers)).reason).toBe('signature');
    expect(rejection(() => verifyWebhook(SECRET, body, { ...headers, 'webhook-id': 'msg_other' })).reason).toBe('signature');
    expect(rejection(() => verifyWebhook(SECRET, body, { 'webhook-id': 'x' })).reason).toBe('headers');
  });
});

describe('webhook targets and retries', () => {
  it('knows private, loopback, link-local and mapped addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '[::1]']) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111']) expect(isPrivateAddress(ip), ip).toBe(false);
    expect(hostAllowed('localhost', 'localhost, 127.0.0.1')).toBe(true);
    expect(hostAllowed('127.0.0.2', 'localhost, 127.0.0.1')).toBe(false);
    expect(hostAllowed('localhost', '')).toBe(false);
  });

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h between attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => webhookRetryDelay(n))).toEqual([...WEBHOOK_RETRY_DELAYS_MS]);
    expect(webhookRetryDelay(1)).toBe(5_000);
    expect(webhookRetryDelay(20)).toBe(10 * 3600_000);
  });
});
