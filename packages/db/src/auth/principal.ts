import type { EntityManager } from '@mikro-orm/postgresql';
import type { SessionUser } from '@workmate/domain/schemas/auth';
import { Employee } from '../entities/employee.ts';

/** Who may sign in: not soft-deleted and not disabled (status inactive). */
export function canSignIn(employee: Employee): boolean {
  return employee.deletedAt === null && employee.status !== 'inactive';
}

export async function loadSessionUser(em: EntityManager, employeeId: string): Promise<SessionUser | null> {
  const employee = await em.findOne(Employee, { id: employeeId }, { populate: ['role'] });
  if (!employee || !canSignIn(employee)) return null;
  const role = employee.role ? employee.role : null;
  return {
    id: employee.id,
    email: employee.email,
    firstName: employee.firstName,
    lastName: employee.lastName,
    language: employee.language,
    roleName: role?.name ?? null,
    permissions: role ? [...role.permissions] : [],
  };
}
