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
