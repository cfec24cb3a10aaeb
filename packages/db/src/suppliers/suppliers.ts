import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReceivedEInvoice } from '@workmate/domain/einvoice-in';
import { Supplier } from '../entities/supplier.ts';

export interface SupplierDto {
  id: string;
  name: string;
  street: string | null;
  zip: string | null;
  city: string | null;
  countryCode: string;
  vatId: string | null;
  iban: string | null;
  bic: string | null;
  email: string | null;
  electronicAddress: string | null;
  electronicAddressScheme: string | null;
}

export function toSupplierDto(s: Supplier): SupplierDto {
  return {
    id: s.id,
    name: s.name,
    street: s.street ?? null,
    zip: s.zip ?? null,
    city: s.city ?? null,
    countryCode: s.countryCode,
    vatId: s.vatId ?? null,
    iban: s.iban ?? null,
    bic: s.bic ?? null,
    email: s.email ?? null,
    electronicAddress: s.electronicAddress ?? null,
    electronicAddressScheme: s.electronicAddressScheme ?? null,
  };
}

const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

/** VAT IDs are compared without spaces and in capitals ("de 123 456 789" is DE123456789). */
export const normalizeVatId = (vatId: string | null) => (vatId ? vatId.replace(/\s+/g, '').toUpperCase() : null);

/**
 * The supplier an invoice's seller party is: the one with its VAT ID, or without a VAT ID the
 * one with its name and country; created when there is none. Inside the caller's transaction,
 * serialised on the key so two uploads at once never make two suppliers (the unique indexes
 * would refuse the second). An existing supplier's data is kept as it is: a person may have
 * corrected it.
 */
export async function findOrCreateSupplier(tx: EntityManager, seller: ReceivedEInvoice['supplier']): Promise<Supplier> {
  const vatId = normalizeVatId(seller.vatId);
  const name = seller.name.trim().slice(0, 200);
  const countryCode = seller.countryCode.slice(0, 2);
  await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [vatId ? `supplier:vat:${vatId}` : `supplier:name:${name.toLowerCase()}:${countryCode}`]);
  const found = vatId
    ? await tx.execute<Array<{ id: string }>>('select id from suppliers where upper(vat_id) = ?', [vatId])
    : await tx.execute<Array<{ id: string }>>('select id from suppliers where vat_id is null and lower(name) = lower(?) and country_code = ?', [name, countryCode]);
  if (found[0]) return tx.findOneOrFail(Supplier, { id: found[0].id });
  const supplier = tx.create(Supplier, {
    name,
    street: clip(seller.street, 200),
    zip: clip(seller.zip, 20),
    city: clip(seller.city, 100),
    countryCode,
    vatId: clip(vatId, 30),
    iban: clip(seller.iban?.replace(/\s+/g, '').toUpperCase() ?? null, 34),
    bic: clip(seller.bic?.replace(/\s+/g, '').toUpperCase() ?? null, 11),
    email: clip(seller.email, 254),
    electronicAddress: clip(seller.electronicAddress, 254),
    electronicAddressScheme: clip(seller.electronicAddressScheme, 10),
  });
  await tx.flush();
  return supplier;
}
