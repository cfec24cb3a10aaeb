import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SELECT_DUE_SQL } from '@workmate/db/dunning/run';
import { buildPrintModel } from '@workmate/db/invoices/document-model';
import { buildEInvoiceModel } from '@workmate/db/invoices/einvoice';
import { toEInvoiceJson } from '@workmate/db/invoices/einvoice-json';
import { writeXml } from '@workmate/db/invoices/einvoice-write';
import { addDays } from '@workmate/domain/berlin-time';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { renderInvoiceHtml } from '@workmate/worker/pdf/template';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { oneCreditMt940 } from '../helpers/banking.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { berlinToday, draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Skonto (issue 15): terms on the invoice, a payment within the period at the reduced amount
 * settles it with the discount and its VAT correction per rate (§17 UStG); later or smaller
 * payments stay part payments. Its own database, so the company defaults set here touch no other
 * test file. The default lines: 10 × 95.00 at 19 % (950.00 + 180.50) and 2 × 49.90 at 7 %
 * (99.80 + 6.99), gross 1,237.29.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let admin: Client;
let accountant: Client;
let employee: Client;
const renderer = new PdfRenderer({ poolSize: 1 });
const tmp = mkdtempSync(join(tmpdir(), 'workmate-skonto-'));

beforeAll(async () => {
  db = await freshDatabase('workmate_skonto');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  employee = (await userWithRole(app, 'Employee')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => {
  await renderer.close();
  await app?.close();
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

/** A finalized invoice with the default lines and the given Skonto terms. */
async function skontoInvoice(client: Client, percent: string | null = '2', days: number | null = 14) {
  const customer = await invoiceCustomer(admin);
  const draft = await draftInvoice(client, customer.id);
  const withTerms = await client.invoices.update.mutate({ id: draft.id, version: draft.version, skontoPercent: percent, skontoDays: days });
  return client.invoices.finalize.mutate({ id: withTerms.id });
}

/** Moves a finalized invoice's dates into the past (test set-up only: the freeze trigger is bypassed for this one statement). */
async function backdate(id: string, issueDate: string) {
  await app.orm.em.fork().transactional(async (tx) => {
    const em = tx as unknown as EntityManager;
    await em.execute(`set local session_replication_role = replica`);
    await em.execute(`update invoices set issue_date = ?, due_date = ?::date + 30 where id = ?`, [issueDate, issueDate, id]);
  });
}

async function pdfText(id: string): Promise<string> {
  const model = await buildPrintModel(app.orm.em.fork(), id);
  const pdf = await renderer.render(renderInvoiceHtml(model, null), { language: model.language });
  const file = join(tmp, `${id}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const german = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

describe('Skonto on payments', () => {
  it('a payment within the period at the reduced amount settles the invoice with the discount per VAT rate', async () => {
    const invoice = await skontoInvoice(accountant);
    // 1,237.29 × 2 % = 24.7458 → 24.75; reduced 1,212.54.
    expect(invoice).toMatchObject({ skontoPercent: '2.00', skontoDays: 14, skontoOffer: { discount: '24.75', reducedAmount: '1212.54', until: addDays(invoice.issueDate ?? '', 14) } });
    const payment = await accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1212.54', paymentDate: berlinToday() });
    // Split by gross: 2,475 × 1,130.50 / 1,237.29 = 2,261.38 → 22.61 at 19 % (VAT 22.61 × 19/119 = 3.61, net 19.00);
    // 2,475 × 106.79 / 1,237.29 = 213.62 → 2.14 at 7 % (VAT 2.14 × 7/107 = 0.14, net 2.00).
    const rows = [
      { taxRate: 19, grossAmount: '22.61', netAmount: '19.00', taxAmount: '3.61' },
      { taxRate: 7, grossAmount: '2.14', netAmount: '2.00', taxAmount: '0.14' },
    ];
    expect(payment).toMatchObject({ amount: '1212.54', skontoAmount: '24.75', skontoVat: rows });
    const after = await accountant.invoices.get.query({ id: invoice.id });
    expect(after).toMatchObject({ status: 'paid', paidAmount: '1212.54', outstandingAmount: '0.00', skontoGranted: '24.75', skontoVat: rows });
    expect(after.payments[0]).toMatchObject({ skontoAmount: '24.75' });
    // Settled: another payment is refused like on any paid invoice.
    expect(await codeOf(accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '24.75', paymentDate: berlinToday() }))).toBe('CONFLICT');
    // Audited: the payment's row carries the discount.
    const audit = await sql<Array<{ n: string }>>(`select count(*) as n from audit_log where entity = 'payment' and entity_id = ? and changes::text like '%24.75%'`, [payment.id]);
    expect(Number(audit[0]?.n)).toBe(1);
    // Deleting the payment takes the discount with it: open again in full.
    await accountant.invoices.payments.delete.mutate({ id: payment.id });
    expect(await accountant.invoices.get.query({ id: invoice.id })).toMatchObject({ status: 'finalized', outstandingAmount: '1237.29', skontoGranted: '0.00' });
  });

  it('earlier part payments count: the rest up to the reduced amount earns the rest as discount', async () => {
    const invoice = await skontoInvoice(accountant);
    const first = await accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '600.00', paymentDate: berlinToday() });
    expect(first.skontoAmount).toBeNull();
    // 600.00 + 615.00 = 1,215.00 ≥ 1,212.54: the 22.29 still open is the discount.
    const second = await accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '615.00', paymentDate: berlinToday() });
    expect(second.skontoAmount).toBe('22.29');
    expect(second.skontoVat.reduce((sum, r) => sum + Math.round(Number(r.grossAmount) * 100), 0)).toBe(2229);
    expect((await accountant.invoices.get.query({ id: invoice.id })).status).toBe('paid');
  });

  it('a payment after the period at the reduced amount is only a part payment', async () => {
    const invoice = await skontoInvoice(accountant);
    const issued = addDays(berlinToday(), -20);
    await backdate(invoice.id, issued);
    // Period ended 6 days ago (issue + 14); paid today.
    const payment = await accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1212.54', paymentDate: berlinToday() });
    expect(payment).toMatchObject({ skontoAmount: null, skontoVat: [] });
    expect(await accountant.invoices.get.query({ id: invoice.id })).toMatchObject({ status: 'partially_paid', outstandingAmount: '24.75', skontoGranted: '0.00' });
    // Paid on the last day of the period instead (the date moved back): now it earns the Skonto.
    const moved = await accountant.invoices.payments.update.mutate({ id: payment.id, version: payment.version, paymentDate: addDays(issued, 14) });
    expect(moved.skontoAmount).toBe('24.75');
    expect((await accountant.invoices.get.query({ id: invoice.id })).status).toBe('paid');
  });

  it('a payment below the reduced amount within the period is only a part payment; overpaying stays a 409', async () => {
    const invoice = await skontoInvoice(accountant);
    const payment = await accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1212.53', paymentDate: berlinToday() });
    expect(payment.skontoAmount).toBeNull();
    expect(await accountant.invoices.get.query({ id: invoice.id })).toMatchObject({ status: 'partially_paid', outstandingAmount: '24.76' });
    const over = await errorOf(accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '24.77', paymentDate: berlinToday() }));
    expect(over).toMatchObject({ code: 'CONFLICT', httpStatus: 409, appCode: 'invoice.paymentExceedsOutstanding' });
  });

  it('an invoice without Skonto terms takes the reduced amount as a part payment', async () => {
    const invoice = await skontoInvoice(accountant, null, null);
    expect(invoice).toMatchObject({ skontoPercent: null, skontoDays: null, skontoOffer: null });
    const payment = await accountant.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1212.54', paymentDate: berlinToday() });
    expect(payment.skontoAmount).toBeNull();
    expect((await accountant.invoices.get.query({ id: invoice.id })).status).toBe('partially_paid');
  });

  it('a bank credit confirmed within the period earns the Skonto through the payment service', async () => {
    const invoice = await skontoInvoice(accountant);
    const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'skonto.sta', contentBase64: oneCreditMt940({ amount: '1212,54', remittance: `Rechnung ${invoice.number ?? ''} abzgl. 2 Prozent Skonto` }) });
    const [entry] = (await accountant.banking.entries.list.query({ statementId })).items;
    if (!entry) throw new Error('no entry imported');
    await accountant.banking.entries.confirm.mutate({ id: entry.id, version: entry.version, invoiceId: invoice.id });
    expect(await accountant.invoices.get.query({ id: invoice.id })).toMatchObject({ status: 'paid', skontoGranted: '24.75' });
  });

  it('proposes a bank credit of the reduced amount by amount and payer, marked as Skonto, only within the period', async () => {
    const invoice = await skontoInvoice(accountant);
    const [customer] = await sql<Array<{ name: string }>>(`select c.name from customers c join invoices i on i.customer_id = c.id where i.id = ?`, [invoice.id]);
    const credit = async (day: string) => {
      const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'skonto.sta', contentBase64: oneCreditMt940({ amount: '1212,54', remittance: 'Zahlung', name: customer?.name ?? '', day }) });
      const [entry] = (await accountant.banking.entries.list.query({ statementId })).items;
      if (!entry) throw new Error('no entry imported');
      return entry;
    };
    const within = await credit(berlinToday());
    expect(within.proposals.find((p) => p.invoiceId === invoice.id)).toMatchObject({ reason: 'amountAndCustomer', amountMatches: true, skonto: true, outstanding: '1237.29' });
    // Booked the day after the period (issue date + 14 days), the same amount is no longer what settles it.
    const late = await credit(addDays(berlinToday(), 15));
    expect(late.proposals.map((p) => p.invoiceId)).not.toContain(invoice.id);
    await accountant.banking.entries.confirm.mutate({ id: within.id, invoiceId: invoice.id });
    expect(await accountant.invoices.get.query({ id: invoice.id })).toMatchObject({ status: 'paid', skontoGranted: '24.75' });
  });

  it('dunning leaves an invoice settled with Skonto alone', async () => {
    const settled = await skontoInvoice(accountant);
    const open = await skontoInvoice(accountant);
    const issued = addDays(berlinToday(), -10);
    await backdate(settled.id, issued);
    await backdate(open.id, issued);
    await accountant.invoices.payments.add.mutate({ invoiceId: settled.id, amount: '1212.54', paymentDate: berlinToday() });
    await accountant.invoices.payments.add.mutate({ invoiceId: open.id, amount: '1212.53', paymentDate: berlinToday() });
    // 90 days on, every dunning level is due for what is still open.
    const day = addDays(berlinToday(), 90);
    const due = (await sql<Array<{ invoice_id: string }>>(SELECT_DUE_SQL, [day, day])).map((r) => r.invoice_id);
    expect(due).toContain(open.id);
    expect(due).not.toContain(settled.id);
  });
});

describe('Skonto terms', () => {
  it('refuses bad terms with a 400 naming the field', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ skontoPercent: '-1', skontoDays: 14 }, 'skontoPercent'],
      [{ skontoPercent: '100', skontoDays: 14 }, 'skontoPercent'],
      [{ skontoPercent: '0', skontoDays: 14 }, 'skontoPercent'],
      [{ skontoPercent: '2.345', skontoDays: 14 }, 'skontoPercent'],
      [{ skontoPercent: '2', skontoDays: -1 }, 'skontoDays'],
      [{ skontoPercent: '2', skontoDays: 1.5 }, 'skontoDays'],
      [{ skontoPercent: '2', skontoDays: null }, 'skontoDays'],
      [{ skontoPercent: null, skontoDays: 14 }, 'skontoPercent'],
    ];
    for (const [terms, field] of cases) {
      const error = await errorOf(accountant.invoices.update.mutate({ id: draft.id, version: draft.version, ...terms } as never));
      expect(error.httpStatus, JSON.stringify(terms)).toBe(400);
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(terms)).toContain(field);
    }
    // "2,5" as typed in German is 2.50.
    expect(await accountant.invoices.update.mutate({ id: draft.id, version: draft.version, skontoPercent: '2,5', skontoDays: 10 })).toMatchObject({ skontoPercent: '2.50', skontoDays: 10 });
  });

  it('is frozen at finalize, and only someone allowed to record payments records one', async () => {
    const invoice = await skontoInvoice(accountant);
    expect(await codeOf(accountant.invoices.update.mutate({ id: invoice.id, version: invoice.version, skontoPercent: '3' }))).toBe('CONFLICT');
    expect(await codeOf(sql(`update invoices set skonto_percent = 3 where id = ?`, [invoice.id]))).not.toBe('OK');
    expect(await codeOf(employee.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1212.54', paymentDate: berlinToday() }))).toBe('FORBIDDEN');
    expect((await accountant.invoices.get.query({ id: invoice.id })).status).toBe('finalized');
  });

  it('new invoices take the company default; the form can say none', async () => {
    await admin.core.settings.update.mutate({ defaultSkontoPercent: '3', defaultSkontoDays: 10 });
    try {
      const customer = await invoiceCustomer(admin);
      expect(await draftInvoice(accountant, customer.id)).toMatchObject({ skontoPercent: '3.00', skontoDays: 10 });
      const none = await accountant.invoices.create.mutate({ customerId: customer.id, skontoPercent: null, skontoDays: null, lines: [] });
      expect(none).toMatchObject({ skontoPercent: null, skontoDays: null });
      const quote = await draftInvoice(accountant, customer.id, { type: 'quote' });
      expect(quote.skontoPercent).toBeNull();
      expect((await errorOf(admin.core.settings.update.mutate({ defaultSkontoDays: null }))).fieldErrors).toHaveProperty('defaultSkontoDays');
    } finally {
      await admin.core.settings.update.mutate({ defaultSkontoPercent: null, defaultSkontoDays: null });
    }
  });
});

describe('Skonto on the documents', () => {
  it('the PDF shows the Skonto line in German and English', async () => {
    const invoice = await skontoInvoice(accountant);
    const text = await pdfText(invoice.id);
    expect(text).toContain(`Bei Zahlung bis ${german(addDays(invoice.issueDate ?? '', 14))} 2 % Skonto: 1.212,54 €`);
    const english = await invoiceCustomer(admin, { language: 'en' });
    const draft = await draftInvoice(accountant, english.id);
    await accountant.invoices.update.mutate({ id: draft.id, version: draft.version, skontoPercent: '2', skontoDays: 14 });
    const en = await accountant.invoices.finalize.mutate({ id: draft.id });
    expect(await pdfText(en.id)).toMatch(/If paid by .+, 2% cash discount: €1,212\.54/);
  });

  it('the e-invoice carries the #SKONTO# terms in BT-20 (UBL and CII)', async () => {
    const invoice = await skontoInvoice(accountant);
    const { model } = await buildEInvoiceModel(app.orm.em.fork(), invoice.id);
    const json = toEInvoiceJson(model);
    expect(json['ubl:Invoice']['cac:PaymentTerms']?.['cbc:Note']).toContain('#SKONTO#TAGE=14#PROZENT=2.00#\n');
    const cii = (await writeXml(json, 'XRECHNUNG-CII')).toString('utf8');
    expect(cii).toContain('#SKONTO#TAGE=14#PROZENT=2.00#');
    const plain = await skontoInvoice(accountant, null, null);
    expect(toEInvoiceJson((await buildEInvoiceModel(app.orm.em.fork(), plain.id)).model)['ubl:Invoice']['cac:PaymentTerms']?.['cbc:Note'] ?? '').not.toContain('#SKONTO#');
  });
});
