import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LoginInput, Password } from '@workmate/domain/schemas/auth';
import { runAs } from '../shared/actor.ts';
import { isCommonPassword } from '../auth/password-policy.ts';
import { Employee } from '../entities/employee.ts';
import { seedEmployee } from './builders.ts';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from './demo.ts';
import { seedSystemRoles } from './roles.ts';

/** What `npm start` reads to decide how an empty database is filled. */
export interface FirstStartEnv {
  DATABASE_URL?: string | undefined;
  WORKMATE_DEMO?: string | undefined;
  ADMIN_EMAIL?: string | undefined;
  ADMIN_PASSWORD?: string | undefined;
}

export type FirstStart =
  | { kind: 'existing' }
  | { kind: 'demo' }
  | { kind: 'admin'; email: string; password: string; generated: boolean };

/**
 * Demo data (with its well-known passwords) only where nobody can mistake it for a real
 * installation: the project-local database of `npm start`, or when asked for with
 * WORKMATE_DEMO=1. A database given by DATABASE_URL is taken to be a real one; WORKMATE_DEMO=0
 * also keeps the local one free of demo data.
 */
export function wantsDemoData(env: FirstStartEnv): boolean {
  const flag = env.WORKMATE_DEMO?.trim().toLowerCase();
  if (flag === '1' || flag === 'true') return true;
  if (flag === '0' || flag === 'false') return false;
  return !env.DATABASE_URL;
}

/** Whether this installation has the demo accounts: the sign-in page then says so. */
export async function isDemoInstallation(em: EntityManager): Promise<boolean> {
  return (await em.count(Employee, { email: DEMO_ADMIN_EMAIL, deletedAt: null })) > 0;
}

export const DEMO_SIGN_IN = { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD } as const;

/**
 * Fills an empty database on the first start: the demo company, or only the built-in roles and
 * the company's first admin. A database that has anyone in it is left alone.
 */
export async function prepareFirstStart(em: EntityManager, env: FirstStartEnv, host = hostname()): Promise<FirstStart> {
  if ((await em.count(Employee, {})) > 0) return { kind: 'existing' };
  if (wantsDemoData(env)) {
    await seedDemo(em);
    return { kind: 'demo' };
  }
  const email = firstAdminEmail(env.ADMIN_EMAIL, host);
  const given = env.ADMIN_PASSWORD;
  if (given !== undefined && given !== '') checkAdminPassword(given);
  // 144 random bits, in letters, digits, - and _: strong, and easy to copy from a terminal.
  const password = given || randomBytes(18).toString('base64url');
  await runAs({ id: null, label: 'first start' }, async () => {
    const roles = await seedSystemRoles(em);
    await seedEmployee(em, { role: roles.Admin, email, password, firstName: 'Admin', lastName: 'Workmate', code: 'ADMIN' });
  });
  return { kind: 'admin', email, password, generated: !given };
}

/** ADMIN_EMAIL, or admin@ this machine's name (a name without a dot gets `.local`, so the address is valid). */
function firstAdminEmail(configured: string | undefined, host: string): string {
  const valid = (email: string) => LoginInput.shape.email.safeParse(email);
  if (configured) {
    const parsed = valid(configured.trim());
    if (!parsed.success) throw new Error(`ADMIN_EMAIL: must be a valid email address (got "${configured}")`);
    return parsed.data;
  }
  const name = host.toLowerCase();
  for (const candidate of [`admin@${name}`, `admin@${name}.local`]) {
    const parsed = valid(candidate);
    if (parsed.success) return parsed.data;
  }
  return 'admin@workmate.local';
}

function checkAdminPassword(password: string): void {
  const parsed = Password.safeParse(password);
  if (!parsed.success) throw new Error(`ADMIN_PASSWORD: ${parsed.error.issues.map((i) => i.message).join(', ')}`);
  if (isCommonPassword(password)) throw new Error('ADMIN_PASSWORD: is too common');
}
