import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { ContactCreateInput, CustomerCreateInput } from '@workmate/domain/schemas/crm';
import { hashPassword } from '../auth/password.ts';
import { Employee } from '../entities/employee.ts';
import type { Role } from '../entities/role.ts';
import { createContact } from '../crm/contacts.ts';
import { createCustomer } from '../crm/customers.ts';

/** Small composable seed functions, used by the demo data and by tests. */
export async function seedEmployee(
  em: EntityManager,
  options: {
    role: Role | null;
    email?: string;
    password?: string;
    /** A ready argon2id hash (from hashPassword), for seeding many people with one password without hashing it each time. */
    passwordHash?: string;
    firstName?: string;
    lastName?: string;
    code?: string;
    language?: 'de' | 'en';
  },
): Promise<Employee> {
  const tag = randomUUID().slice(0, 8);
  const employee = em.create(Employee, {
    employeeCode: options.code ?? `E-${tag}`,
    firstName: options.firstName ?? 'Test',
    lastName: options.lastName ?? `User ${tag}`,
    email: options.email ?? `user-${tag}@example.test`,
    role: options.role,
    language: options.language ?? 'de',
    passwordHash: options.passwordHash ?? (options.password ? await hashPassword(options.password) : null),
  });
  await em.flush();
  return employee;
}

export async function seedCustomer(em: EntityManager, input: Partial<CustomerCreateInput> & { name: string }) {
  return createCustomer(em, {
    type: 'business',
    status: 'active',
    language: 'de',
    email: null,
    phone: null,
    website: null,
    taxId: null,
    vatId: null,
    street: null,
    zipCode: null,
    city: null,
    country: null,
    countryCode: 'DE',
    buyerReference: null,
    electronicAddress: null,
    electronicAddressScheme: null,
    einvoiceFormat: 'none',
    notes: null,
    ...input,
  });
}

export async function seedContact(em: EntityManager, input: Partial<ContactCreateInput> & { customerId: string; firstName: string; lastName: string }) {
  return createContact(em, {
    email: null,
    phone: null,
    mobile: null,
    position: null,
    department: null,
    isPrimary: false,
    notes: null,
    ...input,
  });
}
