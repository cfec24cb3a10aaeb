import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { JOBS } from '@workmate/domain/jobs';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { TicketCreateInput, TicketListInput, TicketReplyInput, TicketStatusInput, TicketUpdateInput } from '@workmate/domain/schemas/service';
import { TICKET_TRANSITIONS, type ClockReading, type TicketPriority, type TicketStatus } from '@workmate/domain/service-sla';
import { Contact } from '../entities/contact.ts';
import { Customer } from '../entities/customer.ts';
import { Employee } from '../entities/employee.ts';
import { Ticket } from '../entities/ticket.ts';
import { TicketReply } from '../entities/ticket-reply.ts';
import { TicketStatusChange } from '../entities/ticket-status-change.ts';
import { enqueue } from '../outbox/outbox.ts';
import type { Actor } from '../shared/actor.ts';
import { nextNumber } from '../shared/numbering.ts';
import { checkVersion, likePattern } from '../shared/versioning.ts';
import { readTicketSla, refreshDueTimes } from './sla.ts';
import { loadServiceRules } from './settings.ts';

export const TICKET_NUMBER_PATTERN = 'TK-{YYYY}-{NNNN}';

export interface ClockDto {
  state: ClockReading['state'];
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: string | null;
  stoppedAt: string | null;
}

export interface TicketDto {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  subject: string;
  description: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  source: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  sla: { firstResponse: ClockDto; resolution: ClockDto };
  version: number;
  createdAt: string;
}

export interface TicketReplyDto {
  id: string;
  kind: 'internal' | 'external';
  direction: 'out' | 'in';
  body: string;
  authorName: string | null;
  fromEmail: string | null;
  toEmail: string | null;
  sentAt: string | null;
  createdAt: string;
}

const POPULATE = ['customer', 'contact', 'assignee'] as const;
const name = (e: { firstName: string; lastName: string } | null | undefined) => (e ? `${e.firstName} ${e.lastName}` : null);
const clock = (r: ClockReading): ClockDto => ({ state: r.state, targetMinutes: r.targetMinutes, elapsedMinutes: r.elapsedMinutes, dueAt: r.dueAt?.toISOString() ?? null, stoppedAt: r.stoppedAt?.toISOString() ?? null });

async function toDtos(em: EntityManager, tickets: Ticket[], now = new Date()): Promise<TicketDto[]> {
  if (!tickets.length) return [];
  const rules = await loadServiceRules(em);
  const out: TicketDto[] = [];
  for (const t of tickets) {
    const sla = await readTicketSla(em, t, rules, now);
    out.push({
      id: t.id,
      number: t.number,
      customerId: t.customer.id,
      customerName: t.customer.name,
      contactId: t.contact?.id ?? null,
      contactName: name(t.contact),
      contactEmail: t.contact?.email ?? null,
      subject: t.subject,
      description: t.description ?? null,
      priority: t.priority,
      status: t.status,
      assigneeId: t.assignee?.id ?? null,
      assigneeName: name(t.assignee),
      source: t.source,
      firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
      sla: { firstResponse: clock(sla.firstResponse), resolution: clock(sla.resolution) },
      version: t.version,
      createdAt: t.createdAt.toISOString(),
    });
  }
  return out;
}

async function find(em: EntityManager, id: string, lock = false): Promise<Ticket> {
  const t = await em.findOne(Ticket, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
  if (!t) throw notFound('Ticket', id);
  await em.populate(t, POPULATE);
  return t;
}

async function resolveContact(em: EntityManager, id: string | null | undefined, customerId: string): Promise<Contact | null | undefined> {
  if (id === undefined || id === null) return id;
  const c = await em.findOne(Contact, { id });
  if (!c) throw appError('BAD_REQUEST', 'contact.unknown', {}, { field: 'contactId' });
  if (c.customer.id !== customerId) throw appError('BAD_REQUEST', 'sales.contactOfOtherCustomer', {}, { field: 'contactId' });
  return c;
}

async function resolveAssignee(em: EntityManager, id: string | null | undefined): Promise<Employee | null | undefined> {
  if (id === undefined || id === null) return id;
  const e = await em.findOne(Employee, { id, deletedAt: null });
  if (!e) throw appError('BAD_REQUEST', 'employee.unknown', {}, { field: 'assigneeId' });
  return e;
}

export async function listTickets(em: EntityManager, input: TicketListInput): Promise<PageResult<TicketDto>> {
  const where: Record<string, unknown> = {};
  if (input.status?.length) where.status = { $in: input.status };
  if (input.priority?.length) where.priority = { $in: input.priority };
  if (input.customerId) where.customer = input.customerId;
  if (input.assigneeId) where.assignee = input.assigneeId;
  if (input.search) where.$or = [{ subject: { $ilike: likePattern(input.search) } }, { number: { $ilike: likePattern(input.search) } }, { customer: { name: { $ilike: likePattern(input.search) } } }];
  const [rows, total] = await em.findAndCount(Ticket, where, {
    populate: POPULATE,
    orderBy: { createdAt: 'desc', id: 'desc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: await toDtos(em, rows), total, page: input.page, pageSize: input.pageSize };
}

export async function getTicket(em: EntityManager, id: string): Promise<TicketDto & { replies: TicketReplyDto[]; statusChanges: Array<{ status: TicketStatus; at: string }> }> {
  const t = await find(em, id);
  const [dto] = await toDtos(em, [t]);
  const replies = await em.find(TicketReply, { ticket: id }, { populate: ['author'], orderBy: { createdAt: 'asc', id: 'asc' } });
  const changes = await em.find(TicketStatusChange, { ticket: id }, { orderBy: { at: 'asc', id: 'asc' } });
  return {
    ...(dto as TicketDto),
    replies: replies.map((r) => ({
      id: r.id,
      kind: r.kind,
      direction: r.direction,
      body: r.body,
      authorName: name(r.author),
      fromEmail: r.fromEmail ?? null,
      toEmail: r.toEmail ?? null,
      sentAt: r.sentAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    statusChanges: changes.map((c) => ({ status: c.status, at: c.at.toISOString() })),
  };
}

/** Creates a ticket (status new) with its number (TK-YYYY-NNNN) and due times. */
export async function createTicket(
  em: EntityManager,
  actor: Actor | null,
  input: TicketCreateInput,
  extra: { source?: 'web' | 'email'; at?: Date } = {},
): Promise<Ticket> {
  return em.transactional(async (tx) => {
    const customer = await tx.findOne(Customer, { id: input.customerId, deletedAt: null });
    if (!customer) throw appError('BAD_REQUEST', 'customer.unknown', {}, { field: 'customerId' });
    const contact = await resolveContact(tx, input.contactId, customer.id);
    const assignee = await resolveAssignee(tx, input.assigneeId);
    const at = extra.at ?? new Date();
    const t = tx.create(Ticket, {
      number: await nextNumber(tx, 'ticket', TICKET_NUMBER_PATTERN, at),
      customer,
      contact: contact ?? null,
      subject: input.subject,
      description: input.description ?? null,
      priority: input.priority,
      status: 'new',
      assignee: assignee ?? null,
      createdBy: actor ? tx.getReference(Employee, actor.id) : null,
      source: extra.source ?? 'web',
      createdAt: at,
    });
    await refreshDueTimes(tx, t, await loadServiceRules(tx), new Date(), [{ status: 'new', at }]);
    tx.create(TicketStatusChange, { ticket: t, status: 'new', at, actor: actor ? tx.getReference(Employee, actor.id) : null });
    await tx.flush();
    return t;
  });
}

export async function createTicketDto(em: EntityManager, actor: Actor, input: TicketCreateInput) {
  const t = await createTicket(em, actor, input);
  return getTicket(em, t.id);
}

export async function updateTicket(em: EntityManager, input: TicketUpdateInput) {
  await em.transactional(async (tx) => {
    const t = await find(tx, input.id, true);
    checkVersion(t, input.version, 'ticket');
    if (input.subject !== undefined) t.subject = input.subject;
    if (input.contactId !== undefined) t.contact = (await resolveContact(tx, input.contactId, t.customer.id)) ?? null;
    if (input.assigneeId !== undefined) t.assignee = (await resolveAssignee(tx, input.assigneeId)) ?? null;
    if (input.priority !== undefined && input.priority !== t.priority) {
      t.priority = input.priority;
      await refreshDueTimes(tx, t, await loadServiceRules(tx));
    }
    await tx.flush();
  });
  return getTicket(em, input.id);
}

/** Enters a status (see TICKET_TRANSITIONS) and records when: the pauses of the SLA clocks are read from these. */
export async function changeTicketStatus(tx: EntityManager, t: Ticket, status: TicketStatus, actorId: string | null, at = new Date()): Promise<void> {
  if (t.status === status) return;
  if (!TICKET_TRANSITIONS[t.status].includes(status)) throw appError('CONFLICT', 'ticket.transition', { from: t.status, to: status }, { field: 'status' });
  t.status = status;
  if (status === 'resolved' || status === 'closed') t.resolvedAt ??= at;
  else t.resolvedAt = null;
  await refreshDueTimes(tx, t, await loadServiceRules(tx), at, [{ status, at }]);
  tx.create(TicketStatusChange, { ticket: t, status, at, actor: actorId ? tx.getReference(Employee, actorId) : null });
}

export async function setTicketStatus(em: EntityManager, actor: Actor, input: TicketStatusInput) {
  await em.transactional(async (tx) => {
    const t = await find(tx, input.id, true);
    checkVersion(t, input.version, 'ticket');
    await changeTicketStatus(tx, t, input.status, actor.id);
    await tx.flush();
  });
  return getTicket(em, input.id);
}

/** The Message-ID of a mail we send for a reply: the customer's answer names it in In-Reply-To. */
export const replyMessageId = (replyId: string) => `<ticket-reply-${replyId}@workmate>`;

/**
 * A reply. An internal note only colleagues see; an external reply goes to the customer: the
 * first one stops the first-response clock, a new ticket becomes open, and it is emailed to the
 * contact (a job through the outbox, when the contact has an address; the worker sends it when
 * SMTP is configured).
 */
export async function replyToTicket(em: EntityManager, actor: Actor, input: TicketReplyInput) {
  await em.transactional(async (tx) => {
    const t = await find(tx, input.ticketId, true);
    if (t.status === 'closed') throw appError('CONFLICT', 'ticket.replyToClosed', { number: t.number }, { field: 'ticketId' });
    const now = new Date();
    // The last mail of the thread (read before this reply exists), so the customer's mail program threads our reply.
    const last =
      input.kind === 'external' ? await tx.findOne(TicketReply, { ticket: t.id, kind: 'external', messageId: { $ne: null } }, { orderBy: { createdAt: 'desc', id: 'desc' } }) : null;
    const reply = tx.create(TicketReply, {
      ticket: t,
      kind: input.kind,
      direction: 'out',
      body: input.body,
      author: tx.getReference(Employee, actor.id),
      toEmail: input.kind === 'external' ? (t.contact?.email ?? null) : null,
      createdAt: now,
    });
    if (input.kind === 'external') {
      reply.messageId = replyMessageId(reply.id);
      reply.inReplyTo = last?.messageId ?? null;
      t.firstResponseAt ??= now;
      if (t.status === 'new') await changeTicketStatus(tx, t, 'open', actor.id, now);
      else await refreshDueTimes(tx, t, await loadServiceRules(tx), now);
      if (reply.toEmail) enqueue(tx, JOBS.sendTicketReply, { replyId: reply.id });
    }
    await tx.flush();
  });
  return getTicket(em, input.ticketId);
}
