import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRenderReportPdf } from '@workmate/worker/jobs/render-report-pdf';
import { processCleanupSessions } from '@workmate/worker/jobs/cleanup-sessions';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import type { WorkerEnv } from '@workmate/worker/env';
import { LEDGER_PDF_MAX_ROWS, type ReportPdfRequest } from '@workmate/domain/schemas/bookkeeping-report-pdf';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * PDF export of the bookkeeping reports (issue 16): a request writes the render-report-pdf job,
 * the job (run here by calling its processor, as the worker does) renders the report with
 * Chromium, and `get` hands the file to its requester. The PDF's text (pdftotext) carries the
 * figures, amounts de-DE, the company name, the period and the page numbers.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let accountant: Client;
let otherAccountant: Client;
let manager: Client;
let account: Record<number, string>;
const renderer = new PdfRenderer({ poolSize: 1 });
const tmp = mkdtempSync(join(tmpdir(), 'workmate-report-pdf-'));

type Line = { accountId: string; debit?: string; credit?: string; taxCode?: 'UST19' | 'UST7' | 'VST19' };
const d = (n: number, amount: string, taxCode?: Line['taxCode']): Line => ({ accountId: account[n]!, debit: amount, ...(taxCode ? { taxCode } : {}) });
const c = (n: number, amount: string, taxCode?: Line['taxCode']): Line => ({ accountId: account[n]!, credit: amount, ...(taxCode ? { taxCode } : {}) });
const post = (entryDate: string, description: string, lines: Line[], documentNumber?: string) =>
  accountant.bookkeeping.journal.post.mutate({ entryDate, description, lines, ...(documentNumber ? { documentNumber } : {}) });

beforeAll(async () => {
  db = await freshDatabase('workmate_bk_report_pdf');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  const admin = (await userWithRole(app, 'Admin')).client;
  await admin.core.settings.update.mutate({ companyName: 'Kontor Beispiel GmbH' });
  accountant = (await userWithRole(app, 'Accountant')).client;
  otherAccountant = (await userWithRole(app, 'Accountant')).client;
  manager = (await userWithRole(app, 'Manager')).client;
  const accounts = await accountant.bookkeeping.accounts.list.query({});
  account = Object.fromEntries(accounts.map((a) => [a.number, a.id]));
  // SKR03: capital in January, sales and a purchase in February.
  await post('2025-01-02', 'Einlage Stammkapital', [d(1200, '10000.00'), c(800, '10000.00')]);
  await post('2025-02-03', 'Rechnung 19 %', [d(1400, '1190.00'), c(8400, '1000.00', 'UST19'), c(1776, '190.00', 'UST19')], 'RE-2025-001');
  await post('2025-02-04', 'Barverkauf 7 %', [d(1000, '107.00'), c(8300, '100.00', 'UST7'), c(1771, '7.00', 'UST7')]);
  await post('2025-02-05', 'Wareneingang', [d(3400, '200.00', 'VST19'), d(1576, '38.00', 'VST19'), c(1600, '238.00')], 'ER-17');
  await post('2025-02-28', 'Großauftrag Beratung', [d(1400, '1234567.89'), c(8400, '1037452.01', 'UST19'), c(1776, '197115.88', 'UST19')], 'RE-2025-002');
});
afterAll(async () => {
  await renderer.close();
  await app?.close();
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

/** The outbox row's payload of a requested PDF: what the worker's relay would hand to the job. */
async function payloadOf(requestId: string): Promise<unknown> {
  const rows = await app.orm.em.fork().getConnection().execute<Array<{ payload: unknown; name: string; queue: string }>>('select payload, name, queue from outbox where job_id = ?', [`report-pdf-${requestId}`]);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ name: 'render-report-pdf', queue: 'documents' });
  return rows[0]?.payload;
}

/** Requests the report, runs the job, fetches the file and reads its text (whitespace runs as one space). */
async function renderedText(input: ReportPdfRequest, client: Client = accountant): Promise<{ text: string; fileName: string; requestId: string }> {
  const { requestId, status } = await client.bookkeeping.reports.pdf.request.mutate(input);
  expect(status).toBe('queued');
  expect((await client.bookkeeping.reports.pdf.get.query({ requestId })).status).toBe('queued');
  await processRenderReportPdf(app.orm, app.storage, renderer, await payloadOf(requestId));
  const ready = await client.bookkeeping.reports.pdf.get.query({ requestId });
  if (ready.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(ready)}`);
  const pdf = Buffer.from(ready.contentBase64, 'base64');
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(ready.size).toBe(pdf.length);
  const file = join(tmp, `${requestId}.pdf`);
  writeFileSync(file, pdf);
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '), fileName: ready.fileName, requestId };
}

describe('report PDFs', () => {
  it('trial balance: every account\'s figures and the totals, de-DE, with company, period, generation time and page numbers', async () => {
    const { text, fileName } = await renderedText({ report: 'trialBalance', from: '2025-02-01', to: '2025-02-28' });
    expect(fileName).toBe('Summen-und-Saldenliste_2025-02-01_2025-02-28.pdf');
    expect(text).toContain('Kontor Beispiel GmbH');
    expect(text).toContain('Summen- und Saldenliste');
    expect(text).toContain('Zeitraum 01.02.2025 bis 28.02.2025');
    expect(text).toMatch(/Erstellt am \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr \(Europe\/Berlin\)/);
    expect(text).toContain('Seite 1 von 1');
    // 1200 Bank: opening 10,000.00, no February movement. 1400: two invoices, exact to the cent with thousands points.
    expect(text).toMatch(/1200 \S.* 10\.000,00 0,00 0,00 10\.000,00/);
    expect(text).toMatch(/1400 \S.* 0,00 1\.235\.757,89 0,00 1\.235\.757,89/);
    expect(text).toMatch(/1776 \S.* 0,00 0,00 197\.305,88 -197\.305,88/);
    // Totals: opening and closing 0, debit = credit.
    expect(text).toContain('Summe 0,00 1.236.102,89 1.236.102,89 0,00');
  });

  it('P&L and balance sheet: sections, totals and the result', async () => {
    const pl = (await renderedText({ report: 'profitAndLoss', from: '2025-01-01', to: '2025-12-31' })).text;
    expect(pl).toContain('Gewinn- und Verlustrechnung');
    expect(pl).toMatch(/8400 \S.* 1\.038\.452,01/);
    expect(pl).toContain('Summe Erlöse 1.038.552,01');
    expect(pl).toContain('Summe Aufwand 200,00');
    expect(pl).toContain('Ergebnis (Gewinn/Verlust) 1.038.352,01');
    const bs = (await renderedText({ report: 'balanceSheet', date: '2025-12-31' })).text;
    expect(bs).toContain('Bilanz');
    expect(bs).toContain('Stichtag 31.12.2025');
    expect(bs).toContain('Summe Aktiva 1.245.902,89');
    expect(bs).toContain('Jahresergebnis 1.038.352,01');
    expect(bs).toContain('Summe Passiva 1.245.902,89');
  });

  it('UStVA: the Kennzahlen of the month, bases in whole euros and taxes to the cent', async () => {
    const { text, fileName } = await renderedText({ report: 'vatReturn', year: 2025, month: 2 });
    expect(fileName).toBe('UStVA_2025-02.pdf');
    expect(text).toContain('Umsatzsteuer-Voranmeldung');
    expect(text).toContain('Voranmeldungszeitraum Februar 2025');
    expect(text).toMatch(/81 Steuerpflichtige Umsätze zum Steuersatz von 19 % 1\.038\.452 197\.305,88/);
    expect(text).toMatch(/86 Steuerpflichtige Umsätze zum Steuersatz von 7 % 100 7,00/);
    expect(text).toMatch(/66 Vorsteuerbeträge aus Rechnungen von anderen Unternehmern 38,00/);
    // 83 = 197,305.88 + 7.00 − 38.00
    expect(text).toMatch(/83 Verbleibende Umsatzsteuer-Vorauszahlung bzw\. 197\.274,88/);
  });

  it('account ledger: opening balance, every line with its running balance, closing balance; in English on request', async () => {
    const de = (await renderedText({ report: 'accountLedger', accountId: account[1400]!, from: '2025-02-01', to: '2025-02-28' })).text;
    expect(de).toContain('Kontoblatt 1400');
    expect(de).toMatch(/01\.02\.2025 Saldovortrag 0,00/);
    expect(de).toMatch(/03\.02\.2025 \d+ RE-2025-001 Rechnung 19 % 1\.190,00 0,00 1\.190,00/);
    expect(de).toMatch(/28\.02\.2025 \d+ RE-2025-002 Großauftrag Beratung 1\.234\.567,89 0,00 1\.235\.757,89/);
    expect(de).toMatch(/28\.02\.2025 Endsaldo 1\.235\.757,89/);
    const en = await renderedText({ report: 'accountLedger', accountId: account[1400]!, from: '2025-02-01', to: '2025-02-28', language: 'en' });
    expect(en.fileName).toMatch(/^Account-ledger_1400_/);
    expect(en.text).toContain('Account ledger 1400');
    expect(en.text).toContain('Period 1 Feb 2025 to 28 Feb 2025');
    expect(en.text).toContain('Balance brought forward 0,00');
    expect(en.text).toContain('Page 1 of 1');
  });

  it('a long ledger runs over several pages, numbered', async () => {
    for (let i = 1; i <= 70; i += 1) await post('2025-03-02', `Kasseneinnahme ${i}`, [d(1000, `${i}.01`), c(1200, `${i}.01`)]);
    const { text } = await renderedText({ report: 'accountLedger', accountId: account[1000]!, from: '2025-03-01', to: '2025-03-31' });
    expect(text).toMatch(/Seite 1 von [2-9]/);
    expect(text).toContain('Kasseneinnahme 70');
    // Opening 107.00 (February) + Σ i.01 for i = 1..70 = 107.00 + 2485.00 + 0.70
    expect(text).toMatch(/Endsaldo 2\.592,70/);
  });

  it('the job is idempotent: a second run of the same request keeps the first file', async () => {
    const { requestId } = await accountant.bookkeeping.reports.pdf.request.mutate({ report: 'balanceSheet', date: '2025-06-30' });
    const payload = await payloadOf(requestId);
    expect(await processRenderReportPdf(app.orm, app.storage, renderer, payload)).toEqual({ stored: true });
    expect(await processRenderReportPdf(app.orm, app.storage, renderer, payload)).toEqual({ skipped: 'already rendered' });
  });

  it('is audited as an export of the books', async () => {
    const { requestId } = await accountant.bookkeeping.reports.pdf.request.mutate({ report: 'trialBalance', from: '2025-01-01', to: '2025-01-31' });
    const rows = await app.orm.em.fork().getConnection().execute<Array<{ action: string; changes: { requested: { after: Record<string, unknown> } } }>>(
      `select action, changes from audit_log where entity = 'BookkeepingReportPdf' and entity_id = ?`,
      [requestId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.action).toBe('access');
    expect(rows[0]?.changes.requested.after).toMatchObject({ report: 'trialBalance', from: '2025-01-01', to: '2025-01-31', language: 'de' });
  });
});

describe('who may, and bad input', () => {
  it('needs bookkeeping.read for both request and get; another user cannot fetch someone\'s PDF', async () => {
    expect(await codeOf(manager.bookkeeping.reports.pdf.request.mutate({ report: 'trialBalance', from: '2025-01-01', to: '2025-01-31' }))).toBe('FORBIDDEN');
    const { requestId } = await accountant.bookkeeping.reports.pdf.request.mutate({ report: 'trialBalance', from: '2025-01-01', to: '2025-01-31' });
    expect(await codeOf(manager.bookkeeping.reports.pdf.get.query({ requestId }))).toBe('FORBIDDEN');
    const foreign = await errorOf(otherAccountant.bookkeeping.reports.pdf.get.query({ requestId }));
    expect(foreign.code).toBe('NOT_FOUND');
    expect(Object.keys(foreign.fieldErrors ?? {})).toEqual(['requestId']);
    // Still not after it was rendered.
    await processRenderReportPdf(app.orm, app.storage, renderer, await payloadOf(requestId));
    expect(await codeOf(otherAccountant.bookkeeping.reports.pdf.get.query({ requestId }))).toBe('NOT_FOUND');
    expect((await accountant.bookkeeping.reports.pdf.get.query({ requestId })).status).toBe('ready');
  });

  it('refuses an unknown report, a bad range, an unknown account and a too long ledger with a 4xx naming the field, and writes no job', async () => {
    const before = await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from outbox where name = 'render-report-pdf'`);
    const cases: Array<[unknown, string, string]> = [
      [{ report: 'journal', from: '2025-01-01', to: '2025-01-31' }, 'BAD_REQUEST', 'report'],
      [{ report: 'trialBalance', from: '2025-03-01', to: '2025-02-01' }, 'BAD_REQUEST', 'to'],
      [{ report: 'profitAndLoss', from: '2024-12-01', to: '2025-01-31' }, 'BAD_REQUEST', 'to'],
      [{ report: 'balanceSheet', date: '2025-02-30' }, 'BAD_REQUEST', 'date'],
      [{ report: 'vatReturn', year: 2025 }, 'BAD_REQUEST', 'month'],
      [{ report: 'accountLedger', accountId: 'nope', from: '2025-01-01', to: '2025-01-31' }, 'BAD_REQUEST', 'accountId'],
      [{ report: 'accountLedger', accountId: '00000000-0000-4000-8000-000000000000', from: '2025-01-01', to: '2025-01-31' }, 'NOT_FOUND', 'accountId'],
      [{ report: 'trialBalance', from: '2025-01-01', to: '2025-01-31', language: 'fr' }, 'BAD_REQUEST', 'language'],
    ];
    for (const [input, code, field] of cases) {
      const error = await errorOf(accountant.bookkeeping.reports.pdf.request.mutate(input as ReportPdfRequest));
      expect([JSON.stringify(input), error.code]).toEqual([JSON.stringify(input), code]);
      expect(error.httpStatus).toBeGreaterThanOrEqual(400);
      expect(error.httpStatus).toBeLessThan(500);
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    }
    const badId = await errorOf(accountant.bookkeeping.reports.pdf.get.query({ requestId: 'x' }));
    expect(Object.keys(badId.fieldErrors ?? {})).toEqual(['requestId']);
    const unknown = await errorOf(accountant.bookkeeping.reports.pdf.get.query({ requestId: '00000000-0000-4000-8000-000000000000' }));
    expect([unknown.code, Object.keys(unknown.fieldErrors ?? {})]).toEqual(['NOT_FOUND', ['requestId']]);
    const after = await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from outbox where name = 'render-report-pdf'`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it(`refuses a ledger PDF of more than ${LEDGER_PDF_MAX_ROWS} lines, naming from`, async () => {
    // Many small entries straight in SQL (the journal's triggers still number and balance-check them).
    const cash = account[1000]!;
    const bank = account[1200]!;
    await app.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`insert into journal_entries (fiscal_year, entry_number, entry_date, description) select 2025, 0, date '2025-05-01', 'Massenbuchung' from generate_series(1, ?)`, [LEDGER_PDF_MAX_ROWS + 1]);
      await tx.execute(
        `insert into journal_lines (entry_id, line_no, account_id, amount, fiscal_year, entry_date, entry_number)
         select e.id, n, case n when 1 then ?::uuid else ?::uuid end, case n when 1 then 100 else -100 end, 2025, e.entry_date, 0
         from journal_entries e cross join generate_series(1, 2) n where e.description = 'Massenbuchung'`,
        [cash, bank],
      );
    });
    const error = await errorOf(accountant.bookkeeping.reports.pdf.request.mutate({ report: 'accountLedger', accountId: cash, from: '2025-05-01', to: '2025-05-31' }));
    expect([error.code, error.appCode, Object.keys(error.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', 'bookkeeping.tooManyRows', ['from']]);
  });
});

describe('cleanup', () => {
  it('removes report PDFs older than a day, rows and files', async () => {
    const { requestId } = await accountant.bookkeeping.reports.pdf.request.mutate({ report: 'balanceSheet', date: '2025-03-31' });
    await processRenderReportPdf(app.orm, app.storage, renderer, await payloadOf(requestId));
    const conn = app.orm.em.fork().getConnection();
    const [doc] = await conn.execute<Array<{ storage_key: string }>>(`select storage_key from documents where kind = 'report_pdf' and entity_id = ?`, [requestId]);
    expect(await app.storage.exists(doc!.storage_key)).toBe(true);
    await conn.execute(`update documents set created_at = now() - interval '25 hours' where entity_id = ?`, [requestId]);
    const result = await processCleanupSessions(app.orm, { SESSION_IDLE_MINUTES: 480 } as WorkerEnv, app.storage);
    expect(result.reportPdfs).toBeGreaterThanOrEqual(1);
    expect(await app.storage.exists(doc!.storage_key)).toBe(false);
    expect(await codeOf(accountant.bookkeeping.reports.pdf.get.query({ requestId }))).toBe('NOT_FOUND');
  });
});
