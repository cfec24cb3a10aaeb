import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { berlinToday, draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** Drafts, totals, finalizing, immutability, cancellation and quotes through the typed client over HTTP. */
let app: TestApp;
let admin: Client;
let accountant: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

describe('drafts and totals', () => {
  it('computes the totals on the server and ignores totals a client sends', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await accountant.invoices.create.mutate({
      customerId: customer.id,
      serviceDate: '2026-11-02',
      lines: [
        { description: 'Beratung', quantity: '10', unit: 'Std.', unitPrice: '95.00', taxRate: 19, netAmount: '1.00' },
        { description: 'Fachbuch', quantity: '2,5', unit: 'Stk.', unitPrice: '40', taxRate: 7 },
        { description: 'Porto', quantity: 1, unitPrice: 10.5, taxRate: 19 },
      ],
      netTotal: '1.00',
      taxTotal: '0.00',
      grossTotal: '1.00',
    } as never);
    expect(draft).toMatchObject({ status: 'draft', number: null, type: 'invoice', taxCase: 'standard', language: 'de' });
    expect(draft.lines.map((l) => [l.position, l.quantity, l.unitPrice, l.netAmount])).toEqual([
      [1, '10', '95.00', '950.00'],
      [2, '2.5', '40.00', '100.00'],
      [3, '1', '10.50', '10.50'],
    ]);
    // 960.50 × 19 % = 182.495 → 182.50 (half up, once per rate); 100.00 × 7 % = 7.00
    expect(draft.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '960.50', taxAmount: '182.50' },
      { taxRate: 7, netAmount: '100.00', taxAmount: '7.00' },
    ]);
    expect([draft.netTotal, draft.taxTotal, draft.grossTotal]).toEqual(['1060.50', '189.50', '1250.00']);
    const stored = await sql<Array<{ gross_total: string }>>('select gross_total::text from invoices where id = ?', [draft.id]);
    expect(stored[0]?.gross_total).toBe('1250.00');
  });

  it('updates a draft: kept lines by id, new lines, removed lines, and recomputed totals', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    const [first] = draft.lines;
    const updated = await accountant.invoices.update.mutate({
      id: draft.id,
      version: draft.version,
      introText: 'Vielen Dank für Ihren Auftrag.',
      lines: [
        { id: first?.id, description: 'Beratung (geändert)', quantity: '1', unit: 'Std.', unitPrice: '100', taxRate: 19 },
        { description: 'Rabatt', quantity: '1', unit: 'pauschal', unitPrice: '-10', taxRate: 19 },
      ],
    });
    expect(updated.lines.map((l) => [l.id === first?.id, l.description, l.netAmount])).toEqual([
      [true, 'Beratung (geändert)', '100.00'],
      [false, 'Rabatt', '-10.00'],
    ]);
    expect([updated.netTotal, updated.taxTotal, updated.grossTotal]).toEqual(['90.00', '17.10', '107.10']);
    expect(updated.introText).toBe('Vielen Dank für Ihren Auftrag.');
    // A stale version is refused and changes nothing.
    expect(await codeOf(accountant.invoices.update.mutate({ id: draft.id, version: draft.version, notes: 'alt' }))).toBe('CONFLICT');
    expect((await accountant.invoices.get.query({ id: draft.id })).notes).toBeNull();
  });

  it('deletes a draft', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    await accountant.invoices.delete.mutate({ id: draft.id });
    expect(await codeOf(accountant.invoices.get.query({ id: draft.id }))).toBe('NOT_FOUND');
  });

  it('takes the tax case per document: reverse charge needs the customer VAT ID and charges no VAT', async () => {
    const plain = await invoiceCustomer(admin);
    const eu = await invoiceCustomer(admin, { vatId: 'ATU12345678', language: 'en' });
    const refused = await draftInvoice(accountant, plain.id, { reverseCharge: true });
    expect(refused.taxCase).toBe('reverse_charge');
    const error = await errorOf(accountant.invoices.finalize.mutate({ id: refused.id }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.fieldErrors?.reverseCharge?.[0]).toMatch(/VAT ID/);
    const ok = await finalizedInvoice(accountant, eu.id, { reverseCharge: true });
    expect(ok).toMatchObject({ taxCase: 'reverse_charge', language: 'en', taxTotal: '0.00', netTotal: ok.grossTotal });
    expect(ok.taxBreakdown).toEqual([{ taxRate: 0, netAmount: ok.netTotal, taxAmount: '0.00' }]);
  });
});

describe('finalizing', () => {
  it('numbers, dates and freezes the document, with the seller and buyer as printed', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    const done = await accountant.invoices.finalize.mutate({ id: draft.id, version: draft.version });
    const today = berlinToday();
    expect(done.status).toBe('finalized');
    expect(done.number).toMatch(new RegExp(`^RE-${today.slice(0, 4)}-\\d{4,}$`));
    expect(done.issueDate).toBe(today);
    expect(done.dueDate).toBe(new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10));
    expect(done.seller).toMatchObject({ companyName: 'Workmate Testfirma GmbH', iban: 'DE89370400440532013000', taxNumber: '30/123/45678' });
    expect(done.buyer).toMatchObject({ name: customer.name, city: 'Köln', customerNumber: customer.customerNumber });
    expect((await accountant.invoices.byNumber.query({ number: done.number as string })).id).toBe(draft.id);
    // The customer moves; the finalized invoice still shows the address it was issued to.
    await admin.crm.customers.update.mutate({ id: customer.id, city: 'Bonn' });
    expect((await accountant.invoices.get.query({ id: draft.id })).buyer?.city).toBe('Köln');
    expect(await codeOf(accountant.invoices.finalize.mutate({ id: draft.id }))).toBe('CONFLICT');
  });

  it('refuses to finalize without the mandatory content, naming every missing field, and changes nothing', async () => {
    const bare = await admin.crm.customers.create.mutate({ name: unique('Ohne Adresse') });
    const draft = await draftInvoice(accountant, bare.id, { serviceDate: null, lines: [] });
    const error = await errorOf(accountant.invoices.finalize.mutate({ id: draft.id }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(['customer.street', 'lines', 'serviceDate']);
    const after = await accountant.invoices.get.query({ id: draft.id });
    expect(after).toMatchObject({ status: 'draft', number: null, version: draft.version });
  });

  it('accepts a service period instead of a service date', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id, { serviceDate: null });
    const withPeriod = await accountant.invoices.update.mutate({ id: draft.id, servicePeriodFrom: '2026-10-01', servicePeriodTo: '2026-10-31' });
    expect((await accountant.invoices.finalize.mutate({ id: withPeriod.id })).servicePeriodTo).toBe('2026-10-31');
  });
});

describe('immutability of finalized documents', () => {
  it('refuses changes and deletion through the API', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id);
    for (const call of [
      () => accountant.invoices.update.mutate({ id: inv.id, introText: 'nachträglich' }),
      () => accountant.invoices.update.mutate({ id: inv.id, lines: [] }),
      () => admin.invoices.delete.mutate({ id: inv.id }),
    ]) {
      expect(await codeOf(call())).toBe('CONFLICT');
    }
    const after = await accountant.invoices.get.query({ id: inv.id });
    expect(after).toMatchObject({ introText: null, grossTotal: inv.grossTotal, status: 'finalized' });
    expect(after.lines).toHaveLength(inv.lines.length);
  });

  it('refuses changes and deletion in the database itself (trigger), but lets the status move', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id);
    const attempts = [
      `update invoices set gross_total = 1 where id = '${inv.id}'`,
      `update invoices set number = 'RE-FAKE' where id = '${inv.id}'`,
      `update invoices set status = 'draft', number = null where id = '${inv.id}'`,
      `delete from invoices where id = '${inv.id}'`,
      `update invoice_lines set unit_price = 0 where invoice_id = '${inv.id}'`,
      `delete from invoice_lines where invoice_id = '${inv.id}'`,
      `insert into invoice_lines (id, invoice_id, position, description, quantity, unit, unit_price, tax_rate, net_amount) values (gen_random_uuid(), '${inv.id}', 9, 'x', 1, 'x', 1, 19, 1)`,
    ];
    for (const statement of attempts) {
      await expect(sql(statement)).rejects.toThrow(/finalized/);
    }
    await sql(`update invoices set status = 'sent', sent_at = now() where id = ?`, [inv.id]);
    const after = await accountant.invoices.get.query({ id: inv.id });
    expect(after).toMatchObject({ status: 'sent', grossTotal: inv.grossTotal, number: inv.number });
    expect(after.lines.map((l) => l.netAmount)).toEqual(inv.lines.map((l) => l.netAmount));
  });
});

describe('cancellation', () => {
  it('reverses an invoice with a numbered cancellation invoice that references it, and keeps the original', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id, {
      lines: [
        { description: 'Beratung', quantity: '3', unit: 'Std.', unitPrice: '33.33', taxRate: 19 },
        { description: 'Buch', quantity: '1', unit: 'Stk.', unitPrice: '10.05', taxRate: 7 },
      ],
    });
    const result = await accountant.invoices.cancel.mutate({ id: inv.id, reason: 'Falscher Leistungszeitraum', createCorrection: true });
    const { original, cancellation, correction } = result;
    expect(original).toMatchObject({ status: 'cancelled', number: inv.number, grossTotal: inv.grossTotal, cancellationReason: 'Falscher Leistungszeitraum' });
    expect(original.cancelledBy?.id).toBe(cancellation.id);
    expect(cancellation).toMatchObject({ type: 'cancellation', status: 'finalized', issueDate: berlinToday() });
    expect(cancellation.number).toMatch(/^ST-\d{4}-\d{4,}$/);
    expect(cancellation.cancels).toMatchObject({ id: inv.id, number: inv.number, issueDate: inv.issueDate });
    // Every amount negated, to the cent.
    expect(cancellation.lines.map((l) => [l.quantity, l.unitPrice, l.netAmount])).toEqual([
      ['-3', '33.33', '-99.99'],
      ['-1', '10.05', '-10.05'],
    ]);
    expect(cancellation.taxBreakdown).toEqual(inv.taxBreakdown.map((r) => ({ taxRate: r.taxRate, netAmount: `-${r.netAmount}`, taxAmount: `-${r.taxAmount}` })));
    expect([cancellation.netTotal, cancellation.taxTotal, cancellation.grossTotal]).toEqual([`-${inv.netTotal}`, `-${inv.taxTotal}`, `-${inv.grossTotal}`]);
    // The corrected copy is a new, editable draft linked to the original.
    expect(correction).toMatchObject({ type: 'invoice', status: 'draft', number: null, grossTotal: inv.grossTotal });
    expect(correction?.corrects?.id).toBe(inv.id);
    expect((await accountant.invoices.get.query({ id: inv.id })).correctedBy.map((c) => c.id)).toEqual([correction?.id]);
    // A cancelled invoice takes no payment and cannot be cancelled again; the cancellation cannot be changed.
    expect(await codeOf(accountant.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '1.00', paymentDate: berlinToday() }))).toBe('CONFLICT');
    expect(await codeOf(accountant.invoices.cancel.mutate({ id: inv.id }))).toBe('CONFLICT');
    expect(await codeOf(accountant.invoices.update.mutate({ id: cancellation.id, notes: 'x' }))).toBe('CONFLICT');
    expect(await codeOf(accountant.invoices.cancel.mutate({ id: cancellation.id }))).toBe('CONFLICT');
  });

  it('refuses to cancel a draft, or an invoice with payments, and needs invoices.cancel', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    expect(await codeOf(accountant.invoices.cancel.mutate({ id: draft.id }))).toBe('CONFLICT');
    const paid = await finalizedInvoice(accountant, customer.id);
    await accountant.invoices.payments.add.mutate({ invoiceId: paid.id, amount: '10.00', paymentDate: berlinToday() });
    expect(await codeOf(accountant.invoices.cancel.mutate({ id: paid.id }))).toBe('CONFLICT');
    const { client: manager } = await userWithRole(app, 'Manager');
    const other = await finalizedInvoice(accountant, customer.id);
    expect(await codeOf(manager.invoices.cancel.mutate({ id: other.id }))).toBe('FORBIDDEN');
    expect((await accountant.invoices.get.query({ id: other.id })).status).toBe('finalized');
  });
});

describe('status lifecycle', () => {
  it('marks sent, refuses steps outside the lifecycle, and marks paid by recording the rest', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id);
    const sent = await accountant.invoices.markSent.mutate({ id: inv.id });
    expect(sent.status).toBe('sent');
    expect(sent.sentAt).not.toBeNull();
    for (const status of ['draft', 'cancelled', 'overdue', 'partially_paid', 'accepted'] as const) {
      expect(await codeOf(accountant.invoices.setStatus.mutate({ id: inv.id, status }))).toBe('CONFLICT');
    }
    const paid = await accountant.invoices.setStatus.mutate({ id: inv.id, status: 'paid' });
    expect(paid).toMatchObject({ status: 'paid', paidAmount: inv.grossTotal, outstandingAmount: '0.00' });
    expect(paid.payments).toHaveLength(1);
    // A manager may finalize and send, but marking paid records a payment.
    const { client: manager } = await userWithRole(app, 'Manager');
    const other = await finalizedInvoice(accountant, customer.id);
    expect(await codeOf(manager.invoices.setStatus.mutate({ id: other.id, status: 'paid' }))).toBe('FORBIDDEN');
  });

  it('bulkSetStatus checks each document and answers per id', async () => {
    const customer = await invoiceCustomer(admin);
    const a = await finalizedInvoice(accountant, customer.id);
    const b = await draftInvoice(accountant, customer.id);
    const c = await finalizedInvoice(accountant, customer.id);
    await accountant.invoices.markSent.mutate({ id: c.id });
    const missing = '00000000-0000-4000-8000-000000000000';
    const results = await accountant.invoices.bulkSetStatus.mutate({ ids: [a.id, b.id, c.id, missing], status: 'sent' });
    expect(results).toEqual([
      { id: a.id, ok: true, status: 'sent' },
      // Each refusal with its error code and parameters too, for the web app to word (issue 19).
      { id: b.id, ok: false, code: 'CONFLICT', message: expect.stringMatching(/finalized first/), appCode: 'invoice.status.draftFirst', params: { number: 'Draft' } },
      { id: c.id, ok: true, status: 'sent' },
      { id: missing, ok: false, code: 'NOT_FOUND', message: expect.any(String), appCode: 'record.notFound', params: { what: 'Invoice', id: missing } },
    ]);
    expect((await accountant.invoices.get.query({ id: b.id })).status).toBe('draft');
  });
});

describe('payments and the status', () => {
  it('moves the status with every payment added, changed or deleted, and back', async () => {
    const customer = await invoiceCustomer(admin);
    const inv = await finalizedInvoice(accountant, customer.id, { lines: [{ description: 'Pauschale', quantity: '1', unit: 'pauschal', unitPrice: '100.00', taxRate: 19 }] });
    await accountant.invoices.markSent.mutate({ id: inv.id });
    const status = async () => (await accountant.invoices.get.query({ id: inv.id })).status;
    const full = await accountant.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '119.00', paymentDate: berlinToday(), method: 'paypal', reference: 'PAYPAL-4711' });
    expect(full).toMatchObject({ amount: '119.00', method: 'paypal', reference: 'PAYPAL-4711' });
    expect(await status()).toBe('paid');
    expect((await accountant.invoices.get.query({ id: inv.id })).paidAt).not.toBeNull();
    await accountant.invoices.payments.update.mutate({ id: full.id, amount: '19.00' });
    expect(await status()).toBe('partially_paid');
    // Changing a payment may not push the sum past the total either.
    // Too much is a conflict with what is owed, like a payment on a paid invoice (below).
    expect(await codeOf(accountant.invoices.payments.update.mutate({ id: full.id, amount: '119.01' }))).toBe('CONFLICT');
    await accountant.invoices.payments.delete.mutate({ id: full.id });
    const after = await accountant.invoices.get.query({ id: inv.id });
    expect(after).toMatchObject({ status: 'sent', paidAmount: '0.00', outstandingAmount: '119.00', paidAt: null });
    expect(await accountant.invoices.payments.list.query({ invoiceId: inv.id })).toEqual([]);
    // Paying more than is owed and paying a paid invoice are the same kind of refusal: both CONFLICT, on their field.
    await accountant.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '100.00', paymentDate: berlinToday() });
    const over = await errorOf(accountant.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '19.01', paymentDate: berlinToday() }));
    expect([over.code, over.httpStatus, Object.keys(over.fieldErrors ?? {})]).toEqual(['CONFLICT', 409, ['amount']]);
    await accountant.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '19.00', paymentDate: berlinToday() });
    expect(await status()).toBe('paid');
    const paid = await errorOf(accountant.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '1.00', paymentDate: berlinToday() }));
    expect([paid.code, paid.httpStatus, Object.keys(paid.fieldErrors ?? {})]).toEqual(['CONFLICT', 409, ['invoiceId']]);
    // A draft takes no payment.
    const draft = await draftInvoice(accountant, customer.id);
    expect(await codeOf(accountant.invoices.payments.add.mutate({ invoiceId: draft.id, amount: '1.00', paymentDate: berlinToday() }))).toBe('CONFLICT');
  });
});

describe('quotes', () => {
  it('goes draft → sent → accepted and converts once into an invoice draft that copies the lines', async () => {
    const customer = await invoiceCustomer(admin);
    const quote = await draftInvoice(accountant, customer.id, { type: 'quote', serviceDate: null });
    expect(await codeOf(accountant.invoices.convertQuote.mutate({ id: quote.id }))).toBe('CONFLICT');
    const sent = await accountant.invoices.markSent.mutate({ id: quote.id });
    expect(sent).toMatchObject({ type: 'quote', status: 'sent' });
    expect(sent.number).toMatch(/^AN-\d{4}-\d{4,}$/);
    expect(sent.validUntil).not.toBeNull();
    expect(await codeOf(accountant.invoices.setStatus.mutate({ id: quote.id, status: 'paid' }))).toBe('CONFLICT');
    await accountant.invoices.setStatus.mutate({ id: quote.id, status: 'accepted' });
    const invoice = await accountant.invoices.convertQuote.mutate({ id: quote.id });
    expect(invoice).toMatchObject({ type: 'invoice', status: 'draft', grossTotal: sent.grossTotal });
    expect(invoice.sourceQuote?.id).toBe(quote.id);
    expect(invoice.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.taxRate])).toEqual(sent.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.taxRate]));
    expect((await accountant.invoices.get.query({ id: quote.id })).convertedTo?.id).toBe(invoice.id);
    expect(await codeOf(accountant.invoices.convertQuote.mutate({ id: quote.id }))).toBe('CONFLICT');
    expect(await codeOf(accountant.invoices.payments.add.mutate({ invoiceId: quote.id, amount: '1.00', paymentDate: berlinToday() }))).toBe('CONFLICT');
  });

  it('a rejected quote does not convert', async () => {
    const customer = await invoiceCustomer(admin);
    const quote = await draftInvoice(accountant, customer.id, { type: 'quote', serviceDate: null });
    await accountant.invoices.markSent.mutate({ id: quote.id });
    await accountant.invoices.setStatus.mutate({ id: quote.id, status: 'rejected' });
    expect(await codeOf(accountant.invoices.convertQuote.mutate({ id: quote.id }))).toBe('CONFLICT');
  });
});

describe('unit prices and quantities with four decimal places (EN 16931)', () => {
  it('keeps up to four places on prices and quantities, rounds each line net half up to the cent, and finalizes with the exact values', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await accountant.invoices.create.mutate({
      customerId: customer.id,
      serviceDate: '2026-11-02',
      lines: [
        // EN 16931's own example price: 3 × 1.2605 = 3.7815 → 3.78
        { description: 'Schrauben', quantity: '3', unit: 'Stk.', unitPrice: '1.2605', taxRate: 19 },
        // 20 minutes at 90 €/h: 0.3333 × 90 = 29.997 → 30.00
        { description: 'Beratung', quantity: '0.3333', unit: 'Std.', unitPrice: '90', taxRate: 19 },
        // Both with four places: 1.2345 × 10.1234 = 12.4973373 → 12.50; trailing zeros dropped down to two places.
        { description: 'Material', quantity: '1.2345', unit: 'kg', unitPrice: '10.1234', taxRate: 7 },
        { description: 'Kabel', quantity: '2', unit: 'm', unitPrice: '0.2650', taxRate: 7 },
      ],
    });
    const expected = [
      ['3', '1.2605', '3.78'],
      ['0.3333', '90.00', '30.00'],
      ['1.2345', '10.1234', '12.50'],
      ['2', '0.265', '0.53'],
    ];
    expect(draft.lines.map((l) => [l.quantity, l.unitPrice, l.netAmount])).toEqual(expected);
    // 33.78 × 19 % = 6.4182 → 6.42; 13.03 × 7 % = 0.9121 → 0.91
    expect(draft.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '33.78', taxAmount: '6.42' },
      { taxRate: 7, netAmount: '13.03', taxAmount: '0.91' },
    ]);
    expect([draft.netTotal, draft.taxTotal, draft.grossTotal]).toEqual(['46.81', '7.33', '54.14']);

    const invoice = await accountant.invoices.finalize.mutate({ id: draft.id });
    const read = await admin.invoices.get.query({ id: invoice.id });
    expect(read.lines.map((l) => [l.quantity, l.unitPrice, l.netAmount])).toEqual(expected);
    expect([read.netTotal, read.taxTotal, read.grossTotal]).toEqual(['46.81', '7.33', '54.14']);
    // Stored exactly, not rounded to the cent on the way in.
    const stored = await sql<Array<{ quantity: string; unit_price: string; net_amount: string }>>(
      'select quantity::text, unit_price::text, net_amount::text from invoice_lines where invoice_id = ? order by position',
      [invoice.id],
    );
    expect(stored.map((r) => [r.quantity, r.unit_price, r.net_amount])).toEqual([
      ['3.0000', '1.2605', '3.78'],
      ['0.3333', '90.0000', '30.00'],
      ['1.2345', '10.1234', '12.50'],
      ['2.0000', '0.2650', '0.53'],
    ]);
    // A cancellation negates the quantities and keeps the prices with their places.
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: invoice.id, reason: 'Test' });
    expect(cancellation.lines.map((l) => [l.quantity, l.unitPrice, l.netAmount])).toEqual(expected.map(([q, p, n]) => [`-${q}`, p, `-${n}`]));
    expect(cancellation.grossTotal).toBe('-54.14');
  });

  it('refuses a fifth decimal place on a unit price or quantity, naming the line field, and changes nothing', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    for (const [line, field] of [
      [{ description: 'x', quantity: '1', unitPrice: '1.26051' }, 'lines.0.unitPrice'],
      [{ description: 'x', quantity: '0.33333', unitPrice: '90' }, 'lines.0.quantity'],
    ] as const) {
      const created = await errorOf(accountant.invoices.create.mutate({ customerId: customer.id, lines: [line] }));
      expect([created.httpStatus, Object.keys(created.fieldErrors ?? {})]).toEqual([400, [field]]);
      expect(created.fieldErrors?.[field]?.[0]).toMatch(/at most four decimal places/);
      const updated = await errorOf(accountant.invoices.update.mutate({ id: draft.id, lines: [line] }));
      expect([updated.httpStatus, Object.keys(updated.fieldErrors ?? {})]).toEqual([400, [field]]);
    }
    const after = await accountant.invoices.get.query({ id: draft.id });
    expect([after.version, after.lines.map((l) => l.unitPrice)]).toEqual([draft.version, draft.lines.map((l) => l.unitPrice)]);
    expect((await accountant.invoices.list.query({ customerId: customer.id })).total).toBe(1);
  });
});

describe('list', () => {
  it('filters by status, type, customer, project and date range, and searches by number or customer', async () => {
    const customer = await invoiceCustomer(admin, { name: unique('Listenkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Listenprojekt'), customerId: customer.id });
    const draft = await draftInvoice(accountant, customer.id, { projectId: project.id });
    const fin = await finalizedInvoice(accountant, customer.id);
    const quote = await draftInvoice(accountant, customer.id, { type: 'quote' });
    // Quotes are not in the invoice list unless asked for (see "quotes have their own list").
    const all = await accountant.invoices.list.query({ customerId: customer.id, includeQuotes: true });
    expect(all.total).toBe(3);
    expect((await accountant.invoices.list.query({ customerId: customer.id, status: ['draft'], includeQuotes: true })).items.map((i) => i.id).sort()).toEqual([draft.id, quote.id].sort());
    expect((await accountant.invoices.list.query({ customerId: customer.id, status: ['draft'] })).items.map((i) => i.id)).toEqual([draft.id]);
    expect((await accountant.invoices.list.query({ customerId: customer.id, type: 'quote' })).items.map((i) => i.id)).toEqual([quote.id]);
    expect((await accountant.invoices.list.query({ projectId: project.id })).items.map((i) => i.id)).toEqual([draft.id]);
    expect((await accountant.invoices.list.query({ search: fin.number as string })).items.map((i) => i.id)).toEqual([fin.id]);
    expect((await accountant.invoices.list.query({ search: customer.name, type: 'invoice' })).total).toBe(2);
    const today = berlinToday();
    expect((await accountant.invoices.list.query({ customerId: customer.id, from: today, to: today, includeQuotes: true })).total).toBe(3);
    expect((await accountant.invoices.list.query({ customerId: customer.id, to: '2020-01-01' })).total).toBe(0);
    const row = (await accountant.invoices.list.query({ customerId: customer.id, status: ['finalized'] })).items[0];
    expect(row).toMatchObject({ number: fin.number, grossTotal: fin.grossTotal, outstandingAmount: fin.grossTotal, customer: { id: customer.id } });
  });

  // The count comes with the page's rows in one statement; a page without rows counts on its own.
  it('counts every match on any page: a later page, a page past the end and a page after a cursor', async () => {
    const customer = await invoiceCustomer(admin, { name: unique('Zählkunde') });
    for (let i = 0; i < 3; i++) await draftInvoice(accountant, customer.id);
    const page = (extra: { page?: number; cursor?: string }) => accountant.invoices.list.query({ customerId: customer.id, pageSize: 2, ...extra });
    const first = await page({});
    expect([first.items.length, first.total]).toEqual([2, 3]);
    const second = await page({ page: 2 });
    expect([second.items.length, second.total]).toEqual([1, 3]);
    const beyond = await page({ page: 5 });
    expect([beyond.items.length, beyond.total]).toEqual([0, 3]);
    const afterCursor = await page({ cursor: first.nextCursor as string });
    expect([afterCursor.items.map((i) => i.id), afterCursor.total]).toEqual([second.items.map((i) => i.id), 3]);
  });

  it('quotes have their own list: the invoice list holds invoices and cancellations only, unless quotes are asked for', async () => {
    const customer = await invoiceCustomer(admin, { name: unique('Angebotskunde') });
    const invoice = await finalizedInvoice(accountant, customer.id);
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: invoice.id, reason: 'Test' });
    const quoteDraft = await draftInvoice(accountant, customer.id, { type: 'quote', serviceDate: null });
    const quote = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id, { type: 'quote', serviceDate: null })).id });
    const ids = (items: Array<{ id: string }>) => items.map((i) => i.id).sort();

    // Without a filter: no quote, by customer or by search, whatever the sort or status.
    const invoices = await accountant.invoices.list.query({ customerId: customer.id });
    expect(ids(invoices.items)).toEqual([invoice.id, cancellation.id].sort());
    expect(invoices.total).toBe(2);
    expect(ids((await accountant.invoices.list.query({ search: customer.name, sort: 'number' })).items)).toEqual([invoice.id, cancellation.id].sort());
    expect((await accountant.invoices.list.query({ customerId: customer.id, status: ['finalized', 'draft'] })).items.every((i) => i.type !== 'quote')).toBe(true);
    // Across all customers too: a page of the whole list never holds a quote.
    expect((await accountant.invoices.list.query({ pageSize: 200 })).items.some((i) => i.type === 'quote')).toBe(false);

    // The quotes list: only quotes (the same procedure with the kind filter).
    const quotes = await accountant.invoices.list.query({ customerId: customer.id, type: 'quote' });
    expect(ids(quotes.items)).toEqual([quoteDraft.id, quote.id].sort());
    expect(quotes.items.every((i) => i.type === 'quote')).toBe(true);
    expect((await accountant.invoices.list.query({ type: 'quote', pageSize: 200 })).items.every((i) => i.type === 'quote')).toBe(true);

    // The other kinds by name, and everything when asked for (the project page's documents tab).
    expect(ids((await accountant.invoices.list.query({ customerId: customer.id, type: 'cancellation' })).items)).toEqual([cancellation.id]);
    expect(ids((await accountant.invoices.list.query({ customerId: customer.id, includeQuotes: true })).items)).toEqual([invoice.id, cancellation.id, quoteDraft.id, quote.id].sort());
  });
});
