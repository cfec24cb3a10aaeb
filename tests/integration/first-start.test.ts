import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createWorkmateClient } from '@workmate/api/client';
import { isCommonPassword } from '@workmate/db/auth/password-policy';
import { prepareFirstStart, wantsDemoData } from '@workmate/db/seeds/first-start';
import { SYSTEM_ROLES } from '@workmate/domain/permissions';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';

/** What `npm start` puts into an empty database, and what the sign-in page learns of it. */
type Db = Awaited<ReturnType<typeof freshDatabase>>;
const dbs: Db[] = [];
const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const db of dbs) await db.drop();
});

async function emptyDatabase(name: string): Promise<Db> {
  const db = await freshDatabase(name);
  // freshDatabase adds the built-in roles; an installation's database starts without them.
  await db.orm.em.fork().getConnection().execute('delete from roles');
  dbs.push(db);
  return db;
}

async function count(orm: MikroORM, table: string): Promise<number> {
  const rows = await orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from ${table}`);
  return rows[0]?.n ?? -1;
}

async function signIn(app: TestApp, email: string, password: string): Promise<number> {
  const res = await fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'test' }, body: JSON.stringify({ email, password }) });
  return res.status;
}

const URL_GIVEN = { DATABASE_URL: 'postgres://db.example.internal/workmate' };

describe('the first start decides between demo data and a real installation', () => {
  it('loads demo data only for the project-local database or when WORKMATE_DEMO=1 asks for it', () => {
    expect(wantsDemoData({})).toBe(true);
    expect(wantsDemoData(URL_GIVEN)).toBe(false);
    expect(wantsDemoData({ ...URL_GIVEN, WORKMATE_DEMO: '1' })).toBe(true);
    expect(wantsDemoData({ WORKMATE_DEMO: '0' })).toBe(false);
  });

  let real: Db;
  let realApp: TestApp;
  let admin: { email: string; password: string };
  beforeAll(async () => {
    real = await emptyDatabase('workmate_first_real');
    const first = await prepareFirstStart(real.orm.em.fork(), URL_GIVEN, 'Buero-Server');
    if (first.kind !== 'admin') throw new Error(`expected the first admin, got ${first.kind}`);
    expect(first.generated).toBe(true);
    admin = first;
    realApp = await startTestApp({}, { databaseUrl: real.databaseUrl });
    apps.push(realApp);
  });

  it('with DATABASE_URL and no WORKMATE_DEMO: no demo data, the built-in roles, and one admin with a strong generated password', async () => {
    expect(await count(real.orm, 'customers')).toBe(0);
    expect(await count(real.orm, 'projects')).toBe(0);
    expect(await count(real.orm, 'invoices')).toBe(0);
    expect(await count(real.orm, 'employees')).toBe(1);
    const roles = await real.orm.em.fork().getConnection().execute<Array<{ name: string }>>('select name from roles order by name');
    expect(roles.map((r) => r.name)).toEqual(Object.keys(SYSTEM_ROLES).sort());
    // A host name without a dot still gives a valid address the sign-in form accepts.
    expect(admin.email).toBe('admin@buero-server.local');
    expect(admin.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(isCommonPassword(admin.password)).toBe(false);
    // Another first start makes another password.
    const again = await emptyDatabase('workmate_first_again');
    const other = await prepareFirstStart(again.orm.em.fork(), URL_GIVEN);
    expect(other.kind === 'admin' && other.password).not.toBe(admin.password);
  });

  it('the first admin signs in with the generated password and may administer', async () => {
    expect(await signIn(realApp, admin.email, admin.password)).toBe(200);
    const res = await fetch(`${realApp.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'test' }, body: JSON.stringify(admin) });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = await createWorkmateClient({ url: realApp.url, headers: { cookie } }).auth.me.query();
    expect(me).toMatchObject({ email: admin.email, roleName: 'Admin' });
    expect(me?.permissions).toContain('*');
  });

  it('a database with anyone in it is left alone', async () => {
    expect(await prepareFirstStart(real.orm.em.fork(), { WORKMATE_DEMO: '1' })).toEqual({ kind: 'existing' });
    expect(await count(real.orm, 'employees')).toBe(1);
    expect(await count(real.orm, 'customers')).toBe(0);
  });

  it('the sign-in page is told it is no demo', async () => {
    expect(await createWorkmateClient({ url: realApp.url }).auth.instance.query()).toEqual({ demo: false, demoSignIn: null, oidc: null });
  });

  it('takes ADMIN_EMAIL and ADMIN_PASSWORD when given, and refuses bad ones before creating anything', async () => {
    const db = await emptyDatabase('workmate_first_given');
    await expect(prepareFirstStart(db.orm.em.fork(), { ...URL_GIVEN, ADMIN_PASSWORD: 'Password123' })).rejects.toThrow('ADMIN_PASSWORD: is too common');
    await expect(prepareFirstStart(db.orm.em.fork(), { ...URL_GIVEN, ADMIN_PASSWORD: 'short' })).rejects.toThrow('ADMIN_PASSWORD: must be at least 10 characters');
    await expect(prepareFirstStart(db.orm.em.fork(), { ...URL_GIVEN, ADMIN_EMAIL: 'not an address' })).rejects.toThrow(/^ADMIN_EMAIL: must be a valid email address/);
    expect(await count(db.orm, 'employees')).toBe(0);
    expect(await count(db.orm, 'roles')).toBe(0);
    const first = await prepareFirstStart(db.orm.em.fork(), { ...URL_GIVEN, ADMIN_EMAIL: 'Chefin@Kessler-IT.example', ADMIN_PASSWORD: 'our own long secret' });
    expect(first).toEqual({ kind: 'admin', email: 'chefin@kessler-it.example', password: 'our own long secret', generated: false });
    const app = await startTestApp({}, { databaseUrl: db.databaseUrl });
    apps.push(app);
    expect(await signIn(app, 'chefin@kessler-it.example', 'our own long secret')).toBe(200);
  });
});

describe('a demo installation', () => {
  it('with WORKMATE_DEMO=1 loads the demo company even into a DATABASE_URL database, and the sign-in page is told so', async () => {
    const db = await emptyDatabase('workmate_first_demo');
    expect(await prepareFirstStart(db.orm.em.fork(), { ...URL_GIVEN, WORKMATE_DEMO: '1' })).toEqual({ kind: 'demo' });
    expect(await count(db.orm, 'customers')).toBeGreaterThan(0);
    const app = await startTestApp({}, { databaseUrl: db.databaseUrl });
    apps.push(app);
    const instance = await createWorkmateClient({ url: app.url }).auth.instance.query();
    expect(instance).toEqual({ demo: true, demoSignIn: { email: 'admin@workmate.demo', password: 'workmate-demo' }, oidc: null });
    expect(await signIn(app, instance.demoSignIn?.email ?? '', instance.demoSignIn?.password ?? '')).toBe(200);
  });
});
