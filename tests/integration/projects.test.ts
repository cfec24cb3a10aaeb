import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

let app: TestApp;
let admin: Client;
let manager: Client;
let employee: Client;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  manager = (await userWithRole(app, 'Manager')).client;
  employee = (await userWithRole(app, 'Employee')).client;
  customerId = (await admin.crm.customers.create.mutate({ name: unique('Projektkunde') })).id;
});
afterAll(async () => app?.close());

const count = async (sql: string, params: unknown[] = []) =>
  Number((await app.orm.em.fork().getConnection().execute<Array<{ n: string }>>(sql, params))[0]?.n);

describe('projects', () => {
  it('creates, reads, updates and lists a project with all its fields', async () => {
    const { employee: pm } = await userWithRole(app, 'Manager');
    const department = await admin.core.departments.create.mutate({ name: unique('Abteilung'), code: unique('P').replace(/\W/g, '').slice(0, 12) });
    const title = unique('Website-Relaunch');
    const created = await manager.projects.create.mutate({
      title, customerId, departmentId: department.id, projectManagerId: pm.id, status: 'active', priority: 'high',
      startDate: '2026-01-01', endDate: '2026-06-30', deadline: '2026-07-15', budget: '12000.50', hourlyRate: 95, billableByDefault: true,
      description: 'Neue Website', notes: 'intern',
    });
    expect(created.projectNumber).toMatch(/^PRJ-\d{4}-\d{3,}$/);
    expect(created).toMatchObject({
      title, status: 'active', priority: 'high', startDate: '2026-01-01', endDate: '2026-06-30', deadline: '2026-07-15',
      budget: '12000.50', hourlyRate: '95.00', customer: { id: customerId }, department: { id: department.id }, projectManager: { id: pm.id }, version: 1,
    });
    const updated = await manager.projects.update.mutate({ id: created.id, version: 1, status: 'on_hold', budget: null });
    expect(updated).toMatchObject({ status: 'on_hold', budget: null, version: 2 });
    // Fields left out stay as they are (no create defaults sneak in).
    const renamed = await manager.projects.update.mutate({ id: created.id, title: `${title} II` });
    expect(renamed).toMatchObject({ status: 'on_hold', priority: 'high', hourlyRate: '95.00', description: 'Neue Website' });
    await manager.projects.update.mutate({ id: created.id, title });
    expect(await employee.projects.get.query({ id: created.id })).toMatchObject({ title, status: 'on_hold' });
    const page = await employee.projects.list.query({ search: title.split(' ').at(-1) });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: created.id, totalMinutes: 0, billableAmount: '0.00' });
    const filtered = await employee.projects.list.query({ customerId, status: ['on_hold'] });
    expect(filtered.items.map((p) => p.id)).toContain(created.id);
  });

  it('gives unique project numbers under concurrent creation', async () => {
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => manager.projects.create.mutate({ title: unique(`Parallel ${i}`), customerId })));
    expect(new Set(results.map((p) => p.projectNumber)).size).toBe(15);
  });

  it('refuses end before start, a negative budget or rate, and an unknown customer — and stores nothing', async () => {
    // This customer's projects only: other test files create projects at the same time.
    const before = await count('select count(*) as n from projects where customer_id = ?', [customerId]);
    const endBeforeStart = await errorOf(manager.projects.create.mutate({ title: 'X', customerId, startDate: '2026-05-01', endDate: '2026-04-30' }));
    expect(endBeforeStart).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(endBeforeStart.fieldErrors?.endDate).toBeDefined();
    const negativeBudget = await errorOf(manager.projects.create.mutate({ title: 'X', customerId, budget: '-1' }));
    expect(negativeBudget.fieldErrors?.budget?.[0]).toMatch(/negative/);
    const negativeRate = await errorOf(manager.projects.create.mutate({ title: 'X', customerId, hourlyRate: -5 }));
    expect(negativeRate.fieldErrors?.hourlyRate).toBeDefined();
    const badAmount = await errorOf(manager.projects.create.mutate({ title: 'X', customerId, budget: '10.123' }));
    expect(badAmount.fieldErrors?.budget).toBeDefined();
    const unknownCustomer = await errorOf(manager.projects.create.mutate({ title: 'X', customerId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownCustomer).toMatchObject({ code: 'BAD_REQUEST' });
    expect(unknownCustomer.fieldErrors?.customerId).toBeDefined();
    const wrongTypes = await errorOf(manager.projects.create.mutate({ title: 42, customerId, status: 'done', priority: 'asap' } as never));
    expect(Object.keys(wrongTypes.fieldErrors ?? {})).toEqual(expect.arrayContaining(['title', 'status', 'priority']));
    const tooLong = await errorOf(manager.projects.create.mutate({ title: 'x'.repeat(201), customerId }));
    expect(tooLong.fieldErrors?.title).toBeDefined();
    expect(await count('select count(*) as n from projects where customer_id = ?', [customerId])).toBe(before);

    // An update is checked against the stored dates too.
    const p = await manager.projects.create.mutate({ title: unique('Datum'), customerId, startDate: '2026-03-01' });
    const badUpdate = await errorOf(manager.projects.update.mutate({ id: p.id, endDate: '2026-02-01' }));
    expect(badUpdate).toMatchObject({ code: 'BAD_REQUEST' });
    expect(badUpdate.fieldErrors?.endDate).toBeDefined();
    expect((await manager.projects.get.query({ id: p.id })).endDate).toBeNull();
  });

  it('soft-deletes and restores; deleted projects are hidden except to restorers', async () => {
    const p = await manager.projects.create.mutate({ title: unique('Löschbar'), customerId });
    await manager.projects.delete.mutate({ id: p.id });
    expect(await codeOf(employee.projects.get.query({ id: p.id }))).toBe('NOT_FOUND');
    expect((await employee.projects.list.query({ search: p.title })).total).toBe(0);
    expect(await codeOf(manager.projects.list.query({ deleted: true }))).toBe('FORBIDDEN');
    expect(await codeOf(manager.projects.restore.mutate({ id: p.id }))).toBe('FORBIDDEN');
    expect((await admin.projects.list.query({ deleted: true, search: p.title })).total).toBe(1);
    const restored = await admin.projects.restore.mutate({ id: p.id });
    expect(restored.deletedAt).toBeNull();
    expect((await employee.projects.list.query({ search: p.title })).total).toBe(1);
    const audit = await admin.audit.list.query({ entity: 'project', entityId: p.id });
    expect(audit.items.map((a) => a.action).sort()).toEqual(['create', 'delete', 'restore']);
  });

  it('computes overdue, days until deadline and completion in SQL', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const shift = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const late = await manager.projects.create.mutate({ title: unique('Verspätet'), customerId, status: 'active', startDate: shift(-20), endDate: shift(20), deadline: shift(-3) });
    const s = await employee.projects.statistics.query({ id: late.id });
    expect(s).toMatchObject({ overdue: true, daysUntilDeadline: -3, completionPercentage: 50, totalMinutes: 0, budgetUtilisation: null });
    const done = await manager.projects.create.mutate({ title: unique('Fertig'), customerId, status: 'completed', startDate: shift(-20), deadline: shift(-3) });
    expect(await employee.projects.statistics.query({ id: done.id })).toMatchObject({ overdue: false, completionPercentage: 100 });
    const overdueList = await employee.projects.list.query({ overdue: true, customerId });
    expect(overdueList.items.map((p) => p.id)).toContain(late.id);
    expect(overdueList.items.map((p) => p.id)).not.toContain(done.id);
  });

  it('refuses project changes to roles without the permission', async () => {
    const p = await manager.projects.create.mutate({ title: unique('Rechte'), customerId });
    expect(await codeOf(employee.projects.create.mutate({ title: 'Nein', customerId }))).toBe('FORBIDDEN');
    expect(await codeOf(employee.projects.update.mutate({ id: p.id, title: 'Nein' }))).toBe('FORBIDDEN');
    expect(await codeOf(employee.projects.delete.mutate({ id: p.id }))).toBe('FORBIDDEN');
    expect((await employee.projects.get.query({ id: p.id })).title).toBe(p.title);
  });
});
