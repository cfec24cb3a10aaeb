import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../apps/web/src/i18n/error-text.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { berlinToday, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { anonymousClient, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Every refusal carries a stable error code and its parameters besides the English message
 * (issue 19): `data.appCode`, `data.params`, and per field `data.fieldIssues`. The web app words
 * the code; the English message and `fieldErrors` stay as they were for scripts.
 */
let app: TestApp;
let admin: Client;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
  customerId = (await invoiceCustomer(admin)).id;
});
afterAll(async () => app?.close());

describe('error codes with parameters', () => {
  it('a field error: each field has its code, a length limit its number', async () => {
    const error = await errorOf(admin.crm.customers.create.mutate({ name: 'x'.repeat(300), email: 'no-mail' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.appCode).toBe('request.invalidInput');
    expect(error.fieldIssues?.name).toEqual([{ code: 'field.tooLong', params: { max: expect.stringMatching(/^\d+$/) } }]);
    expect(error.fieldIssues?.email).toEqual([{ code: 'field.invalidEmail', params: {} }]);
    // The English texts are unchanged, and are what the code says.
    const max = error.fieldIssues?.name?.[0]?.params.max;
    expect(error.fieldErrors?.name).toEqual([`must be at most ${max} characters`]);
    expect(error.fieldErrors?.email).toEqual(['must be a valid email address']);
    expect(errorText('de', { code: 'field.tooLong', params: { max: String(max) } })).toBe(`darf höchstens ${max} Zeichen lang sein`);

    const missing = await errorOf(admin.crm.customers.create.mutate({} as never));
    expect(missing.fieldIssues).toEqual({ name: [{ code: 'field.required', params: {} }] });
  });

  it('a state conflict: paying a paid invoice names the invoice', async () => {
    const invoice = await finalizedInvoice(admin, customerId);
    await admin.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: invoice.grossTotal, paymentDate: berlinToday() });
    const error = await errorOf(admin.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1.00', paymentDate: berlinToday() }));
    expect(error).toMatchObject({ code: 'CONFLICT', httpStatus: 409, appCode: 'invoice.alreadyPaid', params: { number: invoice.number } });
    expect(error.message).toBe(`${invoice.number} is already paid in full`);
    expect(error.fieldIssues).toEqual({ invoiceId: [{ code: 'invoice.alreadyPaid', params: { number: invoice.number } }] });
    expect(errorText('de', { code: 'invoice.alreadyPaid', params: error.params ?? {} })).toBe(`${invoice.number} ist bereits vollständig bezahlt.`);

    // Finalizing it again is a conflict of its own.
    const again = await errorOf(admin.invoices.finalize.mutate({ id: invoice.id }));
    expect(again).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.alreadyFinalized', params: { number: invoice.number } });
  });

  it('a permission refusal names the permission', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const error = await errorOf(client.invoices.create.mutate({ type: 'invoice', customerId, lines: [] }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.appCode).toBe('auth.permissionMissing');
    const permission = String(error.params?.permission);
    expect(permission).toMatch(/^invoices\./);
    expect(error.message).toBe(`You lack the permission "${permission}"`);
    expect(errorText('de', { code: 'auth.permissionMissing', params: { permission } })).toBe(`Ihnen fehlt die Berechtigung „${permission}“.`);
  });

  it('a time entry in the future', async () => {
    const projectId = (await admin.projects.create.mutate({ title: unique('Fehlercodes'), customerId })).id;
    const tomorrow = new Date(Date.now() + 36 * 3_600_000).toISOString().slice(0, 10);
    const error = await errorOf(admin.timeTracking.entries.create.mutate({ projectId, date: tomorrow, durationMinutes: 60 }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', appCode: 'time.entryInFuture', params: {}, message: 'Time entries cannot be in the future' });
    expect(error.fieldIssues).toEqual({ date: [{ code: 'time.entryInFuture', params: {} }] });
    expect(errorText('de', { code: 'time.entryInFuture', params: {} })).toBe('Zeiteinträge können nicht in der Zukunft liegen.');
  });

  it('a request without sign-in and a record that is not there', async () => {
    const signedOut = await errorOf(anonymousClient(app).crm.customers.list.query({}));
    expect(signedOut).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'auth.signInRequired', params: {}, message: 'Please sign in' });
    const error = await errorOf(admin.crm.customers.get.query({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', appCode: 'record.notFound', params: { what: 'Customer', id: '00000000-0000-4000-8000-000000000000' } });
  });
});
