import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrintModel } from '@workmate/db/invoices/document-model';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { renderInvoiceHtml } from '@workmate/worker/pdf/template';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole, type Client } from '../helpers/users.ts';

/** The printed credit note and final invoice, read back from the PDF with pdftotext. */
let app: TestApp;
let admin: Client;
let accountant: Client;
const renderer = new PdfRenderer({ poolSize: 1 });
const tmp = mkdtempSync(join(tmpdir(), 'workmate-creditdeposit-'));
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => {
  await renderer.close();
  await app?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The document's text as pdftotext reads it from the rendered PDF, whitespace runs as one space. */
async function pdfText(id: string): Promise<string> {
  const model = await buildPrintModel(app.orm.em.fork(), id);
  const pdf = await renderer.render(renderInvoiceHtml(model, null), { language: model.language });
  const file = join(tmp, `${id}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const german = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

describe('printed credit notes and final invoices', () => {
  it('labels a credit note "Rechnungskorrektur" with the original invoice\'s number and date', async () => {
    const customer = await invoiceCustomer(admin);
    const original = await finalizedInvoice(accountant, customer.id);
    const draft = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Gutschrift Beratung', quantity: '2', unit: 'Std.', unitPrice: '95.00', taxRate: 19 }] });
    const note = await accountant.invoices.finalize.mutate({ id: draft.id });
    const text = await pdfText(note.id);
    expect(text).toContain(`Rechnungskorrektur ${note.number}`);
    expect(text).toContain(`Rechnungskorrektur zu Rechnung ${original.number} vom ${german(original.issueDate ?? '')}`);
    expect(text).toContain('Korrekturbetrag -226,10 €');

    const english = await invoiceCustomer(admin, { language: 'en' });
    const originalEn = await finalizedInvoice(accountant, english.id);
    const noteEn = await accountant.invoices.finalize.mutate({
      id: (await accountant.invoices.creditNotes.create.mutate({ invoiceId: originalEn.id, lines: [{ description: 'Credit', quantity: '1', unitPrice: '10.00', taxRate: 19 }] })).id,
    });
    expect(await pdfText(noteEn.id)).toContain(`Credit note for invoice ${originalEn.number}`);
  });

  it('prints the final invoice\'s service, each deposit deducted per rate, and the amount due', async () => {
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Umbau'), customerId: customer.id });
    const quote = await draftInvoice(admin, customer.id, {
      type: 'quote',
      projectId: project.id,
      lines: [
        { description: 'Montage', quantity: '1', unit: 'pauschal', unitPrice: '10000.00', taxRate: 19 },
        { description: 'Fachliteratur', quantity: '1', unit: 'pauschal', unitPrice: '2500.00', taxRate: 7 },
      ],
    });
    await admin.invoices.markSent.mutate({ id: quote.id });
    const deposit = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });
    expect(await pdfText(deposit.id)).toContain(`Abschlagsrechnung ${deposit.number}`);
    const final = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.final.create.mutate({ quoteId: quote.id })).id });
    const text = await pdfText(final.id);
    expect(text).toContain(`Schlussrechnung ${final.number}`);
    expect(text).toContain('Gesamtleistung netto 12.500,00 €');
    expect(text).toContain('Gesamtleistung brutto 14.575,00 €');
    // The deposit: 3,000.00 + 570.00 VAT and 750.00 + 52.50 VAT = 4,372.50, deducted.
    expect(text).toContain(`abzgl. Abschlagsrechnung ${deposit.number} vom ${german(deposit.issueDate ?? '')} -4.372,50 €`);
    expect(text).toContain('davon 19 % USt.: netto 3.000,00 €, USt. 570,00 €');
    expect(text).toContain('davon 7 % USt.: netto 750,00 €, USt. 52,50 €');
    // Left: 7,000.00 at 19 % (VAT 1,330.00) and 1,750.00 at 7 % (VAT 122.50); due 10,202.50.
    expect(text).toContain('Verbleibend netto 8.750,00 €');
    expect(text).toContain('zzgl. 19 % USt. auf 7.000,00 € 1.330,00 €');
    expect(text).toContain('zzgl. 7 % USt. auf 1.750,00 € 122,50 €');
    expect(text).toContain('Noch zu zahlen 10.202,50 €');
  });

  it('prints the cancellation of a final invoice with the service and the deduction block negated', async () => {
    const customer = await invoiceCustomer(admin);
    const quote = await draftInvoice(admin, customer.id, {
      type: 'quote',
      lines: [
        { description: 'Montage', quantity: '1', unit: 'pauschal', unitPrice: '10000.00', taxRate: 19 },
        { description: 'Fachliteratur', quantity: '1', unit: 'pauschal', unitPrice: '2500.00', taxRate: 7 },
      ],
    });
    await admin.invoices.markSent.mutate({ id: quote.id });
    const deposit = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });
    const final = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.final.create.mutate({ quoteId: quote.id })).id });
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: final.id });
    const text = await pdfText(cancellation.id);
    expect(text).toContain(`Stornorechnung ${cancellation.number}`);
    expect(text).toContain('Gesamtleistung netto -12.500,00 €');
    expect(text).toContain('Gesamtleistung brutto -14.575,00 €');
    // The deposit of 4,372.50 (3,000.00 + 570.00 and 750.00 + 52.50) given back.
    expect(text).toContain(`abzgl. Abschlagsrechnung ${deposit.number} vom ${german(deposit.issueDate ?? '')} 4.372,50 €`);
    expect(text).toContain('davon 19 % USt.: netto -3.000,00 €, USt. -570,00 €');
    expect(text).toContain('davon 7 % USt.: netto -750,00 €, USt. -52,50 €');
    // −(7,000.00 + 1,330.00 + 1,750.00 + 122.50) = −10,202.50, as a cancellation total.
    expect(text).toContain('Verbleibend netto -8.750,00 €');
    expect(text).toContain('zzgl. 19 % USt. auf -7.000,00 € -1.330,00 €');
    expect(text).toContain('Stornobetrag -10.202,50 €');
    expect(text).not.toContain('Noch zu zahlen');
  });
});
