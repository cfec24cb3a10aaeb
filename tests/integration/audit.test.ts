import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { unique, userWithRole, type Client } from '../helpers/users.ts';

let app: TestApp;
let admin: Client;
let auditor: Client;
let employee: { client: Client; id: string; email: string };
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  auditor = (await userWithRole(app, 'Auditor')).client;
  const e = await userWithRole(app, 'Employee');
  employee = { client: e.client, id: e.employee.id, email: e.employee.email };
});
afterAll(async () => app?.close());

describe('audit trail', () => {
  it('records who created, changed and deleted what, with before and after values', async () => {
    const c = await employee.client.crm.customers.create.mutate({ name: unique('Audit'), city: 'Bonn' });
    await employee.client.crm.customers.update.mutate({ id: c.id, city: 'Köln' });
    await admin.crm.customers.delete.mutate({ id: c.id });
    await admin.crm.customers.restore.mutate({ id: c.id });
    const trail = await auditor.audit.list.query({ entity: 'customer', entityId: c.id });
    const actions = trail.items.map((i) => i.action).reverse();
    expect(actions).toEqual(['create', 'update', 'delete', 'restore']);
    const created = trail.items.find((i) => i.action === 'create');
    expect(created).toMatchObject({ actorId: employee.id, actorLabel: employee.email });
    expect(created?.changes.name).toEqual({ before: null, after: c.name });
    const update = trail.items.find((i) => i.action === 'update');
    expect(update?.changes).toEqual({ city: { before: 'Bonn', after: 'Köln' } });
  });

  it('records hard deletes with the values that were deleted', async () => {
    const c = await employee.client.crm.customers.create.mutate({ name: unique('Kontakt weg') });
    const contact = await employee.client.crm.contacts.create.mutate({ customerId: c.id, firstName: 'Weg', lastName: 'Damit' });
    await employee.client.crm.contacts.delete.mutate({ id: contact.id });
    const trail = await auditor.audit.list.query({ entity: 'contact', entityId: contact.id });
    const deleted = trail.items.find((i) => i.action === 'delete');
    expect(deleted?.changes.lastName).toEqual({ before: 'Damit', after: null });
  });

  it('never copies password hashes into the trail', async () => {
    const { employee: e } = await userWithRole(app, 'Employee');
    await admin.core.employees.update.mutate({ id: e.id, password: 'a completely new one' });
    const trail = await auditor.audit.list.query({ entity: 'employee', entityId: e.id });
    expect(JSON.stringify(trail)).not.toMatch(/argon2/);
    expect(trail.items.find((i) => i.action === 'update')?.changes.passwordHash).toEqual({ before: '(hidden)', after: '(hidden)' });
  });

  it('writes the audit row in the same transaction: a refused change leaves no row', async () => {
    const c = await employee.client.crm.customers.create.mutate({ name: unique('Atomar') });
    await employee.client.crm.contacts.create.mutate({ customerId: c.id, firstName: 'P', lastName: 'One', isPrimary: true });
    const conn = app.orm.em.fork().getConnection();
    const count = async () => Number((await conn.execute(`select count(*) as n from audit_log where entity = 'contact' and changes->'customer'->>'after' = ?`, [c.id]))[0]?.n);
    const before = await count();
    // Slip past the service check straight into the database's unique index.
    const em = app.orm.em.fork();
    const { Contact } = await import('@workmate/db/entities/contact');
    em.create(Contact, { customer: c.id, firstName: 'P', lastName: 'Two', isPrimary: true });
    await expect(em.flush()).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it('is append-only in the database', async () => {
    const conn = app.orm.em.fork().getConnection();
    await expect(conn.execute(`update audit_log set entity = 'x' where id = (select max(id) from audit_log)`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`delete from audit_log where id = (select max(id) from audit_log)`)).rejects.toThrow(/append-only/);
  });

  it('records sign-ins', async () => {
    const { employee: e } = await userWithRole(app, 'Employee');
    await fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 't' }, body: JSON.stringify({ email: e.email, password: 'correct horse battery' }) });
    const trail = await auditor.audit.list.query({ entity: 'employee', entityId: e.id, action: 'login' });
    expect(trail.total).toBe(1);
  });

  it('filters by actor and pages', async () => {
    const page = await auditor.audit.list.query({ actorId: employee.id, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect(page.items.every((i) => i.actorId === employee.id)).toBe(true);
  });
});
