/**
 * Marketing campaigns (issue 18): consent per email address (double opt-in), the states of a
 * mailing's recipients, the placeholders a mailing may use, and the format of the tokens in its
 * links. Pure rules; the tokens themselves are made and hashed in packages/db.
 */

/**
 * The marketing consent of one email address. `pending`: an opt-in was asked for and is not
 * confirmed yet (no mailings); `confirmed`: the address confirmed the link (time and IP kept as
 * proof, UWG § 7 / DSGVO Art. 7); `unsubscribed`: no mailings until a new opt-in is confirmed.
 */
export const CONSENT_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Only a confirmed address receives a mailing. */
export const mayReceiveMailings = (status: ConsentStatus | null | undefined): boolean => status === 'confirmed';

export const MAILING_STATUSES = ['draft', 'sent'] as const;
export type MailingStatus = (typeof MAILING_STATUSES)[number];

/** One recipient of a sent mailing: queued for the worker, sent (accepted by the mail server), failed, or skipped (no confirmed consent). */
export const RECIPIENT_STATUSES = ['queued', 'sent', 'failed', 'skipped_no_consent'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const MEMBER_SOURCES = ['filter', 'manual'] as const;
export type MemberSource = (typeof MEMBER_SOURCES)[number];

/** What a mailing's subject and body may say in `{{…}}`; filled per recipient (HTML-escaped in the HTML part). */
export const MAILING_PLACEHOLDERS = ['firstName', 'lastName', 'customerName', 'email'] as const;
export type MailingPlaceholder = (typeof MAILING_PLACEHOLDERS)[number];

/** The `{{…}}` uses of a text that are not one of the placeholders (helpers, `{{{raw}}}`, partials, unknown names). */
export function unknownPlaceholders(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(/\{\{+([^}]*)\}+/g)) {
    const inner = (m[1] ?? '').trim();
    if (m[0].startsWith('{{{') || !(MAILING_PLACEHOLDERS as readonly string[]).includes(inner)) bad.push(m[0]);
  }
  return bad;
}

/** Link tokens are 32 random bytes, base64url: 43 characters. Anything else is refused before any lookup. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const isLinkToken = (value: string): boolean => LINK_TOKEN.test(value);

/** The public addresses of a mailing's links and the opt-in confirmation (served by the API without signing in). */
export const PUBLIC_PATHS = {
  unsubscribe: '/u/',
  open: '/o/',
  confirm: '/c/',
} as const;
