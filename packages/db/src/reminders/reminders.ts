import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { ReminderCreateInput, ReminderListInput, ReminderUpdateInput } from '@workmate/domain/schemas/reminders';
import { Employee } from '../entities/employee.ts';
import { Reminder } from '../entities/reminder.ts';
import { dateOnly, personName } from '../shared/format.ts';
import { checkVersion, sentFields } from '../shared/versioning.ts';
import type { Actor } from '../shared/actor.ts';
import { requireLinkedRecord } from './links.ts';

export interface ReminderDto {
  id: string;
  title: string;
  description: string | null;
  dueDate: string;
  priority: Reminder['priority'];
  status: Reminder['status'];
  owner: { id: string; name: string };
  entity: string | null;
  entityId: string | null;
  completedAt: string | null;
  createdAt: string;
  version: number;
}

const manages = (actor: Actor) => hasPermission(actor.permissions, 'reminders.manage');

export function toReminderDto(r: Reminder): ReminderDto {
  return {
    id: r.id,
    title: r.title,
    description: r.description ?? null,
    dueDate: dateOnly(r.dueDate) as string,
    priority: r.priority,
    status: r.status,
    owner: { id: r.owner.id, name: personName(r.owner) as string },
    entity: r.entity ?? null,
    entityId: r.entityId ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

/** One's own reminders; with reminders.manage anyone's. Others are NOT_FOUND. */
async function findVisible(em: EntityManager, actor: Actor, id: string): Promise<Reminder> {
  const r = await em.findOne(Reminder, { id }, { populate: ['owner'] });
  if (!r || (r.owner.id !== actor.id && !manages(actor))) throw notFound('Reminder', id);
  return r;
}

export async function getReminder(em: EntityManager, actor: Actor, id: string): Promise<ReminderDto> {
  return toReminderDto(await findVisible(em, actor, id));
}

export async function listReminders(em: EntityManager, actor: Actor, input: ReminderListInput): Promise<PageResult<ReminderDto>> {
  if (input.all && !manages(actor)) throw appError('FORBIDDEN', 'reminder.everyoneNeedsPermission', {}, { field: 'all' });
  const where: Record<string, unknown> = input.all ? {} : { owner: actor.id };
  if (input.status?.length) where.status = { $in: input.status };
  if (input.entity) where.entity = input.entity;
  if (input.entityId) where.entityId = input.entityId;
  if (input.dueBefore) where.dueDate = { $lte: input.dueBefore };
  const [rows, total] = await em.findAndCount(Reminder, where, {
    populate: ['owner'],
    orderBy: { dueDate: 'asc', createdAt: 'asc', id: 'asc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: rows.map(toReminderDto), total, page: input.page, pageSize: input.pageSize };
}

async function owner(em: EntityManager, actor: Actor, ownerId: string | undefined): Promise<Employee | undefined> {
  if (ownerId === undefined) return undefined;
  if (ownerId !== actor.id && !manages(actor)) throw appError('FORBIDDEN', 'reminder.othersNeedPermission', {}, { field: 'ownerId' });
  const e = await em.findOne(Employee, { id: ownerId, deletedAt: null });
  if (!e) throw appError('BAD_REQUEST', 'employee.unknown', {}, { field: 'ownerId' });
  return e;
}

export async function createReminder(em: EntityManager, actor: Actor, input: ReminderCreateInput): Promise<ReminderDto> {
  const id = await em.transactional(async (tx) => {
    const o = (await owner(tx, actor, input.ownerId ?? actor.id)) as Employee;
    await requireLinkedRecord(tx, input.entity ?? null, input.entityId ?? null);
    const { ownerId: _o, ...fields } = input;
    const r = tx.create(Reminder, { ...fields, entity: input.entity ?? null, entityId: input.entityId ?? null, owner: o, status: 'open' });
    await tx.flush();
    return r.id;
  });
  return getReminder(em, actor, id);
}

export async function updateReminder(em: EntityManager, actor: Actor, input: ReminderUpdateInput): Promise<ReminderDto> {
  await em.transactional(async (tx) => {
    const r = await findVisible(tx, actor, input.id);
    checkVersion(r, input.version, 'reminder');
    const { id: _id, version: _v, ownerId, status, ...rest } = input;
    const fields = sentFields(rest);
    if (fields.entity !== undefined || fields.entityId !== undefined) {
      await requireLinkedRecord(tx, fields.entity !== undefined ? (fields.entity ?? null) : (r.entity ?? null), fields.entityId !== undefined ? (fields.entityId ?? null) : (r.entityId ?? null));
    }
    tx.assign(r, fields);
    const o = await owner(tx, actor, ownerId);
    if (o) r.owner = o;
    if (status === 'done') complete(r);
    if (status === 'open' || (fields.dueDate !== undefined && r.status === 'overdue')) reopen(r);
    await tx.flush();
  });
  return getReminder(em, actor, input.id);
}

function complete(r: Reminder) {
  r.status = 'done';
  r.completedAt = r.completedAt ?? new Date();
}

/** Open again (a new due date, or undone): the overdue sweep may notify again later. */
function reopen(r: Reminder) {
  r.status = 'open';
  r.completedAt = null;
  r.notified = false;
}

export async function completeReminder(em: EntityManager, actor: Actor, id: string): Promise<ReminderDto> {
  await em.transactional(async (tx) => {
    const r = await findVisible(tx, actor, id);
    if (r.status === 'done') throw appError('CONFLICT', 'reminder.alreadyDone', {}, { field: 'id' });
    complete(r);
    await tx.flush();
  });
  return getReminder(em, actor, id);
}

export async function deleteReminder(em: EntityManager, actor: Actor, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    tx.remove(await findVisible(tx, actor, id));
    await tx.flush();
  });
}
