import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../apps/web/src/i18n/error-text.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { files, upload } from '../helpers/documents.ts';
import { berlinToday, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { anonymousClient, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Every refusal carries a stable error code and its parameters besides the English message
 * (issue 19): `data.appCode`, `data.params`, and per field `data.fieldIssues`. The web app words
 * the code; the English message and `fieldErrors` stay as they were for scripts.
 */
let app: TestApp;
let admin: Client;
let adminToken: string;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  const adminUser = await userWithRole(app, 'Admin');
  admin = adminUser.client;
  adminToken = adminUser.token;
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

  it('a sign-in refused for too many failed attempts says which limit and how long to wait', async () => {
    const email = `${unique('blocked').replace(' ', '-')}@example.com`;
    const anonymous = anonymousClient(app);
    // The account-and-address limit (5 by default) is reached; the next attempt is refused outright.
    for (let i = 0; i < 5; i++) expect((await errorOf(anonymous.auth.login.mutate({ email, password: 'not the password' }))).code).toBe('UNAUTHORIZED');
    const error = await errorOf(anonymous.auth.login.mutate({ email, password: 'not the password' }));
    expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, appCode: 'auth.signInBlockedAccountIpSeconds' });
    const seconds = Number(error.params?.seconds);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    // The English message is what it was.
    expect(error.message).toBe(`Too many failed sign-ins to this account from your address. Try again in ${seconds} seconds.`);
    expect(errorText('de', { code: 'auth.signInBlockedAccountIpSeconds', params: error.params ?? {} })).toBe(
      `Zu viele fehlgeschlagene Anmeldungen bei diesem Konto von Ihrer Adresse. Bitte in ${seconds} Sekunden erneut versuchen.`,
    );
  });

  it("the upload endpoint's refusals carry codes, per field too", async () => {
    const text = await upload(app, adminToken, Buffer.from('just text, named like a PDF'), { name: 'invoice.pdf' });
    expect(text.status).toBe(415);
    expect(text.body.error?.data).toMatchObject({ appCode: 'upload.typeNotAllowed', params: {}, fieldIssues: { file: [{ code: 'upload.typeNotAllowed', params: {} }] } });
    expect(text.body.error?.message).toBe('Only PDF, PNG, JPEG, Word (docx) and Excel (xlsx) files can be uploaded');

    const empty = await upload(app, adminToken, Buffer.alloc(0));
    expect([empty.status, empty.body.error?.data?.appCode]).toEqual([400, 'upload.fileEmpty']);

    const none = await upload(app, adminToken, null, { fields: { title: 'no file' } });
    expect([none.status, none.body.error?.data?.appCode]).toEqual([400, 'upload.chooseFile']);

    // A field longer than the form reader takes: "is too long", at that field.
    const long = await upload(app, adminToken, files.pdf(), { fields: { title: 'x'.repeat(10_000) } });
    expect(long.status).toBe(400);
    expect(long.body.error?.fieldErrors).toEqual({ title: ['is too long'] });
    expect(long.body.error?.data).toMatchObject({ appCode: 'field.valueTooLong', fieldIssues: { title: [{ code: 'field.valueTooLong', params: {} }] } });

    // Two files: exactly one is taken.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(files.pdf())], { type: 'application/pdf' }), 'a.pdf');
    form.append('file', new Blob([new Uint8Array(files.pdf())], { type: 'application/pdf' }), 'b.pdf');
    const two = await fetch(`${app.url}/api/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${adminToken}` } });
    const twoBody = (await two.json()) as { error: { message: string; data: { appCode?: string } } };
    expect([two.status, twoBody.error.data.appCode, twoBody.error.message]).toEqual([400, 'upload.oneFile', 'Send exactly one file, in the field "file"']);

    // The endpoint's own refusals of a request: wrong method, no sign-in, a missing client header.
    const get = await fetch(`${app.url}/api/documents`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect([get.status, ((await get.json()) as { error: { data: { appCode?: string } } }).error.data.appCode]).toEqual([405, 'request.onlyPost']);
    const signedOut = await upload(app, null, files.pdf());
    expect([signedOut.status, signedOut.body.error?.data?.appCode]).toEqual([401, 'auth.signInRequired']);
    expect(errorText('de', { code: 'upload.oneFile', params: {} })).toBe('Bitte genau eine Datei senden, im Feld „file“.');
  });

  it("the invoice PDF endpoint's refusals carry codes beside the English text", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const signedOut = await fetch(`${app.url}/api/invoices/${missing}/pdf`);
    expect([signedOut.status, await signedOut.json()]).toEqual([401, { error: 'Please sign in', appCode: 'auth.signInRequired', params: {} }]);
    const notThere = await fetch(`${app.url}/api/invoices/${missing}/pdf`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect([notThere.status, await notThere.json()]).toEqual([
      404,
      { error: `Invoice ${missing} was not found`, appCode: 'record.notFound', params: { what: 'Invoice', id: missing } },
    ]);
  });
});
