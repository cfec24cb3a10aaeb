import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { ApiTokenCreateInput } from '@workmate/domain/schemas/auth';
import { ApiToken } from '../entities/api-token.ts';
import { Employee } from '../entities/employee.ts';
import { verifyPassword } from './password.ts';
import { loadSessionUser } from './principal.ts';
import { newSecret, sha256 } from './tokens.ts';

export const API_TOKEN_PREFIX = 'wm_';

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const toDto = (t: ApiToken): ApiTokenDto => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function listApiTokens(em: EntityManager, employeeId: string): Promise<ApiTokenDto[]> {
  const tokens = await em.find(ApiToken, { employee: employeeId }, { orderBy: { createdAt: 'desc' } });
  return tokens.map(toDto);
}

/**
 * A token that never expires needs the current password again (`password`), so someone who only
 * holds a signed-in browser cannot mint themselves lasting access. Called by auth.apiTokens.create
 * before createApiToken; trusted scripts (tests, bench) mint tokens directly.
 */
export async function confirmLastingToken(em: EntityManager, employeeId: string, input: ApiTokenCreateInput): Promise<void> {
  if (input.expiresInDays) return;
  if (!input.password) throw appError('BAD_REQUEST', 'auth.tokenNeedsPassword', {}, { field: 'password' });
  const employee = await em.findOneOrFail(Employee, { id: employeeId });
  if (!employee.passwordHash || !(await verifyPassword(input.password, employee.passwordHash))) {
    throw appError('BAD_REQUEST', 'auth.passwordWrong', {}, { field: 'password' });
  }
}

/** The secret is returned once, here, and never stored: only its SHA-256. */
export async function createApiToken(em: EntityManager, employeeId: string, input: ApiTokenCreateInput) {
  const secret = newSecret(API_TOKEN_PREFIX);
  const token = em.create(ApiToken, {
    name: input.name,
    tokenHash: sha256(secret),
    prefix: secret.slice(0, 10),
    employee: employeeId,
    expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    createdAt: new Date(),
  });
  await em.flush();
  return { token: secret, apiToken: toDto(token) };
}

export async function revokeApiToken(em: EntityManager, employeeId: string, id: string) {
  const token = await em.findOne(ApiToken, { id, employee: employeeId });
  if (!token) throw notFound('API token', id);
  if (!token.revokedAt) {
    token.revokedAt = new Date();
    await em.flush();
  }
  return toDto(token);
}

/**
 * Revokes every live token of an employee: on a password change or reset, when the account is
 * disabled and when it is deleted, so that re-enabling or restoring it brings none of them back.
 * The caller's procedure path (auth.*, core.employees.*) clears the principal cache.
 */
export async function revokeAllApiTokens(em: EntityManager, employeeId: string): Promise<number> {
  // Loaded and flushed (not a bulk update) so each revocation is written to the audit trail.
  const live = await em.find(ApiToken, { employee: employeeId, revokedAt: null });
  const now = new Date();
  for (const token of live) token.revokedAt = now;
  if (live.length) await em.flush();
  return live.length;
}

/** The user a bearer token acts for, or null when it is unknown, revoked or expired. */
export async function resolveApiToken(em: EntityManager, secret: string) {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const token = await em.findOne(ApiToken, { tokenHash: sha256(secret) });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return null;
  const user = await loadSessionUser(em, token.employee.id);
  if (!user) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await em.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: new Date() });
  }
  return { tokenId: token.id, user };
}
