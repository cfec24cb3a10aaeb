import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { Job } from 'bullmq';
import hoodiecrow from 'hoodiecrow-imap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '@workmate/domain/jobs';
import type { JobContext } from '@workmate/worker/jobs/define-job';
import { processorsByQueue } from '@workmate/worker/jobs/dispatch';
import { mailboxKey, pollImapMailbox, type ImapEnv } from '@workmate/worker/jobs/poll-imap-mailbox';
import { JOB_REGISTRY } from '@workmate/worker/jobs/registry';
import { readEnv } from '@workmate/worker/env';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { unique, userWithRole, type Client } from '../helpers/users.ts';
import { startWorker, until } from '../helpers/worker.ts';

/**
 * Email in via IMAP (issue 18): the worker's poller against a real IMAP server in this process
 * (hoodiecrow-imap), through imapflow as in production. Each test has its own account (so its own
 * mailbox progress) and its own customer.
 */
let app: TestApp;
let agent: Client;
beforeAll(async () => {
  app = await startTestApp();
  agent = (await userWithRole(app, 'Employee')).client;
});
afterAll(async () => app?.close());

const db = () => app.orm.em.fork().getConnection();

async function customerWithContact() {
  const email = `imap-${randomUUID().slice(0, 8)}@kunde.test`;
  const customerId = (await agent.crm.customers.create.mutate({ name: unique('IMAP Kunde GmbH') })).id;
  await agent.crm.contacts.create.mutate({ customerId, firstName: 'Ina', lastName: 'Imap', email });
  return { customerId, email };
}

function mail(opts: { from: string; subject: string; text: string; messageId?: string | null; inReplyTo?: string }) {
  // Encoded as mail programs do (UTF-8 in an encoded word and in base64), sent a minute ago.
  const subject = `=?UTF-8?B?${Buffer.from(opts.subject).toString('base64')}?=`;
  const headers = [`From: Ina Imap <${opts.from}>`, 'To: service@workmate.test', `Subject: ${subject}`, `Date: ${new Date(Date.now() - 60_000).toUTCString()}`];
  if (opts.messageId !== null) headers.push(`Message-ID: ${opts.messageId ?? `<${randomUUID()}@kunde.test>`}`);
  if (opts.inReplyTo) headers.push(`In-Reply-To: ${opts.inReplyTo}`, `References: ${opts.inReplyTo}`);
  return `${headers.join('\r\n')}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(opts.text).toString('base64')}\r\n`;
}

/** A fresh IMAP server with one account; closed after the test. */
async function imapServer() {
  const user = `user-${randomUUID().slice(0, 8)}`;
  const server = hoodiecrow({ plugins: ['ID', 'ENABLE', 'NAMESPACE', 'UNSELECT', 'UIDPLUS'], users: { [user]: { password: 'secret' } }, storage: { INBOX: { messages: [] } } });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.server.address() as AddressInfo).port;
  const env: ImapEnv = { IMAP_HOST: '127.0.0.1', IMAP_PORT: port, IMAP_SECURE: false, IMAP_USER: user, IMAP_PASSWORD: 'secret', IMAP_MAILBOX: 'INBOX' };
  return {
    env,
    server,
    deliver: (raw: string, arrived = new Date()) => server.appendMessage('INBOX', [], arrived, raw).message,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ticketsOf = async (customerId: string) =>
  db().execute<{ id: string; subject: string; source: string }[]>(`select id, subject, source from tickets where customer_id = ? order by created_at`, [customerId]);
const repliesOf = async (ticketId: string) =>
  db().execute<{ message_id: string; body: string; direction: string }[]>(`select message_id, body, direction from ticket_replies where ticket_id = ? order by created_at`, [ticketId]);

describe('the IMAP poller', () => {
  it('makes a ticket of a new mail, threads the reply into it, flags both \\Seen and takes nothing twice on a second poll or a redelivered job', async () => {
    const imap = await imapServer();
    try {
      const { customerId, email } = await customerWithContact();
      const first = `<${randomUUID()}@kunde.test>`;
      const m1 = imap.deliver(mail({ from: email, subject: 'Heizung defekt', text: 'Die Heizung im Büro ist kalt.', messageId: first }));

      expect(await pollImapMailbox(app.orm, imap.env)).toEqual({ created: 1, threaded: 0, duplicate: 0, unknownSender: 0, skipped: 0 });
      const tickets = await ticketsOf(customerId);
      expect(tickets).toHaveLength(1);
      expect(tickets[0]).toMatchObject({ subject: 'Heizung defekt', source: 'email' });
      const ticketId = tickets[0]?.id ?? '';
      expect(m1.flags).toContain('\\Seen');

      // The customer answers: In-Reply-To names the first mail, so it joins the same ticket.
      const m2 = imap.deliver(mail({ from: email, subject: 'Re: Heizung defekt', text: 'Noch immer kalt.', inReplyTo: first }));
      // Through the worker's own dispatch, as BullMQ runs it.
      const ctx = { orm: app.orm, env: { ...readEnv({ ...process.env, DATABASE_URL: 'x', REDIS_URL: 'x' }), ...imap.env } } as unknown as Omit<JobContext, 'job'>;
      const process_ = processorsByQueue(JOB_REGISTRY, ctx).get(JOBS.pollImapMailbox.queue);
      if (!process_) throw new Error('no maintenance processor');
      expect(await process_({ name: JOBS.pollImapMailbox.name, data: {} } as Job)).toMatchObject({ created: 0, threaded: 1 });
      expect(await ticketsOf(customerId)).toHaveLength(1);
      expect((await repliesOf(ticketId)).map((r) => r.body)).toEqual(['Die Heizung im Büro ist kalt.', 'Noch immer kalt.']);
      expect(m2.flags).toContain('\\Seen');

      // Polling again finds nothing new.
      expect(await pollImapMailbox(app.orm, imap.env)).toEqual({ created: 0, threaded: 0, duplicate: 0, unknownSender: 0, skipped: 0 });
      // A job that ran again after its progress was lost (a crash between taking in and storing the UID) reads both again and takes in neither.
      await db().execute(`update imap_mailbox_states set last_uid = 0 where mailbox = ?`, [mailboxKey(imap.env)]);
      expect(await pollImapMailbox(app.orm, imap.env)).toMatchObject({ created: 0, threaded: 0, duplicate: 2 });
      expect(await ticketsOf(customerId)).toHaveLength(1);
      expect(await repliesOf(ticketId)).toHaveLength(2);

      const [state] = await db().execute<{ last_uid: string; last_result: string; last_poll_at: string | null }[]>(
        `select last_uid::text as last_uid, last_result, last_poll_at from imap_mailbox_states where mailbox = ?`,
        [mailboxKey(imap.env)],
      );
      expect(state).toMatchObject({ last_uid: String(m2.uid), last_result: 'ok' });
      expect(state?.last_poll_at).not.toBeNull();
      // The operations page shows the mailbox's last poll.
      const admin = (await userWithRole(app, 'Admin')).client;
      const status = await admin.platform.monitoring.status.query();
      expect(status.imap.find((m) => m.mailbox === mailboxKey(imap.env))).toMatchObject({ lastResult: 'ok', lastError: null, lastSummary: { created: 0, duplicate: 2 }, skipped: 0 });
    } finally {
      await imap.close();
    }
  });

  it('with IMAP_SINCE leaves mail that arrived before that day alone: not taken in, not flagged', async () => {
    const imap = await imapServer();
    try {
      const { customerId, email } = await customerWithContact();
      const old = imap.deliver(mail({ from: email, subject: 'Alte Anfrage', text: 'Von 2020.' }), new Date('2020-03-02T09:00:00Z'));
      const recent = imap.deliver(mail({ from: email, subject: 'Neue Anfrage', text: 'Von heute.' }));
      const env = { ...imap.env, IMAP_SINCE: '2021-01-01' };
      expect(await pollImapMailbox(app.orm, env)).toEqual({ created: 1, threaded: 0, duplicate: 0, unknownSender: 0, skipped: 0 });
      expect((await ticketsOf(customerId)).map((t) => t.subject)).toEqual(['Neue Anfrage']);
      expect(old.flags).not.toContain('\\Seen');
      expect(recent.flags).toContain('\\Seen');
      expect(await pollImapMailbox(app.orm, env)).toEqual({ created: 0, threaded: 0, duplicate: 0, unknownSender: 0, skipped: 0 });
      expect(old.flags).not.toContain('\\Seen');
    } finally {
      await imap.close();
    }
  });

  it('starts over when the server changes UIDVALIDITY, without taking in a message twice', async () => {
    const imap = await imapServer();
    try {
      const { customerId, email } = await customerWithContact();
      imap.deliver(mail({ from: email, subject: 'Erste', text: 'eins' }));
      imap.deliver(mail({ from: email, subject: 'Zweite', text: 'zwei' }));
      expect(await pollImapMailbox(app.orm, imap.env)).toMatchObject({ created: 2 });

      // The mailbox is rebuilt: a new UIDVALIDITY, its messages numbered anew, one more arrives.
      const box = imap.server.getMailbox('INBOX');
      box.uidvalidity += 1;
      box.messages.forEach((m, i) => {
        m.uid = i + 1;
        m.flags = [];
      });
      box.uidnext = box.messages.length + 1;
      imap.deliver(mail({ from: email, subject: 'Dritte', text: 'drei' }));

      expect(await pollImapMailbox(app.orm, imap.env)).toEqual({ created: 1, threaded: 0, duplicate: 2, unknownSender: 0, skipped: 0 });
      expect((await ticketsOf(customerId)).map((t) => t.subject)).toEqual(['Erste', 'Zweite', 'Dritte']);
      const [state] = await db().execute<{ uid_validity: string; last_uid: string }[]>(`select uid_validity::text as uid_validity, last_uid::text as last_uid from imap_mailbox_states where mailbox = ?`, [mailboxKey(imap.env)]);
      expect(state).toEqual({ uid_validity: String(box.uidvalidity), last_uid: '3' });
    } finally {
      await imap.close();
    }
  });

  it('skips a message without (or with an overlong) Message-ID or without sender once and records it; the mail after it is taken in', async () => {
    const imap = await imapServer();
    try {
      const { customerId, email } = await customerWithContact();
      const broken = imap.deliver(mail({ from: email, subject: 'Ohne ID', text: 'x', messageId: null }));
      const noSender = imap.deliver('Subject: Kein Absender\r\nMessage-ID: <nosender-' + randomUUID() + '@x.test>\r\n\r\nx\r\n');
      const tooLong = imap.deliver(mail({ from: email, subject: 'Zu lang', text: 'x', messageId: `<${'a'.repeat(1000)}@x.test>` }));
      imap.deliver(mail({ from: email, subject: 'Gültig', text: 'y' }));

      expect(await pollImapMailbox(app.orm, imap.env)).toEqual({ created: 1, threaded: 0, duplicate: 0, unknownSender: 0, skipped: 3 });
      expect(await pollImapMailbox(app.orm, imap.env)).toEqual({ created: 0, threaded: 0, duplicate: 0, unknownSender: 0, skipped: 0 });
      expect((await ticketsOf(customerId)).map((t) => t.subject)).toEqual(['Gültig']);
      const skipped = await db().execute<{ uid: string; reason: string }[]>(`select uid::text as uid, reason from imap_skipped_messages where mailbox = ? order by uid`, [mailboxKey(imap.env)]);
      expect(skipped).toEqual([
        { uid: String(broken.uid), reason: 'no Message-ID' },
        { uid: String(noSender.uid), reason: 'no sender address' },
        { uid: String(tooLong.uid), reason: 'Message-ID too long' },
      ]);
    } finally {
      await imap.close();
    }
  });

  it('fails the job cleanly (and records why) when the server is down or refuses the login; nothing is taken in', async () => {
    const imap = await imapServer();
    const { customerId, email } = await customerWithContact();
    imap.deliver(mail({ from: email, subject: 'Warten', text: 'z' }));
    try {
      await expect(pollImapMailbox(app.orm, { ...imap.env, IMAP_PASSWORD: 'wrong' })).rejects.toThrow(/IMAP poll of .* failed: login refused/);
      const [refused] = await db().execute<{ last_result: string; last_error: string }[]>(`select last_result, last_error from imap_mailbox_states where mailbox = ?`, [mailboxKey(imap.env)]);
      expect(refused).toMatchObject({ last_result: 'failed', last_error: expect.stringMatching(/login refused/) });
    } finally {
      await imap.close();
    }
    // The server is gone now: its port refuses connections.
    await expect(pollImapMailbox(app.orm, imap.env)).rejects.toThrow(/IMAP poll of .* failed: ECONNREFUSED/);
    expect(await ticketsOf(customerId)).toHaveLength(0);
    // Without a server configured the job does nothing.
    expect(await pollImapMailbox(app.orm, { ...imap.env, IMAP_HOST: undefined })).toEqual({ skipped: 'IMAP is not configured' });
  });

  it('keeps the worker process running while its IMAP server is down; the failed polls go into the normal retry', async () => {
    // A port nobody listens on: taken and given back.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const heartbeatKey = `workmate:worker:heartbeat:imap-${process.pid}`;
    const worker = startWorker({ IMAP_HOST: '127.0.0.1', IMAP_PORT: String(port), IMAP_SECURE: 'false', IMAP_USER: 'nobody', IMAP_POLL_SECONDS: '5', QUEUE_PREFIX: `imap-${process.pid}`, WORKER_HEARTBEAT_KEY: heartbeatKey });
    try {
      await until(async () => /poll-imap-mailbox .*failed: IMAP poll of .*ECONNREFUSED/.test(worker.output()), 'a failed IMAP poll');
      // A retry of it fails the same way, and the worker lives on and keeps beating.
      await until(async () => (worker.output().match(/poll-imap-mailbox .*failed/g) ?? []).length >= 2, 'a retried IMAP poll');
      expect(worker.child.exitCode).toBeNull();
      await app.redis.set(heartbeatKey, 'stale');
      await until(async () => /^\d+$/.test((await app.redis.get(heartbeatKey)) ?? ''), 'a heartbeat after the failures');
    } finally {
      expect(await worker.stop()).toBe(0);
    }
  });
});
