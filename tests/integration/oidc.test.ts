import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkmateClient } from '@workmate/api/client';
import { AuditLog } from '@workmate/db/entities/audit-log';
import { Employee } from '@workmate/db/entities/employee';
import { OidcLink } from '@workmate/db/entities/oidc-link';
import { Role } from '@workmate/db/entities/role';
import { Session } from '@workmate/db/entities/session';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { CookieJar, signInAtProvider, startTestProvider, type TestAccount, type TestProvider } from '../helpers/oidc-provider.ts';
import { userWithRole } from '../helpers/users.ts';

let provider: TestProvider;
let app: TestApp;
let plain: TestApp;
/** The same provider, but a first sign-in does not need a verified email. */
let lax: TestApp;

const oidcEnv = (p: TestProvider, extra: Record<string, string> = {}) => ({ OIDC_ISSUER: p.issuer, OIDC_CLIENT_ID: p.clientId, OIDC_CLIENT_SECRET: p.clientSecret, ...extra });

beforeAll(async () => {
  provider = await startTestProvider();
  app = await startTestApp(oidcEnv(provider, { OIDC_BUTTON_LABEL: 'Keycloak' }));
  lax = await startTestApp(oidcEnv(provider, { OIDC_REQUIRE_EMAIL_VERIFIED: 'false' }));
  provider.start([`${app.url}/auth/oidc/callback`, `${lax.url}/auth/oidc/callback`]);
  plain = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  await plain?.close();
  await lax?.close();
  await provider?.close();
});

const callbackOf = (a: TestApp) => `${a.url}/auth/oidc/callback`;

/** The browser's first step: the app's start route, which sends it to the provider. */
async function begin(a: TestApp, query = '') {
  const jar = new CookieJar();
  const res = await fetch(`${a.url}/auth/oidc/start${query}`, { redirect: 'manual' });
  jar.take(res);
  return { jar, res, location: res.headers.get('location') ?? '' };
}

async function visit(url: string, jar: CookieJar) {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(res);
  return res;
}

/** A whole sign-in as the provider's `subject`; returns the app's answer to the callback. */
async function signInAs(subject: string, options: { a?: TestApp; p?: TestProvider; query?: string } = {}) {
  const a = options.a ?? app;
  const { jar, res: started, location } = await begin(a, options.query);
  expect(started.status).toBe(302);
  expect(location.startsWith(`${(options.p ?? provider).issuer}/`)).toBe(true);
  const callbackUrl = await signInAtProvider(location, subject, callbackOf(a));
  const res = await visit(callbackUrl, jar);
  return { jar, res, callbackUrl, location: res.headers.get('location') ?? '' };
}

function account(data: TestAccount, p: TestProvider = provider): string {
  const subject = `sub-${randomUUID()}`;
  p.accounts.set(subject, data);
  return subject;
}

async function newEmployee(a: TestApp = app, options: { password?: string } = {}) {
  const em = a.orm.em.fork();
  const role = await em.findOneOrFail(Role, { name: 'Employee' });
  return seedEmployee(em, { role, email: `oidc-${randomUUID().slice(0, 8)}@example.test`, ...options });
}

const linksOf = (subject: string) => app.orm.em.fork().count(OidcLink, { subject });
const sessionsOf = (employeeId: string) => app.orm.em.fork().find(Session, { employee: employeeId });

describe('sign-in with OIDC', () => {
  it('the sign-in page learns that OIDC is on, with the button label', async () => {
    const instance = await createWorkmateClient({ url: app.url }).auth.instance.query();
    expect(instance.oidc).toEqual({ label: 'Keycloak' });
  });

  it('links an active employee by the verified email on the first sign-in and opens the normal session', async () => {
    // No password at all: an employee may sign in through the provider only.
    const employee = await newEmployee();
    const subject = account({ email: employee.email.toUpperCase(), emailVerified: true });

    const { res, jar, location } = await signInAs(subject);
    expect(res.status).toBe(303);
    expect(location).toBe('/');
    const session = jar.get('workmate_session');
    expect(session).toBeTruthy();
    // The attempt's binding cookie is cleared.
    expect(jar.get('workmate_oidc')).toBeUndefined();

    const me = await createWorkmateClient({ url: app.url, headers: { cookie: `workmate_session=${session}` } }).auth.me.query();
    expect(me?.id).toBe(employee.id);
    const sessions = await sessionsOf(employee.id);
    expect(sessions.map((s) => s.method)).toEqual(['oidc']);

    const em = app.orm.em.fork();
    const link = await em.findOneOrFail(OidcLink, { subject });
    expect(link.employee.id).toBe(employee.id);
    expect(link.issuer).toBe(provider.issuer);
    // The audit trail has the link (made by the employee) and an OIDC sign-in.
    const linkAudit = await em.find(AuditLog, { entity: 'oidcLink', entityId: link.id });
    expect(linkAudit).toHaveLength(1);
    expect(linkAudit[0]).toMatchObject({ action: 'create', actorId: employee.id });
    expect(linkAudit[0]?.changes.subject?.after).toBe(subject);
    const logins = await em.find(AuditLog, { entity: 'employee', entityId: employee.id, action: 'login' });
    expect(logins.map((l) => l.changes)).toEqual([{ method: { before: null, after: 'oidc' } }]);

    // Later the link alone decides: the email may change on either side.
    await em.nativeUpdate(Employee, { id: employee.id }, { email: `renamed-${randomUUID().slice(0, 8)}@example.test` });
    provider.accounts.set(subject, { email: 'someone-else@example.test', emailVerified: false });
    const again = await signInAs(subject);
    expect(again.location).toBe('/');
    expect(await linksOf(subject)).toBe(1);
    expect(await sessionsOf(employee.id)).toHaveLength(2);
  });

  it('follows a same-site path after sign-in, and nothing else', async () => {
    const employee = await newEmployee();
    const subject = account({ email: employee.email, emailVerified: true });
    expect((await signInAs(subject, { query: '?next=%2Finvoices%3Fstatus%3Dopen' })).location).toBe('/invoices?status=open');
    expect((await signInAs(subject, { query: '?next=%2F%2Fevil.example%2F' })).location).toBe('/');
    expect((await signInAs(subject, { query: '?next=https%3A%2F%2Fevil.example%2F' })).location).toBe('/');
  });

  it('refuses an unknown email and creates nothing', async () => {
    const email = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const subject = account({ email, emailVerified: true });
    const { res, jar, location } = await signInAs(subject);
    expect(res.status).toBe(303);
    expect(location).toBe('/login?oidcError=auth.oidcNoAccount');
    expect(jar.get('workmate_session')).toBeUndefined();
    const em = app.orm.em.fork();
    expect(await em.count(Employee, { email })).toBe(0);
    expect(await linksOf(subject)).toBe(0);
    expect(await em.count(AuditLog, { actorLabel: email })).toBe(0);
  });

  it('refuses an email the provider has not verified, or none at all', async () => {
    const employee = await newEmployee();
    const unverified = account({ email: employee.email, emailVerified: false });
    expect((await signInAs(unverified)).location).toBe('/login?oidcError=auth.oidcEmailNotVerified');
    const silent = account({ email: employee.email });
    expect((await signInAs(silent)).location).toBe('/login?oidcError=auth.oidcEmailNotVerified');
    const noEmail = account({});
    expect((await signInAs(noEmail)).location).toBe('/login?oidcError=auth.oidcEmailMissing');
    expect(await linksOf(unverified)).toBe(0);
    expect(await sessionsOf(employee.id)).toHaveLength(0);
  });

  it('with OIDC_REQUIRE_EMAIL_VERIFIED=false links by an email the provider has not verified', async () => {
    const employee = await newEmployee(lax);
    const subject = account({ email: employee.email, emailVerified: false });
    const { location, jar } = await signInAs(subject, { a: lax });
    expect(location).toBe('/');
    expect(jar.get('workmate_session')).toBeTruthy();
    expect(await linksOf(subject)).toBe(1);
    // An email is still needed.
    expect((await signInAs(account({}), { a: lax })).location).toBe('/login?oidcError=auth.oidcEmailMissing');
  });

  it('refuses disabled and deleted employees, linked or not', async () => {
    const em = app.orm.em.fork();
    const disabled = await newEmployee();
    await em.nativeUpdate(Employee, { id: disabled.id }, { status: 'inactive' });
    const subject = account({ email: disabled.email, emailVerified: true });
    expect((await signInAs(subject)).location).toBe('/login?oidcError=auth.accountDisabled');
    expect(await linksOf(subject)).toBe(0);

    const linked = await newEmployee();
    const linkedSubject = account({ email: linked.email, emailVerified: true });
    expect((await signInAs(linkedSubject)).location).toBe('/');
    await em.nativeUpdate(Employee, { id: linked.id }, { deletedAt: new Date() });
    const refused = await signInAs(linkedSubject);
    expect(refused.location).toBe('/login?oidcError=auth.accountDisabled');
    expect(refused.jar.get('workmate_session')).toBeUndefined();
    expect(await sessionsOf(linked.id)).toHaveLength(1);
  });

  it('refuses a second identity at the same provider for an already linked employee', async () => {
    const employee = await newEmployee();
    expect((await signInAs(account({ email: employee.email, emailVerified: true }))).location).toBe('/');
    const second = account({ email: employee.email, emailVerified: true });
    expect((await signInAs(second)).location).toBe('/login?oidcError=auth.oidcLinkedElsewhere');
    expect(await linksOf(second)).toBe(0);
  });

  it('an admin sees and unlinks an identity; the next sign-in links anew by the verified email', async () => {
    const { client: admin } = await userWithRole(app, 'Admin');
    const employee = await newEmployee();
    const replaced = account({ email: employee.email, emailVerified: true });
    expect((await signInAs(replaced)).location).toBe('/');
    const links = await admin.auth.oidcLinks.list.query({ id: employee.id });
    expect(links).toMatchObject([{ issuer: provider.issuer, subject: replaced }]);
    const fresh = account({ email: employee.email, emailVerified: true });
    expect((await signInAs(fresh)).location).toBe('/login?oidcError=auth.oidcLinkedElsewhere');

    await admin.auth.oidcLinks.remove.mutate({ id: links[0]?.id ?? '' });
    const removed = await app.orm.em.fork().find(AuditLog, { entity: 'oidcLink', entityId: links[0]?.id ?? '', action: 'delete' });
    expect(removed).toHaveLength(1);
    expect((await signInAs(fresh)).location).toBe('/');
    expect(await admin.auth.oidcLinks.list.query({ id: employee.id })).toMatchObject([{ subject: fresh }]);
  });

  it('refuses a callback used a second time', async () => {
    const employee = await newEmployee();
    const subject = account({ email: employee.email, emailVerified: true });
    const first = await signInAs(subject);
    expect(first.location).toBe('/');
    const replay = await visit(first.callbackUrl, first.jar);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('/login?oidcError=auth.oidcStateInvalid');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('workmate_session='))).toBe(false);
    expect(await sessionsOf(employee.id)).toHaveLength(1);
  });

  it('refuses a callback with a missing or changed state, or from another browser', async () => {
    const employee = await newEmployee();
    const subject = account({ email: employee.email, emailVerified: true });

    const tampered = await begin(app);
    const tamperedCallback = new URL(await signInAtProvider(tampered.location, subject, callbackOf(app)));
    const missing = new URL(tamperedCallback);
    missing.searchParams.delete('state');
    expect((await visit(missing.href, tampered.jar)).status).toBe(400);
    tamperedCallback.searchParams.set('state', `${tamperedCallback.searchParams.get('state') ?? ''}x`);
    expect((await visit(tamperedCallback.href, tampered.jar)).status).toBe(400);

    // The right callback URL, but without the cookie of the browser that began the sign-in.
    const stolen = await begin(app);
    const stolenCallback = await signInAtProvider(stolen.location, subject, callbackOf(app));
    expect((await visit(stolenCallback, new CookieJar())).status).toBe(400);
    expect(await sessionsOf(employee.id)).toHaveLength(0);
  });

  it('sends the browser back to the sign-in page when the provider refuses or the person cancels', async () => {
    const started = await begin(app);
    const state = new URL(started.location).searchParams.get('state') ?? '';
    const res = await visit(`${callbackOf(app)}?error=access_denied&state=${encodeURIComponent(state)}`, started.jar);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?oidcError=auth.oidcFailed');
  });

  it('answers only GET', async () => {
    const res = await fetch(`${app.url}/auth/oidc/start`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(405);
  });
});

describe('OIDC off or its provider down', () => {
  it('without OIDC_ISSUER the routes do not exist and the sign-in page shows no button', async () => {
    expect((await fetch(`${plain.url}/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${plain.url}/auth/oidc/callback?state=x&code=y`, { redirect: 'manual' })).status).toBe(404);
    const instance = await createWorkmateClient({ url: plain.url }).auth.instance.query();
    expect(instance.oidc).toBeNull();
  });

  it('a provider that cannot be reached is a clear error code, and the API serves on', async () => {
    // A port that was free a moment ago: nothing answers there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = await startTestApp({ OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: 'workmate' });
    try {
      const first = await begin(down);
      expect(first.res.status).toBe(303);
      expect(first.location).toBe('/login?oidcError=auth.oidcUnavailable');
      // Not remembered as broken: the next attempt asks again, with the same answer.
      expect((await begin(down)).location).toBe('/login?oidcError=auth.oidcUnavailable');
      const instance = await createWorkmateClient({ url: down.url }).auth.instance.query();
      expect(instance.oidc).toEqual({ label: 'SSO' });
    } finally {
      await down.close();
    }
  });

  it('a provider that goes down between the start and the callback is the same clear error code', async () => {
    const flaky = await startTestProvider();
    const a = await startTestApp(oidcEnv(flaky));
    try {
      flaky.start([callbackOf(a)]);
      const employee = await newEmployee(a);
      const subject = account({ email: employee.email, emailVerified: true }, flaky);
      const started = await begin(a);
      const callbackUrl = await signInAtProvider(started.location, subject, callbackOf(a));
      await flaky.close();
      const res = await visit(callbackUrl, started.jar);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?oidcError=auth.oidcUnavailable');
      expect(await a.orm.em.fork().count(Session, { employee: employee.id })).toBe(0);
      expect((await createWorkmateClient({ url: a.url }).auth.instance.query()).oidc).toEqual({ label: 'SSO' });
    } finally {
      await a.close();
    }
  });
});
