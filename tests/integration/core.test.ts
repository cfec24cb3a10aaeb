import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, PASSWORD, unique, userWithRole, type Client } from '../helpers/users.ts';

let app: TestApp;
let admin: Client;
let adminId: string;
beforeAll(async () => {
  app = await startTestApp();
  const a = await userWithRole(app, 'Admin');
  admin = a.client;
  adminId = a.employee.id;
});
afterAll(async () => app?.close());

const code = () => unique('X').replace(/\W/g, '').slice(0, 12);

describe('departments', () => {
  it('creates, reads, updates and deletes a department with a manager', async () => {
    const d = await admin.core.departments.create.mutate({ name: unique('Service'), code: 'svc' + code(), managerId: adminId });
    expect(d.code).toMatch(/^SVC/);
    expect(d.manager?.id).toBe(adminId);
    const u = await admin.core.departments.update.mutate({ id: d.id, version: d.version, description: 'Vor-Ort-Service', managerId: null });
    expect(u).toMatchObject({ description: 'Vor-Ort-Service', manager: null });
    expect((await admin.core.departments.list.query()).map((x) => x.id)).toContain(d.id);
    await admin.core.departments.delete.mutate({ id: d.id });
    expect(await codeOf(admin.core.departments.get.query({ id: d.id }))).toBe('NOT_FOUND');
  });

  it('refuses a duplicate code and deleting a department that still has employees', async () => {
    const c = code();
    const d = await admin.core.departments.create.mutate({ name: unique('A'), code: c });
    const dup = await errorOf(admin.core.departments.create.mutate({ name: unique('B'), code: c }));
    expect(dup).toMatchObject({ code: 'CONFLICT' });
    expect(dup.fieldErrors?.code).toBeDefined();
    const { employee } = await userWithRole(app, 'Employee');
    await admin.core.employees.update.mutate({ id: employee.id, departmentId: d.id });
    expect(await codeOf(admin.core.departments.delete.mutate({ id: d.id }))).toBe('CONFLICT');
  });
});

describe('roles', () => {
  it('creates, updates and deletes a custom role; its permissions take effect', async () => {
    const role = await admin.core.roles.create.mutate({ name: unique('Vertrieb'), permissions: ['crm.read'] });
    const { employee, client } = await userWithRole(app, null);
    await admin.core.employees.update.mutate({ id: employee.id, roleId: role.id });
    expect(await codeOf(client.crm.customers.list.query({}))).toBe('OK');
    expect(await codeOf(client.crm.customers.create.mutate({ name: 'x' }))).toBe('FORBIDDEN');
    await admin.core.roles.update.mutate({ id: role.id, permissions: ['crm.*'] });
    expect(await codeOf(client.crm.customers.create.mutate({ name: unique('Jetzt erlaubt') }))).toBe('OK');
    expect(await codeOf(admin.core.roles.delete.mutate({ id: role.id }))).toBe('CONFLICT');
    await admin.core.employees.update.mutate({ id: employee.id, roleId: null });
    await admin.core.roles.delete.mutate({ id: role.id });
    expect(await codeOf(admin.core.roles.get.query({ id: role.id }))).toBe('NOT_FOUND');
  });

  it('keeps the built-in roles and refuses duplicate names', async () => {
    const roles = await admin.core.roles.list.query();
    expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(['Admin', 'Manager', 'Employee', 'Accountant', 'Auditor']));
    const builtin = roles.find((r) => r.name === 'Auditor');
    expect(await codeOf(admin.core.roles.delete.mutate({ id: builtin?.id ?? '' }))).toBe('CONFLICT');
    expect(await codeOf(admin.core.roles.create.mutate({ name: 'Admin' }))).toBe('CONFLICT');
  });
});

describe('employees', () => {
  it('creates an employee with all fields, who can then sign in', async () => {
    const email = `${code().toLowerCase()}@example.test`;
    const roles = await admin.core.roles.list.query();
    const e = await admin.core.employees.create.mutate({
      employeeCode: 'KIT-' + code(), firstName: 'Lea', lastName: 'Lang', email, phone: '089 1', gender: 'female', birthDate: '1990-02-03',
      nationality: 'deutsch', addressCity: 'München', employmentType: 'parttime', hireDate: '2024-04-01', status: 'active', language: 'en',
      roleId: roles.find((r) => r.name === 'Employee')?.id, password: 'a long initial secret',
    });
    expect(e).toMatchObject({ email, gender: 'female', birthDate: '1990-02-03', employmentType: 'parttime', hireDate: '2024-04-01', role: { name: 'Employee' }, canSignIn: true });
    expect(JSON.stringify(e)).not.toMatch(/argon2|passwordHash/);
    const res = await fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 't' }, body: JSON.stringify({ email, password: 'a long initial secret' }) });
    expect(res.status).toBe(200);
  });

  it('refuses duplicate email and employee code, and a termination before the hire date', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const dupEmail = await errorOf(admin.core.employees.create.mutate({ employeeCode: code(), firstName: 'A', lastName: 'B', email: employee.email }));
    expect(dupEmail.code).toBe('CONFLICT');
    expect(dupEmail.fieldErrors?.email).toBeDefined();
    const dupCode = await errorOf(admin.core.employees.create.mutate({ employeeCode: employee.employeeCode, firstName: 'A', lastName: 'B', email: `${code()}@example.test` }));
    expect(dupCode.fieldErrors?.employeeCode).toBeDefined();
    const dates = await errorOf(admin.core.employees.update.mutate({ id: employee.id, hireDate: '2025-01-01', terminationDate: '2024-12-31' }));
    expect(dates.fieldErrors?.terminationDate).toBeDefined();
  });

  it('refuses a password from the 10,000 most common ones, in any case, when an admin creates or sets it, and changes nothing', async () => {
    const email = `${code().toLowerCase()}@example.test`;
    const refused = await errorOf(admin.core.employees.create.mutate({ employeeCode: code(), firstName: 'A', lastName: 'B', email, password: 'QwertyUIOP' }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, message: 'password: is too common', fieldErrors: { password: ['is too common'] } });
    const rows = await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from employees where email = ?`, [email]);
    expect(rows[0]?.n).toBe(0);

    const { employee } = await userWithRole(app, 'Employee');
    const set = await errorOf(admin.core.employees.update.mutate({ id: employee.id, firstName: 'Changed', password: 'password123' }));
    expect(set).toMatchObject({ code: 'BAD_REQUEST', message: 'password: is too common', fieldErrors: { password: ['is too common'] } });
    expect((await admin.core.employees.get.query({ id: employee.id })).firstName).toBe(employee.firstName);
    const signIn = (password: string) =>
      fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 't' }, body: JSON.stringify({ email: employee.email, password }) }).then((r) => r.status);
    expect(await signIn(PASSWORD)).toBe(200);
    // A password merely containing a common one is fine.
    await admin.core.employees.update.mutate({ id: employee.id, password: 'password123 in the rain' });
    expect(await signIn('password123 in the rain')).toBe(200);
  });

  it('filters, searches and pages the employee list', async () => {
    const tag = code();
    for (let i = 0; i < 3; i++) await admin.core.employees.create.mutate({ employeeCode: `${tag}${i}`, firstName: 'Such', lastName: `${tag}${i}`, email: `${tag}${i}@example.test`, status: i === 0 ? 'on_leave' : 'active' });
    const all = await admin.core.employees.list.query({ search: tag, pageSize: 2 });
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    expect((await admin.core.employees.list.query({ search: tag, status: 'on_leave' })).total).toBe(1);
  });

  it('soft-deletes an employee (no more sign-in) and restores them', async () => {
    const { employee, client } = await userWithRole(app, 'Employee');
    await admin.core.employees.delete.mutate({ id: employee.id });
    expect(await codeOf(client.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    expect((await admin.core.employees.list.query({ search: employee.email })).total).toBe(0);
    expect((await admin.core.employees.list.query({ search: employee.email, includeDeleted: true })).total).toBe(1);
    await admin.core.employees.restore.mutate({ id: employee.id });
    // Deleting revoked their API tokens: restoring brings the person back, not the tokens.
    expect(await codeOf(client.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    const res = await fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 't' }, body: JSON.stringify({ email: employee.email, password: PASSWORD }) });
    expect(res.status).toBe(200);
  });

  it('does not let admins delete or disable themselves', async () => {
    expect(await codeOf(admin.core.employees.delete.mutate({ id: adminId }))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.core.employees.update.mutate({ id: adminId, status: 'inactive' }))).toBe('BAD_REQUEST');
  });
});

describe("employees' personal data", () => {
  it('colleagues get birth date, gender, nationality, phone and home address as null in list and get; oneself and core.employees.manage see them', async () => {
    const personal = { phone: '0171 555', gender: 'female', birthDate: '1988-07-14', nationality: 'deutsch', addressStreet: 'Lindenweg 3', addressZip: '80331', addressCity: 'München', addressCountry: 'DE' } as const;
    const lea = await userWithRole(app, 'Employee');
    const colleague = await userWithRole(app, 'Employee');
    const manager = await userWithRole(app, 'Manager');
    const updated = await admin.core.employees.update.mutate({ id: lea.employee.id, ...personal });
    expect(updated).toMatchObject(personal);
    const hidden = Object.fromEntries(Object.keys(personal).map((k) => [k, null]));
    for (const other of [colleague, manager]) {
      expect(await other.client.core.employees.get.query({ id: lea.employee.id })).toMatchObject({ ...hidden, firstName: lea.employee.firstName, email: lea.employee.email });
      const listed = (await other.client.core.employees.list.query({ search: lea.employee.email })).items;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject(hidden);
      expect(JSON.stringify(listed)).not.toMatch(/Lindenweg|1988-07-14|0171 555/);
    }
    // Oneself: everything.
    expect(await lea.client.core.employees.get.query({ id: lea.employee.id })).toMatchObject(personal);
    expect((await lea.client.core.employees.list.query({ search: lea.employee.email })).items[0]).toMatchObject(personal);
    // core.employees.manage (here a custom role with it and core.read) and the admin: everything.
    const role = await admin.core.roles.create.mutate({ name: unique('Personal'), permissions: ['core.read', 'core.employees.manage'] });
    const hr = await userWithRole(app, null);
    await admin.core.employees.update.mutate({ id: hr.employee.id, roleId: role.id });
    expect(await hr.client.core.employees.get.query({ id: lea.employee.id })).toMatchObject(personal);
    expect((await admin.core.employees.list.query({ search: lea.employee.email })).items[0]).toMatchObject(personal);
  });
});

describe('company settings', () => {
  it('reads and updates the company data and number patterns', async () => {
    // The settings are shared with every file running beside this one: back to what they expect, even if this test fails.
    try {
      const after = await admin.core.settings.update.mutate({ companyName: 'Testfirma GmbH', iban: 'DE89 3704 0044 0532 0130 00', vatId: 'de123456789', defaultPaymentTermsDays: 30 });
      expect(after).toMatchObject({ companyName: 'Testfirma GmbH', iban: 'DE89370400440532013000', vatId: 'DE123456789', defaultPaymentTermsDays: 30 });
      expect(await codeOf(admin.core.settings.update.mutate({ companyName: 'Stale', version: after.version - 1 }))).toBe('CONFLICT');
      expect(await codeOf(admin.core.settings.update.mutate({ invoiceNumberPattern: 'RE-{YYYY}' }))).toBe('BAD_REQUEST');
    } finally {
      await prepareInvoicing(admin);
    }
  });
});
