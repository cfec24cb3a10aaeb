import { randomUUID } from 'node:crypto';
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { hashPassword } from '@workmate/db/auth/password';
import { Role } from '@workmate/db/entities/role';
import { seedEmployee } from '@workmate/db/seeds/builders';
import type { SystemRoleName } from '@workmate/domain/permissions';
import type { TestApp } from './app.ts';

export type Client = ReturnType<typeof createWorkmateClient>;

export const PASSWORD = 'correct horse battery';

/**
 * The hash of PASSWORD, made once per test process: argon2id is slow on purpose (tens of
 * milliseconds of CPU each), and the suite seeds well over a thousand people. Signing in still
 * verifies against it as usual.
 */
let passwordHash: Promise<string> | undefined;

/** An employee with the given built-in role (seeded once by scripts/test.ts) and a typed client acting as them (API token). */
export async function userWithRole(app: Pick<TestApp, 'orm' | 'url'>, roleName: SystemRoleName | null, options: { password?: string } = {}) {
  const em = app.orm.em.fork();
  const role = roleName ? await em.findOneOrFail(Role, { name: roleName }) : null;
  const tag = randomUUID().slice(0, 8);
  const password = options.password ?? PASSWORD;
  const hash = password === PASSWORD ? await (passwordHash ??= hashPassword(PASSWORD)) : await hashPassword(password);
  const employee = await seedEmployee(em, { role, email: `${(roleName ?? 'norole').toLowerCase()}-${tag}@example.test`, passwordHash: hash });
  const { token } = await createApiToken(em, employee.id, { name: 'test' });
  return { employee, token, client: createWorkmateClient({ url: app.url, token }) };
}

export function anonymousClient(app: TestApp): Client {
  return createWorkmateClient({ url: app.url });
}

export const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

/** The tRPC error code of a failed call, or 'OK' when it succeeded. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    const data = (error as { data?: { code?: string } }).data;
    return data?.code ?? `THROWN: ${(error as Error).message}`;
  }
}

type ErrorIssue = { code: string; params: Record<string, string | number> };

export async function errorOf(promise: Promise<unknown>): Promise<{
  code: string;
  message: string;
  fieldErrors: Record<string, string[]> | undefined;
  httpStatus: number | undefined;
  /** The refusal's error code and parameters (see packages/domain/src/error-codes.ts). */
  appCode: string | undefined;
  params: Record<string, string | number> | undefined;
  fieldIssues: Record<string, ErrorIssue[]> | undefined;
}> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      message: string;
      data?: { code?: string; fieldErrors?: Record<string, string[]>; httpStatus?: number; appCode?: string; params?: Record<string, string | number>; fieldIssues?: Record<string, ErrorIssue[]> };
    };
    return {
      code: e.data?.code ?? 'UNKNOWN',
      message: e.message,
      fieldErrors: e.data?.fieldErrors,
      httpStatus: e.data?.httpStatus,
      appCode: e.data?.appCode,
      params: e.data?.params,
      fieldIssues: e.data?.fieldIssues,
    };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
