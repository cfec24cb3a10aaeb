import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkmateClient } from '@workmate/api/client';
import { formatDecimalComma } from '@workmate/domain/money';
import type { ChatMessageDto } from '@workmate/db/chat/messages';
import { startApiProcess } from '../helpers/api-process.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { refusesBadInput } from '../helpers/bad-input.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, unique, userWithRole, type Client } from '../helpers/users.ts';
import { until } from '../helpers/worker.ts';

/** Project chat: members, messages, live delivery across two API processes, resume, pagination, mentions, system messages. */
let app: TestApp;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

/** A project managed by a Manager, with an Employee who has time on it and an outsider. */
async function chatProject(extra: { budget?: string; hourlyRate?: string } = {}) {
  const manager = await userWithRole(app, 'Manager');
  const worker = await userWithRole(app, 'Employee');
  const outsider = await userWithRole(app, 'Employee');
  const customer = await invoiceCustomer(admin);
  const project = await admin.projects.create.mutate({ title: unique('Chatprojekt'), customerId: customer.id, projectManagerId: manager.employee.id, status: 'active', ...extra });
  await worker.client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-03-02T08:00:00Z', endTime: '2026-03-02T08:30:00Z' });
  return { project, manager, worker, outsider };
}

function collect(client: Client, projectId: string, lastEventId?: string) {
  const events: ChatMessageDto[] = [];
  const ids: string[] = [];
  let started = false;
  const sub = client.chat.onMessage.subscribe({ projectId, lastEventId }, {
    onStarted: () => (started = true),
    onData: (e) => {
      ids.push(e.id);
      events.push(e.data);
    },
  });
  return { events, ids, isStarted: () => started, stop: () => sub.unsubscribe() };
}

describe('members and messages', () => {
  it('the manager, people with time and added members may read and write; others are refused', async () => {
    const { project, manager, worker, outsider } = await chatProject();
    const sent = await worker.client.chat.messages.send.mutate({ projectId: project.id, content: 'Hallo Team' });
    expect(sent).toMatchObject({ kind: 'user', content: 'Hallo Team', author: { id: worker.employee.id }, editedAt: null, deletedAt: null });
    expect((await manager.client.chat.messages.list.query({ projectId: project.id })).items.map((m) => m.content)).toContain('Hallo Team');
    expect(await codeOf(outsider.client.chat.messages.list.query({ projectId: project.id }))).toBe('FORBIDDEN');
    expect(await codeOf(outsider.client.chat.messages.send.mutate({ projectId: project.id, content: 'Hallo?' }))).toBe('FORBIDDEN');
    expect(await codeOf(outsider.client.chat.markRead.mutate({ projectId: project.id }))).toBe('FORBIDDEN');
    // Added by the manager, the outsider belongs.
    await manager.client.chat.members.add.mutate({ projectId: project.id, employeeId: outsider.employee.id });
    expect(await codeOf(outsider.client.chat.messages.list.query({ projectId: project.id }))).toBe('OK');
    const members = await manager.client.chat.members.list.query({ projectId: project.id });
    expect(Object.fromEntries(members.map((m) => [m.id, m.reason]))).toMatchObject({ [manager.employee.id]: 'manager', [worker.employee.id]: 'time', [outsider.employee.id]: 'added' });
    await manager.client.chat.members.remove.mutate({ projectId: project.id, employeeId: outsider.employee.id });
    expect(await codeOf(outsider.client.chat.messages.list.query({ projectId: project.id }))).toBe('FORBIDDEN');
    expect(await codeOf(worker.client.chat.members.add.mutate({ projectId: project.id, employeeId: outsider.employee.id }))).toBe('FORBIDDEN');
  });

  it("edits and soft-deletes one's own messages; a moderator deletes any; text stays text", async () => {
    const { project, manager, worker } = await chatProject();
    const xss = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const m = await worker.client.chat.messages.send.mutate({ projectId: project.id, content: xss });
    expect(m.content).toBe(xss);
    expect(await codeOf(manager.client.chat.messages.edit.mutate({ id: m.id, content: 'fremd' }))).toBe('FORBIDDEN');
    expect(await codeOf(manager.client.chat.messages.delete.mutate({ id: m.id }))).toBe('FORBIDDEN');
    const edited = await worker.client.chat.messages.edit.mutate({ id: m.id, content: 'korrigiert' });
    expect(edited.content).toBe('korrigiert');
    expect(edited.editedAt).not.toBeNull();
    expect(edited.eventSeq).toBeGreaterThan(m.eventSeq);
    expect(edited.seq).toBe(m.seq);
    const gone = await worker.client.chat.messages.delete.mutate({ id: m.id });
    expect(gone).toMatchObject({ content: null, deletedAt: expect.any(String) });
    expect(await codeOf(worker.client.chat.messages.edit.mutate({ id: m.id, content: 'zurück' }))).toBe('CONFLICT');
    const other = await manager.client.chat.messages.send.mutate({ projectId: project.id, content: 'vom Manager' });
    const moderated = await admin.chat.messages.delete.mutate({ id: other.id });
    expect(moderated.deletedAt).not.toBeNull();
    // The history keeps them, marked deleted; the audit trail has every change.
    const history = await worker.client.chat.messages.list.query({ projectId: project.id });
    expect(history.items.filter((i) => i.deletedAt).map((i) => i.id).sort()).toEqual([m.id, other.id].sort());
  });

  it('mentions notify the people mentioned; unread counts follow markRead', async () => {
    const { project, manager, worker } = await chatProject();
    await worker.client.chat.messages.send.mutate({ projectId: project.id, content: '@Chefin bitte prüfen', mentions: [manager.employee.id] });
    const notes = await manager.client.notifications.list.query({});
    expect(notes.items.find((n) => n.kind === 'chat_mention')).toMatchObject({ entity: 'project', entityId: project.id, body: '@Chefin bitte prüfen' });
    const unread = await manager.client.chat.unread.query();
    // The system message "project created" and the worker's message.
    expect(unread.find((u) => u.projectId === project.id)?.unread).toBe(2);
    await manager.client.chat.markRead.mutate({ projectId: project.id });
    expect((await manager.client.chat.unread.query()).find((u) => u.projectId === project.id)).toBeUndefined();
    // One's own messages never count as unread.
    expect((await worker.client.chat.unread.query()).find((u) => u.projectId === project.id)?.unread).toBe(1);
  });

  it('posts system messages: project created, status changed, invoice finalized and paid, budget 80 % used', async () => {
    const { project, manager, worker } = await chatProject({ budget: '100.00', hourlyRate: '100' });
    await admin.projects.update.mutate({ id: project.id, status: 'on_hold' });
    // 30 minutes already booked = 50 €; 20 more minutes reach 83 € of 100 €.
    await worker.client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-03-03T08:00:00Z', endTime: '2026-03-03T08:20:00Z' });
    await worker.client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-03-04T08:00:00Z', endTime: '2026-03-04T08:05:00Z' });
    const { accountant } = { accountant: (await userWithRole(app, 'Accountant')).client };
    const draft = await accountant.invoices.createFromTimeEntries.mutate({ projectId: project.id, from: '2026-03-01', to: '2026-03-31', groupBy: 'total' });
    const inv = await accountant.invoices.finalize.mutate({ id: draft.id });
    await accountant.invoices.setStatus.mutate({ id: inv.id, status: 'paid' });
    const messages = (await manager.client.chat.messages.list.query({ projectId: project.id })).items.filter((m) => m.kind === 'system').reverse();
    // The stored text is German with status labels and German money, never raw codes or "83.30 €".
    expect(messages.map((m) => m.content)).toEqual([
      expect.stringMatching(/^Projekt .* angelegt$/),
      'Projektstatus geändert: Aktiv → Pausiert',
      expect.stringMatching(/^Budget zu 80 % verbraucht \(\d+,\d\d € von 100,00 €\)$/),
      `Rechnung ${inv.number} festgeschrieben (${formatDecimalComma(inv.grossTotal, { grouping: true })} €)`,
      `Rechnung ${inv.number} bezahlt`,
    ]);
    // Code and parameters go along, so the web app words them in the reader's language.
    expect(messages.map((m) => m.system)).toEqual([
      { code: 'project.created', params: { number: project.projectNumber, title: project.title } },
      { code: 'project.status', params: { before: 'active', after: 'on_hold' } },
      { code: 'budget.80', params: { used: expect.stringMatching(/^\d+\.\d\d$/), budget: '100.00' } },
      { code: 'invoice.finalized', params: { number: inv.number, gross: inv.grossTotal } },
      { code: 'invoice.paid', params: { number: inv.number } },
    ]);
  });
});

describe('history pages', () => {
  it('pages with a cursor: 50 by default, at most 200, and a last page without a cursor', async () => {
    const { project, worker } = await chatProject();
    for (let i = 1; i <= 120; i++) await worker.client.chat.messages.send.mutate({ projectId: project.id, content: `Nachricht ${i}` });
    // 120 messages and the system message: 121.
    const first = await worker.client.chat.messages.list.query({ projectId: project.id });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.content).toBe('Nachricht 120');
    const second = await worker.client.chat.messages.list.query({ projectId: project.id, cursor: first.nextCursor as number });
    expect(second.items[0]?.content).toBe('Nachricht 70');
    const third = await worker.client.chat.messages.list.query({ projectId: project.id, cursor: second.nextCursor as number });
    expect(third.items).toHaveLength(21);
    expect(third.nextCursor).toBeNull();
    expect(third.items[20]?.kind).toBe('system');
    // Exactly as many as asked for left: no further page.
    const exact = await worker.client.chat.messages.list.query({ projectId: project.id, limit: 121 });
    expect([exact.items.length, exact.nextCursor]).toEqual([121, null]);
    const capped = await worker.client.chat.messages.list.query({ projectId: project.id, limit: 200 });
    expect(capped.items).toHaveLength(121);
    expect(await codeOf(worker.client.chat.messages.list.query({ projectId: project.id, limit: 201 }))).toBe('BAD_REQUEST');
    const one = await worker.client.chat.messages.list.query({ projectId: project.id, limit: 1 });
    expect([one.items.length, one.nextCursor]).toEqual([1, one.items[0]?.seq]);
  });
});

describe('live delivery', () => {
  it('a subscriber on another API process receives a message posted on this one', async () => {
    const { project, manager, worker } = await chatProject();
    const second = await startApiProcess();
    try {
      const onB = createWorkmateClient({ url: second.url, token: manager.token });
      const live = collect(onB, project.id);
      await until(async () => live.isStarted(), 'the subscription on the second process', 15_000);
      await new Promise((r) => setTimeout(r, 300));
      const sent = await worker.client.chat.messages.send.mutate({ projectId: project.id, content: 'Über zwei Prozesse' });
      await until(async () => live.events.some((e) => e.id === sent.id), 'the message on the second process', 15_000);
      // Edits travel the same way.
      await worker.client.chat.messages.edit.mutate({ id: sent.id, content: 'Über zwei Prozesse (bearbeitet)' });
      await until(async () => live.events.some((e) => e.id === sent.id && e.editedAt !== null), 'the edit', 15_000);
      live.stop();
    } finally {
      await second.stop();
    }
  });

  it('a reconnect with lastEventId gets exactly the missed messages', async () => {
    const { project, manager, worker } = await chatProject();
    const live = collect(manager.client, project.id);
    await until(async () => live.isStarted(), 'the subscription', 15_000);
    await new Promise((r) => setTimeout(r, 300));
    await worker.client.chat.messages.send.mutate({ projectId: project.id, content: 'eins' });
    await until(async () => live.events.length === 1, 'the first message', 15_000);
    live.stop();
    const missed = [];
    for (const text of ['zwei', 'drei', 'vier']) missed.push(await worker.client.chat.messages.send.mutate({ projectId: project.id, content: text }));
    const resumed = collect(manager.client, project.id, live.ids[0]);
    await until(async () => resumed.events.length >= 3, 'the missed messages', 15_000);
    await new Promise((r) => setTimeout(r, 300));
    resumed.stop();
    expect(resumed.events.map((e) => e.content)).toEqual(['zwei', 'drei', 'vier']);
    expect(resumed.events.map((e) => e.id)).toEqual(missed.map((m) => m.id));
  });
});

describe('bad input to the chat', () => {
  let client: Client;
  let projectId: string;
  let actorId: string;
  beforeAll(async () => {
    const { project, worker } = await chatProject();
    client = worker.client;
    projectId = project.id;
    actorId = worker.employee.id;
  });
  const snapshot = async () =>
    (await app.orm.em.fork().getConnection().execute<Array<Record<string, string>>>(
      `select (select count(*) from chat_messages where project_id = ?) as messages, (select count(*) from audit_log where actor_id = ?) as audit`,
      [projectId, actorId],
    ))[0];
  const missing = '00000000-0000-4000-8000-000000000000';
  refusesBadInput(
    [
      ['an empty message', () => client.chat.messages.send.mutate({ projectId, content: '   ' }), 'content'],
      ['a message over 10,000 characters', () => client.chat.messages.send.mutate({ projectId, content: 'x'.repeat(10_001) }), 'content'],
      ['a mention of nobody', () => client.chat.messages.send.mutate({ projectId, content: '@x', mentions: [missing] }), 'mentions'],
      ['an attachment that does not exist', () => client.chat.messages.send.mutate({ projectId, content: 'Anhang', attachments: [missing] }), 'attachments'],
      ['a project id that is not one', () => client.chat.messages.send.mutate({ projectId: 'abc', content: 'x' }), 'projectId'],
      ['a page of 0', () => client.chat.messages.list.query({ projectId, limit: 0 }), 'limit'],
      ['an edit to empty text', () => client.chat.messages.edit.mutate({ id: missing, content: '' }), 'content'],
    ],
    async () => snapshot(),
  );
});
