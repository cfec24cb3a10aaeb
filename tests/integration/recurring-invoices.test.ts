import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecurringInvoices, type RecurringRunOptions } from '@workmate/db/recurring/run';
import { runAs } from '@workmate/db/shared/actor';
import { addDays } from '@workmate/domain/berlin-time';
import { JOBS } from '@workmate/domain/jobs';
import { duePeriods } from '@workmate/domain/recurring-periods';
import type { RecurringCreateInput } from '@workmate/domain/schemas/recurring';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { testEnv } from '../helpers/env.ts';
import { berlinToday, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole, type Client } from '../helpers/users.ts';
import { startWorker, until } from '../helpers/worker.ts';

/**
 * The worker's side of recurring invoices: one invoice per period under concurrent runs and two
 * worker processes, catching up after an outage, end dates, paused templates, auto-finalize and
 * auto-send through the invoice services.
 */
let app: TestApp;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const run = (options: Partial<RecurringRunOptions> & { today: string; templateIds: string[] }) => runAs({ id: null, label: 'worker' }, () => runRecurringInvoices(app.orm.em.fork(), { smtpConfigured: false, ...options }));

const LINES = [
  { description: 'Wartungspauschale', quantity: '1', unit: 'Monat', unitPrice: '149.9950', taxRate: 19 as const },
  { description: 'Fachzeitschrift', quantity: '2', unit: 'Stk.', unitPrice: '12.50', taxRate: 7 as const },
];

async function template(extra: Partial<RecurringCreateInput> & { customerId?: string } = {}) {
  const customerId = extra.customerId ?? (await invoiceCustomer(admin)).id;
  return admin.invoices.recurring.create.mutate({ name: unique('Wartungsvertrag'), customerId, interval: 'monthly', startDate: '2090-01-31', lines: LINES, ...extra });
}

/** The invoices of a customer, by service period start (every test uses its own customer). */
async function invoicesOf(customerId: string) {
  return sql<Array<{ id: string; status: string; number: string | null; from: string; to: string; net: string; gross: string; issue: string | null }>>(
    `select id, status, number, to_char(service_period_from, 'YYYY-MM-DD') as "from", to_char(service_period_to, 'YYYY-MM-DD') as "to", net_total::text as net, gross_total::text as gross, to_char(issue_date, 'YYYY-MM-DD') as issue
     from invoices where customer_id = ? order by service_period_from, id`,
    [customerId],
  );
}

describe('two worker processes', () => {
  it('both run at start over the same missed months: exactly one invoice per period', async () => {
    const today = berlinToday();
    const startDate = addDays(today, -100);
    const t = await template({ startDate });
    const expected = duePeriods({ startDate, endDate: null, interval: 'monthly' }, startDate, today).map((p) => p.start);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const { redisUrl } = testEnv();
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(JOBS.recurringInvoices.queue, { connection });
    const since = Date.now();
    // Each worker adds its own run at start (job id recurring-start-<time>); they take them from one queue, at the same time.
    const startRuns = async () => (await queue.getJobs(['completed'])).filter((j) => j.id?.startsWith('recurring-start-') && j.timestamp >= since).length;
    const workers = [startWorker(), startWorker()];
    try {
      await until(async () => (await startRuns()) >= 2, 'both start runs');
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await queue.close();
      connection.disconnect();
    }
    const invoices = await invoicesOf(t.customer.id);
    expect(invoices.map((i) => i.from)).toEqual(expected);
    expect((await admin.invoices.recurring.get.query({ id: t.id })).invoiceCount).toBe(expected.length);
  });
});

describe('catching up after an outage', () => {
  it('bills every missed period once (month ends kept), each its own invoice for its own period; a second run adds nothing', async () => {
    const t = await template({ autoFinalize: true });
    const first = await run({ today: '2090-05-05', templateIds: [t.id] });
    expect(first.failed).toEqual([]);
    const invoices = await invoicesOf(t.customer.id);
    expect(invoices.map((i) => [i.from, i.to])).toEqual([
      ['2090-01-31', '2090-02-27'],
      ['2090-02-28', '2090-03-30'],
      ['2090-03-31', '2090-04-29'],
      ['2090-04-30', '2090-05-30'],
    ]);
    // Finalized through the finalize service: numbered, totals from the lines (149.995 rounds per line).
    expect(new Set(invoices.map((i) => i.number)).size).toBe(4);
    expect(invoices.every((i) => i.status === 'finalized' && i.net === '175.00' && i.gross === '205.25')).toBe(true);
    const published = await sql<Array<{ n: string }>>(`select count(*) as n from outbox where name = 'invoice.finalized' and payload->>'invoiceId' in (?)`, [invoices.map((i) => i.id)]);
    expect(Number(published[0]?.n)).toBe(4);
    expect((await admin.invoices.recurring.get.query({ id: t.id })).nextDate).toBe('2090-05-31');

    const second = await run({ today: '2090-05-05', templateIds: [t.id] });
    expect(second.failed).toEqual([]);
    expect(await invoicesOf(t.customer.id)).toHaveLength(4);
    const page = await admin.invoices.recurring.invoices.query({ id: t.id });
    expect(page.items.map((p) => p.periodStart)).toEqual(['2090-04-30', '2090-03-31', '2090-02-28', '2090-01-31']);
    expect(page.items.every((p) => p.invoice?.status === 'finalized' && p.finalizeError === null)).toBe(true);
  });

  it('concurrent runs (separate EntityManagers) give exactly one invoice per period', async () => {
    const t = await template({ startDate: '2090-01-01', interval: 'monthly' });
    const results = await Promise.all(Array.from({ length: 4 }, () => run({ today: '2090-06-15', templateIds: [t.id] })));
    expect(results.flatMap((r) => r.failed)).toEqual([]);
    const invoices = await invoicesOf(t.customer.id);
    expect(invoices.map((i) => i.from)).toEqual(['2090-01-01', '2090-02-01', '2090-03-01', '2090-04-01', '2090-05-01', '2090-06-01']);
    expect(invoices.every((i) => i.status === 'draft')).toBe(true);
  });

  it('the unique period row decides even when the next date was set back', async () => {
    const t = await template({ startDate: '2090-01-01', interval: 'quarterly' });
    await run({ today: '2090-07-01', templateIds: [t.id] });
    expect((await invoicesOf(t.customer.id)).map((i) => i.from)).toEqual(['2090-01-01', '2090-04-01', '2090-07-01']);
    await sql(`update recurring_invoices set next_date = '2090-01-01' where id = ?`, [t.id]);
    await run({ today: '2090-07-01', templateIds: [t.id] });
    expect(await invoicesOf(t.customer.id)).toHaveLength(3);
    expect((await admin.invoices.recurring.get.query({ id: t.id })).nextDate).toBe('2090-10-01');
  });

  it('stops at the end date, and an inactive template creates nothing', async () => {
    const ending = await template({ startDate: '2090-01-01', endDate: '2090-02-15' });
    const paused = await template({ startDate: '2090-01-01', active: false });
    await run({ today: '2090-06-01', templateIds: [ending.id, paused.id] });
    expect((await invoicesOf(ending.customer.id)).map((i) => i.from)).toEqual(['2090-01-01', '2090-02-01']);
    expect((await admin.invoices.recurring.get.query({ id: ending.id })).nextDate).toBeNull();
    expect(await invoicesOf(paused.customer.id)).toEqual([]);
    expect((await admin.invoices.recurring.get.query({ id: paused.id })).invoiceCount).toBe(0);
  });

  it('a template whose customer was deleted keeps the error and the others are still billed', async () => {
    const broken = await template({ startDate: '2090-03-01' });
    const fine = await template({ startDate: '2090-03-01' });
    await admin.crm.customers.delete.mutate({ id: broken.customer.id });
    const result = await run({ today: '2090-03-10', templateIds: [broken.id, fine.id] });
    expect(result.failed).toContainEqual({ templateId: broken.id, error: 'Unknown customer' });
    expect((await admin.invoices.recurring.get.query({ id: broken.id })).lastError).toBe('Unknown customer');
    expect(await invoicesOf(broken.customer.id)).toEqual([]);
    expect(await invoicesOf(fine.customer.id)).toHaveLength(1);
    await admin.invoices.recurring.delete.mutate({ id: broken.id });
    expect((await run({ today: '2090-03-10', templateIds: [broken.id, fine.id] })).failed).toEqual([]);
  });

  it('a draft that cannot be finalized stays a draft, with the reason on its period', async () => {
    const { id: customerId } = await admin.crm.customers.create.mutate({ name: unique('Ohne Adresse') });
    const t = await template({ customerId, startDate: '2090-03-01', autoFinalize: true });
    await run({ today: '2090-03-01', templateIds: [t.id] });
    const [invoice] = await invoicesOf(customerId);
    expect(invoice?.status).toBe('draft');
    const [period] = (await admin.invoices.recurring.invoices.query({ id: t.id })).items;
    expect(period?.finalizeError).toMatch(/customer's full address/);
  });
});

describe('auto-send', () => {
  it('asks invoices.send to email each finalized invoice to the customer, once', async () => {
    const { id: customerId } = await admin.crm.customers.create.mutate({ name: unique('Mailkunde'), street: 'Domstraße 5', zipCode: '50667', city: 'Köln', email: 'buchhaltung@kunde.example' });
    const t = await template({ customerId, startDate: '2090-02-01', autoFinalize: true, autoSend: true });
    const first = await run({ today: '2090-03-01', smtpConfigured: true, templateIds: [t.id] });
    expect(first.failed).toEqual([]);
    const sends = () => sql<Array<{ to: string[]; status: string; invoice: string }>>(`select s.to_addresses as "to", s.status, i.id as invoice from invoice_sends s join invoices i on i.id = s.invoice_id where i.customer_id = ?`, [customerId]);
    expect((await sends()).map((s) => [s.to, s.status])).toEqual([[['buchhaltung@kunde.example'], 'queued'], [['buchhaltung@kunde.example'], 'queued']]);
    const jobs = await sql<Array<{ n: string }>>(`select count(*) as n from outbox where name = ? and payload->>'sendId' in (select id::text from invoice_sends where invoice_id in (select id from invoices where customer_id = ?))`, [JOBS.sendInvoiceEmail.name, customerId]);
    expect(Number(jobs[0]?.n)).toBe(2);
    await Promise.all([run({ today: '2090-03-01', smtpConfigured: true, templateIds: [t.id] }), run({ today: '2090-03-01', smtpConfigured: true, templateIds: [t.id] })]);
    expect(await sends()).toHaveLength(2);
    expect((await admin.invoices.recurring.invoices.query({ id: t.id })).items.map((p) => p.sendStatus)).toEqual(['requested', 'requested']);
  });

  it('without SMTP or without an address nothing is requested, and the period says why', async () => {
    const { id: customerId } = await admin.crm.customers.create.mutate({ name: unique('Mailkunde'), street: 'Domstraße 5', zipCode: '50667', city: 'Köln', email: 'rechnung@kunde.example' });
    const noSmtp = await template({ customerId, startDate: '2090-04-01', autoFinalize: true, autoSend: true });
    await run({ today: '2090-04-01', smtpConfigured: false, templateIds: [noSmtp.id] });
    const [period] = (await admin.invoices.recurring.invoices.query({ id: noSmtp.id })).items;
    expect(period).toMatchObject({ sendStatus: 'failed', sendError: expect.stringMatching(/SMTP_URL/) });
    const noAddress = await template({ startDate: '2090-04-01', autoFinalize: true, autoSend: true });
    await run({ today: '2090-04-01', smtpConfigured: true, templateIds: [noAddress.id] });
    const [other] = (await admin.invoices.recurring.invoices.query({ id: noAddress.id })).items;
    expect(other).toMatchObject({ sendStatus: 'failed', sendError: 'The customer has no email address' });
    expect(await sql(`select 1 from invoice_sends where invoice_id = ?`, [other?.invoice?.id])).toEqual([]);
  });
});
