import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { berlinToday, draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Credit notes (Rechnungskorrekturen) and deposit / final invoices (Abschlags- und
 * Schlussrechnungen, §14(5) UStG) through the typed client over HTTP. Every figure below is
 * worked out by hand in the comment beside it.
 */
let app: TestApp;
let admin: Client;
let accountant: Client;
let employee: Client;
let auditor: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  employee = (await userWithRole(app, 'Employee')).client;
  auditor = (await userWithRole(app, 'Auditor')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const year = () => berlinToday().slice(0, 4);

/** An accepted quote of 10,000.00 at 19 % and 2,500.00 at 7 % (VAT 1,900.00 + 175.00, gross 14,575.00) on a new project. */
async function acceptedQuote() {
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
  await admin.invoices.setStatus.mutate({ id: quote.id, status: 'accepted' });
  return { customer, project, quote: await admin.invoices.get.query({ id: quote.id }) };
}

describe('credit notes', () => {
  it('takes back part of an invoice, references it, is numbered in its own series and lowers what is owed', async () => {
    const customer = await invoiceCustomer(admin);
    // 10 × 95.00 at 19 % = 950.00 (VAT 180.50); 2 × 49.90 at 7 % = 99.80 (VAT 6.986 → 6.99); gross 1,237.29.
    const original = await finalizedInvoice(accountant, customer.id);
    expect(original.grossTotal).toBe('1237.29');
    const draft = await accountant.invoices.creditNotes.create.mutate({
      invoiceId: original.id,
      reason: 'Zwei Stunden zu viel berechnet',
      lines: [{ description: 'Gutschrift Beratung', quantity: '2', unit: 'Std.', unitPrice: '95.00', taxRate: 19 }],
    });
    // 2 × 95.00 = 190.00 taken back, VAT 36.10: gross −226.10.
    expect(draft).toMatchObject({ type: 'credit_note', status: 'draft', number: null, netTotal: '-190.00', taxTotal: '-36.10', grossTotal: '-226.10' });
    expect(draft.credits).toMatchObject({ id: original.id, number: original.number });
    expect(draft.lines[0]).toMatchObject({ quantity: '-2', unitPrice: '95.00', netAmount: '-190.00' });
    // A draft changes nothing yet.
    expect((await accountant.invoices.get.query({ id: original.id })).outstandingAmount).toBe('1237.29');

    const note = await accountant.invoices.finalize.mutate({ id: draft.id });
    expect(note.number).toMatch(new RegExp(`^GS-${year()}-\\d{4,}$`));
    expect(note.dueDate).toBeNull();
    const after = await accountant.invoices.get.query({ id: original.id });
    // 1,237.29 − 226.10 = 1,011.19
    expect(after).toMatchObject({ status: 'finalized', grossTotal: '1237.29', creditedAmount: '226.10', outstandingAmount: '1011.19' });
    expect(after.creditNotes.map((c) => [c.number, c.grossTotal])).toEqual([[note.number, '-226.10']]);
    // Paying the rest settles it.
    await accountant.invoices.payments.add.mutate({ invoiceId: original.id, amount: '1011.19', paymentDate: berlinToday() });
    expect((await accountant.invoices.get.query({ id: original.id })).status).toBe('paid');
    // Immutable once finalized.
    expect(await codeOf(accountant.invoices.update.mutate({ id: note.id, notes: 'x' }))).toBe('CONFLICT');
    expect(await codeOf(sql(`update invoices set credits_id = null where id = ?`, [note.id]))).not.toBe('OK');
  });

  it('refuses more than remains of the original, naming the lines, and changes nothing', async () => {
    const customer = await invoiceCustomer(admin);
    const original = await finalizedInvoice(accountant, customer.id);
    const first = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Teil 1', quantity: '2', unitPrice: '95.00', taxRate: 19 }] });
    await accountant.invoices.finalize.mutate({ id: first.id });
    const count = async () => Number((await sql<Array<{ n: string }>>(`select count(*) as n from invoices where credits_id = ?`, [original.id]))[0]?.n);
    // 950.00 − 190.00 = 760.00 remain at 19 %: 760.01 is one cent too much.
    const refused = await errorOf(
      accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Zu viel', quantity: '1', unitPrice: '760.01', taxRate: 19 }] }),
    );
    expect(refused).toMatchObject({ code: 'CONFLICT', appCode: 'creditNote.beyondRemaining', params: { requested: '760.01', remaining: '760.00', rate: '19', number: original.number } });
    expect(refused.fieldIssues?.lines).toBeDefined();
    // A rate the original does not have has nothing left.
    expect((await errorOf(accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Null', quantity: '1', unitPrice: '1.00', taxRate: 0 }] }))).appCode).toBe('creditNote.beyondRemaining');
    expect(await count()).toBe(1);
    expect((await accountant.invoices.get.query({ id: original.id })).creditedAmount).toBe('226.10');

    // Two drafts within what remains each, together beyond it: the second is refused at finalizing.
    const a = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'A', quantity: '1', unitPrice: '500.00', taxRate: 19 }] });
    const b = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'B', quantity: '1', unitPrice: '500.00', taxRate: 19 }] });
    await accountant.invoices.finalize.mutate({ id: a.id });
    expect((await errorOf(accountant.invoices.finalize.mutate({ id: b.id }))).appCode).toBe('creditNote.beyondRemaining');
    const stillDraft = await accountant.invoices.get.query({ id: b.id });
    expect([stillDraft.status, stillDraft.number]).toEqual(['draft', null]);
    // 226.10 + 595.00 (500.00 + 95.00 VAT)
    expect((await accountant.invoices.get.query({ id: original.id })).creditedAmount).toBe('821.10');
  });

  it('settles a fully corrected invoice', async () => {
    const customer = await invoiceCustomer(admin);
    const original = await finalizedInvoice(accountant, customer.id, { lines: [{ description: 'Leistung', quantity: '1', unitPrice: '100.00', taxRate: 19 }] });
    const draft = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Alles', quantity: '1', unitPrice: '100.00', taxRate: 19 }] });
    await accountant.invoices.finalize.mutate({ id: draft.id });
    expect(await accountant.invoices.get.query({ id: original.id })).toMatchObject({ status: 'paid', creditedAmount: '119.00', outstandingAmount: '0.00' });
    // Nothing left to correct, and no cancellation on top of the correction.
    expect((await errorOf(accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Mehr', quantity: '1', unitPrice: '0.01', taxRate: 19 }] }))).appCode).toBe('creditNote.beyondRemaining');
    expect((await errorOf(accountant.invoices.cancel.mutate({ id: original.id }))).appCode).toBe('invoice.hasCreditNotes');
  });

  it('refuses a credit note on a draft, a quote or a cancelled invoice', async () => {
    const customer = await invoiceCustomer(admin);
    const line = [{ description: 'x', quantity: '1', unitPrice: '1.00', taxRate: 19 as const }];
    const draft = await draftInvoice(accountant, customer.id);
    expect(await errorOf(accountant.invoices.creditNotes.create.mutate({ invoiceId: draft.id, lines: line }))).toMatchObject({ code: 'CONFLICT', appCode: 'creditNote.originalDraft' });
    const quote = await finalizedInvoice(accountant, customer.id, { type: 'quote' });
    expect((await errorOf(accountant.invoices.creditNotes.create.mutate({ invoiceId: quote.id, lines: line }))).appCode).toBe('creditNote.onlyInvoices');
    const cancelled = await finalizedInvoice(accountant, customer.id);
    await accountant.invoices.cancel.mutate({ id: cancelled.id });
    expect((await errorOf(accountant.invoices.creditNotes.create.mutate({ invoiceId: cancelled.id, lines: line }))).appCode).toBe('creditNote.originalCancelled');
    expect(Number((await sql<Array<{ n: string }>>(`select count(*) as n from invoices where credits_id in (?, ?, ?)`, [draft.id, quote.id, cancelled.id]))[0]?.n)).toBe(0);
  });
});

describe('deposit and final invoices', () => {
  it('bills a deposit of 30 % against a quote, split like the quote, paid like an invoice', async () => {
    const { quote, project } = await acceptedQuote();
    const deposit = await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' });
    // 30 % of 12,500.00 = 3,750.00: 3,000.00 at 19 % (VAT 570.00) and 750.00 at 7 % (VAT 52.50).
    expect(deposit).toMatchObject({ type: 'invoice', kind: 'deposit', status: 'draft', netTotal: '3750.00', taxTotal: '622.50', grossTotal: '4372.50' });
    expect(deposit.basisQuote?.id).toBe(quote.id);
    expect(deposit.project?.id).toBe(project.id);
    expect(deposit.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '3000.00', taxAmount: '570.00' },
      { taxRate: 7, netAmount: '750.00', taxAmount: '52.50' },
    ]);
    const final = await accountant.invoices.finalize.mutate({ id: deposit.id });
    expect(final.number).toMatch(/^RE-/);
    await accountant.invoices.payments.add.mutate({ invoiceId: deposit.id, amount: '4372.50', paymentDate: berlinToday() });
    expect((await accountant.invoices.get.query({ id: deposit.id })).status).toBe('paid');
    // The deposits of a quote never exceed it: 30 % + 71 % > 100 %.
    expect(await errorOf(accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '71' }))).toMatchObject({ code: 'CONFLICT', appCode: 'deposit.beyondQuote', params: { total: '12625.00', quote: '12500.00' } });
  });

  it('bills a deposit against a project at one rate', async () => {
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Projekt'), customerId: customer.id });
    const deposit = await accountant.invoices.deposits.create.mutate({ projectId: project.id, netAmount: '1000', taxRate: 7 });
    expect(deposit).toMatchObject({ kind: 'deposit', netTotal: '1000.00', taxTotal: '70.00', grossTotal: '1070.00', customer: { id: customer.id } });
    expect((await errorOf(accountant.invoices.deposits.create.mutate({ projectId: project.id, percent: '10' }))).code).toBe('BAD_REQUEST');
  });

  it('deducts two deposits at mixed rates exactly, once each', async () => {
    const { quote } = await acceptedQuote();
    const first = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });
    // 1,567.83 split like the quote: 19 %: 1,567.83 × 10,000 / 12,500 = 1,254.264 → 1,254.26 (VAT 238.3094 → 238.31);
    // 7 % takes the rest, 313.57 (VAT 21.9499 → 21.95). Gross 1,567.83 + 260.26 = 1,828.09.
    const second = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, netAmount: '1567.83' })).id });
    expect(second.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '1254.26', taxAmount: '238.31' },
      { taxRate: 7, netAmount: '313.57', taxAmount: '21.95' },
    ]);
    expect(second.grossTotal).toBe('1828.09');

    const draft = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
    expect(draft.kind).toBe('final');
    expect(draft.lines.map((l) => l.description)).toEqual(['Montage', 'Fachliteratur']);
    expect(draft.deductions?.service).toMatchObject({ netTotal: '12500.00', taxTotal: '2075.00', grossTotal: '14575.00' });
    expect(draft.deductions?.deductions.map((d) => [d.number, d.issueDate, d.grossTotal])).toEqual([
      [first.number, first.issueDate, '4372.50'],
      [second.number, second.issueDate, '1828.09'],
    ]);
    // 19 %: net 10,000 − 3,000 − 1,254.26 = 5,745.74; VAT 1,900 − 570 − 238.31 = 1,091.69.
    // 7 %: net 2,500 − 750 − 313.57 = 1,436.43; VAT 175 − 52.50 − 21.95 = 100.55.
    expect(draft.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '5745.74', taxAmount: '1091.69' },
      { taxRate: 7, netAmount: '1436.43', taxAmount: '100.55' },
    ]);
    // Due: 14,575.00 − 4,372.50 − 1,828.09 = 8,374.41.
    expect([draft.netTotal, draft.taxTotal, draft.grossTotal]).toEqual(['7182.17', '1192.24', '8374.41']);
    const issued = await accountant.invoices.finalize.mutate({ id: draft.id });
    expect(issued).toMatchObject({ status: 'finalized', grossTotal: '8374.41', outstandingAmount: '8374.41' });

    // Deducted once: a second final invoice may not take the first deposit again …
    expect(await errorOf(accountant.invoices.final.create.mutate({ quoteId: quote.id, depositIds: [first.id] }))).toMatchObject({ code: 'CONFLICT', appCode: 'final.depositTaken', params: { number: first.number } });
    // … nor behind the service's back (the database refuses a second row for a deposit) …
    const other = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
    expect(other.deductions?.deductions).toEqual([]);
    expect(await codeOf(sql(`insert into invoice_deductions (final_invoice_id, deposit_id) values (?, ?)`, [other.id, first.id]))).not.toBe('OK');
    // … and a deducted deposit can no longer be cancelled or corrected.
    expect((await errorOf(accountant.invoices.cancel.mutate({ id: first.id }))).appCode).toBe('deposit.deducted');
    const line = [{ description: 'x', quantity: '1', unitPrice: '1.00', taxRate: 19 as const }];
    expect(await errorOf(accountant.invoices.creditNotes.create.mutate({ invoiceId: first.id, lines: line }))).toMatchObject({ appCode: 'creditNote.depositDeducted', params: { number: first.number, final: issued.number } });
    const listed = await auditor.invoices.deposits.list.query({ quoteId: quote.id });
    expect(listed.map((d) => d.deductedBy?.number)).toEqual([issued.number, issued.number]);
  });

  it('does not deduct a cancelled deposit', async () => {
    const { quote } = await acceptedQuote();
    const kept = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '10' })).id });
    const cancelled = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '20' })).id });
    await accountant.invoices.cancel.mutate({ id: cancelled.id });
    // The kept deposit (1,000.00 at 19 % + 250.00 at 7 %) is corrected by 100.00 at 19 % (VAT 19.00).
    const credit = await accountant.invoices.creditNotes.create.mutate({ invoiceId: kept.id, lines: [{ description: 'Weniger', quantity: '1', unitPrice: '100.00', taxRate: 19 }] });
    await accountant.invoices.finalize.mutate({ id: credit.id });
    const draft = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
    expect(draft.deductions?.deductions.map((d) => d.number)).toEqual([kept.number]);
    // Deducted: 900.00 + 171.00 VAT at 19 %, 250.00 + 17.50 VAT at 7 % = 1,338.50; 14,575.00 − 1,338.50 = 13,236.50
    expect(draft.deductions?.deductions[0]?.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '900.00', taxAmount: '171.00' },
      { taxRate: 7, netAmount: '250.00', taxAmount: '17.50' },
    ]);
    expect(draft.grossTotal).toBe('13236.50');
    expect((await errorOf(accountant.invoices.final.create.mutate({ quoteId: quote.id, depositIds: [cancelled.id] }))).appCode).toBe('final.depositCancelled');
  });

  it('checks permissions: write creates, finalize issues; others are forbidden', async () => {
    const { quote } = await acceptedQuote();
    const customer = await invoiceCustomer(admin);
    const original = await finalizedInvoice(accountant, customer.id);
    const line = [{ description: 'x', quantity: '1', unitPrice: '1.00', taxRate: 19 as const }];
    expect(await codeOf(employee.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: line }))).toBe('FORBIDDEN');
    expect(await codeOf(auditor.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '10' }))).toBe('FORBIDDEN');
    expect(await codeOf(auditor.invoices.final.create.mutate({ quoteId: quote.id }))).toBe('FORBIDDEN');
    const note = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: line });
    expect(await codeOf(auditor.invoices.finalize.mutate({ id: note.id }))).toBe('FORBIDDEN');
    expect((await accountant.invoices.get.query({ id: original.id })).creditedAmount).toBe('0.00');
  });

  it('writes audit rows for the new documents and for the original they lower', async () => {
    const customer = await invoiceCustomer(admin);
    const original = await finalizedInvoice(accountant, customer.id);
    const note = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'x', quantity: '1', unitPrice: '10.00', taxRate: 19 }] });
    await accountant.invoices.finalize.mutate({ id: note.id });
    const rows = await sql<Array<{ entity_id: string; action: string; changes: Record<string, { before: unknown; after: unknown }> }>>(
      `select entity_id, action, changes from audit_log where entity = 'invoice' and entity_id in (?, ?) order by id`,
      [original.id, note.id],
    );
    expect(rows.some((r) => r.entity_id === note.id && r.action === 'create')).toBe(true);
    expect(rows.some((r) => r.entity_id === note.id && r.action === 'update' && r.changes.status?.after === 'finalized')).toBe(true);
    // 10.00 + 1.90 VAT
    expect(rows.some((r) => r.entity_id === original.id && r.action === 'update' && String(r.changes.creditedAmount?.after) === '11.90')).toBe(true);
    const { quote } = await acceptedQuote();
    const deposit = await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '5' });
    const final = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
    const created = await sql<Array<{ entity_id: string }>>(`select entity_id from audit_log where entity = 'invoice' and action = 'create' and entity_id in (?, ?)`, [deposit.id, final.id]);
    expect(created.map((r) => r.entity_id).sort()).toEqual([deposit.id, final.id].sort());
  });
});

describe('bad input', () => {
  it('answers 400 naming the field', async () => {
    const { quote, project } = await acceptedQuote();
    const customer = await invoiceCustomer(admin);
    const original = await finalizedInvoice(accountant, customer.id);
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '0' }), 'percent'],
      [() => accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '100.5' }), 'percent'],
      [() => accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '12.345' }), 'percent'],
      [() => accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '10', netAmount: '100' }), 'netAmount'],
      [() => accountant.invoices.deposits.create.mutate({ quoteId: quote.id }), 'netAmount'],
      [() => accountant.invoices.deposits.create.mutate({ projectId: project.id, netAmount: '0' }), 'netAmount'],
      [() => accountant.invoices.deposits.create.mutate({ percent: '10' }), 'quoteId'],
      [() => accountant.invoices.deposits.create.mutate({ quoteId: original.id, percent: '10' }), 'quoteId'],
      [() => accountant.invoices.final.create.mutate({}), 'quoteId'],
      [() => accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [] }), 'lines'],
      [() => accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'x', quantity: '-1', unitPrice: '1.00', taxRate: 19 }] }), 'lines.0.quantity'],
      [() => accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'x', quantity: '1', unitPrice: '-1.00', taxRate: 19 }] }), 'lines'],
    ];
    for (const [call, field] of cases) {
      const error = await errorOf(call());
      expect(error.httpStatus, field).toBe(400);
      expect(Object.keys(error.fieldIssues ?? {}), field).toContain(field);
    }
  });
});
