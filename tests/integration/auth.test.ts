import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkmateClient } from '@workmate/api/client';
import { Session } from '@workmate/db/entities/session';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { startApiProcess } from '../helpers/api-process.ts';
import { codeOf, errorOf, PASSWORD, userWithRole } from '../helpers/users.ts';

let app: TestApp;
beforeAll(async () => {
  // Small limits so the rate-limit tests stay short; the window is long enough not to expire.
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_IP: '1000', SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '24' });
});
afterAll(async () => app?.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'test', ...headers }, body: JSON.stringify(body) });
}

async function signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const res = await post('auth.login', { email, password }, headers);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

function postFrom(localAddress: string, url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'x-workmate-client': 'test' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const asCookie = (cookie: string) => createWorkmateClient({ url: app.url, headers: { cookie } });

describe('sign-in and sessions', () => {
  it('sets an HttpOnly, SameSite=Lax cookie with a 256-bit random token, new at every sign-in', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const first = await signIn(employee.email);
    const second = await signIn(employee.email);
    expect(first.res.status).toBe(200);
    expect(first.setCookie).toMatch(/HttpOnly/);
    expect(first.setCookie).toMatch(/SameSite=Lax/);
    const token = first.cookie.split('=')[1] ?? '';
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await asCookie(first.cookie).auth.me.query())?.email).toBe(employee.email);
  });

  it('stores only a hash of the session token', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    const token = decodeURIComponent(cookie.split('=')[1] ?? '');
    const rows = await app.orm.em.fork().getConnection().execute(`select token_hash from sessions where employee_id = ?`, [employee.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses a wrong password and an unknown email with the same UNAUTHORIZED answer', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const wrong = await signIn(employee.email, 'wrong password!');
    const unknown = await signIn('nobody@example.test', 'wrong password!');
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(wrong.setCookie).toBe('');
    const message = async (r: Response) => ((await r.json()) as { error: { message: string } }).error.message;
    const [a, b] = [await message(wrong.res), await message(unknown.res)];
    expect(a).toBe(b);
    expect(a).toMatch(/wrong/);
  });

  it('limits sign-in attempts per account (429 even with the right password)', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    for (let i = 0; i < 3; i++) expect((await signIn(employee.email, 'wrong password!')).res.status).toBe(401);
    const blocked = await signIn(employee.email);
    expect(blocked.res.status).toBe(429);
    expect(blocked.res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('limits sign-in attempts per IP address', async () => {
    const strict = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '4', LOGIN_MAX_ATTEMPTS_ACCOUNT: '100' });
    // Connect from an address of our own in 127.0.0.0/8, so sign-ins by other test files
    // (all from 127.0.0.1) do not count against this one.
    const source = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push(await postFrom(source, `${strict.url}/trpc/auth.login`, { email: `x${i}@example.test`, password: 'whatever1234' }));
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      // Another address is not affected.
      const other = source.replace(/\.(\d+)$/, (_m, last: string) => `.${(Number(last) % 250) + 1}`);
      expect(await postFrom(other, `${strict.url}/trpc/auth.login`, { email: 'y@example.test', password: 'whatever1234' })).toBe(401);
      await strict.redis.del(`workmate:ratelimit:login:ip:${other}`);
    } finally {
      await strict.redis.del(`workmate:ratelimit:login:ip:${source}`);
      await strict.close();
    }
  });

  it('ends the session at sign-out', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    await asCookie(cookie).auth.logout.mutate();
    expect(await asCookie(cookie).auth.me.query()).toBeNull();
    expect(await codeOf(asCookie(cookie).crm.customers.list.query({}))).toBe('UNAUTHORIZED');
  });

  it('ends idle sessions and sessions past their absolute lifetime', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const idle = await signIn(employee.email);
    const old = await signIn(employee.email);
    const em = app.orm.em.fork();
    const sessions = await em.find(Session, { employee: employee.id }, { orderBy: { createdAt: 'asc' } });
    expect(sessions).toHaveLength(2);
    await em.nativeUpdate(Session, { id: sessions[0]?.id }, { lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    await em.nativeUpdate(Session, { id: sessions[1]?.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await asCookie(idle.cookie).auth.me.query()).toBeNull();
    expect(await asCookie(old.cookie).auth.me.query()).toBeNull();
  });

  it('ends every session of an employee who is disabled', async () => {
    const admin = await userWithRole(app, 'Admin');
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    expect(await asCookie(cookie).auth.me.query()).not.toBeNull();
    await admin.client.core.employees.update.mutate({ id: employee.id, status: 'inactive' });
    expect(await asCookie(cookie).auth.me.query()).toBeNull();
    expect((await signIn(employee.email)).res.status).toBe(401);
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const other = await signIn(employee.email);
    const mine = await signIn(employee.email);
    expect(await codeOf(asCookie(mine.cookie).auth.changePassword.mutate({ currentPassword: 'not it at all', newPassword: 'a brand new secret' }))).toBe('BAD_REQUEST');
    await asCookie(mine.cookie).auth.changePassword.mutate({ currentPassword: PASSWORD, newPassword: 'a brand new secret' });
    expect(await asCookie(mine.cookie).auth.me.query()).not.toBeNull();
    expect(await asCookie(other.cookie).auth.me.query()).toBeNull();
    expect((await signIn(employee.email, 'a brand new secret')).res.status).toBe(200);
  });
});

describe("API tokens end with their owner's password, account and deletion", () => {
  /** A fresh employee with a working token (its use is remembered by the principal cache). */
  async function withToken() {
    const user = await userWithRole(app, 'Employee');
    const script = createWorkmateClient({ url: app.url, token: user.token });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('OK');
    return { ...user, script };
  }
  const revokedOf = async (employeeId: string) => (await app.orm.em.fork().getConnection().execute<Array<{ revoked_at: Date | null }>>('select revoked_at from api_tokens where employee_id = ?', [employeeId])).map((t) => t.revoked_at !== null);

  it('their own password change revokes every token at once', async () => {
    const { employee, script } = await withToken();
    const { cookie } = await signIn(employee.email);
    await asCookie(cookie).auth.changePassword.mutate({ currentPassword: PASSWORD, newPassword: 'another long secret' });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    expect(await revokedOf(employee.id)).toEqual([true]);
  });

  it('a password set by an admin revokes every token', async () => {
    const admin = await userWithRole(app, 'Admin');
    const { employee, script } = await withToken();
    await admin.client.core.employees.update.mutate({ id: employee.id, password: 'set by the admin now' });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
  });

  it('disabling revokes them, and re-enabling brings none back', async () => {
    const admin = await userWithRole(app, 'Admin');
    const { employee, script } = await withToken();
    const disabled = await admin.client.core.employees.update.mutate({ id: employee.id, status: 'inactive' });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    await admin.client.core.employees.update.mutate({ id: employee.id, version: disabled.version, status: 'active' });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    expect(await revokedOf(employee.id)).toEqual([true]);
    // Signing in works again; only new tokens act for them.
    expect((await signIn(employee.email)).res.status).toBe(200);
  });

  it('deleting revokes them, and restoring brings none back', async () => {
    const admin = await userWithRole(app, 'Admin');
    const { employee, script } = await withToken();
    await admin.client.core.employees.delete.mutate({ id: employee.id });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    await admin.client.core.employees.restore.mutate({ id: employee.id });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    expect(await revokedOf(employee.id)).toEqual([true]);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie mutation without the custom header', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    const res = await fetch(`${app.url}/trpc/crm.customers.create`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'CSRF GmbH' }) });
    expect(res.status).toBe(403);
    const count = await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from customers where name = 'CSRF GmbH'`);
    expect(count[0]?.n).toBe(0);
  });

  it('refuses a mutation from a foreign Origin even with the header', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    const res = await fetch(`${app.url}/trpc/crm.customers.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-workmate-client': 'web', origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'Evil GmbH' }),
    });
    expect(res.status).toBe(403);
  });

  it('refuses a multipart form post (what a cross-site form can send)', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    const form = new FormData();
    form.set('name', 'Form GmbH');
    const res = await fetch(`${app.url}/trpc/crm.customers.create`, { method: 'POST', headers: { cookie }, body: form });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses sign-in without the header (login CSRF)', async () => {
    const res = await fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@b.de', password: 'x' }) });
    expect(res.status).toBe(403);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and acts with the creator\'s permissions', async () => {
    const { client } = await userWithRole(app, 'Auditor');
    const created = await client.auth.apiTokens.create.mutate({ name: 'report script', password: PASSWORD });
    expect(created.token).toMatch(/^wm_[A-Za-z0-9_-]{40,}$/);
    const listed = await client.auth.apiTokens.list.query();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const stored = await app.orm.em.fork().getConnection().execute(`select token_hash from api_tokens where id = ?`, [created.apiToken.id]);
    expect(stored[0]?.token_hash).not.toBe(created.token);
    const script = createWorkmateClient({ url: app.url, token: created.token });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('OK');
    expect(await codeOf(script.crm.customers.create.mutate({ name: 'Nope' }))).toBe('FORBIDDEN');
  });

  it('stops working once revoked', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const created = await client.auth.apiTokens.create.mutate({ name: 'temp', expiresInDays: 30 });
    const script = createWorkmateClient({ url: app.url, token: created.token });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('OK');
    await client.auth.apiTokens.revoke.mutate({ id: created.apiToken.id });
    expect(await codeOf(script.crm.customers.list.query({}))).toBe('UNAUTHORIZED');
  });

  it('stops working at once in every API process, though each remembers a token for a moment', async () => {
    const other = await startApiProcess();
    try {
      const { client } = await userWithRole(app, 'Employee');
      const created = await client.auth.apiTokens.create.mutate({ name: 'two processes', expiresInDays: 1 });
      const onOther = createWorkmateClient({ url: other.url, token: created.token });
      // The other process has now looked the token up and remembers it (AUTH_CACHE_MS, 2 s).
      expect(await codeOf(onOther.crm.customers.list.query({}))).toBe('OK');
      await client.auth.apiTokens.revoke.mutate({ id: created.apiToken.id });
      // The revocation reaches the other process through Redis before anyone can use the token there.
      await expect.poll(() => codeOf(onOther.crm.customers.list.query({})), { timeout: 1000, interval: 20 }).toBe('UNAUTHORIZED');
    } finally {
      await other.stop();
    }
  });

  it('cannot revoke another user\'s token', async () => {
    const a = await userWithRole(app, 'Employee');
    const b = await userWithRole(app, 'Employee');
    const token = await a.client.auth.apiTokens.create.mutate({ name: 'mine', password: PASSWORD });
    expect(await codeOf(b.client.auth.apiTokens.revoke.mutate({ id: token.apiToken.id }))).toBe('NOT_FOUND');
  });

  it('a token without expiry needs the current password again (BAD_REQUEST naming password); with an expiry it does not', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const before = (await client.auth.apiTokens.list.query()).length;
    for (const input of [{ name: 'forever' }, { name: 'forever', expiresInDays: null }, { name: 'forever', password: 'not my password' }]) {
      const refused = await errorOf(client.auth.apiTokens.create.mutate(input));
      expect([refused.code, Object.keys(refused.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', ['password']]);
    }
    expect((await client.auth.apiTokens.list.query()).length).toBe(before);
    expect((await client.auth.apiTokens.create.mutate({ name: 'forever', password: PASSWORD })).apiToken.expiresAt).toBeNull();
    expect((await client.auth.apiTokens.create.mutate({ name: 'a week', expiresInDays: 7 })).apiToken.expiresAt).not.toBeNull();
    expect((await client.auth.apiTokens.list.query()).length).toBe(before + 2);
  });

  it('refuses an unknown or malformed bearer token', async () => {
    expect(await codeOf(createWorkmateClient({ url: app.url, token: 'wm_notarealtoken' }).crm.customers.list.query({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(createWorkmateClient({ url: app.url, token: 'garbage' }).crm.customers.list.query({}))).toBe('UNAUTHORIZED');
  });
});

describe('answers', () => {
  it('sends an ordinary answer in one piece, with its length, and still streams subscriptions', async () => {
    const { token } = await userWithRole(app, 'Employee');
    const res = await fetch(`${app.url}/trpc/crm.customers.list?input=${encodeURIComponent('{}')}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body)).toHaveProperty('result.data.items');
    const stream = await fetch(`${app.url}/trpc/notifications.onNew`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('content-length')).toBeNull();
    const reader = stream.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toMatch(/^(event|data|:|id)/m);
    await reader?.cancel();
  });
});
