import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';
import { errorText } from '../../apps/web/src/i18n/error-text.ts';

let app: TestApp;
let admin: Client;
let auth: Record<string, string>;
let adminId: string;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  const a = await userWithRole(app, 'Admin');
  admin = a.client;
  adminId = a.employee.id;
  auth = { authorization: `Bearer ${a.token}` };
  customerId = (await admin.crm.customers.create.mutate({ name: unique('Bestand') })).id;
});
afterAll(async () => app?.close());

/**
 * What this test's user has changed: every mutation writes an audit row under its author, so
 * an unchanged count of the admin's audit rows (plus the untouched customer) means bad input
 * changed nothing. Scoped to this user so other test files can run at the same time.
 */
async function snapshot() {
  const rows = await app.orm.em.fork().getConnection().execute<Array<Record<string, string>>>(
    `select (select count(*) from audit_log where actor_id = ?) as audit_rows,
            (select version from customers where id = ?) as customer_version,
            (select count(*) from employees where email in ('a@b.de')) as stray_employees`,
    [adminId, customerId],
  );
  return rows[0];
}

const big = 'x'.repeat(1_000_000);
const cases: Array<[string, (c: Client) => Promise<unknown>, string]> = [
  ['customer without a name', (c) => c.crm.customers.create.mutate({} as never), 'name'],
  ['customer name of the wrong type', (c) => c.crm.customers.create.mutate({ name: 42 } as never), 'name'],
  ['customer name of 1 MB', (c) => c.crm.customers.create.mutate({ name: big }), 'name'],
  ['customer with an unknown status', (c) => c.crm.customers.create.mutate({ name: 'A', status: 'vip' } as never), 'status'],
  ['customer with an invalid email', (c) => c.crm.customers.create.mutate({ name: 'A', email: 'not-an-email' }), 'email'],
  ['customer update with a non-UUID id', (c) => c.crm.customers.update.mutate({ id: "1' or 1=1 --", name: 'x' }), 'id'],
  ['customer update with a blank name', (c) => c.crm.customers.update.mutate({ id: customerId, name: '   ' }), 'name'],
  ['customer update with a negative version', (c) => c.crm.customers.update.mutate({ id: customerId, version: -1, city: 'x' }), 'version'],
  ['customer list with page size 10,000', (c) => c.crm.customers.list.query({ pageSize: 10_000 }), 'pageSize'],
  ['customer list with an over-long search', (c) => c.crm.customers.list.query({ search: 'y'.repeat(201) }), 'search'],
  ['customer list sorted by an unknown column', (c) => c.crm.customers.list.query({ sort: 'password' } as never), 'sort'],
  ['contact without a customer', (c) => c.crm.contacts.create.mutate({ firstName: 'A', lastName: 'B' } as never), 'customerId'],
  ['contact with isPrimary as a string', (c) => c.crm.contacts.create.mutate({ customerId, firstName: 'A', lastName: 'B', isPrimary: 'yes' } as never), 'isPrimary'],
  ['activity with an unknown type', (c) => c.crm.activities.create.mutate({ customerId, type: 'fax', subject: 's', occurredAt: new Date().toISOString() } as never), 'type'],
  ['activity with a date that is not ISO', (c) => c.crm.activities.create.mutate({ customerId, type: 'call', subject: 's', occurredAt: '22.11.2026' }), 'occurredAt'],
  ['employee with a bad email', (c) => c.core.employees.create.mutate({ employeeCode: 'X1', firstName: 'A', lastName: 'B', email: 'nope' }), 'email'],
  ['employee with an unknown employment type', (c) => c.core.employees.create.mutate({ employeeCode: 'X1', firstName: 'A', lastName: 'B', email: 'a@b.de', employmentType: 'slave' } as never), 'employmentType'],
  ['employee with a too short password', (c) => c.core.employees.create.mutate({ employeeCode: 'X1', firstName: 'A', lastName: 'B', email: 'a@b.de', password: 'short' }), 'password'],
  ['employee with an impossible birth date', (c) => c.core.employees.create.mutate({ employeeCode: 'X1', firstName: 'A', lastName: 'B', email: 'a@b.de', birthDate: '2026-02-30' }), 'birthDate'],
  ['employee with an unknown role', (c) => c.core.employees.create.mutate({ employeeCode: unique('X').replace(/\W/g, ''), firstName: 'A', lastName: 'B', email: `${unique('r').replace(/\W/g, '')}@b.de`, roleId: '00000000-0000-4000-8000-000000000000' }), 'roleId'],
  ['department code with spaces', (c) => c.core.departments.create.mutate({ name: 'A', code: 'a b' }), 'code'],
  ['role with an SQL string as permission', (c) => c.core.roles.create.mutate({ name: 'R', permissions: ["'; drop table roles; --"] }), 'permissions.0'],
  ['settings with a negative payment term', (c) => c.core.settings.update.mutate({ defaultPaymentTermsDays: -5 }), 'defaultPaymentTermsDays'],
  ['settings with a logo that is not an image', (c) => c.core.settings.update.mutate({ logoDataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }), 'logoDataUrl'],
  ['API token without a name', (c) => c.auth.apiTokens.create.mutate({ name: '' }), 'name'],
  ['password change to a short one', (c) => c.auth.changePassword.mutate({ currentPassword: 'correct horse battery', newPassword: 'x' }), 'newPassword'],
];

describe('bad input', () => {
  for (const [name, call, field] of cases) {
    it(`${name}: 400 naming "${field}", nothing changed`, async () => {
      const before = await snapshot();
      const error = await errorOf(call(admin));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.httpStatus).toBe(400);
      expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
      expect(error.message.length).toBeGreaterThan(5);
      // One message per field, in words a person understands (not zod's "expected string, received number").
      for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) expect(messages, key).toHaveLength(1);
      expect(error.message).not.toMatch(/expected \w+, received|Invalid option/);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('a missing required field "is required", naming the field, one message per field (and the German app says "ist erforderlich")', async () => {
    const missing: Array<[() => Promise<unknown>, string[]]> = [
      [() => admin.crm.customers.create.mutate({} as never), ['name']],
      [() => admin.crm.customers.create.mutate({ name: null } as never), ['name']],
      // Ids and enums have rules of their own ("must be a valid id"); left out, they are required all the same.
      [() => admin.crm.contacts.create.mutate({ firstName: 'A', lastName: 'B' } as never), ['customerId']],
      [() => admin.crm.activities.create.mutate({ customerId, subject: 's' } as never), ['type', 'occurredAt']],
      [() => admin.core.employees.create.mutate({ firstName: 'A' } as never), ['employeeCode', 'lastName', 'email']],
    ];
    for (const [call, fields] of missing) {
      const error = await errorOf(call());
      expect(error.code).toBe('BAD_REQUEST');
      for (const field of fields) {
        expect(error.fieldErrors?.[field], field).toEqual(['is required']);
        expect(error.message).toContain(`${field} is required`);
        expect(error.fieldIssues?.[field]).toEqual([{ code: 'field.required', params: {} }]);
        expect(errorText('de', { code: 'field.required', params: {} })).toBe('ist erforderlich');
      }
      expect(error.message).not.toMatch(/received undefined|expected/);
    }
    // A wrong type or a value outside a fixed list reads as a sentence too, in German as well.
    const wrongType = await errorOf(admin.crm.customers.create.mutate({ name: 42 } as never));
    expect(wrongType.fieldErrors).toEqual({ name: ['must be text'] });
    expect(wrongType.fieldIssues).toEqual({ name: [{ code: 'field.mustBeText', params: {} }] });
    expect(errorText('de', { code: 'field.mustBeText', params: {} })).toBe('muss ein Text sein');
    const wrongOption = await errorOf(admin.crm.customers.create.mutate({ name: 'A', status: 'vip' } as never));
    expect(wrongOption.fieldErrors).toEqual({ status: ['must be one of: lead, active, inactive, blocked'] });
    expect(wrongOption.fieldIssues).toEqual({ status: [{ code: 'field.oneOf', params: { values: 'lead, active, inactive, blocked' } }] });
    expect(errorText('de', { code: 'field.oneOf', params: { values: 'lead, active' } })).toBe('muss einer dieser Werte sein: lead, active');
    // A value that breaks two rules at once (a NUL and 1 MB long) gets one message, not two.
    const both = await errorOf(admin.crm.customers.create.mutate({ name: `\u0000${big}` }));
    expect(both.fieldErrors?.name).toHaveLength(1);
    // Over plain HTTP too, for a subscription's input and a document upload's fields.
    const sub = await fetch(`${app.url}/trpc/chat.onMessage?input=${encodeURIComponent('{}')}`, { headers: { ...auth, accept: 'text/event-stream' } });
    expect(sub.status).toBe(400);
    expect(((await sub.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } }).error.data.fieldErrors).toEqual({ projectId: ['is required'] });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await fetch(`${app.url}/trpc/crm.customers.create`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 't', ...auth }, body: '{"name": ' });
    expect(res.status).toBe(400);
  });

  it('refuses a request body over 5 MB with 413', async () => {
    const res = await fetch(`${app.url}/trpc/crm.customers.create`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 't', ...auth }, body: JSON.stringify({ name: 'x'.repeat(6_000_000) }) });
    expect(res.status).toBe(413);
  });

  it('answers a query whose input is too big for a URL with a 4xx', async () => {
    const input = encodeURIComponent(JSON.stringify({ search: big }));
    const res = await fetch(`${app.url}/trpc/crm.customers.list?input=${input}`, { headers: auth }).catch(() => null);
    // Node refuses over-long request lines itself (431); either way it is never a 5xx.
    if (res) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await admin.crm.customers.list.query({ pageSize: 1 })).pageSize).toBe(1);
  });

  it('answers an unknown procedure with 404', async () => {
    const res = await fetch(`${app.url}/trpc/crm.customers.dropAll`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 't' }, body: '{}' });
    expect(res.status).toBe(404);
  });
});
