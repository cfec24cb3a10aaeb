import type { EntityManager } from '@mikro-orm/postgresql';
import type { EInvoiceFormat } from '@workmate/domain/einvoice-out';
import { notFound } from '@workmate/domain/errors';
import type { CursorPageResult } from '@workmate/domain/schemas/common';
import type { CustomerCreateInput, CustomerListInput, CustomerUpdateInput } from '@workmate/domain/schemas/crm';
import { loadSettings } from '../core/settings.ts';
import { Contact } from '../entities/contact.ts';
import { Customer } from '../entities/customer.ts';
import { keysetAfterSql, keysetOrderSql, keysetSelectSql, pageLimitSql, pageWithCursor, type KeysetSort } from '../shared/keyset.ts';
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
  countryCode: string;
  buyerReference: string | null;
  electronicAddress: string | null;
  electronicAddressScheme: string | null;
  einvoiceFormat: EInvoiceFormat;
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
    countryCode: c.countryCode,
    buyerReference: c.buyerReference ?? null,
    electronicAddress: c.electronicAddress ?? null,
    electronicAddressScheme: c.electronicAddressScheme ?? null,
    einvoiceFormat: c.einvoiceFormat,
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

interface CustomerRow {
  id: string;
  customer_number: string;
  name: string;
  type: string;
  status: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  tax_id: string | null;
  vat_id: string | null;
  street: string | null;
  zip_code: string | null;
  city: string | null;
  country: string | null;
  country_code: string;
  buyer_reference: string | null;
  electronic_address: string | null;
  electronic_address_scheme: string | null;
  einvoice_format: EInvoiceFormat;
  language: string;
  notes: string | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  pc_id: string | null;
  pc_first_name: string | null;
  pc_last_name: string | null;
  pc_email: string | null;
  pc_phone: string | null;
}

/** The same answer as toCustomerDto, from a list row. */
function customerRowToDto(r: CustomerRow): CustomerDto {
  return {
    id: r.id,
    customerNumber: r.customer_number,
    name: r.name,
    type: r.type,
    status: r.status,
    email: r.email,
    phone: r.phone,
    website: r.website,
    taxId: r.tax_id,
    vatId: r.vat_id,
    street: r.street,
    zipCode: r.zip_code,
    city: r.city,
    country: r.country,
    countryCode: r.country_code,
    buyerReference: r.buyer_reference,
    electronicAddress: r.electronic_address,
    electronicAddressScheme: r.electronic_address_scheme,
    einvoiceFormat: r.einvoice_format,
    language: r.language,
    notes: r.notes,
    primaryContact: r.pc_id ? { id: r.pc_id, name: `${r.pc_first_name} ${r.pc_last_name}`, email: r.pc_email, phone: r.pc_phone } : null,
    deletedAt: r.deleted_at ? new Date(r.deleted_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

/** How each sort orders; the tie-breaker runs the same way, so one index serves both directions. */
const SORTS: Record<CustomerListInput['sort'], KeysetSort> = {
  name: { value: 'c.name', type: 'varchar', ties: ['c.id'] },
  customerNumber: { value: 'c.customer_number', type: 'varchar', ties: ['c.id'] },
  // Customers without a city: last ascending, first descending, as Postgres orders nulls.
  city: { value: 'c.city', type: 'varchar', nulls: { place: 'default', filler: `''` }, ties: ['c.id'] },
  status: { value: 'c.status', type: 'text', ties: ['c.id'] },
  createdAt: { value: 'c.created_at', type: 'timestamptz', ties: ['c.id'] },
};

/**
 * Filtered, sorted page with the total. Search uses the trigram-indexed `search_text`. With a
 * cursor the page starts after it (an index range, however deep); otherwise at `page`.
 */
export async function listCustomers(em: EntityManager, input: CustomerListInput): Promise<CursorPageResult<CustomerDto>> {
  const where = [input.deleted ? 'c.deleted_at is not null' : 'c.deleted_at is null'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (input.status) add('c.status = ?', input.status);
  if (input.type) add('c.type = ?', input.type);
  if (input.city) add('c.city ilike ?', likePattern(input.city));
  if (input.search) add('c.search_text like ?', likePattern(input.search));
  const sort = SORTS[input.sort];
  const limit = pageLimitSql(input);
  const pageWhere = [...where];
  const pageParams = [...params];
  if (input.cursor) {
    const after = keysetAfterSql(sort, input.direction, input.cursor.key);
    pageWhere.push(after.sql);
    pageParams.push(...after.params);
  }
  // The page's rows come whole, with their primary contact, in the same statement as their
  // keys: one round trip and no entities to build for a list.
  const [found, counted] = await Promise.all([
    em.execute<Array<CustomerRow & Record<string, unknown>>>(
      `select c.*, pc.id as pc_id, pc.first_name as pc_first_name, pc.last_name as pc_last_name, pc.email as pc_email, pc.phone as pc_phone
         from (select c.id, c.customer_number, c.name, c.type, c.status, c.email, c.phone, c.website, c.tax_id, c.vat_id, c.street, c.zip_code,
                      c.city, c.country, c.country_code, c.buyer_reference, c.electronic_address, c.electronic_address_scheme, c.einvoice_format, c.language, c.notes, c.deleted_at, c.created_at, c.updated_at, c.version, ${keysetSelectSql(sort)}
                 from customers c where ${pageWhere.join(' and ')}
                order by ${keysetOrderSql(sort, input.direction)} ${limit.sql}) c
         left join lateral (select x.id, x.first_name, x.last_name, x.email, x.phone from contacts x
                             where x.customer_id = c.id and x.is_primary limit 1) pc on true
        order by ${keysetOrderSql(sort, input.direction)}`,
      [...pageParams, ...limit.params],
    ),
    em.execute<Array<{ n: string }>>(`select count(*) as n from customers c where ${where.join(' and ')}`, params),
  ]);
  const { rows, nextCursor } = pageWithCursor(found, input.pageSize, input.sort, sort, input.direction);
  return {
    items: rows.map(customerRowToDto),
    total: Number(counted[0]?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
    nextCursor,
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
    const c = tx.create(Customer, { ...input, customerNumber });
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
