import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { EMPLOYEE_STATUSES, EMPLOYMENT_TYPES, GENDERS, LANGUAGES } from '@workmate/domain/enums';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
// A department has a manager and an employee a department: MikroORM relations point both ways.
// The entity is only read inside `() =>` when the ORM starts, so the cycle is harmless at load time.
// oxlint-disable-next-line import/no-cycle
import { Department } from './department.ts';
import { Role } from './role.ts';

export const Employee = defineEntity({
  name: 'Employee',
  tableName: 'employees',
  checks: [
    {
      name: 'employees_termination_after_hire',
      expression: 'termination_date is null or hire_date is null or termination_date >= hire_date',
    },
    { name: 'employees_rate_not_negative', expression: 'default_hourly_rate is null or default_hourly_rate >= 0' },
  ],
  properties: {
    id: idColumn(),
    employeeCode: p.string().length(30).unique(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    gender: p.enum(GENDERS).nullable(),
    birthDate: p.date().nullable(),
    nationality: p.string().length(60).nullable(),
    photoUrl: p.string().length(500).nullable(),
    bio: p.text().nullable(),
    email: p.string().length(254).unique(),
    phone: p.string().length(50).nullable(),
    addressStreet: p.string().length(200).nullable(),
    addressZip: p.string().length(20).nullable(),
    addressCity: p.string().length(100).nullable(),
    addressCountry: p.string().length(100).nullable(),
    department: () => p.manyToOne(Department).nullable().deleteRule('set null'),
    role: () => p.manyToOne(Role).nullable(),
    reportsTo: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    employmentType: p.enum(EMPLOYMENT_TYPES).default('fulltime'),
    hireDate: p.date().nullable(),
    terminationDate: p.date().nullable(),
    status: p.enum(EMPLOYEE_STATUSES).default('active'),
    timezone: p.string().length(60).default('Europe/Berlin'),
    language: p.enum(LANGUAGES).default('de'),
    theme: p.string().length(40).default('light'),
    notificationsEnabled: p.boolean().default(true),
    /** Hourly rate for this employee's time when neither the entry nor the project has one. */
    defaultHourlyRate: p.decimal('string').precision(10).scale(2).nullable(),
    /** argon2id PHC string; null means the employee cannot sign in yet. */
    passwordHash: p.string().length(200).nullable().hidden(),
    lastLoginAt: p.datetime().columnType('timestamptz').nullable(),
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Employee = InferEntity<typeof Employee>;
