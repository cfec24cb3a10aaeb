import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isLinkToken, type ConsentStatus } from '@workmate/domain/campaigns';
import { appError, notFound } from '@workmate/domain/errors';
import { JOBS } from '@workmate/domain/jobs';
import { Contact } from '../entities/contact.ts';
import { Employee } from '../entities/employee.ts';
import { MailingRecipient } from '../entities/mailing-recipient.ts';
import { MarketingConsent } from '../entities/marketing-consent.ts';
import { enqueue } from '../outbox/outbox.ts';
import type { Actor } from '../shared/actor.ts';
import { hashLinkToken } from './tokens.ts';

export interface ConsentDto {
  contactId: string;
  email: string | null;
  /** null: never asked. */
  status: ConsentStatus | null;
  requestedAt: string | null;
  requestMailedAt: string | null;
  confirmedAt: string | null;
  confirmedIp: string | null;
  unsubscribedAt: string | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function toDto(contact: Contact, c: MarketingConsent | null): ConsentDto {
  return {
    contactId: contact.id,
    email: contact.email ?? null,
    status: c?.status ?? null,
    requestedAt: iso(c?.requestedAt),
    requestMailedAt: iso(c?.requestMailedAt),
    confirmedAt: iso(c?.confirmedAt),
    confirmedIp: c?.confirmedIp ?? null,
    unsubscribedAt: iso(c?.unsubscribedAt),
  };
}

async function contactOf(em: EntityManager, contactId: string): Promise<Contact> {
  const contact = await em.findOne(Contact, { id: contactId });
  if (!contact) throw notFound('Contact', contactId);
  return contact;
}

/** The marketing consent of a contact's email address (consent belongs to the address, not to the contact). */
export async function consentOfContact(em: EntityManager, contactId: string): Promise<ConsentDto> {
  const contact = await contactOf(em, contactId);
  const consent = contact.email ? await em.findOne(MarketingConsent, { email: contact.email.toLowerCase() }) : null;
  return toDto(contact, consent);
}

/**
 * Asks the contact's address for marketing consent (double opt-in): the address becomes pending
 * and the worker mails it a confirmation link. An address that already confirmed stays confirmed
 * (no mail); an unsubscribed one becomes pending again and receives nothing until it confirms the
 * new link. Each request counts, so only the newest request's mail goes out.
 */
export async function requestConsent(em: EntityManager, actor: Actor, contactId: string): Promise<ConsentDto> {
  const contact = await contactOf(em, contactId);
  if (!contact.email) throw appError('BAD_REQUEST', 'campaign.contactWithoutEmail', {}, { field: 'contactId' });
  const email = contact.email.toLowerCase();
  await em.transactional(async (tx) => {
    let consent = await tx.findOne(MarketingConsent, { email }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (consent?.status === 'confirmed') return;
    consent ??= tx.create(MarketingConsent, { email, status: 'pending', requestCount: 0 });
    consent.status = 'pending';
    consent.requestCount += 1;
    consent.tokenHash = null;
    consent.requestedAt = new Date();
    consent.requestedBy = tx.getReference(Employee, actor.id);
    consent.requestMailedAt = null;
    await tx.flush();
    enqueue(tx, JOBS.sendConsentRequest, { consentId: consent.id, request: consent.requestCount });
    await tx.flush();
  });
  return consentOfContact(em, contactId);
}

export type PublicLinkOutcome = 'malformed' | 'unknown' | 'done';

/**
 * The opt-in link was followed and confirmed (a POST from the confirmation page): the address is
 * confirmed, with the time and the IP address as proof. Confirming twice changes nothing. A link
 * of an address that has unsubscribed since is void (its hash is removed on unsubscribing).
 */
export async function confirmConsent(em: EntityManager, token: string, ip: string | null): Promise<PublicLinkOutcome> {
  if (!isLinkToken(token)) return 'malformed';
  return em.transactional(async (tx) => {
    const consent = await tx.findOne(MarketingConsent, { tokenHash: hashLinkToken(token) }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!consent || consent.status === 'unsubscribed') return 'unknown';
    if (consent.status === 'confirmed') return 'done';
    consent.status = 'confirmed';
    consent.confirmedAt = new Date();
    consent.confirmedIp = ip ? ip.slice(0, 45) : null;
    await tx.flush();
    return 'done';
  });
}

/**
 * One-click unsubscribe (RFC 8058) by a mailing's link: the recipient's address is unsubscribed
 * and receives no mailing until a new opt-in is confirmed. Idempotent.
 */
export async function unsubscribeByToken(em: EntityManager, token: string): Promise<PublicLinkOutcome> {
  if (!isLinkToken(token)) return 'malformed';
  return em.transactional(async (tx) => {
    const recipient = await tx.findOne(MailingRecipient, { unsubscribeTokenHash: hashLinkToken(token) }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!recipient) return 'unknown';
    recipient.unsubscribedAt ??= new Date();
    const email = recipient.email.toLowerCase();
    const consent = (await tx.findOne(MarketingConsent, { email }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })) ?? tx.create(MarketingConsent, { email, status: 'unsubscribed', requestCount: 0 });
    if (consent.status !== 'unsubscribed' || !consent.unsubscribedAt) {
      consent.status = 'unsubscribed';
      consent.unsubscribedAt = new Date();
      consent.tokenHash = null;
    }
    await tx.flush();
    return 'done';
  });
}

/** The open pixel was loaded: the first open of the recipient is recorded (later ones change nothing). */
export async function recordOpen(em: EntityManager, token: string): Promise<void> {
  if (!isLinkToken(token)) return;
  await em.execute(`update mailing_recipients set opened_at = now() where open_token_hash = ? and opened_at is null`, [hashLinkToken(token)], 'run');
}
