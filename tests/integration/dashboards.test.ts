import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { runAs } from '@workmate/db/shared/actor';
import { updateSettings } from '@workmate/db/core/settings';
import { dashboardKpis } from '@workmate/db/dashboards/kpis';
import { Role } from '@workmate/db/entities/role';
import { createExpense } from '@workmate/db/finance/expenses';
import { createInvoice } from '@workmate/db/invoices/drafts';
import { finalizeInvoice } from '@workmate/db/invoices/finalize';
import { addPayment } from '@workmate/db/invoices/payments';
import { createProject } from '@workmate/db/projects/projects';
import { seedCustomer, seedEmployee } from '@workmate/db/seeds/builders';
import { createEntry } from '@workmate/db/time-tracking/entries';
import { ExpenseCreateInput } from '@workmate/domain/schemas/expenses';
import { InvoiceCreateInput } from '@workmate/domain/schemas/invoices';
import { ProjectCreateInput } from '@workmate/domain/schemas/projects';
import { EntryCreateInput } from '@workmate/domain/schemas/time-tracking';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { SELLER } from '../helpers/invoices.ts';
import { codeOf, userWithRole } from '../helpers/users.ts';

/** Dashboards: one's own, a default per role, validated widget JSON, and the KPIs against a fixed fixture. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('dashboards', () => {
  it('the first visit creates a default dashboard that fits the role', async () => {
    const { client: employee } = await userWithRole(app, 'Employee');
    const { client: accountant } = await userWithRole(app, 'Accountant');
    const mine = await employee.dashboards.list.query();
    expect(mine).toHaveLength(1);
    expect(mine[0]?.isDefault).toBe(true);
    expect(mine[0]?.config.widgets.map((w) => w.type)).toEqual(['running_timer', 'upcoming_reminders', 'project_budgets']);
    const theirs = await accountant.dashboards.list.query();
    expect(theirs[0]?.config.widgets.map((w) => w.type)).toEqual(['upcoming_reminders', 'kpi_cards', 'revenue_chart', 'overdue_invoices', 'project_budgets', 'expenses_by_category']);
    // A second visit does not add another.
    expect(await employee.dashboards.list.query()).toHaveLength(1);
  });

  it('saves widget changes with the version, keeps one default, and is private', async () => {
    const { client } = await userWithRole(app, 'Manager');
    const { client: other } = await userWithRole(app, 'Manager');
    const [home] = await client.dashboards.list.query();
    if (!home) throw new Error('no default dashboard');
    const widgets = [...home.config.widgets.slice(1), { id: 'extra', type: 'expenses_by_category' as const, position: { x: 0, y: 9, w: 6, h: 3 } }];
    const saved = await client.dashboards.update.mutate({ id: home.id, version: home.version, config: { widgets } });
    expect(saved.config.widgets.map((w) => w.id)).toEqual(widgets.map((w) => w.id));
    expect(await codeOf(client.dashboards.update.mutate({ id: home.id, version: home.version, name: 'Alt' }))).toBe('CONFLICT');
    const second = await client.dashboards.create.mutate({ name: 'Finanzen', config: { widgets: [] }, isDefault: true });
    const all = await client.dashboards.list.query();
    expect(all.filter((d) => d.isDefault).map((d) => d.id)).toEqual([second.id]);
    expect(await codeOf(other.dashboards.get.query({ id: second.id }))).toBe('NOT_FOUND');
    expect(await codeOf(other.dashboards.delete.mutate({ id: second.id }))).toBe('NOT_FOUND');
    await client.dashboards.delete.mutate({ id: second.id });
    expect((await client.dashboards.list.query()).filter((d) => d.isDefault).map((d) => d.id)).toEqual([home.id]);
  });

  it('refuses widget JSON that does not validate, naming the field, and changes nothing', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const [home] = await client.dashboards.list.query();
    if (!home) throw new Error('no default dashboard');
    const bad = [
      [{ id: 'a', type: 'weather', position: { x: 0, y: 0, w: 6, h: 2 } }, 'config.widgets.0.type'],
      [{ id: 'a', type: 'kpi_cards', position: { x: 8, y: 0, w: 6, h: 2 } }, 'config.widgets.0.position.w'],
      [{ id: 'a', type: 'kpi_cards', position: { x: 0, y: 0, w: 0, h: 2 } }, 'config.widgets.0.position.w'],
      [{ id: 'a', type: 'kpi_cards', position: { x: 0, y: 0, w: 6, h: 2 }, options: { html: { nested: true } } }, 'config.widgets.0.options.html'],
    ] as const;
    for (const [widget, field] of bad) {
      const error = await client.dashboards.update.mutate({ id: home.id, config: { widgets: [widget as never] } }).then(
        () => null,
        (e: { data?: { code?: string; fieldErrors?: Record<string, string[]> } }) => e.data,
      );
      expect(error?.code).toBe('BAD_REQUEST');
      expect(Object.keys(error?.fieldErrors ?? {})).toContain(field);
    }
    const twice = { id: 'same', type: 'kpi_cards' as const, position: { x: 0, y: 0, w: 6, h: 2 } };
    expect(await codeOf(client.dashboards.update.mutate({ id: home.id, config: { widgets: [twice, twice] } }))).toBe('BAD_REQUEST');
    expect((await client.dashboards.get.query({ id: home.id })).version).toBe(home.version);
  });
});

describe('dashboards.kpis against hand-computed figures', () => {
  let db: { orm: MikroORM; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await freshDatabase('workmate_kpis');
  });
  afterAll(async () => db?.drop());

  it('revenue, outstanding and overdue, hours this week, billable ratio, expenses by category, most and least profitable projects', async () => {
    const em = db.orm.em.fork();
    const role = await em.findOneOrFail(Role, { name: 'Admin' });
    const boss = await seedEmployee(em, { role });
    const actor = { id: boss.id, permissions: ['*'] };
    await runAs({ id: boss.id, label: 'test' }, async () => {
      await updateSettings(db.orm.em.fork(), { ...SELLER });
      const customer = await seedCustomer(db.orm.em.fork(), { name: 'Kennzahlen GmbH', street: 'Ring 1', zipCode: '50667', city: 'Köln' });
      const project = (title: string) => createProject(db.orm.em.fork(), ProjectCreateInput.parse({ title, customerId: customer.id }));
      const p1 = await project('Eins');
      const p2 = await project('Zwei');
      const p3 = await project('Drei');
      const invoice = async (net: string, projectId: string | null) => {
        const d = await createInvoice(db.orm.em.fork(), actor, InvoiceCreateInput.parse({ customerId: customer.id, projectId, serviceDate: '2026-05-01', lines: [{ description: 'Leistung', quantity: '1', unitPrice: net, taxRate: 19 }] }));
        return finalizeInvoice(db.orm.em.fork(), { id: d.id });
      };
      const pay = (id: string, amount: string, date: string) => addPayment(db.orm.em.fork(), actor, { invoiceId: id, amount, paymentDate: date, method: 'bank_transfer', reference: null, notes: null });
      await pay((await invoice('1000.00', p1.id)).id, '1190.00', '2026-06-02'); // revenue this month (P1)
      await pay((await invoice('200.00', p3.id)).id, '238.00', '2026-02-10'); // revenue this year (P3)
      await pay((await invoice('500.00', null)).id, '595.00', '2025-12-20'); // last year
      const open = await invoice('100.00', null); // 119.00 open, overdue by its (backdated) due date
      await db.orm.em.fork().transactional(async (tx) => {
        const ctx = tx.getTransactionContext();
        await tx.getConnection().execute(`set local session_replication_role = replica`, [], 'run', ctx);
        await tx.getConnection().execute(`update invoices set issue_date = '2026-05-01', due_date = '2026-05-15' where id = ?`, [open.id], 'run', ctx);
      });
      const time = (startTime: string, endTime: string, billable: boolean) =>
        createEntry(db.orm.em.fork(), actor, EntryCreateInput.parse({ projectId: p1.id, startTime, endTime, billable }));
      await time('2026-06-15T06:00:00Z', '2026-06-15T08:00:00Z', true); // this week, 120 min billable
      await time('2026-06-16T06:00:00Z', '2026-06-16T07:30:00Z', false); // this week, 90 min not billable
      await time('2026-06-01T06:00:00Z', '2026-06-01T07:00:00Z', true); // this month, earlier week
      const expense = (category: 'travel' | 'material' | 'software', net: string, date: string, projectId: string | null) =>
        createExpense(db.orm.em.fork(), actor, ExpenseCreateInput.parse({ category, title: category, netAmount: net, expenseDate: date, projectId }));
      await expense('travel', '100.00', '2026-03-01', p1.id);
      await expense('material', '50.00', '2026-06-01', p2.id);
      await expense('travel', '20.00', '2026-06-02', null);
      await expense('software', '999.00', '2025-11-01', null);
    });
    // "Now" is Monday, 15 June 2026, noon in Berlin.
    const k = await dashboardKpis(db.orm.em.fork(), actor, new Date('2026-06-15T10:00:00Z'));
    expect(k.today).toBe('2026-06-15');
    expect(k.finance).toMatchObject({ revenueThisMonth: '1000.00', revenueThisYear: '1200.00', outstandingAmount: '119.00', overdueAmount: '119.00', overdueCount: 1 });
    expect(k.finance?.mostProfitable.map((p) => [p.title, p.revenue, p.expenses, p.margin])).toEqual([
      ['Eins', '1000.00', '100.00', '900.00'],
      ['Drei', '200.00', '0.00', '200.00'],
      ['Zwei', '0.00', '50.00', '-50.00'],
    ]);
    expect(k.finance?.leastProfitable.map((p) => p.title)).toEqual(['Zwei', 'Drei', 'Eins']);
    // 120 + 90 minutes this week; June: 180 of 270 minutes billable.
    expect(k.time).toEqual({ scope: 'all', hoursThisWeek: '3.50', billableRatioThisMonth: '66.7' });
    expect(k.expensesByCategory).toEqual([
      { category: 'travel', netAmount: '120.00' },
      { category: 'material', netAmount: '50.00' },
    ]);
    // Someone without invoices.read and finance.read gets only their own time.
    const employee = await seedEmployee(db.orm.em.fork(), { role: null });
    const limited = await dashboardKpis(db.orm.em.fork(), { id: employee.id, permissions: ['timeTracking.read'] }, new Date('2026-06-15T10:00:00Z'));
    expect(limited).toMatchObject({ finance: null, expensesByCategory: null, time: { scope: 'own', hoursThisWeek: '0.00', billableRatioThisMonth: null } });
  });

  it('through the API each role sees its sections', async () => {
    const { client: employee } = await userWithRole(app, 'Employee');
    const { client: accountant } = await userWithRole(app, 'Accountant');
    const mine = await employee.dashboards.kpis.query();
    expect(mine).toMatchObject({ finance: null, expensesByCategory: null, time: { scope: 'own' } });
    const theirs = await accountant.dashboards.kpis.query();
    expect(theirs.finance).not.toBeNull();
    expect(theirs.time.scope).toBe('all');
  });
});
