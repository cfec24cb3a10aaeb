import type { IncomingMessage, ServerResponse } from 'node:http';
import { confirmConsent, recordOpen, unsubscribeByToken, type PublicLinkOutcome } from '@workmate/db/campaigns/consent';
import { runAs } from '@workmate/db/shared/actor';
import { isLinkToken } from '@workmate/domain/campaigns';
import { clientIp } from './client-ip.ts';
import type { AppDeps } from './context.ts';

/**
 * The public links of marketing mails (no sign-in; the random token in the address is the only
 * credential, and only its SHA-256 is stored):
 * - `/u/<token>` unsubscribe: GET shows a page with one button, POST unsubscribes (RFC 8058
 *   one-click: mail programs POST `List-Unsubscribe=One-Click` here without a page);
 * - `/o/<token>` the open pixel: always the same 1×1 GIF, the first load recorded;
 * - `/c/<token>` double opt-in: GET shows a page with one button, POST confirms (time and IP kept).
 * GET never changes anything: link scanners of mail servers follow links, and must neither
 * unsubscribe anyone nor confirm a consent nobody gave. A malformed token is 400, an unknown one
 * 404 with the same neutral text whatever the address; answers never name an address.
 */
const PATH = /^\/([uoc])\/([^/?#]*)\/?(?:\?.*)?$/;
export const isCampaignLinkRequest = (url: string) => /^\/[uoc]\//.test(url);

/** One-click bodies are tiny; anything larger is read no further. */
const MAX_BODY_BYTES = 4096;

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const PAGE_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, text: string, button?: string) {
  const form = button ? `<form method="post" action=""><button type="submit">${escape(button)}</button></form>` : '';
  const body = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1><p>${escape(text)}</p>${form}</main></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': PAGE_CSP,
    'X-Frame-Options': 'DENY',
    // The token is in the address: never hand it to another site.
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

async function drain(req: IncomingMessage): Promise<void> {
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) break;
  }
}

const TEXT = {
  invalid: ['Ungültiger Link', 'Dieser Link ist ungültig oder nicht mehr gültig. / This link is invalid or no longer valid.'],
  unsubscribeAsk: ['Abmelden', 'Möchten Sie keine weiteren E-Mails dieser Art erhalten? / Do you want to stop receiving these emails?'],
  unsubscribed: ['Abgemeldet', 'Sie erhalten keine weiteren E-Mails dieser Art. / You will not receive further emails of this kind.'],
  confirmAsk: ['Anmeldung bestätigen', 'Bitte bestätigen Sie, dass Sie Informationen per E-Mail erhalten möchten. / Please confirm that you want to receive information by email.'],
  confirmed: ['Anmeldung bestätigt', 'Vielen Dank, Ihre Anmeldung ist bestätigt. Abmelden können Sie sich jederzeit mit dem Link in jeder E-Mail. / Thank you, your subscription is confirmed.'],
} as const;

function answerOutcome(res: ServerResponse, outcome: PublicLinkOutcome, done: readonly [string, string]) {
  if (outcome === 'done') return page(res, 200, done[0], done[1]);
  return page(res, outcome === 'malformed' ? 400 : 404, TEXT.invalid[0], TEXT.invalid[1]);
}

export async function serveCampaignLink(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = PATH.exec(req.url ?? '');
  const kind = match?.[1];
  const token = match?.[2] ?? '';
  const method = req.method ?? 'GET';
  const read = method === 'GET' || method === 'HEAD';
  if (!read && method !== 'POST') {
    res.setHeader('Allow', kind === 'o' ? 'GET, HEAD' : 'GET, HEAD, POST');
    return page(res, 405, TEXT.invalid[0], TEXT.invalid[1]);
  }
  if (kind === 'o') {
    if (!read) {
      res.setHeader('Allow', 'GET, HEAD');
      return page(res, 405, TEXT.invalid[0], TEXT.invalid[1]);
    }
    // The same picture whatever the token: nothing to learn from it.
    if (method === 'GET' && isLinkToken(token)) await recordOpen(deps.orm.em.fork(), token);
    res.writeHead(200, { 'Content-Type': 'image/gif', 'Content-Length': PIXEL.length, 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'no-referrer' });
    res.end(method === 'HEAD' ? undefined : PIXEL);
    return;
  }
  if (!match || !isLinkToken(token)) {
    if (!read) await drain(req);
    return page(res, 400, TEXT.invalid[0], TEXT.invalid[1]);
  }
  if (read) return kind === 'u' ? page(res, 200, TEXT.unsubscribeAsk[0], TEXT.unsubscribeAsk[1], 'Abmelden / Unsubscribe') : page(res, 200, TEXT.confirmAsk[0], TEXT.confirmAsk[1], 'Bestätigen / Confirm');
  await drain(req);
  const em = deps.orm.em.fork();
  if (kind === 'u') {
    const outcome = await runAs({ id: null, label: 'unsubscribe link' }, () => unsubscribeByToken(em, token));
    return answerOutcome(res, outcome, TEXT.unsubscribed);
  }
  const ip = clientIp(req, deps.env.TRUSTED_PROXIES);
  const outcome = await runAs({ id: null, label: 'opt-in link' }, () => confirmConsent(em, token, ip));
  return answerOutcome(res, outcome, TEXT.confirmed);
}
