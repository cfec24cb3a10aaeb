import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { ContactCreateInput, ContactListInput, ContactUpdateInput } from '@workmate/domain/schemas/crm';
import type { z } from 'zod';
import { Contact } from '../entities/contact.ts';
import { checkVersion, likePattern, sentFields } from '../shared/versioning.ts';
import { findCustomer } from './customers.ts';

export interface ContactDto {
  id: string;
  customer: { id: string; name: string; customerNumber: string };
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  position: string | null;
  department: string | null;
  isPrimary: boolean;
  notes: string | null;
  createdAt: string;
  version: number;
}

function toDto(c: Contact): ContactDto {
  return {
    id: c.id,
    customer: { id: c.customer.id, name: c.customer.name, customerNumber: c.customer.customerNumber },
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email ?? null,
    phone: c.phone ?? null,
    mobile: c.mobile ?? null,
    position: c.position ?? null,
    department: c.department ?? null,
    isPrimary: c.isPrimary,
    notes: c.notes ?? null,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}

export async function listContacts(em: EntityManager, input: z.output<typeof ContactListInput>): Promise<PageResult<ContactDto>> {
  const where: Record<string, unknown> = { customer: { deletedAt: null } };
  if (input.customerId) where.customer = { id: input.customerId, deletedAt: null };
  if (input.search) {
    const like = likePattern(input.search);
    where.$or = [{ firstName: { $ilike: like } }, { lastName: { $ilike: like } }, { email: { $ilike: like } }];
  }
  const [items, total] = await em.findAndCount(Contact, where, {
    populate: ['customer'],
    orderBy: { [input.sort]: input.direction, id: 'asc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: items.map(toDto), total, page: input.page, pageSize: input.pageSize };
}

async function findContact(em: EntityManager, id: string) {
  const c = await em.findOne(Contact, { id, customer: { deletedAt: null } }, { populate: ['customer'] });
  if (!c) throw notFound('Contact', id);
  return c;
}

export async function getContact(em: EntityManager, id: string): Promise<ContactDto> {
  return toDto(await findContact(em, id));
}

const secondPrimary = () => appError('CONFLICT', 'contact.secondPrimary', {}, { field: 'isPrimary' });

/** A second primary contact is refused; the partial unique index has the last word under races. */
export async function createContact(em: EntityManager, input: ContactCreateInput): Promise<ContactDto> {
  const { customerId, ...fields } = input;
  const customer = await findCustomer(em, customerId);
  if (fields.isPrimary && (await em.count(Contact, { customer: customerId, isPrimary: true })) > 0) throw secondPrimary();
  const c = em.create(Contact, { ...fields, customer });
  await em.flush();
  return toDto(c);
}

export async function updateContact(em: EntityManager, input: ContactUpdateInput): Promise<ContactDto> {
  const { id, version, ...changes } = input;
  const c = await findContact(em, id);
  checkVersion(c, version, 'contact');
  if (changes.isPrimary && !c.isPrimary && (await em.count(Contact, { customer: c.customer.id, isPrimary: true })) > 0) throw secondPrimary();
  em.assign(c, sentFields(changes));
  await em.flush();
  return toDto(c);
}

export async function deleteContact(em: EntityManager, id: string): Promise<void> {
  const c = await findContact(em, id);
  em.remove(c);
  await em.flush();
}
