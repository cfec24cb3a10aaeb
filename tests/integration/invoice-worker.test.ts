import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs } from '@workmate/db/shared/actor';
import { updateSettings } from '@workmate/db/core/settings';
import { buildPrintModel } from '@workmate/db/invoices/document-model';
import { recalculateDrafts } from '@workmate/db/invoices/drafts';
import { finalizeLocked } from '@workmate/db/invoices/finalize';
import { sweepOverdue } from '@workmate/db/invoices/overdue';
import { lockInvoice } from '@workmate/db/invoices/queries';
import { completeOutboxJob, fanOutEvents, type OutboxRow } from '@workmate/db/outbox/outbox';
import { Notification } from '@workmate/db/entities/notification';
import { addDays } from '@workmate/domain/berlin-time';
import { JOBS, QUEUES } from '@workmate/domain/jobs';
import { readEnv } from '@workmate/worker/env';
import { processorsByQueue } from '@workmate/worker/jobs/dispatch';
import { invoiceFinalizedPdfJob } from '@workmate/worker/jobs/invoice-finalized-pdf';
import { JOB_REGISTRY } from '@workmate/worker/jobs/registry';
import { addToQueue } from '@workmate/worker/relay';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { processSendNotificationEmail } from '@workmate/worker/jobs/send-notification-email';
import { renderInvoiceHtml } from '@workmate/worker/pdf/template';
import { SMTPServer } from 'smtp-server';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { testEnv } from '../helpers/env.ts';
import { berlinToday, draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole, type Client } from '../helpers/users.ts';
import { startWorker, until, type RunningWorker } from '../helpers/worker.ts';

/**
 * The worker with the real queues: invoice PDFs (content, archiving, crash safety), the outbox,
 * the overdue sweep and its reminders, draft recalculation, and notification emails.
 */
let app: TestApp;
let admin: Client;
let accountant: Client;
const tmp = mkdtempSync(join(tmpdir(), 'workmate-pdf-'));
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

/**
 * Text of a PDF, as pdftotext reads it: once with the layout kept (table rows stay on one line),
 * once as flowing text (a sentence wrapped over two lines reads as one).
 */
function pdfText(pdf: Buffer): string {
  const file = join(tmp, `${createHash('sha256').update(pdf).digest('hex')}.pdf`);
  writeFileSync(file, pdf);
  const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  const flowing = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return `${layout}\n${flowing}`;
}

async function readyPdf(client: Client, id: string) {
  let result = await client.invoices.pdf.query({ id });
  const end = Date.now() + 60_000;
  while (result.status !== 'ready' && Date.now() < end) {
    expect(result.status).not.toBe('failed');
    await new Promise((r) => setTimeout(r, 100));
    result = await client.invoices.pdf.query({ id });
  }
  if (result.status !== 'ready') throw new Error(`PDF of ${id} was not rendered: ${JSON.stringify(result)}`);
  return { ...result, buffer: Buffer.from(result.contentBase64, 'base64') };
}

const de = (day: string) => day.split('-').reverse().join('.');

describe('invoice PDFs', () => {
  let worker: RunningWorker;
  beforeAll(() => {
    worker = startWorker();
  });
  afterAll(async () => {
    const code = await worker.stop();
    if (code !== 0 || process.env.SHOW_WORKER_OUTPUT) console.log(worker.output());
    expect(code).toBe(0);
  });

  it('carries every mandatory item of §14 Abs. 4 UStG, and is archived once', async () => {
    const customer = await invoiceCustomer(admin, { name: unique('Müller & Söhne KG') });
    const project = await admin.projects.create.mutate({ title: 'Relaunch', customerId: customer.id });
    const draft = await accountant.invoices.create.mutate({
      customerId: customer.id,
      projectId: project.id,
      servicePeriodFrom: '2026-10-01',
      servicePeriodTo: '2026-10-31',
      lines: [
        { description: 'Konzeption und Beratung', quantity: '12.5', unit: 'Std.', unitPrice: '120.00', taxRate: 19 },
        { description: 'Fachbuch Prozessmanagement', quantity: '3', unit: 'Stk.', unitPrice: '34.90', taxRate: 7 },
      ],
    });
    const inv = await accountant.invoices.finalize.mutate({ id: draft.id });
    const pdf = await readyPdf(accountant, inv.id);
    expect(pdf.final).toBe(true);
    expect(pdf.fileName).toBe(`Rechnung-${inv.number}.pdf`);
    expect(pdf.sha256).toBe(createHash('sha256').update(pdf.buffer).digest('hex'));
    const text = pdfText(pdf.buffer);
    const required = [
      // The seller: name, address, tax number and VAT ID.
      'Workmate Testfirma GmbH', 'Friedrichstraße 123', '10117 Berlin', '30/123/45678', 'DE123456789',
      // The customer: name and address.
      customer.name, 'Domstraße 5', '50667 Köln',
      // Issue date, number, service period.
      de(inv.issueDate as string), inv.number as string, '01.10.2026', '31.10.2026',
      // Quantity and description of each item.
      'Konzeption und Beratung', '12,5', 'Fachbuch Prozessmanagement',
      // Net per rate, the rate, the tax; the gross total.
      '1.500,00 €', '104,70 €', '19 %', '7 %', '285,00 €', '7,33 €', '1.897,03 €',
      // Payment terms, due date, bank details.
      'Zahlbar', de(inv.dueDate as string), 'DE89370400440532013000', 'COBADEFFXXX', 'Testbank Berlin',
    ];
    for (const item of required) expect(text, `the PDF shows ${item}`).toContain(item);
    expect(inv.grossTotal).toBe('1897.03');
    // Asked again: the same archived file, unchanged.
    const again = await readyPdf(accountant, inv.id);
    expect([again.documentId, again.sha256]).toEqual([pdf.documentId, pdf.sha256]);
    const docs = await sql<Array<{ n: string }>>(`select count(*) as n from documents where entity_id = ? and kind = 'invoice_pdf'`, [inv.id]);
    expect(Number(docs[0]?.n)).toBe(1);
    // The browser download: the same file with its name.
    const { token } = await userWithRole(app, 'Auditor');
    const res = await fetch(`${app.url}/api/invoices/${inv.id}/pdf?download=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="Rechnung-${inv.number}.pdf"`);
    expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(pdf.sha256);
    const cached = await fetch(`${app.url}/api/invoices/${inv.id}/pdf`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': `"${pdf.sha256}"` } });
    expect(cached.status).toBe(304);
    const { token: employeeToken } = await userWithRole(app, 'Employee');
    expect((await fetch(`${app.url}/api/invoices/${inv.id}/pdf`, { headers: { authorization: `Bearer ${employeeToken}` } })).status).toBe(403);
    expect((await fetch(`${app.url}/api/invoices/${inv.id}/pdf`)).status).toBe(401);
  });

  it('prints unit prices with the places they have (at least two) and quantities with four', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id, {
      lines: [
        { description: 'Schrauben', quantity: '3', unit: 'Stk.', unitPrice: '1.2605', taxRate: 19 },
        { description: 'Beratung', quantity: '0.3333', unit: 'Std.', unitPrice: '90', taxRate: 19 },
      ],
    });
    const text = pdfText((await readyPdf(accountant, inv.id)).buffer);
    for (const item of ['1,2605 €', '3,78 €', '0,3333', '90,00 €', '30,00 €', '33,78 €']) expect(text, `the PDF shows ${item}`).toContain(item);
    expect(text).not.toContain('1,26 €');
  });

  it('prints the reverse-charge note and the customer VAT ID, in the customer language', async () => {
    const customer = await invoiceCustomer(admin, { vatId: 'ATU12345678', language: 'en', name: unique('Wiener Software GmbH') });
    const inv = await finalizedInvoice(accountant, customer.id, { reverseCharge: true });
    const text = pdfText((await readyPdf(accountant, inv.id)).buffer);
    for (const item of ['Invoice', 'Steuerschuldnerschaft des Leistungsempfängers', 'ATU12345678', inv.number as string, '0%']) expect(text).toContain(item);
  });

  it('prints a cancellation invoice with the original number and date, and a draft preview marked as draft', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id);
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: inv.id, reason: 'Doppelt berechnet' });
    const text = pdfText((await readyPdf(accountant, cancellation.id)).buffer);
    for (const item of ['Stornorechnung', cancellation.number as string, inv.number as string, de(inv.issueDate as string), '-']) expect(text).toContain(item);
    const draft = await draftInvoice(accountant, customer.id);
    const preview = await readyPdf(accountant, draft.id);
    expect(preview.final).toBe(false);
    expect(pdfText(preview.buffer)).toContain('ENTWURF');
    // A changed draft gets a new preview of its new version.
    await accountant.invoices.update.mutate({ id: draft.id, introText: 'Neu' });
    const second = await readyPdf(accountant, draft.id);
    expect(second.documentId).not.toBe(preview.documentId);
  });
});

describe('recalculation in bulk', () => {
  it('invoices.recalculate without ids recalculates every draft in the worker', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    // A draft whose stored totals went stale (as after an import): the job puts them right.
    await sql(`update invoices set gross_total = 1, tax_total = 0, net_total = 1 where id = ?`, [draft.id]);
    const worker = startWorker();
    try {
      await until(async () => /running/.test(worker.output()), 'the worker to start');
      const started = await accountant.invoices.recalculate.mutate({});
      expect(started.queued).toBe(true);
      await until(async () => (await accountant.invoices.get.query({ id: draft.id })).grossTotal === draft.grossTotal, 'the recalculated draft', 15_000);
      const queue = new Queue(QUEUES.invoices, { connection: new Redis(testEnv().redisUrl, { maxRetriesPerRequest: null }) });
      const jobId = started.queued ? started.jobId : '';
      await until(
        async () => {
          const state = await (await queue.getJob(jobId))?.getState();
          return state === 'completed';
        },
        `job ${jobId} to complete`,
        15_000,
      );
      expect((await queue.getJob(jobId))?.returnvalue).toMatchObject({ checked: expect.any(Number) });
      await queue.close();
    } finally {
      expect(await worker.stop()).toBe(0);
    }
    // With ids, the given drafts right away.
    await sql(`update invoices set gross_total = 2 where id = ?`, [draft.id]);
    expect(await accountant.invoices.recalculate.mutate({ ids: [draft.id] })).toEqual({ queued: false, checked: 1, changed: 1 });
    expect((await accountant.invoices.get.query({ id: draft.id })).grossTotal).toBe(draft.grossTotal);
  });
});

describe('the outbox', () => {
  const eventsOf = (invoiceId: string, tx?: typeof app.orm.em) =>
    (tx ?? app.orm.em.fork())
      .getConnection()
      .execute<Array<{ id: string; job_id: string }>>(`select id, job_id from outbox where kind = 'event' and name = 'invoice.finalized' and payload->>'invoiceId' = ?`, [invoiceId], 'all', tx?.getTransactionContext());

  it('a rolled-back finalize leaves no event behind; a committed one publishes exactly one invoice.finalized event', async () => {
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Ereignisse'), customerId: customer.id });
    const draft = await draftInvoice(accountant, customer.id, { projectId: project.id });
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        await finalizeLocked(tx, await lockInvoice(tx, draft.id));
        await tx.flush();
        expect(await eventsOf(draft.id, tx)).toHaveLength(1);
        // finalize no longer enqueues the PDF itself: the event's subscriber asks for it after commit.
        expect(await tx.getConnection().execute('select 1 from outbox where job_id = ?', [`pdf-${draft.id}-final`], 'all', tx.getTransactionContext())).toHaveLength(0);
        // The chat message (an in-transaction subscriber) is part of the same transaction.
        const chat = await tx.getConnection().execute(`select 1 from chat_messages where project_id = ? and system_data->>'code' = 'invoice.finalized'`, [project.id], 'all', tx.getTransactionContext());
        expect(chat).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await eventsOf(draft.id)).toHaveLength(0);
    expect(await sql(`select 1 from chat_messages where project_id = ? and system_data->>'code' = 'invoice.finalized'`, [project.id])).toHaveLength(0);
    await accountant.invoices.finalize.mutate({ id: draft.id });
    expect(await eventsOf(draft.id)).toHaveLength(1);
    // Sending a draft finalizes it: one event as well; a second send publishes none.
    const other = await draftInvoice(accountant, customer.id);
    await accountant.invoices.markSent.mutate({ id: other.id });
    await accountant.invoices.markSent.mutate({ id: other.id });
    expect(await eventsOf(other.id)).toHaveLength(1);
  });

  it('a job that finishes while the relay still holds its row (fast subscriber jobs do) completes the row', async () => {
    // A row of its own kind, so no relay of a parallel test file takes it; completion goes by job id.
    const jobId = `race-${randomUUID()}`;
    await sql(`insert into outbox (kind, queue, name, job_id, payload, created_at) values ('test', 'events', 'race', ?, '{}', now())`, [jobId]);
    let completion: Promise<void> | undefined;
    // As the relay does: lock the row, hand the job over (here: it finishes at once), stamp it dispatched, commit.
    await app.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`select 1 from outbox where job_id = ? for update`, [jobId]);
      completion = completeOutboxJob(app.orm.em.fork(), jobId);
      await until(async () => (await sql(`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like ?`, [`%${jobId}%`])).length > 0, 'the completion to wait for the relay');
      await tx.execute(`update outbox set dispatched_at = now() where job_id = ?`, [jobId]);
    });
    await completion;
    const [row] = await sql<Array<{ completed_at: Date | null }>>(`select completed_at from outbox where job_id = ?`, [jobId]);
    expect(row?.completed_at).not.toBeNull();
    await sql(`delete from outbox where job_id = ?`, [jobId]);
  });

  it('each after-commit subscriber runs once, even when the event and its jobs are relayed twice', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id);
    const [event] = await eventsOf(inv.id);
    if (!event) throw new Error('no event');
    const subscriberRows = () =>
      sql<OutboxRow[]>(`select id::text as id, queue, name, job_id, payload from outbox where kind = 'job' and payload->>'eventId' = ? order by id`, [event.job_id]);
    // Fanned out (by this call, or by a worker of another test file: the same thing happens).
    await fanOutEvents(app.orm.em.fork());
    await until(async () => (await subscriberRows()).length === 1, 'the event to be fanned out');
    // The event delivered a second time (as if its row had not been marked done): a second job row, with the same job id.
    await sql(`update outbox set completed_at = null, dispatched_at = null where id = ?`, [event.id]);
    await fanOutEvents(app.orm.em.fork());
    await until(async () => (await subscriberRows()).length === 2, 'the event to be fanned out again');
    const rows = await subscriberRows();
    expect(new Set(rows.map((r) => r.job_id))).toEqual(new Set([`event-${event.job_id}-invoice-pdf`]));
    expect(rows.every((r) => r.name === 'invoice.finalized/invoice-pdf' && r.queue === QUEUES.events)).toBe(true);

    // Both rows, each relayed twice, into queues of this test's own (so no other worker takes the jobs): one job.
    const connection = new Redis(testEnv().redisUrl, { maxRetriesPerRequest: null });
    const prefix = `events-test-${process.pid}-${Date.now()}`;
    const queues = new Map([[QUEUES.events as string, new Queue(QUEUES.events, { connection, prefix })]]);
    for (const row of [...rows, ...rows]) await addToQueue(queues, row);
    const eventsQueue = queues.get(QUEUES.events) as Queue;
    expect(await eventsQueue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    // The worker's own dispatch runs the subscriber: once.
    const ctx = { orm: app.orm, redis: connection, env: readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused' }), storage: app.storage, renderer: new PdfRenderer({ poolSize: 1 }) };
    const dispatch = processorsByQueue(JOB_REGISTRY, ctx).get(QUEUES.events);
    if (!dispatch) throw new Error('no processor for the events queue');
    let runs = 0;
    const worker = new Worker(
      QUEUES.events,
      async (job) => {
        runs++;
        return dispatch(job);
      },
      { connection, prefix },
    );
    try {
      await until(async () => (await eventsQueue.getJobCounts('completed')).completed === 1, 'the subscriber job to complete');
      expect(runs).toBe(1);
      // Relayed again after it ran (Redis still holds its id): not run again.
      for (const row of rows) await addToQueue(queues, row);
      await until(async () => (await eventsQueue.getJobCounts('waiting', 'active')).waiting === 0, 'the queue to settle');
      expect(runs).toBe(1);
      // The subscriber asked for the archived PDF's render job; run again (a retry), it asks for nothing new.
      const renderRows = async () => (await sql(`select 1 from outbox where job_id = ?`, [`pdf-${inv.id}-final`])).length;
      const asked = await renderRows();
      expect(asked).toBeGreaterThanOrEqual(1);
      const job = (await eventsQueue.getJobs(['completed']))[0];
      if (!job) throw new Error('no completed job');
      await invoiceFinalizedPdfJob.handle({ eventId: event.job_id, event: { invoiceId: inv.id } }, { ...ctx, job });
      expect(await renderRows()).toBe(asked);
    } finally {
      await worker.close();
      await eventsQueue.obliterate({ force: true });
      await eventsQueue.close();
      connection.disconnect();
    }
  });
});

describe('a worker killed mid-way', () => {
  it('after SIGKILL in the middle of 20 PDF jobs and a restart, all 20 PDFs exist, once each', async () => {
    const customer = await invoiceCustomer(admin);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await draftInvoice(accountant, customer.id)).id);
    // One page, so the jobs run one after another and the kill lands among them.
    const first = startWorker({ PDF_PAGES: '1', JOB_LOCK_MS: '2000' });
    const count = async () => Number((await sql<Array<{ n: string }>>(`select count(*) as n from invoices where id in (?) and pdf_document_id is not null`, [ids]))[0]?.n);
    await until(async () => /running/.test(first.output()), 'the first worker to start');
    await Promise.all(ids.map((id) => accountant.invoices.finalize.mutate({ id })));
    await until(async () => (await count()) >= 1, 'the first PDFs');
    await first.kill();
    const atKill = await count();
    expect(atKill).toBeLessThan(20);
    const second = startWorker({ PDF_PAGES: '1', JOB_LOCK_MS: '2000' });
    try {
      await until(async () => (await count()) === 20, 'all 20 PDFs after the restart', 90_000);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    const docs = await sql<Array<{ entity_id: string; n: string; storage_key: string; sha256: string }>>(
      `select entity_id, count(*) over (partition by entity_id) as n, storage_key, sha256 from documents where kind = 'invoice_pdf' and entity_id in (?)`,
      [ids],
    );
    expect(docs).toHaveLength(20);
    expect(docs.every((d) => Number(d.n) === 1)).toBe(true);
    for (const d of docs) {
      const file = await app.storage.get(d.storage_key);
      expect(createHash('sha256').update(file).digest('hex')).toBe(d.sha256);
    }
    expect(await sql(`select 1 from outbox where job_id in (?) and dispatched_at is null`, [ids.map((id) => `pdf-${id}-final`)])).toHaveLength(0);
  });
});

describe('the overdue sweep', () => {
  it('is scheduled daily at 00:05 Europe/Berlin', async () => {
    const worker = startWorker();
    try {
      await until(async () => /running/.test(worker.output()), 'the worker to start');
      const queue = new Queue(QUEUES.invoices, { connection: new Redis(testEnv().redisUrl, { maxRetriesPerRequest: null }) });
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'overdue-sweep-daily', pattern: '5 0 * * *', tz: 'Europe/Berlin' })]));
      const maintenance = new Queue(QUEUES.maintenance, { connection: new Redis(testEnv().redisUrl, { maxRetriesPerRequest: null }) });
      // The reminder job runs on the same daily schedule.
      expect(await maintenance.getJobSchedulers()).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'reminder-sweep-daily', pattern: '5 0 * * *', tz: 'Europe/Berlin' })]));
      await until(async () => (await maintenance.getJobs(['completed'])).some((j) => j.id?.startsWith('reminders-start-')), 'the reminder sweep at start');
      await maintenance.close();
      // …and once at every start.
      await until(async () => (await queue.getJobs(['completed'])).some((j) => j.id?.startsWith('overdue-start-')), 'the sweep at start');
      await queue.close();
    } finally {
      await worker.stop();
    }
  });

  it('with an injected clock: marks invoices past due overdue, expires quotes, and reminds the responsible people once', async () => {
    const customer = await invoiceCustomer(admin);
    const { employee: owner, client: ownerClient } = await userWithRole(app, 'Accountant');
    const { employee: pm } = await userWithRole(app, 'Manager');
    const project = await admin.projects.create.mutate({ title: unique('Mahnprojekt'), customerId: customer.id, projectManagerId: pm.id });
    const soon = await finalizedInvoice(ownerClient, customer.id, { projectId: project.id });
    const paid = await finalizedInvoice(ownerClient, customer.id);
    await ownerClient.invoices.setStatus.mutate({ id: paid.id, status: 'paid' });
    const quote = await ownerClient.invoices.markSent.mutate({ id: (await draftInvoice(ownerClient, customer.id, { type: 'quote' })).id });
    const due = soon.dueDate as string;
    const notes = (tx: typeof app.orm.em) => tx.find(Notification, { entityId: soon.id }, { orderBy: { kind: 'asc' }, populate: ['employee'] });
    // Everything happens in a transaction that is rolled back at the end: the sweep is global, and other tests run at the same time.
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        const early = await runAs({ id: null, label: 'worker' }, () => sweepOverdue(tx, addDays(due, -2)));
        expect(early.today).toBe(addDays(due, -2));
        expect((await lockInvoice(tx, soon.id)).status).toBe('finalized');
        const dueSoon = await notes(tx);
        expect(dueSoon.map((n) => [n.kind, n.employee.id]).sort()).toEqual([['invoice_due_soon', owner.id], ['invoice_due_soon', pm.id]].sort());
        expect(dueSoon[0]?.title).toContain(soon.number as string);
        // The day after the due date: overdue, with an audit row, and one more reminder each; the paid invoice stays paid.
        await sweepOverdue(tx, addDays(due, 1));
        await sweepOverdue(tx, addDays(due, 1));
        tx.clear();
        expect((await lockInvoice(tx, soon.id)).status).toBe('overdue');
        expect((await lockInvoice(tx, paid.id)).status).toBe('paid');
        expect((await lockInvoice(tx, quote.id)).status).toBe('sent');
        // The quote expires the day after it was valid.
        await sweepOverdue(tx, addDays(quote.validUntil as string, 1));
        tx.clear();
        expect((await lockInvoice(tx, quote.id)).status).toBe('expired');
        const all = await notes(tx);
        expect(all.map((n) => n.kind).sort()).toEqual(['invoice_due_soon', 'invoice_due_soon', 'invoice_overdue', 'invoice_overdue']);
        const audit = await tx.getConnection().execute<Array<{ changes: unknown; actor_label: string }>>(
          `select changes, actor_label from audit_log where entity = 'invoice' and entity_id = ? and changes->'status' is not null order by id desc limit 1`,
          [soon.id],
          'all',
          tx.getTransactionContext(),
        );
        expect(audit[0]).toEqual({ changes: { status: { before: 'finalized', after: 'overdue' } }, actor_label: 'worker' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await admin.invoices.get.query({ id: soon.id })).status).toBe('finalized');
  });
});

describe('tax settings and drafts', () => {
  it('a small business (§19 UStG) charges no VAT: the setting recalculates drafts and the PDF carries the legal note', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    expect(draft.taxTotal).not.toBe('0.00');
    const renderer = new PdfRenderer({ poolSize: 1 });
    try {
      await expect(
        app.orm.em.fork().transactional(async (tx) => {
          await updateSettings(tx, { smallBusiness: true });
          // The change asks the worker to recalculate every draft, after commit.
          const jobs = await tx.getConnection().execute<Array<{ name: string }>>(`select name from outbox where name = ? and dispatched_at is null`, [JOBS.recalculateTotals.name], 'all', tx.getTransactionContext());
          expect(jobs.length).toBeGreaterThanOrEqual(1);
          await recalculateDrafts(tx, [draft.id]);
          const invoice = await lockInvoice(tx, draft.id);
          expect([invoice.taxCase, invoice.taxTotal, invoice.grossTotal]).toEqual(['small_business', '0.00', invoice.netTotal]);
          await finalizeLocked(tx, invoice);
          await tx.flush();
          const model = await buildPrintModel(tx, draft.id);
          const text = pdfText(await renderer.render(renderInvoiceHtml(model), { language: 'de' }));
          expect(text).toContain('§ 19 UStG');
          expect(text).toContain(model.number);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
    } finally {
      await renderer.close();
    }
    expect((await admin.core.settings.get.query()).smallBusiness).toBe(false);
  });
});

describe('notification emails', () => {
  it('are sent through SMTP when it is configured, once', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          received.push(data);
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as { port: number }).port;
    // The job's processor itself, not through the queue: workers of parallel test files (without SMTP) share the queues.
    const env = readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Workmate <test@workmate.test>' });
    try {
      const { employee } = await userWithRole(app, 'Accountant');
      const em = app.orm.em.fork();
      const n = em.create(Notification, { employee: employee.id, kind: 'invoice_overdue', title: 'Rechnung RE-TEST ist überfällig', body: 'Kunde: offen 119,00 €' });
      await em.flush();
      expect(await processSendNotificationEmail(app.orm, readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused' }), { notificationId: n.id })).toEqual({ skipped: 'SMTP is not configured' });
      expect(await processSendNotificationEmail(app.orm, env, { notificationId: n.id })).toEqual({ sent: true });
      expect(await processSendNotificationEmail(app.orm, env, { notificationId: n.id })).toEqual({ skipped: 'already emailed' });
      expect(received).toHaveLength(1);
      expect(received[0]).toContain(employee.email);
      expect(received[0]).toContain('RE-TEST');
      expect((await sql<Array<{ emailed_at: Date | null }>>('select emailed_at from notifications where id = ?', [n.id]))[0]?.emailed_at).not.toBeNull();
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});
