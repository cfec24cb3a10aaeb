import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** Suppliers with contacts (issue 17): at most one primary each, purchases.* permissions, audited. */
let app: TestApp;
let accountant: Client;
let accountantId: string;
let auditor: Client;
let employee: Client;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  const a = await userWithRole(app, 'Accountant');
  accountant = a.client;
  accountantId = a.employee.id;
  auditor = (await userWithRole(app, 'Auditor')).client;
  employee = (await userWithRole(app, 'Employee')).client;
  admin = (await userWithRole(app, 'Admin')).client;
});
afterAll(async () => app?.close());

/** Suppliers are created by received e-invoices; here one is written directly, with a name of its own. */
async function makeSupplier(): Promise<string> {
  const id = randomUUID();
  await app.orm.em.fork().getConnection().execute(
    `insert into suppliers (id, name, country_code, version, created_at, updated_at) values (?, ?, 'DE', 1, now(), now())`,
    [id, unique('Lieferant GmbH')],
  );
  return id;
}

describe('supplier contacts', () => {
  it('are created, listed primary first on the supplier, changed and deleted, each audited under the acting user', async () => {
    const supplierId = await makeSupplier();
    const sales = await accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Zoe Vertrieb', position: 'Vertrieb', email: 'Zoe@Example.de', phone: '030 123' });
    const primary = await accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Anna Buchhaltung', position: 'Buchhaltung', isPrimary: true });
    expect(sales).toMatchObject({ supplierId, name: 'Zoe Vertrieb', position: 'Vertrieb', email: 'zoe@example.de', phone: '030 123', isPrimary: false });

    const page = await auditor.purchases.suppliers.get.query({ id: supplierId });
    expect(page.contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['Anna Buchhaltung', true],
      ['Zoe Vertrieb', false],
    ]);

    const changed = await accountant.purchases.suppliers.contacts.update.mutate({ id: sales.id, version: sales.version, phone: '030 999' });
    expect(changed.phone).toBe('030 999');
    await accountant.purchases.suppliers.contacts.delete.mutate({ id: primary.id });
    expect((await auditor.purchases.suppliers.contacts.list.query({ supplierId })).map((c) => c.id)).toEqual([sales.id]);

    const trail = async (id: string) => (await admin.audit.list.query({ entity: 'supplierContact', entityId: id })).items.map((i) => ({ action: i.action, actorId: i.actorId }));
    expect((await trail(sales.id)).sort((x, y) => x.action.localeCompare(y.action))).toEqual([
      { action: 'create', actorId: accountantId },
      { action: 'update', actorId: accountantId },
    ]);
    expect((await trail(primary.id)).map((r) => r.action).sort()).toEqual(['create', 'delete']);
  });

  it('refuses a second primary contact, on create and on update, naming the field', async () => {
    const supplierId = await makeSupplier();
    await accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Erste', isPrimary: true });
    const second = await errorOf(accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Zweite', isPrimary: true }));
    expect(second).toMatchObject({ code: 'CONFLICT', appCode: 'supplierContact.secondPrimary', httpStatus: 409 });
    expect(second.fieldErrors?.isPrimary).toBeDefined();

    const other = await accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Zweite' });
    const promoted = await errorOf(accountant.purchases.suppliers.contacts.update.mutate({ id: other.id, isPrimary: true }));
    expect(promoted).toMatchObject({ code: 'CONFLICT', appCode: 'supplierContact.secondPrimary' });
    expect((await accountant.purchases.suppliers.contacts.list.query({ supplierId })).filter((c) => c.isPrimary)).toHaveLength(1);

    // Another supplier has a primary contact of its own.
    const elsewhere = await accountant.purchases.suppliers.contacts.create.mutate({ supplierId: await makeSupplier(), name: 'Andere', isPrimary: true });
    expect(elsewhere.isPrimary).toBe(true);
  });

  it('the database keeps one primary per supplier even past the service check', async () => {
    const supplierId = await makeSupplier();
    await accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Erste', isPrimary: true });
    const insert = app.orm.em.fork().getConnection().execute(
      `insert into supplier_contacts (id, supplier_id, name, is_primary, version, created_at, updated_at) values (?, ?, 'Zweite', true, 1, now(), now())`,
      [randomUUID(), supplierId],
    );
    await expect(insert).rejects.toThrow(/supplier_contacts_one_primary/);
  });

  it('reading needs purchases.read and changing needs purchases.write', async () => {
    const supplierId = await makeSupplier();
    const contact = await accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Erika' });
    expect((await errorOf(employee.purchases.suppliers.get.query({ id: supplierId }))).code).toBe('FORBIDDEN');
    expect((await errorOf(employee.purchases.suppliers.contacts.list.query({ supplierId }))).code).toBe('FORBIDDEN');
    expect((await errorOf(auditor.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Nein' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(auditor.purchases.suppliers.contacts.update.mutate({ id: contact.id, name: 'Nein' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(auditor.purchases.suppliers.contacts.delete.mutate({ id: contact.id }))).code).toBe('FORBIDDEN');
    expect((await accountant.purchases.suppliers.contacts.list.query({ supplierId })).map((c) => c.name)).toEqual(['Erika']);
  });

  it('bad input is a 400 naming the field, and an unknown supplier a 404', async () => {
    const supplierId = await makeSupplier();
    const noName = await errorOf(accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: '  ' }));
    expect(noName).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(Object.keys(noName.fieldErrors ?? {})).toEqual(['name']);
    const badEmail = await errorOf(accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Erika', email: 'keine-adresse' }));
    expect(badEmail).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(Object.keys(badEmail.fieldErrors ?? {})).toEqual(['email']);
    const longPhone = await errorOf(accountant.purchases.suppliers.contacts.create.mutate({ supplierId, name: 'Erika', phone: '1'.repeat(51) }));
    expect(Object.keys(longPhone.fieldErrors ?? {})).toEqual(['phone']);
    const missing = await errorOf(accountant.purchases.suppliers.contacts.create.mutate({ supplierId: randomUUID(), name: 'Erika' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    expect(await accountant.purchases.suppliers.contacts.list.query({ supplierId })).toEqual([]);
  });
});
