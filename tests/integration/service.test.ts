import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sweepSlaBreaches } from '@workmate/db/service/sla';
import { runAs } from '@workmate/db/shared/actor';
import { DEFAULT_SLA_TARGETS } from '@workmate/domain/service-sla';
import { readEnv } from '@workmate/worker/env';
import { processSendTicketReply } from '@workmate/worker/jobs/send-ticket-reply';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { startMailCatcher } from '../helpers/mail-catcher.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** Service tickets (issue 18): status flow, SLA due times and pauses, replies, breach notifications once, email threading. */
let app: TestApp;
let agent: Client;
let agentId: string;
let manager: Client;
let auditor: Client;
let accountant: Client;
let admin: Client;
let customerId: string;
let contactId: string;
let contactEmail: string;
beforeAll(async () => {
  app = await startTestApp();
  const a = await userWithRole(app, 'Employee');
  agent = a.client;
  agentId = a.employee.id;
  manager = (await userWithRole(app, 'Manager')).client;
  auditor = (await userWithRole(app, 'Auditor')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  admin = (await userWithRole(app, 'Admin')).client;
  contactEmail = `kunde-${randomUUID().slice(0, 8)}@example.test`;
  customerId = (await agent.crm.customers.create.mutate({ name: unique('Servicekunde GmbH') })).id;
  contactId = (await agent.crm.contacts.create.mutate({ customerId, firstName: 'Klara', lastName: 'Kunde', email: contactEmail })).id;
});
afterAll(async () => app?.close());

const db = () => app.orm.em.fork().getConnection();
/** The stored due and breach times (ISO) and status of a ticket, as the sweep reads them. */
const ticketRow = async (id: string) => {
  const row = (await db().execute(`select first_response_due_at, resolution_due_at, first_response_breached_at, resolution_breached_at, status from tickets where id = ?`, [id]))[0] as Record<string, string | null>;
  const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);
  return {
    first_response_due_at: iso(row.first_response_due_at),
    resolution_due_at: iso(row.resolution_due_at),
    first_response_breached_at: iso(row.first_response_breached_at),
    resolution_breached_at: iso(row.resolution_breached_at),
    status: row.status,
  };
};

describe('tickets', () => {
  it('are created with a number, status new and running clocks with the priority’s targets; audited', async () => {
    const t = await agent.service.tickets.create.mutate({ customerId, contactId, subject: 'Drucker druckt nicht', priority: 'high' });
    expect(t.number).toMatch(/^TK-\d{4}-\d{4}$/);
    expect(t).toMatchObject({ status: 'new', priority: 'high', contactName: 'Klara Kunde', contactEmail, source: 'web' });
    expect(t.sla.firstResponse).toMatchObject({ state: 'running', targetMinutes: DEFAULT_SLA_TARGETS.high.firstResponseMinutes });
    expect(t.sla.resolution).toMatchObject({ state: 'running', targetMinutes: DEFAULT_SLA_TARGETS.high.resolutionMinutes });
    const row = await ticketRow(t.id);
    expect(row.first_response_due_at).toBe(t.sla.firstResponse.dueAt);
    expect(row.resolution_due_at).toBe(t.sla.resolution.dueAt);

    // A higher priority brings the due times forward.
    const urgent = await agent.service.tickets.update.mutate({ id: t.id, priority: 'urgent', assigneeId: agentId });
    expect(urgent.sla.firstResponse.targetMinutes).toBe(60);
    expect(Date.parse(urgent.sla.firstResponse.dueAt ?? '')).toBeLessThan(Date.parse(t.sla.firstResponse.dueAt ?? ''));
    expect(urgent.assigneeId).toBe(agentId);

    const trail = await admin.audit.list.query({ entity: 'ticket', entityId: t.id });
    expect(trail.items.map((i) => [i.action, i.actorId])).toEqual([
      ['update', agentId],
      ['create', agentId],
    ]);
  });

  it('an internal note leaves the first-response clock running; the first external reply stops it, opens the ticket and is mailed to the contact', async () => {
    const t = await agent.service.tickets.create.mutate({ customerId, contactId, subject: 'VPN' });
    const noted = await agent.service.tickets.reply.mutate({ ticketId: t.id, kind: 'internal', body: 'Prüfe das Log' });
    expect(noted.sla.firstResponse.state).toBe('running');
    expect(noted.status).toBe('new');
    expect(noted.firstResponseAt).toBeNull();

    const replied = await agent.service.tickets.reply.mutate({ ticketId: t.id, kind: 'external', body: 'Wir kümmern uns darum.' });
    expect(replied.status).toBe('open');
    expect(replied.firstResponseAt).not.toBeNull();
    expect(replied.sla.firstResponse.state).toBe('met');
    expect(replied.replies.map((r) => [r.kind, r.direction, r.body, r.toEmail])).toEqual([
      ['internal', 'out', 'Prüfe das Log', null],
      ['external', 'out', 'Wir kümmern uns darum.', contactEmail],
    ]);
    expect((await ticketRow(t.id)).first_response_due_at).toBeNull();
    const outbox = await db().execute(`select name from outbox where payload->>'replyId' in (select id::text from ticket_replies where ticket_id = ?)`, [t.id]);
    expect(outbox.map((r) => r.name)).toEqual(['send-ticket-reply']);
    // A second external reply does not move the first response.
    const again = await agent.service.tickets.reply.mutate({ ticketId: t.id, kind: 'external', body: 'Update' });
    expect(again.firstResponseAt).toBe(replied.firstResponseAt);
  });

  it('waiting on the customer and on hold pause the clocks (no due time stored); the history of statuses is kept', async () => {
    const t = await agent.service.tickets.create.mutate({ customerId, subject: 'Rückfrage' });
    const waiting = await agent.service.tickets.setStatus.mutate({ id: t.id, status: 'waiting_customer' });
    expect(waiting.sla.firstResponse).toMatchObject({ state: 'paused', dueAt: null });
    expect(waiting.sla.resolution).toMatchObject({ state: 'paused', dueAt: null });
    expect(await ticketRow(t.id)).toMatchObject({ first_response_due_at: null, resolution_due_at: null, status: 'waiting_customer' });

    const open = await agent.service.tickets.setStatus.mutate({ id: t.id, status: 'open' });
    expect(open.sla.resolution.state).toBe('running');
    expect(open.sla.resolution.dueAt).not.toBeNull();
    expect((await ticketRow(t.id)).resolution_due_at).not.toBeNull();
    const held = await agent.service.tickets.setStatus.mutate({ id: t.id, status: 'on_hold' });
    expect(held.sla.resolution.state).toBe('paused');
    const resolved = await agent.service.tickets.setStatus.mutate({ id: t.id, status: 'resolved' });
    expect(resolved.sla.resolution.state).toBe('met');
    expect(resolved.statusChanges.map((c) => c.status)).toEqual(['new', 'waiting_customer', 'open', 'on_hold', 'resolved']);
  });

  it('refuses status changes the flow does not allow, replies to a closed ticket, and stale versions', async () => {
    const t = await agent.service.tickets.create.mutate({ customerId, subject: 'Fluss' });
    await agent.service.tickets.setStatus.mutate({ id: t.id, status: 'closed' });
    const jump = await errorOf(agent.service.tickets.setStatus.mutate({ id: t.id, status: 'waiting_customer' }));
    expect(jump).toMatchObject({ code: 'CONFLICT', appCode: 'ticket.transition', params: { from: 'closed', to: 'waiting_customer' } });
    const reply = await errorOf(agent.service.tickets.reply.mutate({ ticketId: t.id, kind: 'external', body: 'Hallo' }));
    expect(reply).toMatchObject({ code: 'CONFLICT', appCode: 'ticket.replyToClosed', params: { number: t.number } });
    const stale = await errorOf(agent.service.tickets.setStatus.mutate({ id: t.id, status: 'open', version: t.version }));
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'record.staleVersion' });
    expect((await agent.service.tickets.setStatus.mutate({ id: t.id, status: 'open' })).status).toBe('open');
  });

  it('bad input is a 400 naming the field and creates nothing', async () => {
    const other = await agent.crm.customers.create.mutate({ name: unique('Andere GmbH') });
    const foreign = await agent.crm.contacts.create.mutate({ customerId: other.id, firstName: 'F', lastName: 'G' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ subject: '' }, 'subject'],
      [{ subject: 'x'.repeat(301) }, 'subject'],
      [{ priority: 'critical' }, 'priority'],
      [{ customerId, contactId: foreign.id }, 'contactId'],
      [{ customerId: randomUUID() }, 'customerId'],
      [{ assigneeId: randomUUID() }, 'assigneeId'],
    ];
    for (const [change, field] of cases) {
      const error = await errorOf(agent.service.tickets.create.mutate({ customerId: other.id, subject: 'Ok', ...change } as never));
      expect(error.httpStatus, JSON.stringify(change)).toBe(400);
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(change)).toEqual([field]);
    }
    expect((await agent.service.tickets.list.query({ customerId: other.id })).total).toBe(0);
    const badReply = await errorOf(agent.service.tickets.reply.mutate({ ticketId: randomUUID(), kind: 'memo' as never, body: 'x' }));
    expect(Object.keys(badReply.fieldErrors ?? {})).toEqual(['kind']);
  });
});

describe('SLA breach notifications', () => {
  it('the sweep notifies the assignee once per breach, at the due time and not before (fake clock)', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const t = await client.service.tickets.create.mutate({ customerId, subject: 'Server down', priority: 'urgent', assigneeId: employee.id });
    const due = new Date(t.sla.firstResponse.dueAt ?? '');
    const sweep = (now: Date) => runAs({ id: null, label: 'worker' }, () => sweepSlaBreaches(app.orm.em.fork(), now));
    const mine = async () => (await client.notifications.list.query({})).items.filter((n) => n.entityId === t.id);

    await sweep(new Date(due.getTime() - 1));
    expect(await mine()).toEqual([]);
    expect((await ticketRow(t.id)).first_response_breached_at).toBeNull();

    await sweep(due);
    const first = await mine();
    expect(first.map((n) => [n.kind, n.title])).toEqual([['ticket_sla_breach', `Ticket ${t.number}: Erstreaktion überfällig (SLA verletzt)`]]);
    expect((await ticketRow(t.id)).first_response_breached_at).toBe(due.toISOString());

    // Later sweeps (and a concurrent pair) add nothing for the same breach.
    await Promise.all([sweep(new Date(due.getTime() + 60_000)), sweep(new Date(due.getTime() + 60_000))]);
    expect(await mine()).toHaveLength(1);

    // The resolution clock breaches on its own, once.
    const resolutionDue = new Date(t.sla.resolution.dueAt ?? '');
    await sweep(resolutionDue);
    await sweep(new Date(resolutionDue.getTime() + 3_600_000));
    expect((await mine()).map((n) => n.title).sort()).toEqual([`Ticket ${t.number}: Erstreaktion überfällig (SLA verletzt)`, `Ticket ${t.number}: Lösung überfällig (SLA verletzt)`]);
    const trail = await admin.audit.list.query({ entity: 'ticket', entityId: t.id, action: 'update' });
    expect(trail.items.some((i) => i.actorLabel === 'worker' && 'firstResponseBreachedAt' in i.changes)).toBe(true);
  });

  it('a paused ticket is not breached while it waits', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const t = await client.service.tickets.create.mutate({ customerId, subject: 'Wartet', priority: 'urgent', assigneeId: employee.id });
    await client.service.tickets.setStatus.mutate({ id: t.id, status: 'waiting_customer' });
    await runAs({ id: null, label: 'worker' }, () => sweepSlaBreaches(app.orm.em.fork(), new Date(Date.now() + 365 * 86_400_000)));
    expect((await client.notifications.list.query({})).items.filter((n) => n.entityId === t.id)).toEqual([]);
  });
});

describe('email in: threading by Message-ID', () => {
  it('a mail from a contact opens a ticket; answers thread by In-Reply-To, References or the number in the subject; the same mail twice is taken once', async () => {
    const first = await agent.service.ingestEmail.mutate({ messageId: `<m1-${randomUUID()}@kunde.test>`, from: contactEmail.toUpperCase(), subject: 'Rechnung fehlt', text: 'Hallo, die Rechnung fehlt.' });
    expect(first.outcome).toBe('created');
    const ticketId = first.ticketId ?? '';
    const t = await agent.service.tickets.get.query({ id: ticketId });
    expect(t).toMatchObject({ source: 'email', customerId, contactId, subject: 'Rechnung fehlt', status: 'new' });
    expect(t.replies.map((r) => [r.direction, r.body, r.fromEmail])).toEqual([['in', 'Hallo, die Rechnung fehlt.', contactEmail]]);

    // Our reply carries a Message-ID; the customer's answer to it threads back and reopens the waiting ticket.
    await agent.service.tickets.reply.mutate({ ticketId, kind: 'external', body: 'Bitte Kundennummer?' });
    await agent.service.tickets.setStatus.mutate({ id: ticketId, status: 'waiting_customer' });
    const ours = (await db().execute(`select message_id from ticket_replies where ticket_id = ? and direction = 'out'`, [ticketId]))[0]?.message_id as string;
    expect(ours).toMatch(/^<ticket-reply-.+@workmate>$/);
    const answerId = `<m2-${randomUUID()}@kunde.test>`;
    const answer = await agent.service.ingestEmail.mutate({ messageId: answerId, inReplyTo: ours, from: contactEmail, subject: 'Re: Rechnung fehlt', text: 'KD-4711' });
    expect(answer).toEqual({ ticketId, outcome: 'threaded' });
    expect((await agent.service.tickets.get.query({ id: ticketId })).status).toBe('open');

    // References (without brackets) name an earlier mail of the thread.
    const viaReferences = await agent.service.ingestEmail.mutate({ messageId: `m3-${randomUUID()}@kunde.test`, references: [answerId.slice(1, -1), 'unknown@elsewhere'], from: contactEmail, text: 'Noch was' });
    expect(viaReferences).toEqual({ ticketId, outcome: 'threaded' });
    // A forwarded mail without headers, but with the number in the subject.
    const viaSubject = await agent.service.ingestEmail.mutate({ messageId: `<m4-${randomUUID()}@x.test>`, from: `jemand-${randomUUID().slice(0, 6)}@x.test`, subject: `WG: [${t.number}] Rechnung`, text: 'FYI' });
    expect(viaSubject).toEqual({ ticketId, outcome: 'threaded' });

    const duplicate = await agent.service.ingestEmail.mutate({ messageId: answerId, inReplyTo: ours, from: contactEmail, text: 'KD-4711' });
    expect(duplicate).toEqual({ ticketId, outcome: 'duplicate' });
    const inbound = (await agent.service.tickets.get.query({ id: ticketId })).replies.filter((r) => r.direction === 'in');
    expect(inbound.map((r) => r.body)).toEqual(['Hallo, die Rechnung fehlt.', 'KD-4711', 'Noch was', 'FYI']);

    const stranger = await agent.service.ingestEmail.mutate({ messageId: `<m5-${randomUUID()}@x.test>`, from: `fremd-${randomUUID().slice(0, 6)}@nirgends.test`, subject: 'Spam', text: '...' });
    expect(stranger).toEqual({ ticketId: null, outcome: 'unknownSender' });
  });
});

describe('email out', () => {
  it('the worker mails an external reply to the contact once, with its Message-ID and In-Reply-To the customer’s mail', async () => {
    const catcher = await startMailCatcher();
    const received = catcher.messages;
    try {
      const env = readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused', SMTP_URL: catcher.url, MAIL_FROM: 'Service <service@workmate.test>' });
      const customerMail = `<start-${randomUUID()}@kunde.test>`;
      const { ticketId } = await agent.service.ingestEmail.mutate({ messageId: customerMail, from: contactEmail, subject: 'Passwort vergessen', text: 'Bitte zurücksetzen' });
      const t = await agent.service.tickets.reply.mutate({ ticketId: ticketId ?? '', kind: 'external', body: 'Link ist unterwegs.' });
      const replyId = (await db().execute(`select id from ticket_replies where ticket_id = ? and direction = 'out'`, [t.id]))[0]?.id as string;

      expect(await processSendTicketReply(app.orm, env, { replyId })).toEqual({ sent: true });
      expect(await processSendTicketReply(app.orm, env, { replyId })).toEqual({ skipped: 'already sent' });
      expect(received).toHaveLength(1);
      const mail = received[0] ?? '';
      expect(mail).toMatch(new RegExp(`^To: ${contactEmail.replace(/[.]/g, '\\.')}`, 'mi'));
      expect(mail).toContain(`Message-ID: <ticket-reply-${replyId}@workmate>`);
      expect(mail).toContain(`In-Reply-To: ${customerMail}`);
      expect(mail).toContain(`[${t.number}]`);
      expect(mail).toContain('Link ist unterwegs.');
      expect((await agent.service.tickets.get.query({ id: t.id })).replies.find((r) => r.direction === 'out')?.sentAt).not.toBeNull();
      // Without SMTP nothing is sent.
      const noSmtp = readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused' });
      expect(await processSendTicketReply(app.orm, noSmtp, { replyId })).toEqual({ skipped: 'SMTP is not configured' });
    } finally {
      await catcher.close();
    }
  });
});

describe('service settings and permissions', () => {
  it('a manager changes working hours and targets; open tickets’ due times follow; bad hours are refused', async () => {
    const before = await manager.service.settings.get.query();
    const t = await agent.service.tickets.create.mutate({ customerId, subject: 'Einstellungen', priority: 'low' });
    try {
      const bad = await errorOf(manager.service.settings.update.mutate({ ...before, dayStart: '17:00', dayEnd: '08:00' }));
      expect(bad.httpStatus).toBe(400);
      expect(Object.keys(bad.fieldErrors ?? {})).toEqual(['dayEnd']);
      const noDays = await errorOf(manager.service.settings.update.mutate({ ...before, workDays: [] }));
      expect(noDays.fieldIssues?.workDays).toEqual([{ code: 'field.selectWorkDay', params: {} }]);
      expect((await errorOf(agent.service.settings.update.mutate(before))).code).toBe('FORBIDDEN');

      const faster = await manager.service.settings.update.mutate({ ...before, targets: { ...before.targets, low: { firstResponseMinutes: 5, resolutionMinutes: 10 } } });
      expect(faster.targets.low).toEqual({ firstResponseMinutes: 5, resolutionMinutes: 10 });
      const after = await agent.service.tickets.get.query({ id: t.id });
      expect(after.sla.firstResponse.targetMinutes).toBe(5);
      expect((await ticketRow(t.id)).first_response_due_at).toBe(after.sla.firstResponse.dueAt);
    } finally {
      const current = await manager.service.settings.get.query();
      await manager.service.settings.update.mutate({ ...before, version: current.version });
    }
  });

  it('reading needs service.read, changing service.write', async () => {
    const t = await agent.service.tickets.create.mutate({ customerId, subject: 'Rechte' });
    expect((await auditor.service.tickets.get.query({ id: t.id })).id).toBe(t.id);
    expect((await accountant.service.tickets.list.query({})).total).toBeGreaterThan(0);
    expect((await errorOf(auditor.service.tickets.reply.mutate({ ticketId: t.id, kind: 'internal', body: 'x' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(accountant.service.tickets.setStatus.mutate({ id: t.id, status: 'open' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(auditor.service.ingestEmail.mutate({ messageId: '<x@y>', from: contactEmail }))).code).toBe('FORBIDDEN');
    expect((await agent.service.tickets.get.query({ id: t.id })).replies).toEqual([]);
  });
});
