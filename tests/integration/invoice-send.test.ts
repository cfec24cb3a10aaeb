import { createHash } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, QUEUES } from '@workmate/domain/jobs';
import { readEnv } from '@workmate/worker/env';
import { processorsByQueue } from '@workmate/worker/jobs/dispatch';
import { JOB_REGISTRY } from '@workmate/worker/jobs/registry';
import { processRenderInvoicePdf } from '@workmate/worker/jobs/render-invoice-pdf';
import { processSendInvoiceEmail } from '@workmate/worker/jobs/send-invoice-email';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { draftInvoice, prepareInvoicing, SELLER } from '../helpers/invoices.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Sending documents by email (issue 14): invoices.send records the request with its job; the
 * worker's job emails the archived PDF through SMTP (a local catcher here) in the document's
 * language and marks the document sent, once. A database of its own: no worker of another test
 * file (without SMTP) relays these jobs, so this file runs them itself, when it wants to.
 */

interface Received {
  from: string;
  rcptTo: string[];
  raw: string;
}

/** A local SMTP server that keeps what it receives; `refuse` makes it answer RCPT TO with 550. */
async function smtpCatcher() {
  const received: Received[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (!state.refuse) return callback();
      const error = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 });
      return callback(error);
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return { received, state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Just enough MIME to read what nodemailer writes: headers (RFC 2047 words decoded), parts, base64 and quoted-printable bodies. */
interface MimePart {
  headers: Record<string, string>;
  body: Buffer;
  parts: MimePart[];
}
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_all, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}
function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const content = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    const pieces = content.split(`--${boundary}`).slice(1, -1);
    return { headers, body: Buffer.alloc(0), parts: pieces.map((p) => parseMime(p.replace(/^\r\n/, ''))) };
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(content.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(content.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')
        : Buffer.from(content, 'latin1');
  return { headers, body, parts: [] };
}
const leaves = (part: MimePart): MimePart[] => (part.parts.length ? part.parts.flatMap(leaves) : [part]);
function readMail(raw: string) {
  const mail = parseMime(raw);
  const all = leaves(mail);
  const text = all.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith('text/plain'))?.body.toString('utf8') ?? '';
  const attachments = all
    .filter((p) => /attachment/i.test(p.headers['content-disposition'] ?? ''))
    .map((p) => ({ filename: /filename="?([^";]+)"?/i.exec(p.headers['content-disposition'] ?? '')?.[1] ?? '', type: (p.headers['content-type'] ?? '').split(';')[0], sha256: createHash('sha256').update(p.body).digest('hex') }));
  return { headers: mail.headers, text, attachments };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let unconfigured: TestApp;
let smtp: Awaited<ReturnType<typeof smtpCatcher>>;
let renderer: PdfRenderer;
let admin: Client;
let accountant: Client;
let accountantId: string;

beforeAll(async () => {
  smtp = await smtpCatcher();
  db = await freshDatabase('workmate_send');
  app = await startTestApp({ SMTP_URL: smtp.url }, { databaseUrl: db.databaseUrl });
  // The same installation, but without SMTP set up.
  unconfigured = await startTestApp({}, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  const acc = await userWithRole(app, 'Accountant');
  accountant = acc.client;
  accountantId = acc.employee.id;
  await prepareInvoicing(admin);
  renderer = new PdfRenderer({ poolSize: 1 });
});
afterAll(async () => {
  await renderer?.close();
  await unconfigured?.close();
  await app?.close();
  await db?.drop();
  await smtp?.close();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const workerEnv = (smtpUrl: string | undefined = smtp.url) => readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused', MAIL_FROM: 'Workmate <rechnung@workmate.test>', ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}) });
const noPublish = { publish: async () => 0 };

/** The worker's own dispatch (registry → handler) for one job of the notifications queue, as BullMQ hands it over. */
function runJob(sendId: string, attempt = { attemptsMade: 0, attempts: 5 }, env = workerEnv()) {
  const dispatch = processorsByQueue(JOB_REGISTRY, { orm: app.orm, redis: app.redis, env, storage: app.storage, renderer }).get(QUEUES.notifications);
  if (!dispatch) throw new Error('no processor for the notifications queue');
  const job = { name: JOBS.sendInvoiceEmail.name, data: { sendId }, attemptsMade: attempt.attemptsMade, opts: { attempts: attempt.attempts } } as unknown as Job;
  return dispatch(job);
}

async function customerWithEmail(language: 'de' | 'en' = 'de') {
  const email = `${unique('kunde').replace(/\s/g, '-').toLowerCase()}@example.test`;
  const customer = await admin.crm.customers.create.mutate({ name: unique('Mailkunde GmbH'), email, language, street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland' });
  return { ...customer, email };
}

async function finalized(language: 'de' | 'en' = 'de', type: 'invoice' | 'quote' = 'invoice') {
  const customer = await customerWithEmail(language);
  const draft = await draftInvoice(accountant, customer.id, { type });
  const invoice = await accountant.invoices.finalize.mutate({ id: draft.id });
  return { customer, invoice };
}

/** What the worker does after finalizing: render and archive the PDF (here in this process). */
async function archivePdf(invoiceId: string) {
  await processRenderInvoicePdf(app.orm, app.storage, renderer, { invoiceId, draftVersion: null });
  const pdf = await accountant.invoices.pdf.query({ id: invoiceId });
  if (pdf.status !== 'ready') throw new Error(`no archived PDF: ${JSON.stringify(pdf)}`);
  return pdf;
}

const counts = async () => {
  const [row] = await sql<Array<{ sends: string; jobs: string }>>(`select (select count(*) from invoice_sends) as sends, (select count(*) from outbox where name = ?) as jobs`, [JOBS.sendInvoiceEmail.name]);
  return { sends: Number(row?.sends), jobs: Number(row?.jobs) };
};
const sendRow = async (id: string) =>
  (await sql<Array<{ status: string; sent_at: Date | null; message_id: string | null; error: string | null }>>(`select status, sent_at, message_id, error from invoice_sends where id = ?`, [id]))[0];

describe('sending a document by email', () => {
  it('emails the archived PDF to the recipients and copies, in German, marks the invoice sent and shows it in the history; a second run sends nothing', async () => {
    const { customer, invoice } = await finalized('de');
    const options = await accountant.invoices.sendOptions.query({ id: invoice.id });
    expect(options).toMatchObject({ smtpConfigured: true, to: [customer.email], language: 'de', sends: [] });

    const before = smtp.received.length;
    const send = await accountant.invoices.send.mutate({ id: invoice.id, to: [customer.email], cc: ['buchhaltung@example.test'], message: 'Vielen Dank für Ihren Auftrag.' });
    expect(send).toMatchObject({ status: 'queued', to: [customer.email], cc: ['buchhaltung@example.test'], language: 'de', requestedBy: { id: accountantId } });
    // The job was written with the request, in its transaction (the outbox).
    expect(await sql(`select job_id from outbox where name = ? and job_id = ?`, [JOBS.sendInvoiceEmail.name, `invoice-email-${send.id}`])).toHaveLength(1);

    // Before the PDF is archived the job fails, to be retried: nothing is sent or given up.
    const early = await runJob(send.id).catch((e: Error) => e);
    expect(early).toBeInstanceOf(Error);
    expect(early).not.toBeInstanceOf(UnrecoverableError);
    expect((early as Error).message).toMatch(/not archived yet/);
    expect((await sendRow(send.id))?.status).toBe('queued');
    expect(smtp.received.length).toBe(before);

    const pdf = await archivePdf(invoice.id);
    const result = (await runJob(send.id)) as { sent: boolean; messageId: string };
    expect(result.sent).toBe(true);
    expect(smtp.received.length).toBe(before + 1);
    const received = smtp.received[before] as Received;
    expect(received.rcptTo.sort()).toEqual([customer.email, 'buchhaltung@example.test'].sort());
    expect(received.from).toBe('rechnung@workmate.test');
    const mail = readMail(received.raw);
    expect(mail.headers.to).toContain(customer.email);
    expect(mail.headers.cc).toContain('buchhaltung@example.test');
    expect(mail.headers.subject).toBe(`Rechnung ${invoice.number} von ${SELLER.companyName}`);
    expect(mail.text).toContain('Vielen Dank für Ihren Auftrag.');
    expect(mail.text).toContain(`anbei erhalten Sie unsere Rechnung ${invoice.number}`);
    expect(invoice.grossTotal).toBe('1237.29');
    expect(mail.text).toContain('über 1.237,29 €');
    // The attachment is the archived PDF, byte for byte.
    expect(mail.attachments).toEqual([{ filename: `Rechnung-${invoice.number}.pdf`, type: 'application/pdf', sha256: pdf.sha256 }]);
    expect(sha256(Buffer.from(pdf.contentBase64, 'base64'))).toBe(pdf.sha256);

    const row = await sendRow(send.id);
    expect(row?.status).toBe('sent');
    expect(row?.sent_at).not.toBeNull();
    expect(row?.message_id).toBe(result.messageId);
    expect(mail.headers['message-id']).toBe(result.messageId);
    const after = await accountant.invoices.get.query({ id: invoice.id });
    expect(after.status).toBe('sent');
    expect(after.sentAt).not.toBeNull();
    // The history: the request, its outcome, and the status change.
    const sendHistory = after.history.filter((h) => h.entity === 'invoiceSend');
    expect(sendHistory.map((h) => h.action).sort()).toEqual(['create', 'update']);
    // The audit trail records json columns as JSON text (as it does the frozen seller and buyer).
    const recipients = sendHistory.find((h) => h.action === 'create')?.changes.toAddresses?.after;
    expect(typeof recipients === 'string' ? JSON.parse(recipients) : recipients).toEqual([customer.email]);
    expect(sendHistory.find((h) => h.action === 'update')?.changes.status).toEqual({ before: 'queued', after: 'sent' });
    expect(after.history.some((h) => h.entity === 'invoice' && h.action === 'update' && h.changes.status?.before === 'finalized' && h.changes.status?.after === 'sent')).toBe(true);
    expect((await accountant.invoices.sendOptions.query({ id: invoice.id })).sends).toMatchObject([{ id: send.id, status: 'sent', messageId: result.messageId }]);

    // The job again (a retry, a redelivered outbox row): the database says it is done; no second mail.
    expect(await runJob(send.id)).toEqual({ skipped: 'already sent' });
    expect(smtp.received.length).toBe(before + 1);
  });

  it('an XRechnung customer gets the archived XRechnung XML attached beside the PDF; a ZUGFeRD customer the Factur-X PDF alone', async () => {
    await admin.core.settings.update.mutate({ contactPhone: '+49 30 1234567', contactEmail: 'rechnung@testfirma.example' });
    try {
      for (const format of ['xrechnung-ubl', 'facturx'] as const) {
        const email = `${unique('ekunde').replace(/\s/g, '-').toLowerCase()}@example.test`;
        const customer = await admin.crm.customers.create.mutate({ name: unique('E-Rechnungskunde GmbH'), email, street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland', countryCode: 'DE', einvoiceFormat: format });
        const draft = await draftInvoice(accountant, customer.id);
        const invoice = await accountant.invoices.finalize.mutate({ id: draft.id });
        const send = await accountant.invoices.send.mutate({ id: invoice.id, to: [email], cc: [], message: null });
        const pdf = await archivePdf(invoice.id);
        const before = smtp.received.length;
        await runJob(send.id);
        expect(smtp.received.length).toBe(before + 1);
        const mail = readMail((smtp.received[before] as Received).raw);
        const [xml] = await sql<Array<{ file_name: string; sha256: string }>>(`select file_name, sha256 from documents where entity_id = ? and kind = 'einvoice_ubl'`, [invoice.id]);
        expect(xml).toBeDefined();
        const expected = [{ filename: `Rechnung-${invoice.number}.pdf`, type: 'application/pdf', sha256: pdf.sha256 }];
        if (format === 'xrechnung-ubl') expected.push({ filename: xml?.file_name ?? '', type: 'application/xml', sha256: xml?.sha256 ?? '' });
        expect(mail.attachments).toEqual(expected);
      }
    } finally {
      await admin.core.settings.update.mutate({ contactPhone: null, contactEmail: null });
    }
  });

  it('writes subject and text in English for an English document, and leaves a paid-for status alone when sent again', async () => {
    const { customer, invoice } = await finalized('en');
    await archivePdf(invoice.id);
    await accountant.invoices.markSent.mutate({ id: invoice.id });
    await accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: invoice.grossTotal, paymentDate: invoice.issueDate as string });
    const before = smtp.received.length;
    const send = await accountant.invoices.send.mutate({ id: invoice.id, to: [customer.email] });
    expect(send.language).toBe('en');
    await runJob(send.id);
    const mail = readMail((smtp.received[before] as Received).raw);
    expect(mail.headers.subject).toBe(`Invoice ${invoice.number} from ${SELLER.companyName}`);
    expect(mail.text).toContain(`please find attached our invoice ${invoice.number}`);
    expect(mail.text).toContain('for €1,237.29');
    expect(mail.headers.cc).toBeUndefined();
    expect((await accountant.invoices.get.query({ id: invoice.id })).status).toBe('paid');
  });

  it('sends a quote as a quote, and it becomes sent', async () => {
    const { customer, invoice: quote } = await finalized('de', 'quote');
    await archivePdf(quote.id);
    const before = smtp.received.length;
    const send = await accountant.invoices.send.mutate({ id: quote.id, to: [customer.email] });
    await runJob(send.id);
    const mail = readMail((smtp.received[before] as Received).raw);
    expect(mail.headers.subject).toBe(`Angebot ${quote.number} von ${SELLER.companyName}`);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`Angebot-${quote.number}.pdf`]);
    expect((await accountant.invoices.get.query({ id: quote.id })).status).toBe('sent');
  });

  it('a refusal by the mail server marks the request failed with the error and tells the person who asked; the invoice stays finalized', async () => {
    const { customer, invoice } = await finalized('de');
    await archivePdf(invoice.id);
    const send = await accountant.invoices.send.mutate({ id: invoice.id, to: [customer.email] });
    smtp.state.refuse = true;
    try {
      const error = await runJob(send.id).catch((e: Error) => e);
      expect(error).toBeInstanceOf(UnrecoverableError);
    } finally {
      smtp.state.refuse = false;
    }
    const row = await sendRow(send.id);
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/550/);
    const notes = await accountant.notifications.list.query({});
    const note = notes.items.find((n) => n.kind === 'invoice_send_failed' && n.entityId === invoice.id);
    expect(note?.title).toBe(`Rechnung ${invoice.number} konnte nicht per E-Mail gesendet werden`);
    expect(note?.body).toContain(customer.email);
    expect((await accountant.invoices.get.query({ id: invoice.id })).status).toBe('finalized');
    // Given up is final: a later run sends nothing.
    expect(await runJob(send.id)).toEqual({ skipped: 'already failed' });
  });

  it('an unreachable mail server is retried; only the last attempt gives the request up', async () => {
    const { customer, invoice } = await finalized('de');
    await archivePdf(invoice.id);
    const send = await accountant.invoices.send.mutate({ id: invoice.id, to: [customer.email] });
    const nowhere = workerEnv('smtp://127.0.0.1:1');
    const first = await runJob(send.id, { attemptsMade: 0, attempts: 5 }, nowhere).catch((e: Error) => e);
    expect(first).toBeInstanceOf(Error);
    expect(first).not.toBeInstanceOf(UnrecoverableError);
    expect((await sendRow(send.id))?.status).toBe('queued');
    const last = await runJob(send.id, { attemptsMade: 4, attempts: 5 }, nowhere).catch((e: Error) => e);
    expect(last).toBeInstanceOf(UnrecoverableError);
    expect((await sendRow(send.id))?.status).toBe('failed');
  });

  it('a worker without SMTP leaves the request queued for a retry', async () => {
    const { customer, invoice } = await finalized('de');
    await archivePdf(invoice.id);
    const send = await accountant.invoices.send.mutate({ id: invoice.id, to: [customer.email] });
    const before = smtp.received.length;
    await expect(processSendInvoiceEmail({ orm: app.orm, storage: app.storage, env: workerEnv(''), redis: noPublish, lastAttempt: false }, { sendId: send.id })).rejects.toThrow(/SMTP_URL is not set/);
    expect((await sendRow(send.id))?.status).toBe('queued');
    expect(smtp.received.length).toBe(before);
  });
});

describe('refusals: nothing is recorded', () => {
  it('without SMTP set up: the app says so, and sending is refused with its code', async () => {
    const { customer, invoice } = await finalized('de');
    const client = (await userWithRole(unconfigured, 'Accountant')).client;
    expect((await client.invoices.sendOptions.query({ id: invoice.id })).smtpConfigured).toBe(false);
    const before = await counts();
    const error = await errorOf(client.invoices.send.mutate({ id: invoice.id, to: [customer.email] }));
    expect(error).toMatchObject({ code: 'CONFLICT', httpStatus: 409, appCode: 'invoice.emailNotConfigured' });
    expect(await counts()).toEqual(before);
  });

  it('bad addresses and a too long message: 400 naming the field', async () => {
    const { customer, invoice } = await finalized('de');
    const before = await counts();
    const cases: Array<[{ to?: string[]; cc?: string[]; message?: string }, string]> = [
      [{ to: ['kein-empfaenger'] }, 'to.0'],
      [{ to: [customer.email, 'keine-adresse'] }, 'to.1'],
      [{ to: [] }, 'to'],
      [{ to: Array.from({ length: 11 }, (_, i) => `k${i}@example.test`) }, 'to'],
      [{ to: [customer.email], cc: ['kopie@example.test', 'x@y@z.de'] }, 'cc.1'],
      [{ to: [`evil@example.test\r\nBcc: victim@example.test`] }, 'to.0'],
      [{ to: [customer.email], message: 'x'.repeat(5001) }, 'message'],
    ];
    for (const [input, field] of cases) {
      const error = await errorOf(accountant.invoices.send.mutate({ id: invoice.id, to: [], ...input }));
      expect(error.httpStatus, JSON.stringify(input).slice(0, 80)).toBe(400);
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(input).slice(0, 80)).toContain(field);
    }
    expect((await errorOf(accountant.invoices.send.mutate({ id: invoice.id, to: [] }))).fieldIssues?.to?.[0]?.code).toBe('field.atLeastOneAddress');
    expect((await errorOf(accountant.invoices.send.mutate({ id: invoice.id, to: ['nope'] }))).fieldIssues?.['to.0']?.[0]?.code).toBe('field.invalidEmail');
    expect(await counts()).toEqual(before);
  });

  it('a draft is refused (finalize it first), and so is a cancelled invoice', async () => {
    const customer = await customerWithEmail();
    const draft = await draftInvoice(accountant, customer.id);
    const before = await counts();
    expect(await errorOf(accountant.invoices.send.mutate({ id: draft.id, to: [customer.email] }))).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.draftNotEmailed' });
    const { invoice } = await finalized('de');
    await accountant.invoices.cancel.mutate({ id: invoice.id, reason: 'Doppelt' });
    expect(await errorOf(accountant.invoices.send.mutate({ id: invoice.id, to: [customer.email] }))).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.cancelledNotSent' });
    expect(await counts()).toEqual(before);
  });

  it('without the permission to mark documents sent: 403', async () => {
    const { customer, invoice } = await finalized('de');
    const before = await counts();
    for (const role of ['Auditor', 'Employee'] as const) {
      const client = (await userWithRole(app, role)).client;
      expect(await errorOf(client.invoices.send.mutate({ id: invoice.id, to: [customer.email] }))).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
    }
    expect(await counts()).toEqual(before);
  });
});
