import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { ChangePasswordInput } from '@workmate/domain/schemas/auth';
import { Employee } from '../entities/employee.ts';
import { revokeAllApiTokens } from './api-tokens.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { assertPasswordNotCommon } from './password-policy.ts';
import { endAllSessions } from './sessions.ts';

/** Needs the current password; ends every other session of the user and revokes all their API tokens. */
export async function changePassword(em: EntityManager, employeeId: string, input: ChangePasswordInput, keepSessionId: string | null) {
  const employee = await em.findOneOrFail(Employee, { id: employeeId });
  if (!employee.passwordHash || !(await verifyPassword(input.currentPassword, employee.passwordHash))) {
    throw appError('BAD_REQUEST', 'auth.currentPasswordWrong', {}, { field: 'currentPassword' });
  }
  if (input.currentPassword === input.newPassword) {
    throw appError('BAD_REQUEST', 'auth.passwordUnchanged', {}, { field: 'newPassword' });
  }
  assertPasswordNotCommon(input.newPassword, 'newPassword');
  employee.passwordHash = await hashPassword(input.newPassword);
  await em.flush();
  await endAllSessions(em, employeeId, keepSessionId ?? undefined);
  await revokeAllApiTokens(em, employeeId);
}
