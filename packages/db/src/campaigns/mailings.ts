import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { mayReceiveMailings, type MailingStatus, type RecipientStatus } from '@workmate/domain/campaigns';
import { appError, notFound } from '@workmate/domain/errors';
import { JOBS } from '@workmate/domain/jobs';
import type { MailingCreateInput, MailingUpdateInput } from '@workmate/domain/schemas/campaigns';
import { CampaignMember } from '../entities/campaign-member.ts';
import { Employee } from '../entities/employee.ts';
import { Mailing } from '../entities/mailing.ts';
import { MailingRecipient } from '../entities/mailing-recipient.ts';
import { MarketingConsent } from '../entities/marketing-consent.ts';
import { enqueue } from '../outbox/outbox.ts';
import type { Actor } from '../shared/actor.ts';
import { checkVersion } from '../shared/versioning.ts';
import { findCampaign } from './campaigns.ts';

export interface MailingStats {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skippedNoConsent: number;
  opened: number;
  unsubscribed: number;
}

export interface MailingDto {
  id: string;
  campaignId: string;
  campaignName: string;
  subject: string;
  body: string;
  status: MailingStatus;
  sentAt: string | null;
  stats: MailingStats;
  version: number;
  createdAt: string;
}

export interface MailingRecipientDto {
  id: string;
  contactId: string | null;
  email: string;
  status: RecipientStatus;
  error: string | null;
  sentAt: string | null;
  openedAt: string | null;
  unsubscribedAt: string | null;
}

const EMPTY: MailingStats = { recipients: 0, queued: 0, sent: 0, failed: 0, skippedNoConsent: 0, opened: 0, unsubscribed: 0 };

async function statsOf(em: EntityManager, ids: string[]): Promise<Map<string, MailingStats>> {
  if (!ids.length) return new Map();
  const rows = await em.execute<Array<{ mailing_id: string; recipients: string; queued: string; sent: string; failed: string; skipped: string; opened: string; unsubscribed: string }>>(
    `select mailing_id, count(*) as recipients,
            count(*) filter (where status = 'queued') as queued,
            count(*) filter (where status = 'sent') as sent,
            count(*) filter (where status = 'failed') as failed,
            count(*) filter (where status = 'skipped_no_consent') as skipped,
            count(opened_at) as opened,
            count(unsubscribed_at) as unsubscribed
       from mailing_recipients where mailing_id in (?) group by mailing_id`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.mailing_id,
      { recipients: Number(r.recipients), queued: Number(r.queued), sent: Number(r.sent), failed: Number(r.failed), skippedNoConsent: Number(r.skipped), opened: Number(r.opened), unsubscribed: Number(r.unsubscribed) },
    ]),
  );
}

function toDto(m: Mailing, stats: MailingStats | undefined): MailingDto {
  return {
    id: m.id,
    campaignId: m.campaign.id,
    campaignName: m.campaign.name,
    subject: m.subject,
    body: m.body,
    status: m.status,
    sentAt: m.sentAt ? m.sentAt.toISOString() : null,
    stats: stats ?? EMPTY,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
  };
}

async function findMailing(em: EntityManager, id: string, lock = false): Promise<Mailing> {
  const m = await em.findOne(Mailing, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
  if (!m) throw notFound('Mailing', id);
  await em.populate(m, ['campaign']);
  return m;
}

export async function getMailing(em: EntityManager, id: string): Promise<MailingDto> {
  const m = await findMailing(em, id);
  return toDto(m, (await statsOf(em, [id])).get(id));
}

export async function listMailings(em: EntityManager, campaignId: string): Promise<MailingDto[]> {
  await findCampaign(em, campaignId);
  const rows = await em.find(Mailing, { campaign: campaignId }, { populate: ['campaign'], orderBy: { createdAt: 'desc', id: 'asc' } });
  const stats = await statsOf(em, rows.map((r) => r.id));
  return rows.map((r) => toDto(r, stats.get(r.id)));
}

export async function createMailing(em: EntityManager, actor: Actor, input: MailingCreateInput): Promise<MailingDto> {
  const campaign = await findCampaign(em, input.campaignId);
  const m = em.create(Mailing, { campaign, subject: input.subject, body: input.body, status: 'draft', createdBy: em.getReference(Employee, actor.id) });
  await em.flush();
  return getMailing(em, m.id);
}

export async function updateMailing(em: EntityManager, input: MailingUpdateInput): Promise<MailingDto> {
  const m = await findMailing(em, input.id);
  checkVersion(m, input.version, 'mailing');
  if (m.status !== 'draft') throw appError('CONFLICT', 'mailing.alreadySent', { subject: m.subject }, { field: 'id' });
  if (input.subject !== undefined) m.subject = input.subject;
  if (input.body !== undefined) m.body = input.body;
  await em.flush();
  return getMailing(em, m.id);
}

/**
 * Sends a draft mailing to the campaign's members: one recipient row per member (unique per
 * mailing and contact; one per address), `queued` with a job in the outbox when the address has
 * confirmed its consent, otherwise `skipped_no_consent`. The mailing row is locked and must still
 * be a draft, so a second click sends nothing; the worker sends each queued row once.
 */
export async function sendMailing(em: EntityManager, actor: Actor, id: string): Promise<MailingDto> {
  await em.transactional(async (tx) => {
    const m = await findMailing(tx, id, true);
    if (m.status !== 'draft') throw appError('CONFLICT', 'mailing.alreadySent', { subject: m.subject }, { field: 'id' });
    const members = await tx.find(CampaignMember, { campaign: m.campaign.id }, { populate: ['contact'], orderBy: { createdAt: 'asc', id: 'asc' } });
    const withEmail = members.filter((mb) => mb.contact.email);
    if (!withEmail.length) throw appError('CONFLICT', 'mailing.noMembers', {}, { field: 'id' });
    const emails = [...new Set(withEmail.map((mb) => (mb.contact.email ?? '').toLowerCase()))];
    const consents = await tx.find(MarketingConsent, { email: { $in: emails } });
    const statusOf = new Map(consents.map((c) => [c.email, c.status]));
    const seen = new Set<string>();
    const queued: MailingRecipient[] = [];
    for (const mb of withEmail) {
      const email = (mb.contact.email ?? '').toLowerCase();
      if (seen.has(email)) continue;
      seen.add(email);
      const ok = mayReceiveMailings(statusOf.get(email));
      const r = tx.create(MailingRecipient, { mailing: m, contact: mb.contact, email, status: ok ? 'queued' : 'skipped_no_consent' });
      if (ok) queued.push(r);
    }
    m.status = 'sent';
    m.sentAt = new Date();
    m.sentBy = tx.getReference(Employee, actor.id);
    await tx.flush();
    for (const r of queued) enqueue(tx, JOBS.sendMailingEmail, { recipientId: r.id });
    await tx.flush();
  });
  return getMailing(em, id);
}

export async function listRecipients(em: EntityManager, mailingId: string): Promise<MailingRecipientDto[]> {
  await findMailing(em, mailingId);
  const rows = await em.find(MailingRecipient, { mailing: mailingId }, { orderBy: { email: 'asc', id: 'asc' }, limit: 1000 });
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contact?.id ?? null,
    email: r.email,
    status: r.status,
    error: r.error ?? null,
    sentAt: iso(r.sentAt),
    openedAt: iso(r.openedAt),
    unsubscribedAt: iso(r.unsubscribedAt),
  }));
}
