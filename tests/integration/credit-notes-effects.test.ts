import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDunning } from '@workmate/db/dunning/run';
import { addDays } from '@workmate/domain/berlin-time';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/** What a finalized credit note changes beyond its original: dunning and the customer overview. */
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

describe('credit notes elsewhere', () => {
  it('dunning asks only for what the credit note left open', async () => {
    const customer = await invoiceCustomer(admin);
    const original = await finalizedInvoice(accountant, customer.id);
    const note = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Nachlass', quantity: '2', unitPrice: '95.00', taxRate: 19 }] });
    await accountant.invoices.finalize.mutate({ id: note.id });
    await runDunning(app.orm.em.fork(), addDays(original.dueDate ?? '', 7), 'worker', [original.id]);
    const notices = await sql<Array<{ outstanding: string }>>(`select outstanding::text from dunning_notices where invoice_id = ?`, [original.id]);
    // 1,237.29 − 226.10
    expect(notices).toEqual([{ outstanding: '1011.19' }]);
  });
});

describe('credit notes in the customer overview', () => {
  it('lower the revenue and the open balance', async () => {
    const customer = await invoiceCustomer(admin);
    await finalizedInvoice(accountant, customer.id);
    const original = await finalizedInvoice(accountant, customer.id);
    const note = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Nachlass', quantity: '2', unitPrice: '95.00', taxRate: 19 }] });
    await accountant.invoices.finalize.mutate({ id: note.id });
    const overview = await admin.crm.customers.overview.query({ id: customer.id });
    // Net 2 × 1,049.80 − 190.00 = 1,909.60; open 2 × 1,237.29 − 226.10 = 2,248.48.
    expect(overview.finance).toMatchObject({ revenueTotal: '1909.60', openBalance: '2248.48' });
  });
});
