import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { ActivityCreateInput, ActivityListInput } from '@workmate/domain/schemas/crm';
import type { z } from 'zod';
import { Activity } from '../entities/activity.ts';
import { Contact } from '../entities/contact.ts';
import { Employee } from '../entities/employee.ts';
import { personRef } from '../shared/format.ts';
import { findCustomer } from './customers.ts';

export interface ActivityDto {
  id: string;
  customer: { id: string; name: string };
  contact: { id: string; name: string } | null;
  employee: { id: string; name: string } | null;
  type: string;
  subject: string;
  description: string | null;
  occurredAt: string;
  createdAt: string;
}

function toDto(a: Activity): ActivityDto {
  return {
    id: a.id,
    customer: { id: a.customer.id, name: a.customer.name },
    contact: personRef(a.contact),
    employee: personRef(a.employee),
    type: a.type,
    subject: a.subject,
    description: a.description ?? null,
    occurredAt: a.occurredAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
  };
}

const POPULATE = ['customer', 'contact', 'employee'] as const;

export async function listActivities(em: EntityManager, input: z.output<typeof ActivityListInput>): Promise<PageResult<ActivityDto>> {
  const where: Record<string, unknown> = { customer: { deletedAt: null } };
  if (input.customerId) where.customer = { id: input.customerId, deletedAt: null };
  if (input.contactId) where.contact = input.contactId;
  if (input.type) where.type = input.type;
  const [items, total] = await em.findAndCount(Activity, where, {
    populate: POPULATE,
    orderBy: { occurredAt: 'desc', id: 'asc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: items.map(toDto), total, page: input.page, pageSize: input.pageSize };
}

export async function createActivity(em: EntityManager, input: ActivityCreateInput, employeeId: string): Promise<ActivityDto> {
  const customer = await findCustomer(em, input.customerId);
  let contact: Contact | null = null;
  if (input.contactId) {
    contact = await em.findOne(Contact, { id: input.contactId, customer: customer.id });
    if (!contact) throw appError('BAD_REQUEST', 'contact.notOfCustomer', {}, { field: 'contactId' });
  }
  const a = em.create(Activity, {
    customer,
    contact,
    employee: em.getReference(Employee, employeeId),
    type: input.type,
    subject: input.subject,
    description: input.description,
    occurredAt: new Date(input.occurredAt),
  });
  await em.flush();
  await em.populate(a, POPULATE);
  return toDto(a);
}

export async function deleteActivity(em: EntityManager, id: string): Promise<void> {
  const a = await em.findOne(Activity, { id, customer: { deletedAt: null } });
  if (!a) throw notFound('Activity', id);
  em.remove(a);
  await em.flush();
}
