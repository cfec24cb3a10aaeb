import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRenderReportPdf } from '@workmate/worker/jobs/render-report-pdf';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { formatDecimalComma } from '@workmate/domain/money';
import type { ReportPdfRequest } from '@workmate/domain/schemas/bookkeeping-report-pdf';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { berlinToday, draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * The open items list (Offene-Posten-Liste, issue 16) as PDF and CSV: per party its items, their
 * sum beside the personal account's balance, and the total — every figure the API's own. Its own
 * database, so the list holds only this file's invoices.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let admin: Client;
let accountant: Client;
let manager: Client;
const renderer = new PdfRenderer({ poolSize: 1 });
const tmp = mkdtempSync(join(tmpdir(), 'workmate-open-items-pdf-'));
const today = berlinToday();

/** de-DE as the PDF prints it: "1037.29" → "1.037,29". */
const de = (value: string) => {
  const [int = '0', frac = '00'] = value.replace('-', '').split('.');
  return `${value.startsWith('-') ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac}`;
};
const deDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '');

async function invoiceFor(customerId: string) {
  const draft = await draftInvoice(accountant, customerId);
  return accountant.invoices.finalize.mutate({ id: draft.id });
}

beforeAll(async () => {
  db = await freshDatabase('workmate_bk_open_items_report');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
  await admin.core.settings.update.mutate({ companyName: 'Kontor OP GmbH' });
  accountant = (await userWithRole(app, 'Accountant')).client;
  manager = (await userWithRole(app, 'Manager')).client;
  // Customer A: two invoices of 1,237.29, 200.00 paid on the first; customer B: one invoice, 1,000.00 paid.
  const a = await invoiceCustomer(admin, { name: 'Alpha Bau GmbH' });
  const b = await invoiceCustomer(admin, { name: 'Beta Handel KG' });
  const a1 = await invoiceFor(a.id);
  await invoiceFor(a.id);
  const b1 = await invoiceFor(b.id);
  await accountant.invoices.payments.add.mutate({ invoiceId: a1.id, amount: '200.00', paymentDate: today });
  await accountant.invoices.payments.add.mutate({ invoiceId: b1.id, amount: '1000.00', paymentDate: today });
});
afterAll(async () => {
  await renderer.close();
  await app?.close();
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Requests the PDF, runs the worker's job on its outbox payload, fetches the file and reads its text. */
async function renderedText(input: ReportPdfRequest): Promise<{ text: string; fileName: string }> {
  const { requestId } = await accountant.bookkeeping.reports.pdf.request.mutate(input);
  const [row] = await app.orm.em.fork().getConnection().execute<Array<{ payload: unknown }>>('select payload from outbox where job_id = ?', [`report-pdf-${requestId}`]);
  await processRenderReportPdf(app.orm, app.storage, renderer, row?.payload);
  const ready = await accountant.bookkeeping.reports.pdf.get.query({ requestId });
  if (ready.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(ready)}`);
  const file = join(tmp, `${requestId}.pdf`);
  writeFileSync(file, Buffer.from(ready.contentBase64, 'base64'));
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '), fileName: ready.fileName };
}

describe('open items PDF', () => {
  it('debtors: per customer every open item, the sum beside the account balance, and the total, all equal to the API', async () => {
    const list = await accountant.bookkeeping.openItems.list.query({ side: 'debtor' });
    expect(list.items).toHaveLength(3);
    expect(list.total).toBe('2511.87'); // 3 × 1,237.29 − 200.00 − 1,000.00
    const { text, fileName } = await renderedText({ report: 'openItems', side: 'debtor' });
    expect(fileName).toMatch(/^OP-Liste_Debitoren_\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(text).toContain('Kontor OP GmbH');
    expect(text).toContain('Offene Posten Debitoren');
    expect(text).toContain(`Stichtag ${deDate(today)}`);
    for (const item of list.items) {
      expect(text).toContain(`${item.documentNumber} ${deDate(item.documentDate)} ${deDate(item.dueDate)} ${de(item.amount)} ${de(item.open)}`);
    }
    expect(list.parties).toHaveLength(2);
    for (const party of list.parties) {
      expect(party.balance).toBe(party.openItems);
      expect(text).toContain(`${party.accountNumber} ${party.partyName}`);
      expect(text).toContain(`Summe ${party.partyName} ${de(party.openItems)}`);
      expect(text).toContain(`Saldo Konto ${party.accountNumber} ${de(party.balance)}`);
    }
    expect(list.parties.map((p) => p.openItems).sort()).toEqual(['237.29', '2274.58'].sort());
    expect(text).toContain(`Summe offene Posten ${de(list.total)}`);
  });

  it('one customer only, and in English; creditors with nothing open say so', async () => {
    const list = await accountant.bookkeeping.openItems.list.query({ side: 'debtor' });
    const beta = list.parties.find((p) => p.partyName === 'Beta Handel KG')!;
    const en = await renderedText({ report: 'openItems', side: 'debtor', partyId: beta.partyId, language: 'en' });
    expect(en.fileName).toMatch(/^Open-items_debtors_/);
    expect(en.text).toContain('Open items receivable (debtors)');
    expect(en.text).toContain(`Balance of account ${beta.accountNumber} 237,29`);
    expect(en.text).toContain('Total open items 237,29');
    expect(en.text).not.toContain('Alpha Bau GmbH');
    const creditors = await renderedText({ report: 'openItems', side: 'creditor' });
    expect(creditors.text).toContain('Offene Posten Kreditoren');
    expect(creditors.text).toContain('Keine offenen Posten.');
    expect(creditors.text).toContain('Summe offene Posten 0,00');
  });

  it('refuses a bad side (naming side) and needs bookkeeping.read', async () => {
    const error = await errorOf(accountant.bookkeeping.reports.pdf.request.mutate({ report: 'openItems', side: 'both' } as unknown as ReportPdfRequest));
    expect([error.code, Object.keys(error.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', ['side']]);
    expect(await codeOf(manager.bookkeeping.reports.pdf.request.mutate({ report: 'openItems', side: 'debtor' }))).toBe('FORBIDDEN');
  });
});

describe('open items as of a day', () => {
  it('leaves out what was posted after it, in the list, the CSV and the PDF', async () => {
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = await accountant.bookkeeping.openItems.list.query({ side: 'debtor', asOf: yesterday });
    expect([before.items, before.parties, before.total]).toEqual([[], [], '0.00']);
    const now = await accountant.bookkeeping.openItems.list.query({ side: 'debtor', asOf: today });
    expect(now).toEqual(await accountant.bookkeeping.openItems.list.query({ side: 'debtor' }));
    const csv = await accountant.bookkeeping.openItems.csv.query({ side: 'debtor', asOf: yesterday });
    expect(csv.filename).toBe(`op-liste_debitoren_${yesterday}.csv`);
    expect(csv.content.replace('\uFEFF', '').trim().split('\r\n')).toEqual(['Konto;Name;Beleg;Belegdatum;Fällig;Betrag;Offen;Kontosaldo', ';Gesamt;;;;;0,00;']);
    const { text, fileName } = await renderedText({ report: 'openItems', side: 'debtor', asOf: yesterday });
    expect(fileName).toBe(`OP-Liste_Debitoren_${yesterday}.pdf`);
    expect(text).toContain(`Stichtag ${deDate(yesterday)}`);
    expect(text).toContain('Keine offenen Posten.');
  });

  it('refuses a date that does not exist, naming asOf', async () => {
    const list = await errorOf(accountant.bookkeeping.openItems.list.query({ side: 'debtor', asOf: '2025-02-30' }));
    expect([list.code, Object.keys(list.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', ['asOf']]);
    const pdf = await errorOf(accountant.bookkeeping.reports.pdf.request.mutate({ report: 'openItems', side: 'debtor', asOf: 'gestern' }));
    expect([pdf.code, Object.keys(pdf.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', ['asOf']]);
  });
});

describe('open items CSV', () => {
  it('lists per customer its items, then its sum and account balance, then the total', async () => {
    const list = await accountant.bookkeeping.openItems.list.query({ side: 'debtor' });
    const csv = await accountant.bookkeeping.openItems.csv.query({ side: 'debtor' });
    expect(csv.filename).toMatch(/^op-liste_debitoren_\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.content.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Konto;Name;Beleg;Belegdatum;Fällig;Betrag;Offen;Kontosaldo');
    for (const item of list.items) {
      expect(lines).toContain(`${item.accountNumber};${item.partyName};${item.documentNumber};${item.documentDate};${item.dueDate};${formatDecimalComma(item.amount)};${formatDecimalComma(item.open)};`);
    }
    for (const party of list.parties) expect(lines).toContain(`${party.accountNumber};${party.partyName};Summe;;;;${formatDecimalComma(party.openItems)};${formatDecimalComma(party.balance)}`);
    expect(lines.at(-1)).toBe(`;Gesamt;;;;;${formatDecimalComma(list.total)};`);
    expect(lines).toHaveLength(1 + 3 + 2 + 1);
    expect(await codeOf(manager.bookkeeping.openItems.csv.query({ side: 'debtor' }))).toBe('FORBIDDEN');
  });
});
