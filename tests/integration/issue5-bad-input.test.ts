import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { refusesBadInput } from '../helpers/bad-input.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/** Bad input to expenses, reminders, notifications and dashboards: a 4xx naming the field, and nothing changes. */
let app: TestApp;
let client: Client;
let actorId: string;
let expenseId: string;
let reminderId: string;
beforeAll(async () => {
  app = await startTestApp();
  const me = await userWithRole(app, 'Accountant');
  client = me.client;
  actorId = me.employee.id;
  expenseId = (await client.finance.expenses.create.mutate({ category: 'travel', title: 'Zug', netAmount: '10.00', expenseDate: '2026-01-05' })).id;
  reminderId = (await client.reminders.create.mutate({ title: 'Anrufen', dueDate: '2026-12-01' })).id;
});
afterAll(async () => app?.close());

async function snapshot() {
  const rows = await app.orm.em.fork().getConnection().execute<Array<Record<string, string>>>(
    `select (select count(*) from audit_log where actor_id = ?) as audit_rows,
            (select count(*) from expenses where employee_id = ?) as expenses,
            (select count(*) from reminders where owner_id = ?) as reminders,
            (select count(*) from dashboards where owner_id = ?) as dashboards`,
    [actorId, actorId, actorId, actorId],
  );
  return rows[0];
}

const expense = { category: 'travel' as const, title: 'Zug', netAmount: '10.00', expenseDate: '2026-01-05' };
const missing = '00000000-0000-4000-8000-000000000000';
const cases: Array<[string, () => Promise<unknown>, string]> = [
  ['an expense without a title', () => client.finance.expenses.create.mutate({ ...expense, title: ' ' }), 'title'],
  ['an expense with an unknown category', () => client.finance.expenses.create.mutate({ ...expense, category: 'party' } as never), 'category'],
  ['a negative expense', () => client.finance.expenses.create.mutate({ ...expense, netAmount: '-5.00' }), 'netAmount'],
  ['an expense with three decimal places', () => client.finance.expenses.create.mutate({ ...expense, netAmount: '1.005' }), 'netAmount'],
  ['an expense at 16 % VAT', () => client.finance.expenses.create.mutate({ ...expense, taxRate: 16 as never }), 'taxRate'],
  ['an expense on an impossible date', () => client.finance.expenses.create.mutate({ ...expense, expenseDate: '2026-02-30' }), 'expenseDate'],
  ['an expense on an unknown project', () => client.finance.expenses.create.mutate({ ...expense, projectId: missing }), 'projectId'],
  ['an expense with an unknown receipt', () => client.finance.expenses.create.mutate({ ...expense, receiptId: missing }), 'receiptId'],
  ['an expense update with a non-UUID id', () => client.finance.expenses.update.mutate({ id: 'x', title: 'y' }), 'id'],
  ['an expense list with the range reversed', () => client.finance.expenses.list.query({ from: '2026-02-01', to: '2026-01-01' }), 'to'],
  ['expense KPIs for the year 1900', () => client.finance.expenses.kpis.query({ year: 1900 }), 'year'],
  ['a reminder without a due date', () => client.reminders.create.mutate({ title: 'x' } as never), 'dueDate'],
  ['a reminder with an unknown priority', () => client.reminders.create.mutate({ title: 'x', dueDate: '2026-12-01', priority: 'asap' } as never), 'priority'],
  ['a reminder linked to half a record', () => client.reminders.create.mutate({ title: 'x', dueDate: '2026-12-01', entity: 'invoice' }), 'entityId'],
  ['a reminder linked to an unknown kind of record', () => client.reminders.create.mutate({ title: 'x', dueDate: '2026-12-01', entity: 'order', entityId: missing } as never), 'entity'],
  ['a reminder linked to a record that does not exist', () => client.reminders.create.mutate({ title: 'x', dueDate: '2026-12-01', entity: 'project', entityId: missing }), 'entityId'],
  ['a reminder status that cannot be set', () => client.reminders.update.mutate({ id: reminderId, status: 'overdue' } as never), 'status'],
  ['notifications marked read with bad ids', () => client.notifications.markRead.mutate({ ids: ['1'] }), 'ids.0'],
  ['a dashboard without a name', () => client.dashboards.create.mutate({ name: '', config: { widgets: [] } }), 'name'],
  ['a dashboard with 31 widgets', () => client.dashboards.create.mutate({ name: 'Voll', config: { widgets: Array.from({ length: 31 }, (_, i) => ({ id: `w${i}`, type: 'kpi_cards' as const, position: { x: 0, y: i, w: 12, h: 1 } })) } }), 'config.widgets'],
];

describe('bad input to expenses, reminders, notifications and dashboards', () => {
  refusesBadInput(cases, snapshot);
  it('the expense and the reminder are as they were', async () => {
    expect((await client.finance.expenses.get.query({ id: expenseId })).version).toBe(1);
    expect((await client.reminders.get.query({ id: reminderId })).version).toBe(1);
  });
});
