import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { appError } from '@workmate/domain/errors';
import { hostAllowed, isPrivateAddress } from '@workmate/domain/webhooks';

/**
 * SSRF guard for webhook targets: a target must resolve to public addresses only, unless its host
 * is on the allow-list (WEBHOOK_ALLOWED_HOSTS, e.g. "localhost,127.0.0.1" for tests and local
 * receivers). Checked when a subscription is saved and again on every delivery, at connect time
 * (the socket connects only to the address that was checked, so a DNS answer that changes
 * between check and connect cannot sneak a private address in). Redirects are not followed.
 */
export async function checkWebhookTarget(url: string, allowList: string): Promise<void> {
  const host = new URL(url).hostname;
  if (hostAllowed(host, allowList)) return;
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : await resolveAll(bare).catch(() => {
    throw appError('BAD_REQUEST', 'webhook.unresolvable', { host }, { field: 'url' });
  });
  if (host === 'localhost' || host.endsWith('.localhost') || addresses.some(isPrivateAddress)) throw appError('BAD_REQUEST', 'webhook.privateAddress', { host }, { field: 'url' });
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, found: LookupAddress[]) => (error ? reject(error) : resolve(found.map((a) => a.address)))));
}

export interface PostResult {
  status: number | null;
  durationMs: number;
  error: string | null;
}

/** One POST of a webhook body, with the SSRF check at connect time and a timeout. Never throws. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: { allowList: string; timeoutMs: number }): Promise<PostResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): PostResult => ({ status, error, durationMs: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve(done(null, 'invalid address'));
      return;
    }
    const allowed = hostAllowed(target.hostname, options.allowList);
    // An address written as a number is never looked up: checked here.
    if (!allowed && isIP(target.hostname.replace(/^\[|\]$/g, '')) && isPrivateAddress(target.hostname)) {
      resolve(done(null, `${target.hostname} is a private address`));
      return;
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Workmate-Webhooks/1', ...headers },
        timeout: options.timeoutMs,
        // The address the socket connects to is the one checked here.
        lookup: (hostname, opts, callback) =>
          dnsLookup(hostname, { ...opts, all: true }, (error, found: LookupAddress[]) => {
            if (error) return callback(error, '', 4);
            const bad = !allowed && found.some((a) => isPrivateAddress(a.address));
            if (bad) return callback(new Error(`${hostname} resolves to a private address`), '', 4);
            if ((opts as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
            const first = found[0];
            return first ? callback(null, first.address, first.family) : callback(new Error(`${hostname} has no address`), '', 4);
          }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(done(res.statusCode ?? null, null)));
        res.on('error', (e) => resolve(done(res.statusCode ?? null, e.message)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (e) => resolve(done(null, e.message)));
    req.end(body);
  });
}
