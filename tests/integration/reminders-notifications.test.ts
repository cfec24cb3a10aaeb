import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs } from '@workmate/db/shared/actor';
import { announceNotifications } from '@workmate/db/notifications/announce';
import { sweepReminders } from '@workmate/db/reminders/sweep';
import { Notification } from '@workmate/db/entities/notification';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, unique, userWithRole, type Client } from '../helpers/users.ts';
import { until } from '../helpers/worker.ts';

/** Reminders (own, linked to records, the daily overdue job) and notifications (list, read, live). */
let app: TestApp;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

describe('reminders', () => {
  it('are personal, link to a record that exists, and complete', async () => {
    const anna = await userWithRole(app, 'Employee');
    const ben = await userWithRole(app, 'Employee');
    const customer = await invoiceCustomer(admin);
    const r = await anna.client.reminders.create.mutate({ title: 'Angebot nachfassen', dueDate: '2026-12-01', priority: 'high', entity: 'customer', entityId: customer.id });
    expect(r).toMatchObject({ status: 'open', owner: { id: anna.employee.id }, entity: 'customer', entityId: customer.id, priority: 'high' });
    expect((await anna.client.reminders.list.query({ entity: 'customer', entityId: customer.id })).items.map((i) => i.id)).toEqual([r.id]);
    expect(await codeOf(ben.client.reminders.get.query({ id: r.id }))).toBe('NOT_FOUND');
    expect(await codeOf(ben.client.reminders.complete.mutate({ id: r.id }))).toBe('NOT_FOUND');
    expect((await ben.client.reminders.list.query({})).items.find((i) => i.id === r.id)).toBeUndefined();
    expect(await codeOf(ben.client.reminders.list.query({ all: true }))).toBe('FORBIDDEN');
    expect(await codeOf(ben.client.reminders.create.mutate({ title: 'Für Anna', dueDate: '2026-12-01', ownerId: anna.employee.id }))).toBe('FORBIDDEN');
    expect(await codeOf(anna.client.reminders.create.mutate({ title: 'x', dueDate: '2026-12-01', entity: 'invoice', entityId: '00000000-0000-4000-8000-000000000000' }))).toBe('BAD_REQUEST');
    const done = await anna.client.reminders.complete.mutate({ id: r.id });
    expect(done.status).toBe('done');
    expect(await codeOf(anna.client.reminders.complete.mutate({ id: r.id }))).toBe('CONFLICT');
    const reopened = await anna.client.reminders.update.mutate({ id: r.id, status: 'open', dueDate: '2026-12-05' });
    expect(reopened).toMatchObject({ status: 'open', dueDate: '2026-12-05', completedAt: null });
    // An admin (reminders.manage) sees and sets anyone's.
    const forAnna = await admin.reminders.create.mutate({ title: 'Von der Chefin', dueDate: '2026-12-02', ownerId: anna.employee.id });
    expect((await anna.client.reminders.get.query({ id: forAnna.id })).owner.id).toBe(anna.employee.id);
    await anna.client.reminders.delete.mutate({ id: forAnna.id });
    expect(await codeOf(anna.client.reminders.get.query({ id: forAnna.id }))).toBe('NOT_FOUND');
  });

  it('the daily job, with an injected day, marks due reminders overdue and notifies their owners once', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const due = await client.reminders.create.mutate({ title: unique('Steuererklärung'), dueDate: '2026-05-10' });
    const later = await client.reminders.create.mutate({ title: unique('Später'), dueDate: '2026-05-20' });
    const done = await client.reminders.create.mutate({ title: unique('Erledigt'), dueDate: '2026-05-01' });
    await client.reminders.complete.mutate({ id: done.id });
    // Rolled back at the end: the sweep is global, and other files run at the same time.
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        const first = await runAs({ id: null, label: 'worker' }, () => sweepReminders(tx, '2026-05-11'));
        expect(first.today).toBe('2026-05-11');
        expect(first.notified).toContain(employee.id);
        const second = await sweepReminders(tx, '2026-05-12');
        expect(second.notified).not.toContain(employee.id);
        const statuses = await tx.getConnection().execute<Array<{ id: string; status: string }>>(
          `select id, status from reminders where id in (?) order by due_date`,
          [[due.id, later.id, done.id]],
          'all',
          tx.getTransactionContext(),
        );
        expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [due.id]: 'overdue', [later.id]: 'open', [done.id]: 'done' });
        const notes = await tx.find(Notification, { employee: employee.id, kind: 'reminder_overdue' });
        expect(notes.map((n) => n.title)).toEqual([`Erinnerung überfällig: ${due.title}`]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await client.reminders.get.query({ id: due.id })).status).toBe('open');
  });
});

describe('notifications', () => {
  async function notify(employeeId: string, title: string) {
    const em = app.orm.em.fork();
    const n = em.create(Notification, { employee: employeeId, kind: 'test', title, body: null });
    await em.flush();
    await announceNotifications(app.redis, [employeeId]);
    return n.id;
  }

  it("lists one's own, counts unread, and marks read", async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const other = await userWithRole(app, 'Employee');
    const a = await notify(employee.id, 'Eins');
    await notify(employee.id, 'Zwei');
    const foreign = await notify(other.employee.id, 'Fremd');
    const list = await client.notifications.list.query({});
    expect(list.items.map((n) => n.title)).toEqual(['Zwei', 'Eins']);
    expect(list.unread).toBe(2);
    expect(await client.notifications.markRead.mutate({ ids: [a, foreign] })).toEqual({ count: 1 });
    expect((await client.notifications.list.query({ unread: true })).items.map((n) => n.title)).toEqual(['Zwei']);
    expect((await other.client.notifications.list.query({})).unread).toBe(1);
    expect(await client.notifications.markRead.mutate({})).toEqual({ count: 1 });
    expect((await client.notifications.list.query({})).unread).toBe(0);
  });

  it('arrive live over the subscription, and a reconnect with lastEventId gets exactly the missed ones', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const received: Array<{ id: string; title: string }> = [];
    let started = false;
    const sub = client.notifications.onNew.subscribe(undefined, {
      onStarted: () => (started = true),
      onData: (event) => received.push({ id: event.id, title: event.data.title }),
    });
    try {
      await until(async () => started, 'the subscription to start', 10_000);
      // Give the server a moment to take its starting position before the first notification.
      await new Promise((r) => setTimeout(r, 300));
      await notify(employee.id, 'Live eins');
      await notify(employee.id, 'Live zwei');
      await until(async () => received.length === 2, 'two live notifications', 10_000);
    } finally {
      sub.unsubscribe();
    }
    expect(received.map((r) => r.title)).toEqual(['Live eins', 'Live zwei']);
    // While nobody listens, two more arrive; a new subscription from the last event id gets exactly those.
    await notify(employee.id, 'Verpasst eins');
    await notify(employee.id, 'Verpasst zwei');
    const resumed: string[] = [];
    const again = client.notifications.onNew.subscribe({ lastEventId: received[1]?.id }, { onData: (event) => resumed.push(event.data.title) });
    try {
      await until(async () => resumed.length >= 2, 'the missed notifications', 10_000);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      again.unsubscribe();
    }
    expect(resumed).toEqual(['Verpasst eins', 'Verpasst zwei']);
    // Nobody else's notifications come through.
    const other = await userWithRole(app, 'Employee');
    expect((await other.client.notifications.list.query({})).total).toBe(0);
  });
});
