import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { CLOSED_STAGES, STAGE_PROBABILITY, weightedAmount, type OpportunityStage } from '@workmate/domain/sales';
import { InvoiceCreateInput } from '@workmate/domain/schemas/invoices';
import type { OpportunityCreateInput, OpportunityListInput, OpportunityMoveInput, OpportunityUpdateInput } from '@workmate/domain/schemas/sales';
import type { PageResult } from '@workmate/domain/schemas/common';
import { Contact } from '../entities/contact.ts';
import { Customer } from '../entities/customer.ts';
import { Employee } from '../entities/employee.ts';
import { Invoice } from '../entities/invoice.ts';
import { Opportunity } from '../entities/opportunity.ts';
import { createInvoice } from '../invoices/drafts.ts';
import { can, type Actor } from '../shared/actor.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { checkVersion, likePattern, sentFields } from '../shared/versioning.ts';

export interface OpportunityDto {
  id: string;
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
  title: string;
  stage: OpportunityStage;
  amount: string;
  probability: number;
  /** amount × probability / 100, four exact places. */
  weightedAmount: string;
  expectedCloseDate: string;
  ownerId: string | null;
  ownerName: string | null;
  quoteId: string | null;
  notes: string | null;
  stageChangedAt: string;
  version: number;
  createdAt: string;
}

const POPULATE = ['customer', 'contact', 'owner'] as const;

function toDto(o: Opportunity): OpportunityDto {
  const amount = moneyText(o.amount);
  return {
    id: o.id,
    customerId: o.customer.id,
    customerName: o.customer.name,
    contactId: o.contact?.id ?? null,
    contactName: o.contact ? `${o.contact.firstName} ${o.contact.lastName}` : null,
    title: o.title,
    stage: o.stage,
    amount,
    probability: o.probability,
    weightedAmount: weightedAmount(amount, o.probability),
    expectedCloseDate: dateOnly(o.expectedCloseDate) ?? '',
    ownerId: o.owner?.id ?? null,
    ownerName: o.owner ? `${o.owner.firstName} ${o.owner.lastName}` : null,
    quoteId: o.quote?.id ?? null,
    notes: o.notes ?? null,
    stageChangedAt: o.stageChangedAt.toISOString(),
    version: o.version,
    createdAt: o.createdAt.toISOString(),
  };
}

async function find(em: EntityManager, id: string, lock = false): Promise<Opportunity> {
  const o = await em.findOne(Opportunity, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
  if (!o) throw notFound('Opportunity', id);
  await em.populate(o, POPULATE);
  return o;
}

async function resolveCustomer(em: EntityManager, id: string): Promise<Customer> {
  const c = await em.findOne(Customer, { id, deletedAt: null });
  if (!c) throw appError('BAD_REQUEST', 'customer.unknown', {}, { field: 'customerId' });
  return c;
}

/** A contact must be one of the customer's own. */
async function resolveContact(em: EntityManager, id: string | null | undefined, customerId: string): Promise<Contact | null | undefined> {
  if (id === undefined || id === null) return id;
  const c = await em.findOne(Contact, { id });
  if (!c) throw appError('BAD_REQUEST', 'contact.unknown', {}, { field: 'contactId' });
  if (c.customer.id !== customerId) throw appError('BAD_REQUEST', 'sales.contactOfOtherCustomer', {}, { field: 'contactId' });
  return c;
}

async function resolveOwner(em: EntityManager, id: string | null | undefined): Promise<Employee | null | undefined> {
  if (id === undefined || id === null) return id;
  const e = await em.findOne(Employee, { id, deletedAt: null });
  if (!e) throw appError('BAD_REQUEST', 'employee.unknown', {}, { field: 'ownerId' });
  return e;
}

/** Won is certain and lost is nothing: a closed stage takes no other probability. */
function probabilityFor(stage: OpportunityStage, given: number | undefined): number {
  const fixed = CLOSED_STAGES.includes(stage);
  if (given !== undefined && fixed && given !== STAGE_PROBABILITY[stage]) throw appError('BAD_REQUEST', 'opportunity.closedNoProbability', {}, { field: 'probability' });
  return given ?? STAGE_PROBABILITY[stage];
}

export async function listOpportunities(em: EntityManager, input: OpportunityListInput): Promise<PageResult<OpportunityDto>> {
  const where: Record<string, unknown> = {};
  if (input.stage?.length) where.stage = { $in: input.stage };
  if (input.customerId) where.customer = input.customerId;
  if (input.ownerId) where.owner = input.ownerId;
  if (input.search) where.$or = [{ title: { $ilike: likePattern(input.search) } }, { customer: { name: { $ilike: likePattern(input.search) } } }];
  const [rows, total] = await em.findAndCount(Opportunity, where, {
    populate: POPULATE,
    orderBy: { expectedCloseDate: 'asc', createdAt: 'asc', id: 'asc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: rows.map(toDto), total, page: input.page, pageSize: input.pageSize };
}

export async function getOpportunity(em: EntityManager, id: string): Promise<OpportunityDto> {
  return toDto(await find(em, id));
}

export async function createOpportunity(em: EntityManager, actor: Actor, input: OpportunityCreateInput): Promise<OpportunityDto> {
  const customer = await resolveCustomer(em, input.customerId);
  const contact = await resolveContact(em, input.contactId, customer.id);
  const owner = await resolveOwner(em, input.ownerId ?? actor.id);
  const o = em.create(Opportunity, {
    customer,
    contact: contact ?? null,
    title: input.title,
    stage: input.stage,
    amount: input.amount,
    probability: probabilityFor(input.stage, input.probability),
    expectedCloseDate: input.expectedCloseDate,
    owner: owner ?? null,
    notes: input.notes ?? null,
    createdBy: em.getReference(Employee, actor.id),
  });
  await em.flush();
  return getOpportunity(em, o.id);
}

export async function updateOpportunity(em: EntityManager, input: OpportunityUpdateInput): Promise<OpportunityDto> {
  const { id, version, contactId, ownerId, probability, ...rest } = input;
  const o = await find(em, id);
  checkVersion(o, version, 'opportunity');
  if (contactId !== undefined) o.contact = (await resolveContact(em, contactId, o.customer.id)) ?? null;
  if (ownerId !== undefined) o.owner = (await resolveOwner(em, ownerId)) ?? null;
  if (probability !== undefined) o.probability = probabilityFor(o.stage, probability);
  em.assign(o, sentFields(rest));
  await em.flush();
  return getOpportunity(em, id);
}

/** A stage change (the board's drag and drop). The probability becomes the new stage's default unless given. */
export async function moveOpportunity(em: EntityManager, input: OpportunityMoveInput): Promise<OpportunityDto> {
  await em.transactional(async (tx) => {
    const o = await find(tx, input.id, true);
    checkVersion(o, input.version, 'opportunity');
    if (o.stage === input.stage && input.probability === undefined) return;
    if (o.quote && input.stage !== 'won') throw appError('CONFLICT', 'opportunity.keepsQuote', { title: o.title }, { field: 'stage' });
    if (o.stage !== input.stage) o.stageChangedAt = new Date();
    o.probability = probabilityFor(input.stage, input.probability);
    o.stage = input.stage;
    await tx.flush();
  });
  return getOpportunity(em, input.id);
}

/**
 * A won opportunity becomes a quote draft (Angebot) for its customer: one line with its title at
 * its amount (net, 19 % VAT, editable in the quote editor before it is sent). Once: the row lock
 * and a unique index on the quote keep a second click or a concurrent call from making another.
 */
export async function createQuoteFromOpportunity(em: EntityManager, actor: Actor, id: string): Promise<{ opportunity: OpportunityDto; quoteId: string }> {
  if (!can(actor, 'invoices.write')) throw appError('FORBIDDEN', 'auth.permissionMissing', { permission: 'invoices.write' });
  const quoteId = await em.transactional(async (tx) => {
    const o = await find(tx, id, true);
    if (o.stage !== 'won') throw appError('CONFLICT', 'opportunity.notWon', { title: o.title, stage: o.stage }, { field: 'id' });
    if (o.quote) throw appError('CONFLICT', 'opportunity.quoteExists', { title: o.title }, { field: 'id' });
    const input = InvoiceCreateInput.parse({
      type: 'quote',
      customerId: o.customer.id,
      responsibleId: o.owner?.id ?? actor.id,
      introText: o.title,
      notes: `Verkaufschance: ${o.title}`,
      lines: [{ description: o.title, quantity: '1', unit: 'Stk.', unitPrice: moneyText(o.amount), taxRate: 19 }],
    });
    const quote = await createInvoice(tx, actor, input);
    o.quote = tx.getReference(Invoice, quote.id);
    await tx.flush();
    return quote.id;
  });
  return { opportunity: await getOpportunity(em, id), quoteId };
}
