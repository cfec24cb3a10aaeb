import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { CustomerCreateInput, CustomerListInput, CustomerUpdateInput } from '@workmate/domain/schemas/crm';
import { loadSettings } from '../core/settings.ts';
import { Contact } from '../entities/contact.ts';
import { Customer } from '../entities/customer.ts';
import { nextNumber } from '../shared/numbering.ts';
import { checkVersion, likePattern, sentFields } from '../shared/versioning.ts';

export interface CustomerDto {
  id: string;
  customerNumber: string;
  name: string;
  type: string;
  status: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  taxId: string | null;
  vatId: string | null;
  street: string | null;
  zipCode: string | null;
  city: string | null;
  country: string | null;
  language: string;
  notes: string | null;
  primaryContact: { id: string; name: string; email: string | null; phone: string | null } | null;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toCustomerDto(c: Customer, primary: Contact | null = null): CustomerDto {
  return {
    id: c.id,
    customerNumber: c.customerNumber,
    name: c.name,
    type: c.type,
    status: c.status,
    email: c.email ?? null,
    phone: c.phone ?? null,
    website: c.website ?? null,
    taxId: c.taxId ?? null,
    vatId: c.vatId ?? null,
    street: c.street ?? null,
    zipCode: c.zipCode ?? null,
    city: c.city ?? null,
    country: c.country ?? null,
    language: c.language,
    notes: c.notes ?? null,
    primaryContact: primary
      ? { id: primary.id, name: `${primary.firstName} ${primary.lastName}`, email: primary.email ?? null, phone: primary.phone ?? null }
      : null,
    deletedAt: c.deletedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
  };
}

const SORT_COLUMN = { name: 'name', customerNumber: 'customerNumber', city: 'city', status: 'status', createdAt: 'createdAt' } as const;

/** Filtered, sorted page with the total. Search uses the trigram-indexed `search_text`. */
export async function listCustomers(em: EntityManager, input: CustomerListInput): Promise<PageResult<CustomerDto>> {
  const qb = em.createQueryBuilder(Customer, 'c').where({ deletedAt: input.deleted ? { $ne: null } : null });
  if (input.status) qb.andWhere({ status: input.status });
  if (input.type) qb.andWhere({ type: input.type });
  if (input.city) qb.andWhere({ city: { $ilike: likePattern(input.city) } });
  if (input.search) qb.andWhere(`c.search_text like ?`, [likePattern(input.search)]);
  qb.orderBy({ [SORT_COLUMN[input.sort]]: input.direction, id: 'asc' })
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [rows, total] = await qb.getResultAndCount();
  const primaries = rows.length
    ? await em.find(Contact, { customer: { $in: rows.map((r) => r.id) }, isPrimary: true })
    : [];
  const byCustomer = new Map(primaries.map((p) => [p.customer.id, p]));
  return {
    items: rows.map((c) => toCustomerDto(c, byCustomer.get(c.id) ?? null)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function findCustomer(em: EntityManager, id: string, options: { includeDeleted?: boolean } = {}): Promise<Customer> {
  const c = await em.findOne(Customer, options.includeDeleted ? { id } : { id, deletedAt: null });
  if (!c) throw notFound('Customer', id);
  return c;
}

export async function getCustomer(em: EntityManager, id: string, options: { includeDeleted?: boolean } = {}): Promise<CustomerDto> {
  const c = await findCustomer(em, id, options);
  const primary = await em.findOne(Contact, { customer: c.id, isPrimary: true });
  return toCustomerDto(c, primary);
}

/** The number comes from the settings pattern and a counter row locked in this transaction. */
export async function createCustomer(em: EntityManager, input: CustomerCreateInput): Promise<CustomerDto> {
  return em.transactional(async (tx) => {
    const settings = await loadSettings(tx);
    const customerNumber = await nextNumber(tx, 'customer', settings.customerNumberPattern);
    const c = tx.create(Customer, { ...input, customerNumber } as never) as Customer;
    await tx.flush();
    return toCustomerDto(c);
  });
}

export async function updateCustomer(em: EntityManager, input: CustomerUpdateInput): Promise<CustomerDto> {
  const { id, version, ...changes } = input;
  const c = await findCustomer(em, id);
  checkVersion(c, version, 'customer');
  em.assign(c, sentFields(changes));
  await em.flush();
  return getCustomer(em, id);
}

export async function deleteCustomer(em: EntityManager, id: string): Promise<void> {
  const c = await findCustomer(em, id);
  c.deletedAt = new Date();
  await em.flush();
}

export async function restoreCustomer(em: EntityManager, id: string): Promise<CustomerDto> {
  const c = await em.findOne(Customer, { id, deletedAt: { $ne: null } });
  if (!c) throw notFound('Deleted customer', id);
  c.deletedAt = null;
  await em.flush();
  return getCustomer(em, id);
}
