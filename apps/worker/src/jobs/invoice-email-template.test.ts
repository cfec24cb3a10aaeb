import { describe, expect, it } from 'vitest';
import type { InvoiceEmailData } from '@workmate/db/invoices/send';
import { renderInvoiceEmail } from './invoice-email-template.ts';

const data = (over: { language?: 'de' | 'en'; type?: InvoiceEmailData['invoice']['type']; companyName?: string; message?: string | null }): InvoiceEmailData => ({
  send: { id: 'x', to: ['a@example.test'], cc: [], message: over.message ?? null, language: over.language ?? 'de' },
  invoice: {
    id: 'i',
    type: over.type ?? 'invoice',
    status: 'finalized',
    number: 'RE-2026-0042',
    issueDate: '2026-12-04',
    dueDate: '2026-12-18',
    validUntil: '2027-01-03',
    grossTotal: over.type === 'cancellation' ? '-1234.50' : '1234.50',
    customerName: 'Kunde GmbH',
    companyName: over.companyName ?? 'Muster GmbH',
    companyEmail: null,
  },
  pdf: null,
});

describe('the email of a sent document', () => {
  it('is written in the document language, with amount and due date formatted for it', () => {
    const de = renderInvoiceEmail(data({ message: 'Danke!' }));
    expect(de.subject).toBe('Rechnung RE-2026-0042 von Muster GmbH');
    expect(de.text).toContain('Danke!\n\nanbei erhalten Sie unsere Rechnung RE-2026-0042 vom 04.12.2026 über 1.234,50 €.');
    expect(de.text).toContain('bis zum 18.12.2026');
    const en = renderInvoiceEmail(data({ language: 'en' }));
    expect(en.subject).toBe('Invoice RE-2026-0042 from Muster GmbH');
    expect(en.text).toContain('please find attached our invoice RE-2026-0042 of 4 Dec 2026 for €1,234.50.');
    expect(en.text).toContain('by 18 Dec 2026');
  });

  it('names a quote with its validity, and a cancellation without an amount or due date', () => {
    const quote = renderInvoiceEmail(data({ type: 'quote' }));
    expect(quote.subject).toBe('Angebot RE-2026-0042 von Muster GmbH');
    expect(quote.text).toContain('Das Angebot gilt bis zum 03.01.2027.');
    expect(quote.text).not.toContain('überweisen');
    const cancellation = renderInvoiceEmail(data({ type: 'cancellation', language: 'en' }));
    expect(cancellation.subject).toBe('Cancellation invoice RE-2026-0042 from Muster GmbH');
    expect(cancellation.text).not.toContain('€');
  });

  it('keeps the subject on one line and the text unescaped', () => {
    const mail = renderInvoiceEmail(data({ companyName: 'A & B\r\nBcc: x@example.test', message: '<b>Hallo</b> & Tschüss' }));
    expect(mail.subject).toBe('Rechnung RE-2026-0042 von A & B Bcc: x@example.test');
    expect(mail.text).toContain('<b>Hallo</b> & Tschüss');
  });
});
