import { describe, expect, it } from 'vitest';
import { oneCreditMt940, sampleFile, testAccount } from '../helpers/banking.ts';
import { browserSuite } from '../helpers/browser.ts';
import { sampleXml, uploadEInvoice } from '../helpers/einvoices.ts';
import { berlinToday, draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole } from '../helpers/users.ts';

/**
 * Kontoauszüge: import a CAMT file, confirm the proposed invoice of a payment, ignore another; a
 * wrong file is refused in German, one that does not add up is imported with a warning; money paid back to a customer is confirmed as the refund of the
 * overpaid invoice; a transfer to a supplier as the payment of its received invoice.
 */
const suite = browserSuite();

/** The bank page signed in as `email`, open outgoing (or incoming) payments searched for `search`: the one entry's row. */
async function openEntry(email: string, search: string, view: 'outgoing' | 'unmatched' = 'outgoing') {
  const errors: string[] = [];
  const { context, page } = await suite.open(email, { errors, at: '/finance/bank' });
  await page.locator('[data-testid="bank-view"]').selectOption(view);
  await page.locator('[data-testid="bank-search"]').fill(search);
  const row = page.locator('[data-testid="bank-entry"]');
  await expect.poll(() => row.count()).toBe(1);
  return { errors, context, page, row };
}

describe('bank statements in the browser', () => {
  it('imports a camt.053 file, confirms a proposal (the invoice is paid) and ignores an entry', async () => {
    const admin = (await userWithRole(suite.app, 'Admin')).client;
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin, { name: 'Bäckerei Schmitt GmbH' });
    const invoice = await finalizedInvoice(admin, customer.id, { lines: [{ description: 'Wartung Kassensystem', quantity: '1', unitPrice: '1000.00', taxRate: 19 }] });
    const number = invoice.number ?? '';
    const account = testAccount();
    const { employee } = await userWithRole(suite.app, 'Accountant');
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/finance' });
    await page.locator('[data-testid="nav-bank"]').first().click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Kontoauszüge');

    await page.locator('[data-testid="bank-file"]').setInputFiles({ name: 'umsaetze.csv', mimeType: 'text/csv', buffer: Buffer.from('Buchungstag;Betrag\n01.12.2026;10,00\n') });
    await expect.poll(() => page.locator('[data-testid="bank-import-error"]').innerText()).toContain('weder ein CAMT.053-Kontoauszug');

    const file = Buffer.from(sampleFile('camt053-001-02.xml', account, { 'RE-2026-0101': number }), 'base64');
    await page.locator('[data-testid="bank-file"]').setInputFiles({ name: 'auszug.xml', mimeType: 'application/xml', buffer: file });
    await expect.poll(() => page.locator('[data-testid="bank-import-result"]').innerText()).toBe('camt.053.001.02: 6 neue Buchung(en) importiert, 0 bereits vorhanden.');
    expect(await page.locator('[data-testid="bank-import-balance"]').count()).toBe(0);

    // Only this test's payment: searched by its invoice number.
    await page.locator('[data-testid="bank-search"]').fill(number);
    const row = page.locator('[data-testid="bank-entry"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('[data-testid="bank-amount"]').innerText()).toBe('1.190,00 €');
    expect(await row.locator('[data-testid="bank-proposal"]').first().innerText()).toContain(`${number} · Bäckerei Schmitt GmbH`);
    expect(await row.locator('[data-testid="bank-proposal"]').first().innerText()).toContain('Rechnungsnummer im Verwendungszweck');
    await row.locator('[data-testid="bank-confirm"]').first().click();
    // Matched: out of the open list, in the matched one with its invoice.
    await expect.poll(() => row.count()).toBe(0);
    expect(await admin.invoices.get.query({ id: invoice.id })).toMatchObject({ status: 'paid', paidAmount: '1190.00' });
    await page.locator('[data-testid="bank-view"]').selectOption('matched');
    await expect.poll(() => page.locator('[data-testid="bank-matched-invoice"]').allInnerTexts()).toEqual([number]);

    // The tax refund of the same file is no customer payment: ignored.
    await page.locator('[data-testid="bank-view"]').selectOption('unmatched');
    await page.locator('[data-testid="bank-search"]').fill('Erstattung Umsatzsteuer');
    const refunds = page.locator('[data-testid="bank-entry"]', { hasText: 'Finanzamt' });
    await expect.poll(() => refunds.count()).toBeGreaterThan(0);
    const before = await refunds.count();
    await refunds.first().locator('[data-testid="bank-ignore"]').click();
    await expect.poll(() => refunds.count()).toBe(before - 1);

    // A file that does not add up (a booking of 89.90 missing) is imported with a warning.
    const short = Buffer.from(sampleFile('camt053-001-02.xml', testAccount()), 'base64').toString('utf8').replace('<Amt Ccy="EUR">11316.77</Amt>', '<Amt Ccy="EUR">11226.87</Amt>');
    await page.locator('[data-testid="bank-file"]').setInputFiles({ name: 'auszug-kurz.xml', mimeType: 'application/xml', buffer: Buffer.from(short, 'utf8') });
    await expect.poll(() => page.locator('[data-testid="bank-import-balance"]').innerText()).toContain('weichen um 89,90 € vom Endsaldo ab');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('confirms money going out as the refund of an overpaid invoice, found by its credit note number', async () => {
    const admin = (await userWithRole(suite.app, 'Admin')).client;
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin, { name: 'Gärtnerei Lindner' });
    const invoice = await finalizedInvoice(admin, customer.id, { lines: [{ description: 'Baumpflege', quantity: '1', unitPrice: '100.00', taxRate: 19 }] });
    await admin.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '119.00', paymentDate: berlinToday() });
    const note = await admin.invoices.creditNotes.create.mutate({ invoiceId: invoice.id, lines: [{ description: 'Nachlass', quantity: '1', unitPrice: '10.00', taxRate: 19 }] });
    const creditNote = await admin.invoices.finalize.mutate({ id: note.id });
    const remittance = `Erstattung ${creditNote.number ?? ''}`;
    await admin.banking.statements.import.mutate({ fileName: 'ausgang.sta', contentBase64: oneCreditMt940({ amount: '11,90', remittance, name: 'Gaertnerei Lindner', debit: true, day: berlinToday() }) });

    const { employee } = await userWithRole(suite.app, 'Accountant');
    const { errors, context, page, row } = await openEntry(employee.email, remittance);
    expect(await row.locator('[data-testid="bank-amount"]').innerText()).toBe('-11,90 €');
    expect(await row.locator('[data-testid="bank-proposal"]').first().innerText()).toContain(`${invoice.number ?? ''} · Gärtnerei Lindner · überzahlt 11,90 €`);
    await row.locator('[data-testid="bank-confirm"]').first().click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await admin.invoices.get.query({ id: invoice.id })).toMatchObject({ paidAmount: '107.10', refundableAmount: '0.00' });
    await page.locator('[data-testid="bank-view"]').selectOption('matched');
    await expect.poll(() => page.locator('[data-testid="bank-matched-invoice"]').allInnerTexts()).toEqual([invoice.number ?? '']);
    expect(await page.locator('[data-testid="bank-refunded"]').allInnerTexts()).toEqual([' · Erstattung']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('confirms a transfer to a supplier as the payment of its received invoice, named in the purpose', async () => {
    const { client: accountantClient, token, employee } = await userWithRole(suite.app, 'Accountant');
    const number = `LF-${Math.floor(Math.random() * 1e8)}`;
    const upload = await uploadEInvoice(suite.app, token, await sampleXml('UBL', { number, sellerName: 'Druckerei Koch GmbH', vatId: `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` }));
    const id = upload.body.invoice?.id ?? '';
    await accountantClient.purchases.inbox.approve.mutate({ id });
    const remittance = `Rechnung ${number}`;
    await accountantClient.banking.statements.import.mutate({ fileName: 'ausgang.sta', contentBase64: oneCreditMt940({ amount: '1296,99', remittance, name: 'Druckerei Koch', debit: true, day: berlinToday() }) });

    const { errors, context, page, row } = await openEntry(employee.email, remittance);
    const proposal = row.locator('[data-testid="bank-proposal"][data-kind="supplierInvoice"]').first();
    expect(await proposal.innerText()).toContain(`Eingangsrechnung ${number} · Druckerei Koch GmbH · offen 1.296,99 €`);
    await proposal.locator('[data-testid="bank-confirm-supplier"]').click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await accountantClient.purchases.inbox.get.query({ id })).settlement).toMatchObject({ paidAmount: '1296.99', openAmount: '0.00' });
    await page.locator('[data-testid="bank-view"]').selectOption('matched');
    await expect.poll(() => page.locator('[data-testid="bank-matched-supplier-invoice"]').allInnerTexts()).toEqual([number]);
    expect(await page.locator('[data-testid="bank-supplier-paid"]').allInnerTexts()).toEqual([' · Druckerei Koch GmbH · Lieferantenzahlung']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('proposes a payment less Skonto by amount and payer, and confirming grants the discount', async () => {
    const admin = (await userWithRole(suite.app, 'Admin')).client;
    await prepareInvoicing(admin);
    const name = `Skonto Kunde ${Math.floor(Math.random() * 1e8)} GmbH`;
    const customer = await invoiceCustomer(admin, { name });
    const draft = await draftInvoice(admin, customer.id, { lines: [{ description: 'Wartung', quantity: '1', unitPrice: '1000.00', taxRate: 19 }] });
    const withTerms = await admin.invoices.update.mutate({ id: draft.id, version: draft.version, skontoPercent: '2', skontoDays: 14 });
    const invoice = await admin.invoices.finalize.mutate({ id: withTerms.id });
    await admin.banking.statements.import.mutate({ fileName: 'eingang.sta', contentBase64: oneCreditMt940({ amount: '1166,20', remittance: 'Zahlung', name, day: berlinToday() }) });

    const { employee } = await userWithRole(suite.app, 'Accountant');
    const { errors, context, row } = await openEntry(employee.email, name, 'unmatched');
    const proposal = row.locator('[data-testid="bank-proposal"]').filter({ hasText: invoice.number ?? '' });
    expect(await proposal.innerText()).toContain(`${invoice.number ?? ''} · ${name} · offen 1.190,00 € · Betrag abzüglich Skonto`);
    await proposal.locator('[data-testid="bank-confirm"]').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await admin.invoices.get.query({ id: invoice.id })).toMatchObject({ status: 'paid', skontoGranted: '23.80' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
