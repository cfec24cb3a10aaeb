import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { SupplierContactCreateInput, SupplierContactUpdateInput } from '@workmate/domain/schemas/purchases';
import { Supplier } from '../entities/supplier.ts';
import { SupplierContact } from '../entities/supplier-contact.ts';
import { checkVersion, sentFields } from '../shared/versioning.ts';
import { toSupplierDto, type SupplierDto } from './suppliers.ts';

export interface SupplierContactDto {
  id: string;
  supplierId: string;
  name: string;
  position: string | null;
  email: string | null;
  phone: string | null;
  isPrimary: boolean;
  version: number;
}

function toDto(c: SupplierContact): SupplierContactDto {
  return {
    id: c.id,
    supplierId: c.supplier.id,
    name: c.name,
    position: c.position ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    isPrimary: c.isPrimary,
    version: c.version,
  };
}

async function findSupplier(em: EntityManager, id: string) {
  const s = await em.findOne(Supplier, { id });
  if (!s) throw notFound('Supplier', id);
  return s;
}

/** A supplier's own page: its data and its contacts, the primary one first. */
export async function getSupplierWithContacts(em: EntityManager, id: string): Promise<SupplierDto & { contacts: SupplierContactDto[] }> {
  const supplier = await findSupplier(em, id);
  return { ...toSupplierDto(supplier), contacts: await listSupplierContacts(em, id) };
}

export async function listSupplierContacts(em: EntityManager, supplierId: string): Promise<SupplierContactDto[]> {
  await findSupplier(em, supplierId);
  const rows = await em.find(SupplierContact, { supplier: supplierId }, { orderBy: { isPrimary: 'desc', name: 'asc', id: 'asc' } });
  return rows.map(toDto);
}

async function findContact(em: EntityManager, id: string) {
  const c = await em.findOne(SupplierContact, { id });
  if (!c) throw notFound('SupplierContact', id);
  return c;
}

const secondPrimary = () => appError('CONFLICT', 'supplierContact.secondPrimary', {}, { field: 'isPrimary' });

/** A second primary contact is refused; the partial unique index has the last word under races. */
export async function createSupplierContact(em: EntityManager, input: SupplierContactCreateInput): Promise<SupplierContactDto> {
  const { supplierId, ...fields } = input;
  const supplier = await findSupplier(em, supplierId);
  if (fields.isPrimary && (await em.count(SupplierContact, { supplier: supplierId, isPrimary: true })) > 0) throw secondPrimary();
  const c = em.create(SupplierContact, { ...fields, supplier });
  await em.flush();
  return toDto(c);
}

export async function updateSupplierContact(em: EntityManager, input: SupplierContactUpdateInput): Promise<SupplierContactDto> {
  const { id, version, ...changes } = input;
  const c = await findContact(em, id);
  checkVersion(c, version, 'supplierContact');
  if (changes.isPrimary && !c.isPrimary && (await em.count(SupplierContact, { supplier: c.supplier.id, isPrimary: true })) > 0) throw secondPrimary();
  em.assign(c, sentFields(changes));
  await em.flush();
  return toDto(c);
}

export async function deleteSupplierContact(em: EntityManager, id: string): Promise<void> {
  em.remove(await findContact(em, id));
  await em.flush();
}
