import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConsentStatus, MemberSource } from '@workmate/domain/campaigns';
import { appError, notFound } from '@workmate/domain/errors';
import type { CampaignCreateInput, CampaignFilter, CampaignListInput, CampaignMemberInput, CampaignMembersInput, CampaignUpdateInput } from '@workmate/domain/schemas/campaigns';
import type { PageResult } from '@workmate/domain/schemas/common';
import { Campaign } from '../entities/campaign.ts';
import { CampaignMember } from '../entities/campaign-member.ts';
import { Contact } from '../entities/contact.ts';
import { Employee } from '../entities/employee.ts';
import type { Actor } from '../shared/actor.ts';
import { checkVersion, likePattern } from '../shared/versioning.ts';

export interface CampaignDto {
  id: string;
  name: string;
  description: string | null;
  filter: CampaignFilter;
  memberCount: number;
  mailingCount: number;
  version: number;
  createdAt: string;
}

export interface CampaignMemberDto {
  id: string;
  contactId: string;
  contactName: string;
  email: string | null;
  customerId: string;
  customerName: string;
  source: MemberSource;
  /** The marketing consent of the contact's address; null when it was never asked for. */
  consentStatus: ConsentStatus | null;
  addedAt: string;
}

async function counts(em: EntityManager, ids: string[]): Promise<Map<string, { members: number; mailings: number }>> {
  if (!ids.length) return new Map();
  const rows = await em.execute<Array<{ id: string; members: string; mailings: string }>>(
    `select c.id, (select count(*) from campaign_members m where m.campaign_id = c.id) as members, (select count(*) from mailings g where g.campaign_id = c.id) as mailings
       from campaigns c where c.id in (?)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { members: Number(r.members), mailings: Number(r.mailings) }]));
}

function toDto(c: Campaign, n: { members: number; mailings: number } | undefined): CampaignDto {
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? null,
    filter: c.filter,
    memberCount: n?.members ?? 0,
    mailingCount: n?.mailings ?? 0,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function findCampaign(em: EntityManager, id: string, lock = false): Promise<Campaign> {
  const c = await em.findOne(Campaign, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
  if (!c) throw notFound('Campaign', id);
  return c;
}

export async function listCampaigns(em: EntityManager, input: CampaignListInput): Promise<PageResult<CampaignDto>> {
  const where = input.search ? { name: { $ilike: likePattern(input.search) } } : {};
  const [rows, total] = await em.findAndCount(Campaign, where, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  const n = await counts(em, rows.map((r) => r.id));
  return { items: rows.map((r) => toDto(r, n.get(r.id))), total, page: input.page, pageSize: input.pageSize };
}

export async function getCampaign(em: EntityManager, id: string): Promise<CampaignDto> {
  const c = await findCampaign(em, id);
  return toDto(c, (await counts(em, [id])).get(id));
}

export async function createCampaign(em: EntityManager, actor: Actor, input: CampaignCreateInput): Promise<CampaignDto> {
  const c = em.create(Campaign, { name: input.name, description: input.description ?? null, filter: input.filter, createdBy: em.getReference(Employee, actor.id) });
  await em.flush();
  return getCampaign(em, c.id);
}

export async function updateCampaign(em: EntityManager, input: CampaignUpdateInput): Promise<CampaignDto> {
  const c = await findCampaign(em, input.id);
  checkVersion(c, input.version, 'campaign');
  if (input.name !== undefined) c.name = input.name;
  if (input.description !== undefined) c.description = input.description;
  if (input.filter !== undefined) c.filter = input.filter;
  await em.flush();
  return getCampaign(em, c.id);
}

/** The ids of the contacts a filter selects that are not members yet (contacts with an email address of customers not deleted). */
async function contactsOfFilter(em: EntityManager, campaignId: string, filter: CampaignFilter): Promise<string[]> {
  const where = [`cu.deleted_at is null`, `c.email is not null`, `c.email <> ''`, `not exists (select 1 from campaign_members m where m.campaign_id = ? and m.contact_id = c.id)`];
  const params: unknown[] = [campaignId];
  if (filter.customerStatus.length) {
    where.push(`cu.status in (?)`);
    params.push(filter.customerStatus);
  }
  if (filter.customerType.length) {
    where.push(`cu.type in (?)`);
    params.push(filter.customerType);
  }
  if (filter.city) {
    where.push(`lower(cu.city) = lower(?)`);
    params.push(filter.city);
  }
  if (filter.customerSearch) {
    where.push(`lower(cu.name) like ?`);
    params.push(likePattern(filter.customerSearch));
  }
  if (filter.primaryOnly) where.push(`c.is_primary`);
  const rows = await em.execute<Array<{ id: string }>>(`select c.id from contacts c join customers cu on cu.id = c.customer_id where ${where.join(' and ')} order by c.id`, params);
  return rows.map((r) => r.id);
}

/**
 * Takes the contacts the campaign's filter selects now into its members (a snapshot: later
 * changes of customers do not move members in or out). Idempotent: a contact is a member once
 * (unique index); the campaign row is locked, so two clicks at once add each contact once.
 */
export async function addMembersFromFilter(em: EntityManager, campaignId: string): Promise<{ added: number; memberCount: number }> {
  return em.transactional(async (tx) => {
    const campaign = await findCampaign(tx, campaignId, true);
    const ids = await contactsOfFilter(tx, campaign.id, campaign.filter);
    for (const id of ids) tx.create(CampaignMember, { campaign, contact: tx.getReference(Contact, id), source: 'filter' });
    await tx.flush();
    const memberCount = await tx.count(CampaignMember, { campaign: campaign.id });
    return { added: ids.length, memberCount };
  });
}

/** Adds one contact by hand (it needs an email address); a member already is left as it is. */
export async function addMember(em: EntityManager, input: CampaignMemberInput): Promise<CampaignMemberDto> {
  return em.transactional(async (tx) => {
    const campaign = await findCampaign(tx, input.campaignId, true);
    const contact = await tx.findOne(Contact, { id: input.contactId, customer: { deletedAt: null } });
    if (!contact) throw appError('BAD_REQUEST', 'contact.unknown', {}, { field: 'contactId' });
    if (!contact.email) throw appError('BAD_REQUEST', 'campaign.contactWithoutEmail', {}, { field: 'contactId' });
    const existing = await tx.findOne(CampaignMember, { campaign: campaign.id, contact: contact.id });
    const member = existing ?? tx.create(CampaignMember, { campaign, contact, source: 'manual' });
    await tx.flush();
    const [dto] = await memberDtos(tx, campaign.id, { memberId: member.id });
    if (!dto) throw notFound('CampaignMember', member.id);
    return dto;
  });
}

export async function removeMember(em: EntityManager, input: CampaignMemberInput): Promise<{ removed: boolean }> {
  await findCampaign(em, input.campaignId);
  const member = await em.findOne(CampaignMember, { campaign: input.campaignId, contact: input.contactId });
  if (!member) return { removed: false };
  em.remove(member);
  await em.flush();
  return { removed: true };
}

async function memberDtos(em: EntityManager, campaignId: string, opts: { memberId?: string; limit?: number; offset?: number }): Promise<CampaignMemberDto[]> {
  const rows = await em.execute<Array<{ id: string; contact_id: string; first_name: string; last_name: string; email: string | null; customer_id: string; customer_name: string; source: MemberSource; consent: ConsentStatus | null; created_at: string }>>(
    `select m.id, m.contact_id, c.first_name, c.last_name, c.email, cu.id as customer_id, cu.name as customer_name, m.source, mc.status as consent, m.created_at
       from campaign_members m join contacts c on c.id = m.contact_id join customers cu on cu.id = c.customer_id
       left join marketing_consents mc on mc.email = lower(c.email)
      where m.campaign_id = ? ${opts.memberId ? 'and m.id = ?' : ''}
      order by c.last_name, c.first_name, m.id limit ? offset ?`,
    [campaignId, ...(opts.memberId ? [opts.memberId] : []), opts.limit ?? 1, opts.offset ?? 0],
  );
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    contactName: `${r.first_name} ${r.last_name}`,
    email: r.email,
    customerId: r.customer_id,
    customerName: r.customer_name,
    source: r.source,
    consentStatus: r.consent,
    addedAt: new Date(r.created_at).toISOString(),
  }));
}

export async function listMembers(em: EntityManager, input: CampaignMembersInput): Promise<PageResult<CampaignMemberDto>> {
  await findCampaign(em, input.campaignId);
  const total = await em.count(CampaignMember, { campaign: input.campaignId });
  const items = await memberDtos(em, input.campaignId, { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  return { items, total, page: input.page, pageSize: input.pageSize };
}
