import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { SignInMethod } from '@workmate/domain/enums';
import type { LoginInput } from '@workmate/domain/schemas/auth';
import { Employee } from '../entities/employee.ts';
import { Session } from '../entities/session.ts';
import { runAs } from '../shared/actor.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { canSignIn, loadSessionUser } from './principal.ts';
import { newSecret, sha256 } from './tokens.ts';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

/** Checks the password and opens a new session with a fresh token (never reuses one). */
export async function login(em: EntityManager, input: LoginInput, client: ClientInfo, policy: SessionPolicy) {
  const employee = await em.findOne(Employee, { email: input.email });
  const hash = employee?.passwordHash ?? (await decoyHash());
  const valid = await verifyPassword(input.password, hash);
  if (!employee || !valid || !employee.passwordHash || !canSignIn(employee)) {
    throw appError('UNAUTHORIZED', 'auth.wrongCredentials', {});
  }
  return openSession(em, employee, client, policy, 'password');
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Opens a session for an employee who has proven who they are (password or OIDC), with a fresh
 * token; the session row is the audit trail's sign-in.
 */
export async function openSession(em: EntityManager, employee: Employee, client: ClientInfo, policy: SessionPolicy, method: SignInMethod) {
  const token = newSecret('');
  const now = new Date();
  await runAs({ id: employee.id, label: employee.email }, async () => {
    em.create(Session, {
      tokenHash: sha256(token),
      employee,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      method,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.maxHours * 3_600_000),
    });
    employee.lastLoginAt = now;
    await em.flush();
  });
  const user = await loadSessionUser(em, employee.id);
  if (!user) throw appError('UNAUTHORIZED', 'auth.accountDisabled', {});
  return { token, user, expiresAt: new Date(now.getTime() + policy.maxHours * 3_600_000) };
}

/**
 * Finds the session of a cookie token. Idle sessions (no request for `idleMinutes`) and
 * sessions past their absolute lifetime are ended here.
 */
export async function resolveSession(em: EntityManager, token: string, policy: SessionPolicy) {
  const session = await em.findOne(Session, { tokenHash: sha256(token) });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + policy.idleMinutes * 60_000 <= now) {
    await em.nativeDelete(Session, { id: session.id });
    return null;
  }
  const user = await loadSessionUser(em, session.employee.id);
  if (!user) {
    await em.nativeDelete(Session, { id: session.id });
    return null;
  }
  // Touch at most once a minute, so reads do not turn into writes.
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await em.nativeUpdate(Session, { id: session.id }, { lastSeenAt: new Date(now) });
  }
  return { sessionId: session.id, user };
}

export async function logout(em: EntityManager, sessionId: string) {
  const session = await em.findOne(Session, { id: sessionId });
  if (!session) return;
  em.remove(session);
  await em.flush();
}

/** Ends every session of an employee (disabling, deleting, password change). */
export async function endAllSessions(em: EntityManager, employeeId: string, exceptSessionId?: string) {
  await em.nativeDelete(Session, exceptSessionId ? { employee: employeeId, id: { $ne: exceptSessionId } } : { employee: employeeId });
}
