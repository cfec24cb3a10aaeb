import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { readEnv, type WorkerEnv } from '@workmate/worker/env';
import { processSendConsentRequest, processSendMailingEmail } from '@workmate/worker/jobs/campaign-jobs';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { readableMail, startMailCatcher, type MailCatcher } from '../helpers/mail-catcher.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** Marketing campaigns (issue 18): double opt-in, members from a filter, mailings sent once, open pixel, one-click unsubscribe. */
let app: TestApp;
let smtp: MailCatcher;
let env: WorkerEnv;
let marketer: Client;
let employee: Client;
let accountant: Client;
let admin: Client;
let city: string;
let customerId: string;

beforeAll(async () => {
  app = await startTestApp();
  smtp = await startMailCatcher();
  env = readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused', SMTP_URL: smtp.url, MAIL_FROM: 'Marketing <news@workmate.test>', PUBLIC_URL: app.url });
  marketer = (await userWithRole(app, 'Manager')).client;
  employee = (await userWithRole(app, 'Employee')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  admin = (await userWithRole(app, 'Admin')).client;
  city = unique('Kampagnenstadt');
  customerId = (await marketer.crm.customers.create.mutate({ name: unique('Newsletter GmbH'), city })).id;
});
afterAll(async () => {
  await smtp?.close();
  await app?.close();
});

const db = () => app.orm.em.fork().getConnection();
const newEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;
const contact = async (firstName: string, email: string | null) =>
  (await marketer.crm.contacts.create.mutate({ customerId, firstName, lastName: 'Muster', email })).id;

/** The newest outbox job of a name whose payload has the given field value. */
async function outboxJobs(name: string, field: string, value: string): Promise<Array<Record<string, unknown>>> {
  const rows = await db().execute(`select payload from outbox where name = ? and payload->>'${field}' = ? order by id`, [name, value]);
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>);
}

async function mailsTo(email: string): Promise<string[]> {
  return smtp.messages.map(readableMail).filter((m) => new RegExp(`^To: ${email.replace(/[.+]/g, '\\$&')}`, 'mi').test(m));
}

/** Runs the consent request jobs of a contact's address (as the worker would) and returns the confirmation token mailed. */
async function mailOptIn(contactId: string, email: string): Promise<string> {
  const consentId = ((await db().execute(`select id from marketing_consents where email = ?`, [email]))[0]?.id ?? '') as string;
  for (const payload of await outboxJobs('send-consent-request', 'consentId', consentId)) await processSendConsentRequest(app.orm, env, payload);
  const mail = (await mailsTo(email)).at(-1) ?? '';
  const token = /\/c\/([A-Za-z0-9_-]{43})/.exec(mail)?.[1];
  expect(token, `opt-in mail of ${contactId}`).toBeDefined();
  return token ?? '';
}

const post = (path: string, body = 'List-Unsubscribe=One-Click') =>
  fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

async function sendAll(mailingId: string) {
  const jobs = await db().execute(`select o.payload from outbox o join mailing_recipients r on r.id::text = o.payload->>'recipientId' where o.name = 'send-mailing-email' and r.mailing_id = ?`, [mailingId]);
  for (const row of jobs) await processSendMailingEmail(app.orm, env, typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload);
  return jobs.length;
}

describe('double opt-in, mailings, opens and one-click unsubscribe', () => {
  let anna: string;
  let annaEmail: string;
  let bert: string;
  let campaignId: string;
  let openToken: string;
  let unsubscribeToken: string;

  it('a filter adds the matching contacts with an email address once, however often it runs', async () => {
    annaEmail = newEmail('anna');
    anna = await contact('Anna <b>', annaEmail);
    bert = await contact('Bert', newEmail('bert'));
    await contact('Carla', null);
    const c = await marketer.campaigns.create.mutate({ name: unique('Frühjahrsaktion'), description: 'Wartung', filter: { city } });
    campaignId = c.id;
    expect(c.filter).toMatchObject({ city, customerStatus: [], primaryOnly: false });
    expect(await marketer.campaigns.members.addFromFilter.mutate({ id: campaignId })).toEqual({ added: 2, memberCount: 2 });
    expect(await marketer.campaigns.members.addFromFilter.mutate({ id: campaignId })).toEqual({ added: 0, memberCount: 2 });
    // Twice at once: still each contact once (the campaign row is locked, the pair is unique).
    await Promise.all([marketer.campaigns.members.addFromFilter.mutate({ id: campaignId }), marketer.campaigns.members.addFromFilter.mutate({ id: campaignId })]);
    const members = await employee.campaigns.members.list.query({ campaignId });
    expect(members.total).toBe(2);
    expect(members.items.map((m) => m.contactId).sort()).toEqual([anna, bert].sort());
    expect(members.items.every((m) => m.source === 'filter' && m.consentStatus === null)).toBe(true);
    // Adding by hand a member already there keeps one row.
    await marketer.campaigns.members.add.mutate({ campaignId, contactId: anna });
    expect((await marketer.campaigns.get.query({ id: campaignId })).memberCount).toBe(2);
    const trail = await admin.audit.list.query({ entity: 'campaign', entityId: campaignId });
    expect(trail.items.map((i) => i.action)).toEqual(['create']);
  });

  it('a pending address gets no mailing; after confirming the link (POST, with time and IP) it does', async () => {
    const requested = await marketer.campaigns.consent.request.mutate({ contactId: anna });
    expect(requested).toMatchObject({ status: 'pending', email: annaEmail, confirmedAt: null });
    const draft = await marketer.campaigns.mailings.create.mutate({ campaignId, subject: 'Hallo {{firstName}}', body: 'Liebe/r {{firstName}} {{lastName}},\nunser Angebot für {{customerName}}.' });
    const sent = await marketer.campaigns.mailings.send.mutate({ id: draft.id });
    expect(sent.stats).toMatchObject({ recipients: 2, queued: 0, sent: 0, skippedNoConsent: 2 });
    expect(await sendAll(draft.id)).toBe(0);
    expect(await mailsTo(annaEmail)).toHaveLength(0);

    const token = await mailOptIn(anna, annaEmail);
    // The stored hash is not the token.
    const stored = (await db().execute(`select token_hash from marketing_consents where email = ?`, [annaEmail]))[0]?.token_hash as string;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);
    // Opening the link (a mail scanner does too) changes nothing; the button on the page confirms.
    const pageAnswer = await fetch(`${app.url}/c/${token}`);
    expect(pageAnswer.status).toBe(200);
    expect(await pageAnswer.text()).toContain('<form method="post"');
    expect((await marketer.campaigns.consent.get.query({ contactId: anna })).status).toBe('pending');
    const confirmed = await post(`/c/${token}`, '');
    expect(confirmed.status).toBe(200);
    const consent = await employee.campaigns.consent.get.query({ contactId: anna });
    expect(consent).toMatchObject({ status: 'confirmed', confirmedIp: '127.0.0.1' });
    expect(consent.confirmedAt).not.toBeNull();
    // Confirming again changes nothing.
    expect((await post(`/c/${token}`, '')).status).toBe(200);
    expect((await employee.campaigns.consent.get.query({ contactId: anna })).confirmedAt).toBe(consent.confirmedAt);
    const consentId = (await db().execute(`select id from marketing_consents where email = ?`, [annaEmail]))[0]?.id as string;
    const trail = await admin.audit.list.query({ entity: 'marketingConsent', entityId: consentId });
    expect(trail.items.find((i) => 'confirmedAt' in i.changes)?.actorLabel).toBe('opt-in link');
  });

  it('a mailing goes to each confirmed recipient exactly once, even when its job is delivered again or twice at once', async () => {
    const draft = await marketer.campaigns.mailings.create.mutate({ campaignId, subject: 'Neu für {{customerName}}', body: 'Hallo {{firstName}},\nschön, dass Sie dabei sind.' });
    const sent = await marketer.campaigns.mailings.send.mutate({ id: draft.id });
    expect(sent.stats).toMatchObject({ recipients: 2, queued: 1, skippedNoConsent: 1 });
    // Sending the same mailing again is refused.
    const again = await errorOf(marketer.campaigns.mailings.send.mutate({ id: draft.id }));
    expect(again).toMatchObject({ httpStatus: 409, appCode: 'mailing.alreadySent' });

    const [job] = await db().execute(`select o.payload from outbox o join mailing_recipients r on r.id::text = o.payload->>'recipientId' where r.mailing_id = ?`, [draft.id]);
    const payload = typeof job?.payload === 'string' ? JSON.parse(job.payload) : job?.payload;
    const before = (await mailsTo(annaEmail)).length;
    const results = await Promise.all([processSendMailingEmail(app.orm, env, payload), processSendMailingEmail(app.orm, env, payload)]);
    expect(results).toContainEqual({ sent: true });
    expect(results).toContainEqual({ skipped: 'not queued' });
    expect(await processSendMailingEmail(app.orm, env, payload)).toEqual({ skipped: 'not queued' });
    const mails = (await mailsTo(annaEmail)).slice(before);
    expect(mails).toHaveLength(1);
    const mail = mails[0] ?? '';
    expect(mail).toMatch(/^Subject: .*Newsletter/m);
    const listUnsubscribe = /^List-Unsubscribe: <([^>]+)>/m.exec(mail)?.[1] ?? '';
    expect(listUnsubscribe).toMatch(new RegExp(`^${app.url}/u/[A-Za-z0-9_-]{43}$`));
    expect(mail).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    // The name a contact typed is escaped in the HTML part.
    expect(mail).toContain('Hallo Anna &lt;b&gt;,');
    expect(mail).not.toContain('Hallo Anna <b>,</');
    unsubscribeToken = listUnsubscribe.split('/u/')[1] ?? '';
    openToken = /\/o\/([A-Za-z0-9_-]{43})/.exec(mail)?.[1] ?? '';
    expect(openToken).toHaveLength(43);
    const stats = (await marketer.campaigns.mailings.get.query({ id: draft.id })).stats;
    expect(stats).toMatchObject({ recipients: 2, sent: 1, queued: 0, failed: 0, skippedNoConsent: 1, opened: 0 });
  });

  it('the open pixel records the first open once and answers the same picture for any token', async () => {
    const first = await fetch(`${app.url}/o/${openToken}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/gif');
    const [row] = await db().execute(`select opened_at, mailing_id from mailing_recipients where email = ? and opened_at is not null`, [annaEmail]);
    expect(row?.opened_at).toBeTruthy();
    await fetch(`${app.url}/o/${openToken}`);
    const [again] = await db().execute(`select opened_at from mailing_recipients where email = ? and opened_at is not null`, [annaEmail]);
    expect(new Date(again?.opened_at as string).toISOString()).toBe(new Date(row?.opened_at as string).toISOString());
    expect((await marketer.campaigns.mailings.get.query({ id: row?.mailing_id as string })).stats.opened).toBe(1);
    for (const bad of ['x', '%E0%A4%A', 'A'.repeat(43), "'%20or%201=1"]) {
      const answer = await fetch(`${app.url}/o/${bad}`);
      expect(answer.status === 200 || answer.status === 400, bad).toBe(true);
      if (answer.status === 200) expect(answer.headers.get('content-type')).toBe('image/gif');
    }
  });

  it('one-click unsubscribe works without signing in; a bad token is 4xx and changes nothing; an unsubscribed address gets nothing more', async () => {
    for (const bad of [randomBytes(32).toString('base64url'), 'short', 'A'.repeat(44), '%27%3B--', '%00', 'x'.repeat(4000), `${unsubscribeToken}/extra`, '']) {
      const answer = await post(`/u/${bad}`);
      expect([400, 404], bad).toContain(answer.status);
      expect(await answer.text()).not.toContain(annaEmail);
    }
    for (const bad of ['%00', 'x'.repeat(4000), '', '..%2f..%2fetc']) {
      for (const kind of ['u', 'c']) expect([400, 404], `${kind}/${bad}`).toContain((await fetch(`${app.url}/${kind}/${bad}`)).status);
    }
    expect((await fetch(`${app.url}/u/${unsubscribeToken}`, { method: 'DELETE' })).status).toBe(405);
    // The server goes on answering.
    expect((await fetch(`${app.url}/o/x`)).status).toBe(200);
    expect((await marketer.campaigns.consent.get.query({ contactId: anna })).status).toBe('confirmed');
    // The page behind the link only asks; GET changes nothing.
    expect((await fetch(`${app.url}/u/${unsubscribeToken}`)).status).toBe(200);
    expect((await marketer.campaigns.consent.get.query({ contactId: anna })).status).toBe('confirmed');

    const answer = await post(`/u/${unsubscribeToken}`);
    expect(answer.status).toBe(200);
    expect((await post(`/u/${unsubscribeToken}`)).status).toBe(200);
    const consent = await marketer.campaigns.consent.get.query({ contactId: anna });
    expect(consent.status).toBe('unsubscribed');
    expect(consent.unsubscribedAt).not.toBeNull();
    const mailingId = (await db().execute(`select mailing_id from mailing_recipients where email = ? and unsubscribed_at is not null`, [annaEmail]))[0]?.mailing_id as string;
    expect((await marketer.campaigns.mailings.get.query({ id: mailingId })).stats.unsubscribed).toBe(1);

    const next = await marketer.campaigns.mailings.create.mutate({ campaignId, subject: 'Noch eins', body: 'Text' });
    expect((await marketer.campaigns.mailings.send.mutate({ id: next.id })).stats).toMatchObject({ queued: 0, skippedNoConsent: 2 });
  });

  it('only a new confirmed opt-in brings an unsubscribed address back; old links stay void', async () => {
    const oldToken = await (async () => {
      const mails = await mailsTo(annaEmail);
      return /\/c\/([A-Za-z0-9_-]{43})/.exec(mails.find((m) => m.includes('/c/')) ?? '')?.[1] ?? '';
    })();
    expect((await marketer.campaigns.consent.request.mutate({ contactId: anna })).status).toBe('pending');
    expect((await post(`/c/${oldToken}`, '')).status).toBe(404);
    const fresh = await mailOptIn(anna, annaEmail);
    expect(fresh).not.toBe(oldToken);
    expect((await post(`/c/${fresh}`, '')).status).toBe(200);
    const m = await marketer.campaigns.mailings.create.mutate({ campaignId, subject: 'Willkommen zurück', body: 'Text' });
    expect((await marketer.campaigns.mailings.send.mutate({ id: m.id })).stats).toMatchObject({ queued: 1, skippedNoConsent: 1 });

    // A mail server that refuses the address for good: the recipient is failed, with the reason, and not retried.
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(_address, _session, done) {
        done(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    try {
      const port = (refusing.server.address() as { port: number }).port;
      const refusingEnv = readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused', SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: app.url });
      const [job] = await db().execute(`select o.payload from outbox o join mailing_recipients r on r.id::text = o.payload->>'recipientId' where r.mailing_id = ?`, [m.id]);
      const payload = typeof job?.payload === 'string' ? JSON.parse(job.payload) : job?.payload;
      await expect(processSendMailingEmail(app.orm, refusingEnv, payload)).rejects.toThrow(/Mailbox unavailable/);
      expect(await processSendMailingEmail(app.orm, env, payload)).toEqual({ skipped: 'not queued' });
    } finally {
      await new Promise<void>((r) => refusing.close(() => r()));
    }
    expect((await marketer.campaigns.mailings.get.query({ id: m.id })).stats).toMatchObject({ recipients: 2, sent: 0, failed: 1, skippedNoConsent: 1 });
    const failed = (await employee.campaigns.mailings.recipients.query({ id: m.id })).find((r) => r.status === 'failed');
    expect(failed).toMatchObject({ email: annaEmail });
    expect(failed?.error).toContain('Mailbox unavailable');
  });

  it('removes a member by hand', async () => {
    expect(await marketer.campaigns.members.remove.mutate({ campaignId, contactId: bert })).toEqual({ removed: true });
    expect((await marketer.campaigns.members.list.query({ campaignId })).items.map((i) => i.contactId)).toEqual([anna]);
  });
});

describe('refusals', () => {
  it('bad input names the field', async () => {
    const name = await errorOf(marketer.campaigns.create.mutate({ name: '  ' }));
    expect(name.httpStatus).toBe(400);
    expect(name.fieldErrors?.name).toBeDefined();
    const c = await marketer.campaigns.create.mutate({ name: unique('Feldtest') });
    const body = await errorOf(marketer.campaigns.mailings.create.mutate({ campaignId: c.id, subject: 'ok', body: 'Hallo {{{firstName}}} {{password}}' }));
    expect(body.httpStatus).toBe(400);
    expect(body.fieldIssues?.body?.[0]?.code).toBe('field.mailingPlaceholders');
    const filter = await errorOf(marketer.campaigns.update.mutate({ id: c.id, filter: { customerStatus: ['nope' as 'active'] } }));
    expect(filter.httpStatus).toBe(400);
    expect(Object.keys(filter.fieldErrors ?? {})[0]).toMatch(/^filter\.customerStatus/);
    const noEmail = await contact('Ohne', null);
    const add = await errorOf(marketer.campaigns.members.add.mutate({ campaignId: c.id, contactId: noEmail }));
    expect(add).toMatchObject({ httpStatus: 400, appCode: 'campaign.contactWithoutEmail' });
    expect(add.fieldErrors?.contactId).toBeDefined();
    const consent = await errorOf(marketer.campaigns.consent.request.mutate({ contactId: noEmail }));
    expect(consent.fieldErrors?.contactId).toBeDefined();
    const empty = await errorOf(marketer.campaigns.mailings.send.mutate({ id: (await marketer.campaigns.mailings.create.mutate({ campaignId: c.id, subject: 'x', body: 'y' })).id }));
    expect(empty).toMatchObject({ httpStatus: 409, appCode: 'mailing.noMembers' });
  });

  it('reading needs campaigns.read and changing campaigns.write', async () => {
    const c = await marketer.campaigns.create.mutate({ name: unique('Rechte') });
    expect(await codeOf(employee.campaigns.get.query({ id: c.id }))).toBe('OK');
    expect(await codeOf(employee.campaigns.create.mutate({ name: 'Nein' }))).toBe('FORBIDDEN');
    expect(await codeOf(employee.campaigns.members.addFromFilter.mutate({ id: c.id }))).toBe('FORBIDDEN');
    expect(await codeOf(accountant.campaigns.list.query({}))).toBe('FORBIDDEN');
    const mailing = await marketer.campaigns.mailings.create.mutate({ campaignId: c.id, subject: 'x', body: 'y' });
    expect(await codeOf(employee.campaigns.mailings.send.mutate({ id: mailing.id }))).toBe('FORBIDDEN');
    expect((await marketer.campaigns.mailings.get.query({ id: mailing.id })).status).toBe('draft');
  });
});
