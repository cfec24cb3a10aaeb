import { describe, expect, it } from 'vitest';
import { ContactCreateInput, CustomerCreateInput, CustomerListInput } from './crm.ts';
import { EmployeeCreateInput, RoleCreateInput, SettingsUpdateInput } from './core.ts';

describe('customer input', () => {
  it('turns empty form fields into null and lower-cases the email', () => {
    const parsed = CustomerCreateInput.parse({ name: '  Bäckerei  ', email: 'Info@Example.DE', phone: '' });
    expect(parsed).toMatchObject({ name: 'Bäckerei', email: 'info@example.de', phone: null, type: 'business', status: 'active' });
  });
  it('refuses a blank name, an unknown status and an oversized note', () => {
    expect(CustomerCreateInput.safeParse({ name: '   ' }).success).toBe(false);
    expect(CustomerCreateInput.safeParse({ name: 'A', status: 'vip' }).success).toBe(false);
    expect(CustomerCreateInput.safeParse({ name: 'A', notes: 'x'.repeat(10_001) }).success).toBe(false);
  });
  it('caps the page size at 200', () => {
    expect(CustomerListInput.safeParse({ pageSize: 201 }).success).toBe(false);
    expect(CustomerListInput.parse({})).toMatchObject({ page: 1, pageSize: 25, sort: 'name' });
  });
});

describe('contact and employee input', () => {
  it('needs a customer id that is a UUID', () => {
    expect(ContactCreateInput.safeParse({ customerId: '1', firstName: 'A', lastName: 'B' }).success).toBe(false);
  });
  it('needs a strong enough initial password', () => {
    const base = { employeeCode: 'E-1', firstName: 'A', lastName: 'B', email: 'a@b.de' };
    expect(EmployeeCreateInput.safeParse({ ...base, password: 'short' }).success).toBe(false);
    expect(EmployeeCreateInput.safeParse({ ...base, password: 'long enough pass' }).success).toBe(true);
  });
  it('accepts only well-formed permission patterns', () => {
    expect(RoleCreateInput.safeParse({ name: 'X', permissions: ['crm.*', '*.read', '*'] }).success).toBe(true);
    expect(RoleCreateInput.safeParse({ name: 'X', permissions: ['crm..read'] }).success).toBe(false);
    expect(RoleCreateInput.safeParse({ name: 'X', permissions: ['drop table'] }).success).toBe(false);
  });
  it('checks IBAN, VAT ID and number patterns in the settings', () => {
    expect(SettingsUpdateInput.parse({ iban: 'de89 3704 0044 0532 0130 00' }).iban).toBe('DE89370400440532013000');
    expect(SettingsUpdateInput.safeParse({ iban: 'not an iban' }).success).toBe(false);
    expect(SettingsUpdateInput.safeParse({ vatId: '123' }).success).toBe(false);
    expect(SettingsUpdateInput.safeParse({ invoiceNumberPattern: 'RE-{YYYY}' }).success).toBe(false);
  });
});

describe('update inputs leave out what was not sent', () => {
  it('does not fill in create defaults or clear optional texts', async () => {
    const { CustomerUpdateInput, ContactUpdateInput } = await import('./crm.ts');
    const { EmployeeUpdateInput, DepartmentUpdateInput, RoleUpdateInput } = await import('./core.ts');
    const { ProjectUpdateInput } = await import('./projects.ts');
    const { EntryUpdateInput } = await import('./time-tracking.ts');
    const id = '00000000-0000-4000-8000-000000000000';
    expect(CustomerUpdateInput.parse({ id, name: 'Neu' })).toEqual({ id, name: 'Neu' });
    expect(ContactUpdateInput.parse({ id, phone: '1' })).toEqual({ id, phone: '1' });
    expect(EmployeeUpdateInput.parse({ id, phone: '1' })).toEqual({ id, phone: '1' });
    expect(DepartmentUpdateInput.parse({ id, name: 'X' })).toEqual({ id, name: 'X' });
    expect(RoleUpdateInput.parse({ id, name: 'X' })).toEqual({ id, name: 'X' });
    expect(ProjectUpdateInput.parse({ id, title: 'X' })).toEqual({ id, title: 'X' });
    expect(EntryUpdateInput.parse({ id, durationMinutes: 30 })).toEqual({ id, durationMinutes: 30 });
    // Clearing stays possible.
    expect(EntryUpdateInput.parse({ id, note: '', hourlyRate: null })).toEqual({ id, note: null, hourlyRate: null });
    expect(CustomerUpdateInput.parse({ id, email: '' })).toEqual({ id, email: null });
  });
});

describe('text inputs refuse control characters', () => {
  it('refuses NUL and other control characters, keeps tabs and line breaks', async () => {
    const { text, optionalText, plainString } = await import('./common.ts');
    expect(text(100).safeParse('Bäckerei\u0000').success).toBe(false);
    expect(optionalText(100).safeParse('a\u0007b').success).toBe(false);
    expect(plainString().safeParse('\u007f').success).toBe(false);
    expect(CustomerCreateInput.safeParse({ name: 'A', notes: 'eins\n\tzwei\r\n' }).success).toBe(true);
    expect(CustomerCreateInput.safeParse({ name: 'A', notes: 'a\u0000b' }).error?.issues[0]).toMatchObject({ path: ['notes'], message: 'must not contain control characters (such as NUL)' });
  });
});

describe('text inputs refuse broken characters', () => {
  it('refuses half of a surrogate pair, keeps emoji and other whole characters', async () => {
    const { text } = await import('./common.ts');
    expect(text(100).safeParse('Kaffee \ud83d').success).toBe(false);
    expect(text(100).safeParse('\ude00 Kaffee').success).toBe(false);
    expect(text(100).safeParse('Kaffee ☕ 😀 Ünïcödé עברית').success).toBe(true);
    expect(CustomerCreateInput.safeParse({ name: 'A\ud800B' }).error?.issues[0]).toMatchObject({ path: ['name'], message: 'must be valid text (it contains a broken character)' });
  });
});
