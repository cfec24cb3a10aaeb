// The employee form's values, apart from the form so the field list (employee-fields.tsx) can
// name their type without importing the form that renders it.
import type { RouterOutputs } from '../../trpc.ts';
import { toFormValues } from '../../ui/use-form.ts';

export type Employee = RouterOutputs['core']['employees']['get'];

const PLAIN = [
  'employeeCode', 'firstName', 'lastName', 'email', 'phone', 'gender', 'birthDate', 'nationality', 'bio',
  'addressStreet', 'addressZip', 'addressCity', 'addressCountry', 'employmentType', 'hireDate', 'terminationDate',
  'status', 'timezone', 'language', 'defaultHourlyRate',
] as const;

export function toValues(e: Employee | undefined) {
  const plain = toFormValues(e, PLAIN);
  return {
    ...plain,
    employmentType: plain.employmentType || 'fulltime',
    status: plain.status || 'active',
    timezone: plain.timezone || 'Europe/Berlin',
    language: plain.language || 'de',
    departmentId: e?.department?.id ?? '',
    roleId: e?.role?.id ?? '',
    reportsToId: e?.reportsTo?.id ?? '',
    notificationsEnabled: e?.notificationsEnabled ?? true,
    password: '',
  };
}
export type EmployeeValues = ReturnType<typeof toValues>;
