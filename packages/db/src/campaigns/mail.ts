import type { EntityManager } from '@mikro-orm/postgresql';
import { newLinkToken } from './tokens.ts';

/*
 * What the worker needs to mail a consent request or a mailing. Each function runs inside the
 * worker's transaction that holds the row lock while the mail is handed to the SMTP server, so a
 * redelivered or parallel job waits and then finds the row done: each mail goes out once.
 */

export interface ConsentRequestMail {
  email: string;
  token: string;
}

/**
 * Locks the consent and, when request `request` is still the newest, still pending and not
 * mailed yet, makes its link token (only the hash is stored). Null: nothing to send.
 */
export async function claimConsentRequest(tx: EntityManager, consentId: string, request: number): Promise<ConsentRequestMail | null> {
  const [row] = await tx.execute<Array<{ email: string; status: string; request_count: number; request_mailed_at: string | null }>>(
    `select email, status, request_count, request_mailed_at from marketing_consents where id = ? for update`,
    [consentId],
  );
  if (!row || row.status !== 'pending' || Number(row.request_count) !== request || row.request_mailed_at) return null;
  const { token, hash } = newLinkToken();
  await tx.execute(`update marketing_consents set token_hash = ?, updated_at = now() where id = ?`, [hash, consentId], 'run');
  return { email: row.email, token };
}

export async function markConsentRequestMailed(tx: EntityManager, consentId: string): Promise<void> {
  await tx.execute(`update marketing_consents set request_mailed_at = now(), updated_at = now() where id = ?`, [consentId], 'run');
}

export interface MailingMail {
  recipientId: string;
  email: string;
  subject: string;
  body: string;
  firstName: string;
  lastName: string;
  customerName: string;
  openToken: string;
  unsubscribeToken: string;
}

export type MailingClaim = { mail: MailingMail } | { skipped: 'not queued' | 'no consent' };

/**
 * Locks a queued recipient. Its address must still have confirmed consent (it may have
 * unsubscribed since the mailing was sent): otherwise it becomes `skipped_no_consent`. Makes its
 * two link tokens (open pixel, unsubscribe) and stores their hashes.
 */
export async function claimMailingRecipient(tx: EntityManager, recipientId: string): Promise<MailingClaim> {
  const [row] = await tx.execute<Array<{ email: string; status: string; subject: string; body: string; first_name: string | null; last_name: string | null; customer_name: string | null; consent: string | null }>>(
    `select r.email, r.status, m.subject, m.body, c.first_name, c.last_name, cu.name as customer_name, mc.status as consent
       from mailing_recipients r join mailings m on m.id = r.mailing_id
       left join contacts c on c.id = r.contact_id left join customers cu on cu.id = c.customer_id
       left join marketing_consents mc on mc.email = r.email
      where r.id = ? for update of r`,
    [recipientId],
  );
  if (!row || row.status !== 'queued') return { skipped: 'not queued' };
  if (row.consent !== 'confirmed') {
    await tx.execute(`update mailing_recipients set status = 'skipped_no_consent' where id = ?`, [recipientId], 'run');
    return { skipped: 'no consent' };
  }
  const open = newLinkToken();
  const unsubscribe = newLinkToken();
  await tx.execute(`update mailing_recipients set open_token_hash = ?, unsubscribe_token_hash = ? where id = ?`, [open.hash, unsubscribe.hash, recipientId], 'run');
  return {
    mail: {
      recipientId,
      email: row.email,
      subject: row.subject,
      body: row.body,
      firstName: row.first_name ?? '',
      lastName: row.last_name ?? '',
      customerName: row.customer_name ?? '',
      openToken: open.token,
      unsubscribeToken: unsubscribe.token,
    },
  };
}

export async function markRecipient(tx: EntityManager, recipientId: string, outcome: { sent: true } | { failed: string }): Promise<void> {
  if ('sent' in outcome) await tx.execute(`update mailing_recipients set status = 'sent', sent_at = now(), error = null where id = ? and status = 'queued'`, [recipientId], 'run');
  else await tx.execute(`update mailing_recipients set status = 'failed', error = ? where id = ? and status = 'queued'`, [outcome.failed.slice(0, 2000), recipientId], 'run');
}
