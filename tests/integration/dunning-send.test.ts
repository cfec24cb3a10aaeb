import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDunning } from '@workmate/db/dunning/run';
import { addDays } from '@workmate/domain/berlin-time';
import { defaultInterest } from '@workmate/domain/dunning';
import { readEnv } from '@workmate/worker/env';
import { processDunningRun } from '@workmate/worker/jobs/dunning-run';
import { processSendDunningNotice } from '@workmate/worker/jobs/send-dunning-notice';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { berlinToday, draftInvoice, prepareInvoicing } from '../helpers/invoices.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Sending dunning notices (issue 15): numbered and frozen when sent, the PDF archived once with its
 * sha256 and emailed through SMTP (a local catcher) by the worker's job; the €40 flat fee only
 * once per invoice; discard; automatic sending; the levels' bad input. A database of its own, so
 * no other file's worker relays these jobs.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let admin: Client;
let accountant: Client;
let renderer: PdfRenderer;
const received: Array<{ rcptTo: string[]; raw: string }> = [];
let smtp: SMTPServer;
let smtpUrl = '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  db = await freshDatabase('workmate_dunning');
  app = await startTestApp({ SMTP_URL: smtpUrl }, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
  renderer = new PdfRenderer({ poolSize: 1 });
});
afterAll(async () => {
  await renderer?.close();
  await app?.close();
  await db?.drop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

const sql = <T extends object[]>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const workerEnv = () => readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused', MAIL_FROM: 'Workmate <mahnung@workmate.test>', SMTP_URL: smtpUrl });
const runJob = (noticeId: string) => processSendDunningNotice({ orm: app.orm, storage: app.storage, renderer, env: workerEnv(), lastAttempt: false }, { noticeId });
const noticesOf = async (invoiceId: string) => (await accountant.dunning.notices.list.query({ invoiceId })).items.sort((a, b) => a.level - b.level);
const RATES = [{ from: '2025-07-01', rate: '1.27' }];

async function openInvoice(options: { type?: 'business' | 'individual'; email?: boolean } = {}) {
  const email = options.email === false ? null : `${unique('kunde').replace(/\s/g, '-').toLowerCase()}@example.test`;
  const customer = await admin.crm.customers.create.mutate({ name: unique('Mahnkunde GmbH'), type: options.type ?? 'business', email, street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland' });
  const invoice = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
  return { id: invoice.id, number: invoice.number as string, dueDate: invoice.dueDate as string, gross: invoice.grossTotal, email };
}

function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('sending a dunning notice', () => {
  it('numbers and freezes it, archives its PDF once with the sha256, and emails it once', async () => {
    const inv = await openInvoice();
    const day = addDays(inv.dueDate, 25);
    await runDunning(app.orm.em.fork(), day);
    const [proposal] = await noticesOf(inv.id);
    expect(proposal).toMatchObject({ level: 2, status: 'proposed', number: null, flatFee: '40.00', levelFee: '5.00' });

    const sent = await accountant.dunning.notices.send.mutate({ id: proposal?.id as string });
    const interest = defaultInterest({ outstanding: inv.gross, dueDate: inv.dueDate, until: day, consumer: false, baseRates: RATES }).interest;
    expect(sent).toMatchObject({ status: 'sent', number: `MA-${berlinToday().slice(0, 4)}-0001`, noticeDate: day, interest, flatFee: '40.00', emailTo: [inv.email], emailStatus: 'queued', title: '1. Mahnung' });
    const cents = (v: string) => BigInt(v.replace('.', ''));
    expect(cents(sent.total)).toBe(cents(inv.gross) + cents(interest) + 500n + 4000n);
    // The job is in the outbox, written with the change.
    expect(await sql(`select 1 from outbox where job_id = ?`, [`dunning-notice-${sent.id}`])).toHaveLength(1);

    const before = received.length;
    expect(await runJob(sent.id)).toMatchObject({ archived: true, emailed: true });
    const pdf = await accountant.dunning.notices.pdf.query({ id: sent.id });
    if (!pdf) throw new Error('no archived PDF');
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf.sha256);
    const text = pdfText(bytes);
    expect(text).toContain(sent.number as string);
    expect(text).toContain(inv.number);
    expect(text).toContain('Verzugspauschale');
    expect(text).toContain('40,00 €');
    expect(received.length).toBe(before + 1);
    expect(received[before]?.rcptTo).toEqual([inv.email]);
    expect(received[before]?.raw).toContain(pdf.fileName);
    expect((await accountant.dunning.notices.get.query({ id: sent.id })).emailStatus).toBe('sent');

    // A retried job neither renders a second PDF nor sends a second email.
    await runJob(sent.id);
    expect(received.length).toBe(before + 1);
    expect((await accountant.dunning.notices.pdf.query({ id: sent.id }))?.sha256).toBe(pdf.sha256);

    // Sent is final: not again, not discarded, and the database refuses any change of its amounts.
    expect((await errorOf(accountant.dunning.notices.send.mutate({ id: sent.id }))).appCode).toBe('dunning.notProposed');
    expect((await errorOf(accountant.dunning.notices.discard.mutate({ id: sent.id }))).appCode).toBe('dunning.notProposed');
    await expect(sql(`update dunning_notices set total = total + 1 where id = ?`, [sent.id])).rejects.toThrow(/cannot change/);
    const audit = await sql<Array<{ action: string }>>(`select action from audit_log where entity = 'dunningNotice' and entity_id = ? order by id`, [sent.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('charges the €40 flat fee only once: the next level after a sent one charges none', async () => {
    const inv = await openInvoice({ email: false });
    await runDunning(app.orm.em.fork(), addDays(inv.dueDate, 25));
    const [second] = await noticesOf(inv.id);
    const sent = await accountant.dunning.notices.send.mutate({ id: second?.id as string });
    expect(sent).toMatchObject({ flatFee: '40.00', emailStatus: null, emailTo: null });
    await runDunning(app.orm.em.fork(), addDays(inv.dueDate, 40));
    const third = (await noticesOf(inv.id)).find((n) => n.level === 3);
    expect(third).toMatchObject({ status: 'proposed', flatFee: '0.00', levelFee: '10.00' });
    const sentThird = await accountant.dunning.notices.send.mutate({ id: third?.id as string });
    expect(sentThird.flatFee).toBe('0.00');
    expect(sentThird.number).not.toBe(sent.number);
  });

  it('never charges a consumer the flat fee', async () => {
    const inv = await openInvoice({ type: 'individual', email: false });
    await runDunning(app.orm.em.fork(), addDays(inv.dueDate, 25));
    const [proposal] = await noticesOf(inv.id);
    expect((await accountant.dunning.notices.send.mutate({ id: proposal?.id as string })).flatFee).toBe('0.00');
  });

  it('a discarded proposal stays discarded: the run does not propose that level again', async () => {
    const inv = await openInvoice({ email: false });
    const day = addDays(inv.dueDate, 10);
    await runDunning(app.orm.em.fork(), day);
    const [proposal] = await noticesOf(inv.id);
    expect((await accountant.dunning.notices.discard.mutate({ id: proposal?.id as string })).status).toBe('discarded');
    await runDunning(app.orm.em.fork(), day);
    expect((await noticesOf(inv.id)).map((n) => [n.level, n.status])).toEqual([[1, 'discarded']]);
  });

  it('a proposal of an invoice paid meanwhile cannot be sent', async () => {
    const inv = await openInvoice({ email: false });
    await runDunning(app.orm.em.fork(), addDays(inv.dueDate, 10));
    const [proposal] = await noticesOf(inv.id);
    await accountant.invoices.payments.add.mutate({ invoiceId: inv.id, amount: inv.gross, paymentDate: berlinToday() });
    const refused = await errorOf(accountant.dunning.notices.send.mutate({ id: proposal?.id as string }));
    expect(refused).toMatchObject({ code: 'CONFLICT', appCode: 'dunning.notProposed' });
  });

  it('with automatic sending on, the worker run sends what it proposes', async () => {
    const settings = await accountant.dunning.settings.get.query();
    await accountant.dunning.settings.update.mutate({ autoSend: true, numberPattern: settings.numberPattern });
    try {
      const inv = await openInvoice();
      const result = await processDunningRun(app.orm, { SMTP_URL: smtpUrl }, { today: addDays(inv.dueDate, 10) });
      expect(result.sent).toBeGreaterThanOrEqual(1);
      const [notice] = await noticesOf(inv.id);
      expect(notice).toMatchObject({ level: 1, status: 'sent', emailStatus: 'queued', title: 'Zahlungserinnerung', sentBy: null });
      expect(notice?.number).toMatch(/^MA-\d{4}-\d{4}$/);
    } finally {
      await accountant.dunning.settings.update.mutate({ autoSend: false, numberPattern: settings.numberPattern });
    }
  });

  it('refuses bad levels and number patterns with a 400 naming the field; an Employee may not see or run dunning', async () => {
    const level = (await accountant.dunning.settings.get.query()).levels[0];
    if (!level) throw new Error('no levels');
    const { id: _id, version: _v, ...fields } = level;
    const negative = await errorOf(accountant.dunning.settings.updateLevel.mutate({ ...fields, fee: '-1.00' }));
    expect(negative).toMatchObject({ code: 'BAD_REQUEST' });
    expect(Object.keys(negative.fieldErrors ?? {})).toEqual(['fee']);
    const days = await errorOf(accountant.dunning.settings.updateLevel.mutate({ ...fields, daysAfterDue: 400 }));
    expect(Object.keys(days.fieldErrors ?? {})).toEqual(['daysAfterDue']);
    const noLevel = await errorOf(accountant.dunning.settings.updateLevel.mutate({ ...fields, level: 4 }));
    expect(Object.keys(noLevel.fieldErrors ?? {})).toEqual(['level']);
    const pattern = await errorOf(accountant.dunning.settings.update.mutate({ autoSend: false, numberPattern: 'MA-ohne-Zähler' }));
    expect(Object.keys(pattern.fieldErrors ?? {})).toEqual(['numberPattern']);
    const changed = await accountant.dunning.settings.updateLevel.mutate({ ...fields, fee: '2.50', version: level.version });
    expect(changed.fee).toBe('2.50');
    await accountant.dunning.settings.updateLevel.mutate({ ...fields, version: changed.version });
    const employee = (await userWithRole(app, 'Employee')).client;
    expect((await errorOf(employee.dunning.notices.list.query({}))).code).toBe('FORBIDDEN');
    expect((await errorOf(employee.dunning.run.mutate())).code).toBe('FORBIDDEN');
  });
});
