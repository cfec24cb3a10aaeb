import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Role } from '@workmate/db/entities/role';
import { runDueReports } from '@workmate/db/saved-reports/run';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { createWorkmateClient } from '@workmate/api/client';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** Saved reports (issue 18): definition, run now as CSV or XLSX, scheduled runs once per due moment. */
let app: TestApp;
let admin: Client;
let adminId: string;
let customerId: string;
let invoice: { id: string; number: string | null; grossTotal: string };
beforeAll(async () => {
  app = await startTestApp();
  const a = await userWithRole(app, 'Admin');
  admin = a.client;
  adminId = a.employee.id;
  await prepareInvoicing(admin);
  customerId = (await invoiceCustomer(admin, { name: unique('Berichtskunde') })).id;
  invoice = await finalizedInvoice(admin, customerId);
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

/** A person whose role holds exactly these permissions. */
async function userWith(permissions: string[]): Promise<Client> {
  const em = app.orm.em.fork();
  const role = em.create(Role, { name: unique('Rolle'), permissions, isSystem: false });
  await em.flush();
  const employee = await seedEmployee(em, { role, email: `${unique('reports').replace(' ', '-')}@example.test`, password: 'correct horse battery' });
  const { token } = await createApiToken(em, employee.id, { name: 'test' });
  return createWorkmateClient({ url: app.url, token });
}

describe('saved reports', () => {
  it('runs an invoice report now as CSV and XLSX, with exact amounts, and keeps each run', async () => {
    const report = await admin.platform.savedReports.create.mutate({ name: unique('Offene Posten'), source: 'invoices', columns: ['number', 'customer', 'gross', 'status'], filters: { period: 'all', customerId } });
    expect(report).toMatchObject({ source: 'invoices', schedule: 'none', nextRunAt: null, version: 1 });

    const csv = await admin.platform.savedReports.run.mutate({ id: report.id });
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.fileName).toMatch(/^Offene-Posten-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Nummer;Kunde;Brutto;Status');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`${invoice.number};${(await admin.crm.customers.get.query({ id: customerId })).name};${invoice.grossTotal.replace('.', ',')};finalized`);

    const xlsx = await admin.platform.savedReports.run.mutate({ id: report.id, format: 'xlsx' });
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzipSync(Buffer.from(xlsx.base64, 'base64'));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    const shared = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : '';
    expect(`${sheet}${shared}`).toContain(invoice.number as string);
    expect(sheet).toContain(`<v>${Number(invoice.grossTotal)}</v>`);

    const runs = await admin.platform.savedReports.runs.query({ id: report.id });
    expect(runs.map((r) => [r.trigger, r.status, r.format, r.rowCount])).toEqual([
      ['manual', 'done', 'xlsx', 1],
      ['manual', 'done', 'csv', 1],
    ]);
    const again = await admin.platform.savedReports.downloadRun.query({ id: runs[1]!.id });
    expect(again.base64).toBe(csv.base64);
  });

  it('time entries and expenses, filtered by billable; columns must belong to the source', async () => {
    const report = await admin.platform.savedReports.create.mutate({ name: unique('Ausgaben'), source: 'expenses', columns: ['date', 'title', 'gross', 'reimbursed'], filters: { period: 'thisYear', billable: true }, format: 'xlsx' });
    const run = await admin.platform.savedReports.run.mutate({ id: report.id });
    expect(run.fileName).toMatch(/\.xlsx$/);
    const time = await admin.platform.savedReports.create.mutate({ name: unique('Zeiten'), source: 'timeEntries', columns: ['date', 'employee', 'minutes', 'amount'], filters: { period: 'lastMonth' } });
    expect((await admin.platform.savedReports.run.mutate({ id: time.id })).rowCount).toBeGreaterThanOrEqual(0);

    const wrongColumn = await errorOf(admin.platform.savedReports.create.mutate({ name: 'x', source: 'expenses', columns: ['date', 'customer'], filters: { period: 'all' } }));
    expect(wrongColumn.code).toBe('BAD_REQUEST');
    expect(wrongColumn.fieldErrors).toEqual({ 'columns.1': ['is not a column of this source'] });
    const twice = await errorOf(admin.platform.savedReports.create.mutate({ name: 'x', source: 'expenses', columns: ['date', 'date'] }));
    expect(twice.fieldErrors).toEqual({ 'columns.1': ['is listed twice'] });
    const statuses = await errorOf(admin.platform.savedReports.create.mutate({ name: 'x', source: 'timeEntries', columns: ['date'], filters: { period: 'all', statuses: ['paid'] } }));
    expect(statuses.fieldErrors).toEqual({ 'filters.statuses': ['applies to invoices only'] });
    const none = await errorOf(admin.platform.savedReports.create.mutate({ name: 'x', source: 'invoices', columns: [] }));
    expect(none.fieldIssues).toEqual({ columns: [{ code: 'field.selectColumn', params: {} }] });
    const custom = await errorOf(admin.platform.savedReports.create.mutate({ name: 'x', source: 'invoices', columns: ['number'], filters: { period: 'custom' } }));
    expect(custom.fieldErrors).toEqual({ 'filters.from': ['is required'] });
  });

  it('is admin-only by default, and a report also needs the permission to read its source', async () => {
    const manager = (await userWithRole(app, 'Manager')).client;
    expect(await codeOf(manager.platform.savedReports.list.query())).toBe('FORBIDDEN');
    const reportsOnly = await userWith(['savedReports.manage']);
    const refused = await errorOf(reportsOnly.platform.savedReports.create.mutate({ name: 'x', source: 'invoices', columns: ['number'] }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', appCode: 'savedReport.sourcePermission', params: { source: 'invoices', permission: 'invoices.read' } });
    const report = await admin.platform.savedReports.create.mutate({ name: unique('Admin'), source: 'invoices', columns: ['number'] });
    expect(await codeOf(reportsOnly.platform.savedReports.run.mutate({ id: report.id }))).toBe('FORBIDDEN');
    const withInvoices = await userWith(['savedReports.manage', 'invoices.read']);
    expect(await codeOf(withInvoices.platform.savedReports.run.mutate({ id: report.id }))).toBe('OK');
  });

  it('changes and deletions are audited; a stale version is refused', async () => {
    const report = await admin.platform.savedReports.create.mutate({ name: unique('Audit'), source: 'invoices', columns: ['number'] });
    const updated = await admin.platform.savedReports.update.mutate({ ...report, version: report.version, columns: ['number', 'gross'], schedule: 'weekly' });
    expect(updated.version).toBe(2);
    expect(updated.nextRunAt).not.toBeNull();
    expect((await errorOf(admin.platform.savedReports.update.mutate({ ...report, version: 1 }))).code).toBe('CONFLICT');
    await admin.platform.savedReports.delete.mutate({ id: report.id });
    expect(await codeOf(admin.platform.savedReports.get.query({ id: report.id }))).toBe('NOT_FOUND');
    const audit = await sql<Array<{ action: string; changes: Record<string, unknown>; actor_id: string }>>(`select action, changes, actor_id from audit_log where entity = 'saved_report' and entity_id = ? order by id`, [report.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit.every((a) => a.actor_id === adminId)).toBe(true);
    expect(Object.keys(audit[1]!.changes).sort()).toEqual(['columns', 'schedule']);
  });

  it('a scheduled report runs once per due moment, however often the job runs, and tells its owner', async () => {
    const report = await admin.platform.savedReports.create.mutate({ name: unique('Täglich'), source: 'invoices', columns: ['number', 'gross'], filters: { period: 'all', customerId }, schedule: 'daily' });
    const due = new Date('2026-01-05T05:00:00Z');
    await sql(`update saved_reports set next_run_at = ? where id = ?`, [due, report.id]);
    const gone = await admin.platform.savedReports.create.mutate({ name: unique('Gelöscht'), source: 'invoices', columns: ['number'], schedule: 'daily' });
    await sql(`update saved_reports set next_run_at = ? where id = ?`, [due, gone.id]);
    await admin.platform.savedReports.delete.mutate({ id: gone.id });

    const now = new Date('2026-01-05T05:10:00Z');
    // Two deliveries of the job at once, then a third later.
    await Promise.all([runDueReports(app.orm.em.fork(), app.storage, now), runDueReports(app.orm.em.fork(), app.storage, now)]);
    await runDueReports(app.orm.em.fork(), app.storage, new Date('2026-01-05T05:20:00Z'));
    const runs = await admin.platform.savedReports.runs.query({ id: report.id });
    expect(runs.map((r) => [r.trigger, r.status, r.rowCount])).toEqual([['schedule', 'done', 1]]);
    expect(await sql(`select 1 from saved_report_runs where report_id = ?`, [gone.id])).toEqual([]);
    const after = await admin.platform.savedReports.get.query({ id: report.id });
    expect(after.nextRunAt).toBe('2026-01-06T05:00:00.000Z');
    expect(after.lastRunAt).not.toBeNull();
    const notes = await sql<Array<{ title: string }>>(`select title from notifications where employee_id = ? and kind = 'saved_report_ready'`, [adminId]);
    expect(notes.filter((n) => n.title.includes(report.name))).toHaveLength(1);
    const file = await admin.platform.savedReports.downloadRun.query({ id: runs[0]!.id });
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain(invoice.number as string);

    // The owner lost the permission: the next due run is recorded as failed, with the reason.
    await sql(`update saved_reports set next_run_at = ?, owner_id = (select id from employees where role_id = (select id from roles where name = 'Manager') limit 1) where id = ?`, [new Date('2026-01-06T05:00:00Z'), report.id]);
    await runDueReports(app.orm.em.fork(), app.storage, new Date('2026-01-06T05:01:00Z'));
    const failed = await admin.platform.savedReports.runs.query({ id: report.id });
    expect(failed[0]).toMatchObject({ trigger: 'schedule', status: 'failed', error: expect.stringMatching(/savedReports\.manage/) });
  });
});
