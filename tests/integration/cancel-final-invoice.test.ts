import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Cancelling a final invoice (Schlussrechnung, §14(5) UStG): the cancellation is its exact
 * negative, deductions included; its deposits are free again for a new final invoice, while a
 * live final invoice keeps them to itself (API and database). Figures worked out by hand beside.
 */
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

/**
 * An accepted quote of 10,000.00 at 19 % and 2,500.00 at 7 % (gross 14,575.00), two finalized
 * deposits: 30 % = 3,000.00 + 570.00 VAT and 750.00 + 52.50 VAT (gross 4,372.50); 1,567.83 net =
 * 1,254.26 + 238.31 VAT and 313.57 + 21.95 VAT (gross 1,828.09); and the final invoice deducting
 * both, finalized: 14,575.00 − 4,372.50 − 1,828.09 = 8,374.41.
 */
async function finalWithDeposits() {
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
  const first = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });
  const second = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, netAmount: '1567.83' })).id });
  const final = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.final.create.mutate({ quoteId: quote.id })).id });
  expect(final.grossTotal).toBe('8374.41');
  return { quote, first, second, final };
}

describe('cancelling a final invoice', () => {
  it('mirrors it exactly: the service and each deposit negated, totals and VAT per rate the negative of the final invoice', async () => {
    const { final, first, second } = await finalWithDeposits();
    const { original, cancellation, correction } = await accountant.invoices.cancel.mutate({ id: final.id, reason: 'Falscher Leistungszeitraum' });
    expect(original.status).toBe('cancelled');
    expect(correction).toBeNull();
    expect(cancellation).toMatchObject({ type: 'cancellation', status: 'finalized', kind: 'standard' });
    expect(cancellation.lines.map((l) => [l.description, l.quantity, l.netAmount])).toEqual([
      ['Montage', '-1', '-10000.00'],
      ['Fachliteratur', '-1', '-2500.00'],
    ]);
    // Not the full service (−14,575.00): −8,374.41 = −(7,182.17 + 1,192.24).
    expect([cancellation.netTotal, cancellation.taxTotal, cancellation.grossTotal]).toEqual(['-7182.17', '-1192.24', '-8374.41']);
    // 19 %: −(10,000 − 3,000 − 1,254.26) = −5,745.74, VAT −(1,900 − 570 − 238.31) = −1,091.69;
    // 7 %: −(2,500 − 750 − 313.57) = −1,436.43, VAT −(175 − 52.50 − 21.95) = −100.55.
    expect(cancellation.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '-5745.74', taxAmount: '-1091.69' },
      { taxRate: 7, netAmount: '-1436.43', taxAmount: '-100.55' },
    ]);
    expect(cancellation.taxBreakdown).toEqual(final.taxBreakdown.map((r) => ({ taxRate: r.taxRate, netAmount: `-${r.netAmount}`, taxAmount: `-${r.taxAmount}` })));
    expect(cancellation.deductions?.service).toEqual({
      netTotal: '-12500.00',
      taxTotal: '-2075.00',
      grossTotal: '-14575.00',
      taxBreakdown: [
        { taxRate: 19, netAmount: '-10000.00', taxAmount: '-1900.00' },
        { taxRate: 7, netAmount: '-2500.00', taxAmount: '-175.00' },
      ],
    });
    expect(cancellation.deductions?.deductions.map((d) => [d.depositId, d.number, d.netTotal, d.taxTotal, d.grossTotal, d.taxBreakdown])).toEqual([
      [first.id, first.number, '-3750.00', '-622.50', '-4372.50', [{ taxRate: 19, netAmount: '-3000.00', taxAmount: '-570.00' }, { taxRate: 7, netAmount: '-750.00', taxAmount: '-52.50' }]],
      [second.id, second.number, '-1567.83', '-260.26', '-1828.09', [{ taxRate: 19, netAmount: '-1254.26', taxAmount: '-238.31' }, { taxRate: 7, netAmount: '-313.57', taxAmount: '-21.95' }]],
    ]);
    // The final invoice itself is unchanged.
    const kept = await accountant.invoices.get.query({ id: final.id });
    expect([kept.grossTotal, kept.deductions?.deductions.length]).toEqual(['8374.41', 2]);
  });

  it('frees its deposits: a new final invoice deducts them again, and while that one lives nobody else can (API and database)', async () => {
    const { quote, final, first, second } = await finalWithDeposits();
    // While the first final invoice lives: refused by the service and by the database.
    expect(await errorOf(accountant.invoices.final.create.mutate({ quoteId: quote.id, depositIds: [first.id] }))).toMatchObject({ code: 'CONFLICT', appCode: 'final.depositTaken' });
    const empty = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
    expect(empty.deductions?.deductions).toEqual([]);
    expect(await codeOf(sql(`insert into invoice_deductions (final_invoice_id, deposit_id) values (?, ?)`, [empty.id, first.id]))).not.toBe('OK');
    // Nor can its deductions be removed behind its back while it is not cancelled.
    expect(await codeOf(sql(`delete from invoice_deductions where final_invoice_id = ?`, [final.id]))).not.toBe('OK');
    await accountant.invoices.delete.mutate({ id: empty.id });

    await accountant.invoices.cancel.mutate({ id: final.id });
    expect((await accountant.invoices.deposits.list.query({ quoteId: quote.id })).map((d) => d.deductedBy)).toEqual([null, null]);
    const again = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
    expect(again.deductions?.deductions.map((d) => d.number)).toEqual([first.number, second.number]);
    expect(again.grossTotal).toBe('8374.41');
    const issued = await accountant.invoices.finalize.mutate({ id: again.id });
    expect((await accountant.invoices.deposits.list.query({ quoteId: quote.id })).map((d) => d.deductedBy?.number)).toEqual([issued.number, issued.number]);
    // The new one is live: the deposits are its own again.
    expect(await errorOf(accountant.invoices.final.create.mutate({ quoteId: quote.id, depositIds: [second.id] }))).toMatchObject({ code: 'CONFLICT', appCode: 'final.depositTaken' });
    const other = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
    expect(await codeOf(sql(`insert into invoice_deductions (final_invoice_id, deposit_id) values (?, ?)`, [other.id, second.id]))).not.toBe('OK');
    // The cancelled final invoice cannot take them back by raw SQL either (it is not a draft).
    expect(await codeOf(sql(`insert into invoice_deductions (final_invoice_id, deposit_id) values (?, ?)`, [final.id, first.id]))).not.toBe('OK');
    // Its deposits are still deducted by a live final invoice: they cannot be cancelled.
    expect((await errorOf(accountant.invoices.cancel.mutate({ id: first.id }))).appCode).toBe('deposit.deducted');
  });

  it('offers a corrected copy that is a final invoice deducting the same deposits', async () => {
    const { quote, final, first, second } = await finalWithDeposits();
    const { cancellation, correction } = await accountant.invoices.cancel.mutate({ id: final.id, createCorrection: true });
    expect(cancellation.grossTotal).toBe('-8374.41');
    expect(correction).toMatchObject({ type: 'invoice', kind: 'final', status: 'draft', grossTotal: '8374.41', netTotal: '7182.17', taxTotal: '1192.24' });
    expect(correction?.basisQuote?.id).toBe(quote.id);
    expect(correction?.deductions?.deductions.map((d) => d.number)).toEqual([first.number, second.number]);
    expect(correction?.deductions?.service.grossTotal).toBe('14575.00');
    expect((await accountant.invoices.deposits.list.query({ quoteId: quote.id })).map((d) => d.deductedBy?.id)).toEqual([correction?.id, correction?.id]);
    // The copy holds them: no other final invoice may take them.
    expect(await errorOf(accountant.invoices.final.create.mutate({ quoteId: quote.id, depositIds: [first.id] }))).toMatchObject({ appCode: 'final.depositTaken' });
    const issued = await accountant.invoices.finalize.mutate({ id: correction?.id ?? '' });
    expect(issued).toMatchObject({ status: 'finalized', grossTotal: '8374.41' });
  });

  it('a plain invoice\'s cancellation carries no deductions', async () => {
    const customer = await invoiceCustomer(admin);
    const invoice = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: invoice.id });
    // 10 × 95.00 at 19 % + 2 × 49.90 at 7 % = 1,237.29 gross, negated.
    expect([cancellation.grossTotal, cancellation.deductions]).toEqual(['-1237.29', null]);
  });
});

describe('a finalized document\'s new columns do not change by raw SQL', () => {
  it('refuses kind, basis quote and deductions of a final invoice and of its cancellation', async () => {
    const { final } = await finalWithDeposits();
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: final.id });
    const changes: Array<[string, string]> = [
      [`update invoices set kind = 'standard', deductions = null where id = ?`, final.id],
      [`update invoices set basis_quote_id = null where id = ?`, final.id],
      [`update invoices set deductions = jsonb_set(deductions, '{service,grossTotal}', '"1.00"') where id = ?`, final.id],
      [`update invoices set deductions = null where id = ?`, cancellation.id],
      [`update invoices set deductions = jsonb_set(deductions, '{deductions}', '[]') where id = ?`, cancellation.id],
    ];
    for (const [query, id] of changes) expect(await codeOf(sql(query, [id])), query).not.toBe('OK');
    const [row] = await sql<Array<{ kind: string; deductions: unknown }>>(`select kind, deductions from invoices where id = ?`, [final.id]);
    expect(row?.kind).toBe('final');
    expect(row?.deductions).not.toBeNull();
    // Only a cancellation may carry deductions besides a final invoice (a check constraint).
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    expect(await codeOf(sql(`update invoices set deductions = '{"service":{},"deductions":[]}' where id = ?`, [draft.id]))).not.toBe('OK');
  });
});

describe('the migration', () => {
  it('goes down to cancellations without deductions and up again, keeping the constraint of each side', async () => {
    const db = await freshDatabase('workmate_cancelfinal');
    try {
      const run = (q: string) => db.orm.em.fork().getConnection().execute<Array<{ def: string }>>(q);
      const constraint = `select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'invoices_final_deductions'`;
      expect((await run(constraint))[0]?.def).toContain('cancellation');
      await db.orm.migrator.down({ to: 'Migration20261205072000_credit_notes_deposits' });
      expect((await run(constraint))[0]?.def).not.toContain('cancellation');
      await db.orm.migrator.up();
      expect((await run(constraint))[0]?.def).toContain('cancellation');
    } finally {
      await db.drop();
    }
  });
});
