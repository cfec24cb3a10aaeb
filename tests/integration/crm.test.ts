import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IsolationLevel } from '@mikro-orm/core';
import { createCustomer } from '@workmate/db/crm/customers';
import { crmStats } from '@workmate/db/crm/stats';
import { CustomerCreateInput } from '@workmate/domain/schemas/crm';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { berlinToday, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

let app: TestApp;
let admin: Client;
let employee: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  employee = (await userWithRole(app, 'Employee')).client;
});
afterAll(async () => app?.close());

describe('customers', () => {
  it('creates, reads, updates and lists a customer with all its fields', async () => {
    const name = unique('Schreinerei Holzwurm');
    const created = await employee.crm.customers.create.mutate({
      name, type: 'business', status: 'lead', email: 'Info@Holzwurm.example', phone: '+49 89 1', website: 'https://holzwurm.example',
      taxId: '143/000/1', vatId: 'DE999999999', street: 'Hauptstraße 1', zipCode: '80331', city: 'München', country: 'Deutschland', language: 'en', notes: 'Stammkunde',
    });
    expect(created.customerNumber).toMatch(/^[A-Z-]+\d{6}$/);
    expect(created).toMatchObject({ name, status: 'lead', email: 'info@holzwurm.example', language: 'en', version: 1 });
    const updated = await employee.crm.customers.update.mutate({ id: created.id, version: created.version, status: 'active', city: 'Augsburg' });
    expect(updated).toMatchObject({ status: 'active', city: 'Augsburg', name, version: 2 });
    expect(await employee.crm.customers.get.query({ id: created.id })).toMatchObject({ city: 'Augsburg' });
    const page = await employee.crm.customers.list.query({ search: name });
    expect(page.total).toBe(1);
    expect(page.items[0]?.id).toBe(created.id);
  });

  it('changes only the fields sent: renaming a lead keeps it a lead', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Interessent'), status: 'lead', type: 'government', language: 'en' });
    const renamed = await employee.crm.customers.update.mutate({ id: c.id, name: `${c.name} neu` });
    expect(renamed).toMatchObject({ status: 'lead', type: 'government', language: 'en' });
  });

  it('refuses an update based on an old version (nothing a user saved is lost)', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Versioniert') });
    await employee.crm.customers.update.mutate({ id: c.id, version: 1, city: 'Erste' });
    const stale = await errorOf(admin.crm.customers.update.mutate({ id: c.id, version: 1, city: 'Zweite' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.fieldErrors?.version).toBeDefined();
    expect((await employee.crm.customers.get.query({ id: c.id })).city).toBe('Erste');
  });

  it('gives unique, consecutive numbers under 40 concurrent creates', async () => {
    const tag = unique('Parallel');
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) => employee.crm.customers.create.mutate({ name: `${tag} ${i}` })));
    const numbers = created.map((c) => c.customerNumber);
    expect(new Set(numbers).size).toBe(40);
    const counters = numbers.map((n) => Number(/(\d+)$/.exec(n)?.[1])).sort((a, b) => a - b);
    // No gaps: every number in between was given out (to this test, or to tests running in parallel).
    const first = counters[0] ?? 0;
    const last = counters.at(-1) ?? 0;
    const taken = await app.orm.em.fork().getConnection().execute<Array<{ n: string }>>(
      `select count(*) as n from customers where (regexp_match(customer_number, '(\\d+)$'))[1]::int between ? and ?`,
      [first, last],
    );
    expect(Number(taken[0]?.n)).toBe(last - first + 1);
  });

  it('finds customers by name, number, email or city, case-insensitively, and escapes wildcards', async () => {
    const tag = unique('Suche').replace(/\W/g, '');
    const c = await employee.crm.customers.create.mutate({ name: `Zahnarzt ${tag}`, email: `${tag}@praxis.example`, city: `Ort${tag}` });
    for (const term of [tag.toUpperCase(), c.customerNumber, `${tag}@praxis`, `ort${tag}`]) {
      const page = await employee.crm.customers.list.query({ search: term });
      expect(page.items.map((i) => i.id), term).toContain(c.id);
    }
    expect((await employee.crm.customers.list.query({ search: '%' + tag + '_' })).total).toBe(0);
  });

  it('filters by status and type, sorts, and pages with a total', async () => {
    const tag = unique('Seite').replace(/\W/g, '');
    for (let i = 0; i < 7; i++) await employee.crm.customers.create.mutate({ name: `${tag} ${String.fromCharCode(71 - i)}`, status: i % 2 ? 'lead' : 'active', type: 'government', city: tag });
    const leads = await employee.crm.customers.list.query({ city: tag, status: 'lead' });
    expect(leads.total).toBe(3);
    const page2 = await employee.crm.customers.list.query({ city: tag, type: 'government', pageSize: 3, page: 2, sort: 'name', direction: 'asc' });
    expect(page2.total).toBe(7);
    expect(page2.items.map((i) => i.name.slice(-1))).toEqual(['D', 'E', 'F']);
    const desc = await employee.crm.customers.list.query({ city: tag, sort: 'name', direction: 'desc', pageSize: 2 });
    expect(desc.items.map((i) => i.name.slice(-1))).toEqual(['G', 'F']);
  });

  it('soft-deletes a customer and lets an admin restore it', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Gelöscht') });
    await admin.crm.customers.delete.mutate({ id: c.id });
    expect(await codeOf(employee.crm.customers.get.query({ id: c.id }))).toBe('NOT_FOUND');
    expect((await employee.crm.customers.list.query({ search: c.customerNumber })).total).toBe(0);
    expect(await codeOf(employee.crm.customers.list.query({ deleted: true }))).toBe('FORBIDDEN');
    const deleted = await admin.crm.customers.list.query({ deleted: true, search: c.customerNumber });
    expect(deleted.items[0]?.deletedAt).not.toBeNull();
    const rows = await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from customers where id = ?`, [c.id]);
    expect(rows[0]?.n).toBe(1);
    await admin.crm.customers.restore.mutate({ id: c.id });
    expect((await employee.crm.customers.get.query({ id: c.id })).deletedAt).toBeNull();
    expect(await codeOf(admin.crm.customers.restore.mutate({ id: c.id }))).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for unknown ids', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(await codeOf(employee.crm.customers.get.query({ id }))).toBe('NOT_FOUND');
    expect(await codeOf(employee.crm.customers.update.mutate({ id, name: 'X' }))).toBe('NOT_FOUND');
    expect(await codeOf(employee.crm.contacts.get.query({ id }))).toBe('NOT_FOUND');
    expect(await codeOf(employee.crm.activities.delete.mutate({ id }))).toBe('NOT_FOUND');
  });
});

describe('contacts', () => {
  it('creates, updates, lists and deletes contacts of a customer', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Kontakte') });
    const a = await employee.crm.contacts.create.mutate({ customerId: c.id, firstName: 'Anna', lastName: 'Adler', email: 'anna@x.example', position: 'CEO', isPrimary: true });
    const b = await employee.crm.contacts.create.mutate({ customerId: c.id, firstName: 'Bernd', lastName: 'Bär', mobile: '0170 1' });
    const got = await employee.crm.customers.get.query({ id: c.id });
    expect(got.primaryContact?.id).toBe(a.id);
    // The list reads its rows in one statement; each item is the same as the customer's own answer.
    const listed = await employee.crm.customers.list.query({ search: c.customerNumber });
    expect(listed.items).toEqual([got]);
    const updated = await employee.crm.contacts.update.mutate({ id: b.id, version: b.version, department: 'Einkauf' });
    expect(updated.department).toBe('Einkauf');
    const list = await employee.crm.contacts.list.query({ customerId: c.id });
    expect(list.items.map((x) => x.lastName)).toEqual(['Adler', 'Bär']);
    await employee.crm.contacts.delete.mutate({ id: b.id });
    expect((await employee.crm.contacts.list.query({ customerId: c.id })).total).toBe(1);
  });

  it('refuses a second primary contact, by create and by update', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Primär') });
    await employee.crm.contacts.create.mutate({ customerId: c.id, firstName: 'Erste', lastName: 'Person', isPrimary: true });
    const second = await errorOf(employee.crm.contacts.create.mutate({ customerId: c.id, firstName: 'Zweite', lastName: 'Person', isPrimary: true }));
    expect(second.code).toBe('CONFLICT');
    expect(second.fieldErrors?.isPrimary?.[0]).toMatch(/primary/);
    const other = await employee.crm.contacts.create.mutate({ customerId: c.id, firstName: 'Dritte', lastName: 'Person' });
    expect(await codeOf(employee.crm.contacts.update.mutate({ id: other.id, isPrimary: true }))).toBe('CONFLICT');
    expect((await employee.crm.contacts.list.query({ customerId: c.id })).items.filter((x) => x.isPrimary)).toHaveLength(1);
  });

  it('keeps one primary even when two requests race (the partial unique index decides)', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Wettlauf') });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => codeOf(employee.crm.contacts.create.mutate({ customerId: c.id, firstName: `P${i}`, lastName: 'Race', isPrimary: true }))),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(7);
    expect((await employee.crm.contacts.list.query({ customerId: c.id })).items.filter((x) => x.isPrimary)).toHaveLength(1);
  });

  it('is enforced by the database itself', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Datenbank') });
    await employee.crm.contacts.create.mutate({ customerId: c.id, firstName: 'A', lastName: 'B', isPrimary: true });
    const conn = app.orm.em.fork().getConnection();
    await expect(
      conn.execute(`insert into contacts (id, customer_id, first_name, last_name, is_primary, version, created_at, updated_at) values (gen_random_uuid(), ?, 'X', 'Y', true, 1, now(), now())`, [c.id]),
    ).rejects.toThrow(/contacts_one_primary_per_customer/);
  });
});

describe('activities, history and statistics', () => {
  it('logs activities with an optional contact and shows them in the history timeline', async () => {
    const c = await employee.crm.customers.create.mutate({ name: unique('Historie') });
    const contact = await employee.crm.contacts.create.mutate({ customerId: c.id, firstName: 'Hanna', lastName: 'Hist' });
    const call = await employee.crm.activities.create.mutate({ customerId: c.id, contactId: contact.id, type: 'call', subject: 'Rückruf', occurredAt: '2026-03-29T01:30:00+01:00' });
    expect(call.occurredAt).toBe('2026-03-29T00:30:00.000Z');
    expect(call.contact?.name).toBe('Hanna Hist');
    await employee.crm.customers.update.mutate({ id: c.id, city: 'Passau' });
    const history = await employee.crm.customers.history.query({ id: c.id });
    const kinds = history.map((h) => `${h.kind}:${h.type}:${h.entity}`);
    expect(kinds).toEqual(expect.arrayContaining(['activity:call:activity', 'change:create:customer', 'change:update:customer', 'change:create:contact']));
    expect(history.find((h) => h.type === 'update')?.changedFields).toContain('city');
    const listed = await employee.crm.activities.list.query({ customerId: c.id });
    expect(listed.total).toBe(1);
    await employee.crm.activities.delete.mutate({ id: call.id });
    expect((await employee.crm.activities.list.query({ customerId: c.id })).total).toBe(0);
  });

  it('refuses a contact of another customer on an activity', async () => {
    const a = await employee.crm.customers.create.mutate({ name: unique('A') });
    const b = await employee.crm.customers.create.mutate({ name: unique('B') });
    const foreign = await employee.crm.contacts.create.mutate({ customerId: b.id, firstName: 'F', lastName: 'Remd' });
    const e = await errorOf(employee.crm.activities.create.mutate({ customerId: a.id, contactId: foreign.id, type: 'email', subject: 'x', occurredAt: new Date().toISOString() }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.fieldErrors?.contactId).toBeDefined();
  });

  it('counts customers by status and type and new customers per month', async () => {
    // Inside one REPEATABLE READ transaction, so customers created by parallel test files do
    // not move the numbers; the transaction is rolled back at the end.
    const em = app.orm.em.fork();
    await expect(
      em.transactional(
        async (tx) => {
          const before = await crmStats(tx);
          await createCustomer(tx, CustomerCreateInput.parse({ name: unique('Statistik'), status: 'blocked', type: 'creator' }));
          const after = await crmStats(tx);
          expect(after.totalCustomers).toBe(before.totalCustomers + 1);
          expect(after.byStatus.blocked).toBe((before.byStatus.blocked ?? 0) + 1);
          expect(after.byType.creator).toBe((before.byType.creator ?? 0) + 1);
          expect(after.newPerMonth).toHaveLength(12);
          expect((after.newPerMonth.at(-1)?.count ?? 0) - (before.newPerMonth.at(-1)?.count ?? 0)).toBe(1);
          throw new Error('roll back');
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ },
      ),
    ).rejects.toThrow('roll back');
  });
});

describe('customer overview: projects, invoices, open balance and revenue', () => {
  const line = (unitPrice: string, taxRate: 19 | 7) => [{ description: 'Leistung', quantity: '1', unit: 'Std.', unitPrice, taxRate }];

  it('adds up exactly: a partly paid, a paid, a cancelled, last year’s and a draft invoice', async () => {
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin);
    const today = berlinToday();
    // A: 1,000.10 net + 19 % = 1,190.12 gross, 190.02 paid: 1,000.10 open.
    const a = await finalizedInvoice(admin, customer.id, { lines: line('1000.10', 19) });
    await admin.invoices.payments.add.mutate({ invoiceId: a.id, amount: '190.02', paymentDate: today });
    // B: 500.00 net, 595.00 gross, paid in full: revenue, nothing open.
    const b = await finalizedInvoice(admin, customer.id, { lines: line('500.00', 19) });
    await admin.invoices.payments.add.mutate({ invoiceId: b.id, amount: '595.00', paymentDate: today });
    // C: 300.00 net, cancelled: neither revenue nor open (its cancellation invoice is listed).
    const c = await finalizedInvoice(admin, customer.id, { lines: line('300.00', 19) });
    await admin.invoices.cancel.mutate({ id: c.id, reason: 'Falsch' });
    // D: 200.00 net + 7 % = 214.00 gross, unpaid, issued last year: open, and revenue only in the total.
    const d = await finalizedInvoice(admin, customer.id, { lines: line('200.00', 7) });
    const lastYear = `${Number(today.slice(0, 4)) - 1}-06-30`;
    await app.orm.em.fork().transactional(async (tx) => {
      // Finalized invoices are immutable (a trigger); this test alone moves one into last year.
      await tx.execute(`set local session_replication_role = replica`);
      await tx.execute(`update invoices set issue_date = ?::date, due_date = ?::date + 14 where id = ?`, [lastYear, lastYear, d.id]);
    });
    // E: a draft counts nowhere; a quote is not an invoice at all.
    await admin.invoices.create.mutate({ type: 'invoice', customerId: customer.id, projectId: null, serviceDate: today, reverseCharge: false, lines: line('50.00', 19) as never });
    await admin.invoices.create.mutate({ type: 'quote', customerId: customer.id, projectId: null, serviceDate: today, reverseCharge: false, lines: line('999.00', 19) as never });
    const active = await admin.projects.create.mutate({ title: unique('Laufend'), customerId: customer.id, status: 'active' });
    const done = await admin.projects.create.mutate({ title: unique('Fertig'), customerId: customer.id, status: 'completed' });
    const planned = await admin.projects.create.mutate({ title: unique('Geplant'), customerId: customer.id, status: 'planning' });

    const overview = await admin.crm.customers.overview.query({ id: customer.id });
    expect(overview.finance).toMatchObject({ openBalance: '1214.10', revenueThisYear: '1500.10', revenueTotal: '1700.10', invoiceCount: 6 });
    const byId = new Map(overview.finance?.invoices.map((i) => [i.id, i]));
    expect(byId.get(a.id)).toMatchObject({ number: a.number, grossTotal: '1190.12', netTotal: '1000.10', status: 'partially_paid', openAmount: '1000.10', issueDate: today });
    expect(byId.get(b.id)).toMatchObject({ status: 'paid', openAmount: '0.00' });
    expect(byId.get(c.id)).toMatchObject({ status: 'cancelled', openAmount: '0.00' });
    expect(byId.get(d.id)).toMatchObject({ grossTotal: '214.00', openAmount: '214.00', issueDate: lastYear });
    expect(overview.finance?.invoices.filter((i) => i.type === 'cancellation')).toHaveLength(1);
    expect(overview.finance?.invoices.filter((i) => i.status === 'draft')).toHaveLength(1);
    // Active first, then planning, then completed.
    expect(overview.projects?.map((p) => p.id)).toEqual([active.id, planned.id, done.id]);
  });

  it('shows money and invoices only to those who may read invoices, projects only to those who may read projects', async () => {
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin);
    await finalizedInvoice(admin, customer.id, { lines: line('100.00', 19) });
    const project = await admin.projects.create.mutate({ title: unique('Sichtbar'), customerId: customer.id, status: 'active' });

    const asEmployee = await employee.crm.customers.overview.query({ id: customer.id });
    expect(asEmployee.finance).toBeNull();
    expect(asEmployee.projects?.map((p) => p.id)).toEqual([project.id]);
    const accountant = (await userWithRole(app, 'Accountant')).client;
    expect((await accountant.crm.customers.overview.query({ id: customer.id })).finance).toMatchObject({ openBalance: '119.00', invoiceCount: 1 });

    // A role with CRM only: the customer, but neither projects nor money.
    const crmOnly = await admin.core.roles.create.mutate({ name: unique('Nur CRM'), permissions: ['crm.read'] });
    const viewer = await userWithRole(app, null);
    await admin.core.employees.update.mutate({ id: viewer.employee.id, roleId: crmOnly.id });
    expect(await viewer.client.crm.customers.overview.query({ id: customer.id })).toEqual({ projects: null, finance: null });

    const noCrm = await userWithRole(app, null);
    expect(await codeOf(noCrm.client.crm.customers.overview.query({ id: customer.id }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.crm.customers.overview.query({ id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect((await errorOf(admin.crm.customers.overview.query({ id: 'nope' }))).fieldErrors?.id).toBeDefined();
  });
});
