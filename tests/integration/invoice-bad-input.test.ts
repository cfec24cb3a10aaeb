import { afterAll, beforeAll, describe } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { berlinToday, draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { refusesBadInput } from '../helpers/bad-input.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/** Bad input to the invoice procedures: a 4xx naming the field, and nothing changes. */
let app: TestApp;
let actorId: string;
let client: Client;
let draftId: string;
let invoiceId: string;
let customerId: string;
let otherProjectId: string;
let adminClient: Client;
beforeAll(async () => {
  app = await startTestApp();
  const admin = (await userWithRole(app, 'Admin')).client;
  adminClient = admin;
  await prepareInvoicing(admin);
  const me = await userWithRole(app, 'Accountant');
  client = me.client;
  actorId = me.employee.id;
  const customer = await invoiceCustomer(admin);
  customerId = customer.id;
  otherProjectId = (await admin.projects.create.mutate({ title: 'Fremdes Projekt', customerId: (await invoiceCustomer(admin)).id })).id;
  draftId = (await draftInvoice(admin, customerId)).id;
  invoiceId = (await finalizedInvoice(admin, customerId)).id;
});
afterAll(async () => app?.close());

/**
 * This user's audit rows and the two documents' state: unchanged means nothing was written.
 * (Not the finalized invoice's version: a worker of a parallel test file may link its PDF meanwhile.)
 */
async function snapshot() {
  const rows = await app.orm.em.fork().getConnection().execute<Array<Record<string, string>>>(
    `select (select count(*) from audit_log where actor_id = ?) as audit_rows,
            (select version || '/' || gross_total || '/' || paid_amount from invoices where id = ?) as draft,
            (select number || '/' || status || '/' || gross_total || '/' || paid_amount || '/' || coalesce(sent_at::text, '-') from invoices where id = ?) as invoice,
            (select count(*) from payments where invoice_id = ?) as payments,
            (select count(*) from invoices where customer_id = ?) as documents`,
    [actorId, draftId, invoiceId, invoiceId, customerId],
  );
  return rows[0];
}

const line = { description: 'Beratung', quantity: '1', unit: 'Std.', unitPrice: '100.00', taxRate: 19 as const };
const cases: Array<[string, () => Promise<unknown>, string]> = [
  ['create without a customer', () => client.invoices.create.mutate({} as never), 'customerId'],
  ['create with an unknown customer', () => client.invoices.create.mutate({ customerId: '00000000-0000-4000-8000-000000000000' }), 'customerId'],
  ['create as a cancellation invoice', () => client.invoices.create.mutate({ customerId, type: 'cancellation' } as never), 'type'],
  ['create with a project of another customer', () => client.invoices.create.mutate({ customerId, projectId: otherProjectId }), 'projectId'],
  ['a line with a quantity that is not a number', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, quantity: 'abc' }] }), 'lines.0.quantity'],
  ['a line with quantity zero', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, quantity: '0' }] }), 'lines.0.quantity'],
  ['a line with a negative quantity', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, quantity: '-2' }] }), 'lines.0.quantity'],
  ['a line with five decimal places', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, quantity: '1.00001' }] }), 'lines.0.quantity'],
  // Four places are allowed on unit prices (EN 16931: 1.2605); a fifth is refused, by name, on create and on update.
  ['a unit price with five decimal places', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, unitPrice: '1.26051' }] }), 'lines.0.unitPrice'],
  ['a unit price with five decimal places on a draft', () => client.invoices.update.mutate({ id: draftId, lines: [line, { ...line, unitPrice: '0.00001' }] }), 'lines.1.unitPrice'],
  ['a negative unit price with five decimal places', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, unitPrice: '-1.00005' }] }), 'lines.0.unitPrice'],
  ['a unit price with nine integer digits', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, unitPrice: '123456789.1234' }] }), 'lines.0.unitPrice'],
  ['a unit price as a float with noise', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, unitPrice: 0.1 + 0.2 }] }), 'lines.0.unitPrice'],
  ['a tax rate of 16 %', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, taxRate: 16 as never }] }), 'lines.0.taxRate'],
  ['a line without a description', () => client.invoices.create.mutate({ customerId, lines: [{ ...line, description: ' ' }] }), 'lines.0.description'],
  ['501 lines', () => client.invoices.create.mutate({ customerId, lines: Array(501).fill(line) }), 'lines'],
  ['a service period ending before it starts', () => client.invoices.create.mutate({ customerId, servicePeriodFrom: '2026-10-31', servicePeriodTo: '2026-10-01' }), 'servicePeriodTo'],
  ['half a service period on a draft', () => client.invoices.update.mutate({ id: draftId, servicePeriodFrom: '2026-10-01' }), 'servicePeriodTo'],
  ['payment terms of 400 days', () => client.invoices.create.mutate({ customerId, paymentTermsDays: 400 }), 'paymentTermsDays'],
  ['an update with a line id of another document', () => client.invoices.update.mutate({ id: draftId, lines: [{ ...line, id: '00000000-0000-4000-8000-000000000000' }] }), 'lines.0.id'],
  ['a list with an unknown status', () => client.invoices.list.query({ status: ['bezahlt'] } as never), 'status.0'],
  ['a list with page size 1000', () => client.invoices.list.query({ pageSize: 1000 }), 'pageSize'],
  ['setStatus to an unknown status', () => client.invoices.setStatus.mutate({ id: invoiceId, status: 'lost' } as never), 'status'],
  ['bulkSetStatus without ids', () => client.invoices.bulkSetStatus.mutate({ ids: [], status: 'sent' }), 'ids'],
  ['a payment of zero', () => client.invoices.payments.add.mutate({ invoiceId, amount: '0', paymentDate: berlinToday() }), 'amount'],
  ['a negative payment', () => client.invoices.payments.add.mutate({ invoiceId, amount: '-5.00', paymentDate: berlinToday() }), 'amount'],
  ['a payment with three decimal places', () => client.invoices.payments.add.mutate({ invoiceId, amount: '1.001', paymentDate: berlinToday() }), 'amount'],
  ['an overpayment', () => client.invoices.payments.add.mutate({ invoiceId, amount: '99999.00', paymentDate: berlinToday() }), 'amount'],
  ['a payment dated in the future', () => client.invoices.payments.add.mutate({ invoiceId, amount: '1.00', paymentDate: '2099-01-01' }), 'paymentDate'],
  ['a payment with an unknown method', () => client.invoices.payments.add.mutate({ invoiceId, amount: '1.00', paymentDate: berlinToday(), method: 'bitcoin' } as never), 'method'],
  ['a payment date that is not a date', () => client.invoices.payments.add.mutate({ invoiceId, amount: '1.00', paymentDate: '31.12.2026' }), 'paymentDate'],
  ['billing time with a range that ends before it starts', () => client.invoices.createFromTimeEntries.mutate({ projectId: otherProjectId, from: '2026-02-01', to: '2026-01-31' }), 'to'],
  ['billing time with both a range and entry ids', () => client.invoices.createFromTimeEntries.mutate({ projectId: otherProjectId, to: '2026-01-31', entryIds: [otherProjectId] }), 'entryIds'],
  ['a billing preview with an unknown project', () => client.invoices.previewFromTimeEntries.query({ projectId: '00000000-0000-4000-8000-000000000000' }), 'projectId'],
  ['a billing preview with a date that is not a date', () => client.invoices.previewFromTimeEntries.query({ projectId: otherProjectId, to: '31.12.2026' }), 'to'],
  ['billing time with an unknown grouping', () => client.invoices.createFromTimeEntries.mutate({ projectId: otherProjectId, from: '2026-01-01', to: '2026-01-31', groupBy: 'week' } as never), 'groupBy'],
  ['billing time with an unknown project', () => client.invoices.createFromTimeEntries.mutate({ projectId: '00000000-0000-4000-8000-000000000000', from: '2026-01-01', to: '2026-01-31' }), 'projectId'],
  ['byNumber without a number', () => client.invoices.byNumber.query({ number: '' }), 'number'],
  ['a template path that is not a .hbs file', () => adminClient.core.settings.update.mutate({ pdfTemplatePath: '/etc/passwd' }), 'pdfTemplatePath'],
  ['a template file that does not exist', () => adminClient.core.settings.update.mutate({ pdfTemplatePath: '/nowhere/invoice.hbs' }), 'pdfTemplatePath'],
];

describe('bad input to invoices', () => {
  refusesBadInput(cases, snapshot);
});
