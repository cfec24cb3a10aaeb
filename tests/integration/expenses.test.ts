import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** Expenses: input VAT, who sees and changes what, reimbursement, billing onto an invoice, KPIs and project margin. */
let app: TestApp;
let admin: Client;
let accountant: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

const base = { category: 'material' as const, title: 'Kabel', netAmount: '100.00', taxRate: 19 as const, expenseDate: '2026-03-10' };

describe('expenses', () => {
  it('computes input VAT and gross exactly, and ignores amounts a client sends', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const e = await client.finance.expenses.create.mutate({ ...base, netAmount: '10.50', taxAmount: '999', grossAmount: '1' } as never);
    // 10.50 × 19 % = 1.995 → 2.00
    expect(e).toMatchObject({ netAmount: '10.50', taxRate: 19, taxAmount: '2.00', grossAmount: '12.50', reimbursed: false, billed: false });
    const changed = await client.finance.expenses.update.mutate({ id: e.id, taxRate: 7, netAmount: '33.33' });
    expect(changed).toMatchObject({ taxAmount: '2.33', grossAmount: '35.66' });
  });

  it('an employee sees and changes only their own; finance.read sees all; finance.manage reimburses', async () => {
    const anna = await userWithRole(app, 'Employee');
    const ben = await userWithRole(app, 'Employee');
    const mine = await anna.client.finance.expenses.create.mutate({ ...base, title: unique('Annas Auslage') });
    expect(await codeOf(ben.client.finance.expenses.get.query({ id: mine.id }))).toBe('NOT_FOUND');
    expect((await ben.client.finance.expenses.list.query({ title: mine.title })).total).toBe(0);
    expect(await codeOf(ben.client.finance.expenses.update.mutate({ id: mine.id, title: 'fremd' }))).toBe('NOT_FOUND');
    expect(await codeOf(ben.client.finance.expenses.create.mutate({ ...base, employeeId: anna.employee.id }))).toBe('FORBIDDEN');
    expect((await accountant.finance.expenses.list.query({ title: mine.title })).items.map((i) => i.id)).toEqual([mine.id]);
    expect(await codeOf(anna.client.finance.expenses.reimburse.mutate({ id: mine.id }))).toBe('FORBIDDEN');
    const paid = await accountant.finance.expenses.reimburse.mutate({ id: mine.id, reimbursedOn: '2026-03-31' });
    expect(paid.reimbursed).toBe(true);
    expect(await codeOf(accountant.finance.expenses.reimburse.mutate({ id: mine.id }))).toBe('CONFLICT');
    // Reimbursed: the employee can no longer change it.
    expect(await codeOf(anna.client.finance.expenses.update.mutate({ id: mine.id, title: 'später' }))).toBe('CONFLICT');
    const { client: auditor } = await userWithRole(app, 'Auditor');
    expect(await codeOf(auditor.finance.expenses.create.mutate(base))).toBe('FORBIDDEN');
    expect(await codeOf(auditor.finance.expenses.list.query({}))).toBe('OK');
  });

  it('filters by title, category, project, invoice and date range, with sums', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Ausgabenprojekt'), customerId: customer.id });
    await client.finance.expenses.create.mutate({ ...base, title: 'Bahnfahrt Köln', category: 'travel', netAmount: '80.00', taxRate: 7, projectId: project.id, expenseDate: '2026-04-02' });
    await client.finance.expenses.create.mutate({ ...base, title: 'Lizenz', category: 'software', netAmount: '20.00', expenseDate: '2026-04-20' });
    await client.finance.expenses.create.mutate({ ...base, title: 'Bahnfahrt Bonn', category: 'travel', netAmount: '40.00', taxRate: 7, expenseDate: '2026-05-02' });
    const mine = { employeeId: employee.id };
    expect((await accountant.finance.expenses.list.query({ ...mine, title: 'bahn' })).total).toBe(2);
    expect((await accountant.finance.expenses.list.query({ ...mine, category: 'software' })).items.map((i) => i.title)).toEqual(['Lizenz']);
    expect((await accountant.finance.expenses.list.query({ ...mine, projectId: project.id })).items.map((i) => i.title)).toEqual(['Bahnfahrt Köln']);
    const april = await accountant.finance.expenses.list.query({ ...mine, from: '2026-04-01', to: '2026-04-30' });
    expect(april.sums).toEqual({ netAmount: '100.00', taxAmount: '9.40', grossAmount: '109.40' });
  });

  it('KPIs: total, per category, monthly trend and per project, against hand-computed figures', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const customer = await invoiceCustomer(admin);
    const p1 = await admin.projects.create.mutate({ title: unique('KPI Eins'), customerId: customer.id });
    const p2 = await admin.projects.create.mutate({ title: unique('KPI Zwei'), customerId: customer.id });
    const add = (category: 'travel' | 'material' | 'software', net: string, rate: 19 | 7 | 0, date: string, projectId: string | null) =>
      client.finance.expenses.create.mutate({ ...base, category, netAmount: net, taxRate: rate, expenseDate: date, projectId });
    await add('travel', '120.00', 7, '2025-01-15', p1.id); // tax 8.40
    await add('travel', '30.00', 7, '2025-01-20', p2.id); // tax 2.10
    await add('material', '200.00', 19, '2025-03-03', p1.id); // tax 38.00
    await add('software', '49.99', 19, '2025-03-31', null); // tax 9.50 (9.4981)
    await add('material', '10.00', 0, '2024-12-31', p2.id); // other year
    const k = await accountant.finance.expenses.kpis.query({ employeeId: employee.id, year: 2025 });
    expect(k.total).toEqual({ count: 5, netAmount: '409.99', taxAmount: '58.00', grossAmount: '467.99', reimbursable: '467.99' });
    expect(k.byCategory).toEqual([
      { category: 'material', count: 2, netAmount: '210.00' },
      { category: 'travel', count: 2, netAmount: '150.00' },
      { category: 'software', count: 1, netAmount: '49.99' },
    ]);
    expect(k.monthly.map((m) => m.netAmount)).toEqual(['150.00', '0.00', '249.99', ...Array(9).fill('0.00')]);
    expect(k.byProject.map((p) => [p.projectId, p.netAmount])).toEqual([
      [p1.id, '320.00'],
      [null, '49.99'],
      [p2.id, '40.00'],
    ]);
    // The same figures for the year only, through the date filter.
    expect((await accountant.finance.expenses.kpis.query({ employeeId: employee.id, from: '2025-01-01', to: '2025-12-31' })).total.netAmount).toBe('399.99');
  });

  it('billable expenses are billed with the time, once, locked while billed, and count in the project margin', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Margenprojekt'), customerId: customer.id, hourlyRate: '100' });
    await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-06-03T08:00:00Z', endTime: '2026-06-03T10:00:00Z' });
    const hotel = await client.finance.expenses.create.mutate({ ...base, category: 'travel', title: 'Hotel Köln', netAmount: '150.00', taxRate: 7, expenseDate: '2026-06-03', projectId: project.id, billable: true });
    await client.finance.expenses.create.mutate({ ...base, title: 'Werkzeug (nicht abrechenbar)', netAmount: '50.00', expenseDate: '2026-06-04', projectId: project.id });
    const draft = await accountant.invoices.createFromTimeEntries.mutate({ projectId: project.id, from: '2026-06-01', to: '2026-06-30', groupBy: 'total', includeExpenses: true });
    expect(draft.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.taxRate])).toEqual([
      [expect.stringContaining('Leistungen'), '2', '100.00', 19],
      ['Hotel Köln', '1', '150.00', 7],
    ]);
    expect((await client.finance.expenses.get.query({ id: hotel.id })).billed).toBe(true);
    expect(await codeOf(client.finance.expenses.update.mutate({ id: hotel.id, netAmount: '10.00' }))).toBe('CONFLICT');
    // Billed once: nothing is left to bill in that range.
    expect(await codeOf(accountant.invoices.createFromTimeEntries.mutate({ projectId: project.id, from: '2026-06-01', to: '2026-06-30', includeExpenses: true }))).toBe('CONFLICT');
    // Margin: revenue from paid invoices less the project's expenses.
    const inv = await accountant.invoices.finalize.mutate({ id: draft.id });
    await accountant.invoices.setStatus.mutate({ id: inv.id, status: 'paid' });
    const stats = await accountant.projects.statistics.query({ id: project.id });
    expect(stats).toMatchObject({ revenue: '350.00', expenses: '200.00', margin: '150.00' });
    // The Manager reads invoices and expenses too; an Employee gets the hours but no money (as on the dashboard).
    const manager = await userWithRole(app, 'Manager');
    expect(await manager.client.projects.statistics.query({ id: project.id })).toMatchObject({ totalMinutes: 120, revenue: '350.00', expenses: '200.00', margin: '150.00' });
    expect(await client.projects.statistics.query({ id: project.id })).toMatchObject({ totalMinutes: 120, totalHours: '2.00', revenue: null, expenses: null, margin: null });
  });

  it('deleting the draft releases billed expenses', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Freigabe'), customerId: customer.id });
    const taxi = await client.finance.expenses.create.mutate({ ...base, category: 'travel', title: 'Taxi', expenseDate: '2026-07-01', projectId: project.id, billable: true });
    const draft = await accountant.invoices.createFromTimeEntries.mutate({ projectId: project.id, from: '2026-07-01', to: '2026-07-31', includeExpenses: true });
    expect(draft.lines).toHaveLength(1);
    await accountant.invoices.delete.mutate({ id: draft.id });
    const after = await client.finance.expenses.get.query({ id: taxi.id });
    expect(after).toMatchObject({ billed: false, invoice: null });
  });
});
