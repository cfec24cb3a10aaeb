import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Role } from '@workmate/db/entities/role';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { runRecurringInvoices } from '@workmate/db/recurring/run';
import { updateRecurring } from '@workmate/db/recurring/templates';
import { runAs } from '@workmate/db/shared/actor';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { refusesBadInput } from '../helpers/bad-input.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** invoices.recurring.*: input rules, permissions, the audit trail, and pausing, resuming and changing a schedule. */
let app: TestApp;
let admin: Client;
let adminId: string;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  const user = await userWithRole(app, 'Admin');
  admin = user.client;
  adminId = user.employee.id;
  await prepareInvoicing(admin);
  customerId = (await invoiceCustomer(admin)).id;
});
afterAll(async () => app?.close());

const LINE = { description: 'Hosting', quantity: '1', unit: 'Monat', unitPrice: '29.90', taxRate: 19 as const };
const valid = () => ({ name: unique('Hosting'), customerId, interval: 'monthly' as const, startDate: '2090-01-15', lines: [LINE] });
const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

/** A person whose role grants exactly the given permissions. */
async function clientWith(permissions: string[]): Promise<Client> {
  const role = await admin.core.roles.create.mutate({ name: unique('Rolle'), permissions });
  const em = app.orm.em.fork();
  const employee = await seedEmployee(em, { role: await em.findOneOrFail(Role, { id: role.id }), email: `${unique('r').replace(/\W/g, '')}@example.test` });
  const { token } = await createApiToken(em, employee.id, { name: 'test' });
  return createWorkmateClient({ url: app.url, token });
}

describe('bad input', () => {
  // This file's customer only: other files create templates at the same time.
  const count = async () => (await admin.invoices.recurring.list.query({ customerId, pageSize: 200 })).total;
  refusesBadInput(
    [
      ['an unknown interval', () => admin.invoices.recurring.create.mutate({ ...valid(), interval: 'weekly' as never }), 'interval'],
      ['an end date before the start', () => admin.invoices.recurring.create.mutate({ ...valid(), endDate: '2090-01-14' }), 'endDate'],
      ['no lines', () => admin.invoices.recurring.create.mutate({ ...valid(), lines: [] }), 'lines'],
      ['a customer that does not exist', () => admin.invoices.recurring.create.mutate({ ...valid(), customerId: '00000000-0000-4000-8000-000000000000' }), 'customerId'],
      ['a missing customer', () => admin.invoices.recurring.create.mutate({ ...valid(), customerId: undefined as never }), 'customerId'],
      ['a unit price with five decimals', () => admin.invoices.recurring.create.mutate({ ...valid(), lines: [{ ...LINE, unitPrice: '1.23456' }] }), 'lines.0.unitPrice'],
      ['a start that is no date', () => admin.invoices.recurring.create.mutate({ ...valid(), startDate: '2090-02-30' }), 'startDate'],
      ['auto-send without auto-finalize', () => admin.invoices.recurring.create.mutate({ ...valid(), autoSend: true }), 'autoSend'],
    ],
    count,
  );

  it('an update is held to the same rules against the stored values', async () => {
    const t = await admin.invoices.recurring.create.mutate(valid());
    const early = await errorOf(admin.invoices.recurring.update.mutate({ id: t.id, endDate: '2089-12-31' }));
    expect([early.httpStatus, Object.keys(early.fieldErrors ?? {})]).toEqual([400, ['endDate']]);
    const send = await errorOf(admin.invoices.recurring.update.mutate({ id: t.id, autoSend: true }));
    expect([send.httpStatus, send.appCode]).toEqual([400, 'field.sendNeedsFinalize']);
    const stale = await errorOf(admin.invoices.recurring.update.mutate({ id: t.id, version: t.version + 1, name: 'x' }));
    expect(stale.code).toBe('CONFLICT');
    expect((await admin.invoices.recurring.get.query({ id: t.id })).name).toBe(t.name);
  });
});

describe('permissions', () => {
  it('invoices.read lists and reads; managing needs invoices.write', async () => {
    const t = await admin.invoices.recurring.create.mutate(valid());
    const reader = await clientWith(['invoices.read']);
    expect((await reader.invoices.recurring.get.query({ id: t.id })).name).toBe(t.name);
    expect(await codeOf(reader.invoices.recurring.list.query({}))).toBe('OK');
    expect(await codeOf(reader.invoices.recurring.create.mutate(valid()))).toBe('FORBIDDEN');
    expect(await codeOf(reader.invoices.recurring.pause.mutate({ id: t.id }))).toBe('FORBIDDEN');
    expect(await codeOf(reader.invoices.recurring.delete.mutate({ id: t.id }))).toBe('FORBIDDEN');
    const outsider = await clientWith(['crm.read']);
    expect(await codeOf(outsider.invoices.recurring.list.query({}))).toBe('FORBIDDEN');
    expect(await codeOf(outsider.invoices.recurring.invoices.query({ id: t.id }))).toBe('FORBIDDEN');
    expect((await admin.invoices.recurring.get.query({ id: t.id })).active).toBe(true);
  });

  it('finalizing or sending by itself needs invoices.finalize as well', async () => {
    const writer = await clientWith(['invoices.read', 'invoices.write', 'crm.read']);
    const plain = await writer.invoices.recurring.create.mutate(valid());
    expect(plain.autoFinalize).toBe(false);
    const refused = await errorOf(writer.invoices.recurring.create.mutate({ ...valid(), autoFinalize: true }));
    expect([refused.code, refused.appCode]).toEqual(['FORBIDDEN', 'recurring.finalizeNeedsPermission']);
    expect(await codeOf(writer.invoices.recurring.update.mutate({ id: plain.id, autoFinalize: true }))).toBe('FORBIDDEN');
    const finalizer = await clientWith(['invoices.read', 'invoices.write', 'invoices.finalize']);
    expect((await finalizer.invoices.recurring.create.mutate({ ...valid(), autoFinalize: true, autoSend: true })).autoSend).toBe(true);
  });
});

describe('managing templates', () => {
  it('writes every change to the audit trail, by the person or by the worker', async () => {
    const t = await admin.invoices.recurring.create.mutate({ ...valid(), startDate: '2090-02-01' });
    await admin.invoices.recurring.update.mutate({ id: t.id, lines: [LINE, { ...LINE, description: 'Backup', unitPrice: '5.0000' }] });
    await admin.invoices.recurring.pause.mutate({ id: t.id });
    await admin.invoices.recurring.delete.mutate({ id: t.id });
    const trail = await admin.audit.list.query({ entity: 'recurringInvoice', entityId: t.id, pageSize: 50 });
    expect(trail.items.map((e) => e.action).reverse()).toEqual(['create', 'update', 'update', 'delete']);
    expect(trail.items.every((e) => e.actorId === adminId)).toBe(true);
    expect(trail.items.find((e) => e.action === 'update' && e.changes.active)?.changes.active).toEqual({ before: true, after: false });

    const billed = await admin.invoices.recurring.create.mutate({ ...valid(), startDate: '2090-02-01' });
    await runAs({ id: null, label: 'worker' }, () => runRecurringInvoices(app.orm.em.fork(), { today: '2090-02-01', smtpConfigured: false, templateIds: [billed.id] }));
    const [period] = (await admin.invoices.recurring.invoices.query({ id: billed.id })).items;
    const invoiceTrail = await admin.audit.list.query({ entity: 'invoice', entityId: period?.invoice?.id, pageSize: 50 });
    expect(invoiceTrail.items.map((e) => [e.action, e.actorId, e.actorLabel])).toContainEqual(['create', null, 'worker']);
    const templateTrail = await admin.audit.list.query({ entity: 'recurringInvoice', entityId: billed.id, pageSize: 50 });
    expect(templateTrail.items[0]?.changes.nextDate).toEqual({ before: '2090-02-01', after: '2090-03-01' });
  });

  it('a deleted template is gone from the list, and its invoices stay', async () => {
    const t = await admin.invoices.recurring.create.mutate({ ...valid(), startDate: '2090-03-01' });
    await runAs({ id: null, label: 'worker' }, () => runRecurringInvoices(app.orm.em.fork(), { today: '2090-03-01', smtpConfigured: false, templateIds: [t.id] }));
    const [period] = (await admin.invoices.recurring.invoices.query({ id: t.id })).items;
    await admin.invoices.recurring.delete.mutate({ id: t.id });
    expect((await admin.invoices.recurring.list.query({ search: t.name })).items).toEqual([]);
    expect(await codeOf(admin.invoices.recurring.get.query({ id: t.id }))).toBe('NOT_FOUND');
    expect((await admin.invoices.get.query({ id: period?.invoice?.id as string })).status).toBe('draft');
    expect((await admin.invoices.recurring.invoices.query({ id: t.id })).total).toBe(1);
  });

  it('resuming skips what started while paused; a changed schedule continues after the last billed period', async () => {
    const t = await admin.invoices.recurring.create.mutate({ ...valid(), startDate: '2090-01-01' });
    await runAs({ id: null, label: 'worker' }, () => runRecurringInvoices(app.orm.em.fork(), { today: '2090-02-10', smtpConfigured: false, templateIds: [t.id] }));
    expect((await admin.invoices.recurring.get.query({ id: t.id })).nextDate).toBe('2090-03-01');
    await admin.invoices.recurring.pause.mutate({ id: t.id });
    await runAs({ id: null, label: 'worker' }, () => runRecurringInvoices(app.orm.em.fork(), { today: '2090-04-10', smtpConfigured: false, templateIds: [t.id] }));
    expect((await admin.invoices.recurring.get.query({ id: t.id })).invoiceCount).toBe(2);
    // Resumed on 10 April: March and April started while it was paused.
    const actor = { id: adminId, permissions: ['*'] };
    const resumed = await runAs({ id: adminId, label: 'test' }, () => updateRecurring(app.orm.em.fork(), actor, { id: t.id, active: true }, '2090-04-10'));
    expect(resumed.nextDate).toBe('2090-05-01');
    // Saving the form again (every field sent, the schedule as it was) does not bring the skipped months back.
    const saved = await admin.invoices.recurring.update.mutate({ id: t.id, name: 'Umbenannt', startDate: resumed.startDate, endDate: null, interval: 'monthly', active: true });
    expect(saved.nextDate).toBe('2090-05-01');
    const quarterly = await admin.invoices.recurring.update.mutate({ id: t.id, interval: 'quarterly' });
    expect(quarterly.nextDate).toBe('2090-04-01');
    const names = await sql<Array<{ n: string }>>('select count(*) as n from recurring_invoice_periods where template_id = ?', [t.id]);
    expect(Number(names[0]?.n)).toBe(2);
  });
});
