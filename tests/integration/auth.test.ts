import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkmateClient } from '@workmate/api/client';
import { Session } from '@workmate/db/entities/session';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { startApiProcess } from '../helpers/api-process.ts';
import { codeOf, errorOf, PASSWORD, userWithRole } from '../helpers/users.ts';

let app: TestApp;
beforeAll(async () => {
  // Sign-in limits at their defaults, but for the per-IP one: every test file signs in from 127.0.0.1.
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '1000', SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '24' });
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

interface Answer {
  status: number;
  retryAfter: string | undefined;
  message: string;
}

/** A sign-in sent from a local address of our own (127.0.0.0/8), optionally through a "proxy" header. */
function loginFrom(url: string, localAddress: string, body: { email: string; password: string }, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/trpc/auth.login`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'x-workmate-client': 'test', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let message = '';
        try {
          message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '';
        } catch {
          message = text;
        }
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, message });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A random address in 127.0.0.0/8, so counters of other tests (all from 127.0.0.1) never meet ours. */
const randomLocalAddress = () => `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;

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

  it('ends the session at sign-out', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    await asCookie(cookie).auth.logout.mutate();
    expect(await asCookie(cookie).auth.me.query()).toBeNull();
    expect(await codeOf(asCookie(cookie).crm.customers.list.query({}))).toBe('UNAUTHORIZED');
  });

  it('answers a malformed session cookie as signed out, on every kind of request, and finds a good one beside it', async () => {
    for (const cookie of ['workmate_session=%E0%A4%A', 'workmate_session=%', 'workmate_session=%FF%FE', 'other=%; workmate_session=%E0%A4%A']) {
      const me = await fetch(`${app.url}/trpc/auth.me`, { headers: { cookie } });
      expect(me.status, cookie).toBe(200);
      expect(await me.json(), cookie).toEqual({ result: { data: null } });
      expect(await codeOf(asCookie(cookie).crm.customers.list.query({})), cookie).toBe('UNAUTHORIZED');
      const download = await fetch(`${app.url}/api/documents/00000000-0000-4000-8000-000000000000/download`, { headers: { cookie } });
      expect(download.status, cookie).toBe(401);
      const pdf = await fetch(`${app.url}/api/invoices/00000000-0000-4000-8000-000000000000/pdf`, { headers: { cookie } });
      expect(pdf.status, cookie).toBe(401);
    }
    // A broken copy (say from another path) does not hide the real session.
    const { employee } = await userWithRole(app, 'Employee');
    const { cookie } = await signIn(employee.email);
    expect((await asCookie(`workmate_session=%E0%A4%A; ${cookie}`).auth.me.query())?.email).toBe(employee.email);
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

describe('password policy', () => {
  it('refuses a new password from the 10,000 most common ones, in any case, and keeps the old one', async () => {
    const { employee, client } = await userWithRole(app, 'Employee');
    for (const common of ['1234567890', 'QWERTYUIOP', 'Password123']) {
      const refused = await errorOf(client.auth.changePassword.mutate({ currentPassword: PASSWORD, newPassword: common }));
      expect(refused).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, message: 'newPassword: is too common', fieldErrors: { newPassword: ['is too common'] } });
    }
    expect((await signIn(employee.email)).res.status).toBe(200);
    expect((await signIn(employee.email, 'Password123')).res.status).toBe(401);
  });
});

const KEYS = 'workmate:ratelimit:login';

describe('sign-in limits', () => {
  it('never counts a successful sign-in: 25 good sign-ins from one address in a row all succeed', async () => {
    // The default per-IP limit (20 failures per 15 minutes): successes must not use it up.
    const defaults = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '20' });
    const source = randomLocalAddress();
    try {
      const { employee } = await userWithRole(defaults, 'Employee');
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await loginFrom(defaults.url, source, { email: employee.email, password: PASSWORD })).status);
      expect(statuses).toEqual(Array(25).fill(200));
    } finally {
      await defaults.close();
    }
  });

  it('locks an account only for the address the wrong passwords came from, with a clear 429 and Retry-After', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const [a, b] = [randomLocalAddress(), randomLocalAddress()];
    for (let i = 0; i < 5; i++) expect((await loginFrom(app.url, a, { email: employee.email, password: 'wrong password!' })).status).toBe(401);
    // Address A is locked out of this account, even with the right password…
    const locked = await loginFrom(app.url, a, { email: employee.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(60);
    expect(locked.message).toMatch(/^Too many failed sign-ins to this account from your address\. Try again in \d+ seconds\.$/);
    // …while the owner signs in from address B as usual, and A may still sign in to other accounts.
    expect((await loginFrom(app.url, b, { email: employee.email, password: PASSWORD })).status).toBe(200);
    const { employee: colleague } = await userWithRole(app, 'Employee');
    expect((await loginFrom(app.url, a, { email: colleague.email, password: PASSWORD })).status).toBe(200);
    expect((await loginFrom(app.url, a, { email: employee.email, password: PASSWORD })).status).toBe(429);
  });

  it('doubles the lock with every further failure up to the cap, and a good sign-in starts afresh', async () => {
    const capped = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '1000', LOGIN_LOCK_SECONDS: '60', LOGIN_LOCK_MAX_SECONDS: '300' });
    try {
      const { employee } = await userWithRole(capped, 'Employee');
      const source = randomLocalAddress();
      const lockKey = `${KEYS}:lock:${source}:${employee.email}`;
      const wrong = () => loginFrom(capped.url, source, { email: employee.email, password: 'wrong password!' });
      const waitNow = async () => {
        const answer = await loginFrom(capped.url, source, { email: employee.email, password: PASSWORD });
        expect(answer.status).toBe(429);
        return Number(answer.retryAfter);
      };
      for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
      const waits = [await waitNow()];
      // Each time the lock has run out (we end it early) one more failure locks again, twice as long.
      for (let i = 0; i < 3; i++) {
        await capped.redis.del(lockKey);
        expect((await wrong()).status).toBe(401);
        waits.push(await waitNow());
      }
      const near = (value: number, target: number) => value > target - 30 && value <= target;
      expect(waits.map((w, i) => near(w, [60, 120, 240, 300][i] as number))).toEqual([true, true, true, true]);
      // Once the lock is over, the right password works and clears the count: the next lock needs five failures again.
      await capped.redis.del(lockKey);
      expect((await loginFrom(capped.url, source, { email: employee.email, password: PASSWORD })).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await wrong()).status).toBe(401);
      expect((await loginFrom(capped.url, source, { email: employee.email, password: PASSWORD })).status).toBe(200);
    } finally {
      await capped.close();
    }
  });

  it('has a high per-account safety net against guessing spread over many addresses', async () => {
    const net = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '1000', LOGIN_MAX_FAILURES_ACCOUNT_HOUR: '6' });
    try {
      const { employee } = await userWithRole(net, 'Employee');
      // Two failures from each of three addresses: no address reaches its own lock…
      for (let n = 0; n < 3; n++) {
        const source = randomLocalAddress();
        for (let i = 0; i < 2; i++) expect((await loginFrom(net.url, source, { email: employee.email, password: 'wrong password!' })).status).toBe(401);
      }
      // …but together they reach the account's limit for the hour.
      const blocked = await loginFrom(net.url, randomLocalAddress(), { email: employee.email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.retryAfter)).toBeGreaterThan(3000);
      expect(blocked.message).toMatch(/^Too many failed sign-ins to this account\. Try again in \d+ minutes\.$/);
    } finally {
      await net.close();
    }
  });

  it('limits failed sign-ins per IP address, whatever the accounts', async () => {
    const strict = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '4' });
    const source = randomLocalAddress();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await loginFrom(strict.url, source, { email: `x${i}@example.test`, password: 'whatever1234' })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const { employee } = await userWithRole(strict, 'Employee');
      const blocked = await loginFrom(strict.url, source, { email: employee.email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.message).toMatch(/^Too many failed sign-ins from your address\. Try again in \d+ minutes\.$/);
      // Another address is not affected.
      const other = source.replace(/\.(\d+)$/, (_m, last: string) => `.${(Number(last) % 250) + 1}`);
      expect((await loginFrom(strict.url, other, { email: 'y@example.test', password: 'whatever1234' })).status).toBe(401);
      await strict.redis.del(`${KEYS}:ip:${other}`);
    } finally {
      await strict.redis.del(`${KEYS}:ip:${source}`);
      await strict.close();
    }
  });

  it('ignores X-Forwarded-For unless the direct peer is a trusted proxy', async () => {
    const direct = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '3' });
    const source = randomLocalAddress();
    try {
      const statuses: number[] = [];
      // A client that invents a new address for every attempt still counts as itself.
      for (let i = 0; i < 4; i++) {
        statuses.push((await loginFrom(direct.url, source, { email: `xff${i}@example.test`, password: 'whatever1234' }, { 'x-forwarded-for': `203.0.113.${10 + i}` })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await direct.close();
    }
  });

  it('takes the client address from X-Forwarded-For behind a trusted proxy (rightmost untrusted address)', async () => {
    const proxy = randomLocalAddress();
    const proxied = await startTestApp({ LOGIN_MAX_ATTEMPTS_IP: '3', TRUSTED_PROXIES: `${proxy}, 10.0.0.0/8` });
    const client = `198.51.100.${2 + Math.floor(Math.random() * 200)}`;
    const neighbour = `198.51.100.${client.endsWith('.250') ? 251 : 250}`;
    try {
      const attempt = (forwardedFor: string, i: number) => loginFrom(proxied.url, proxy, { email: `xff${i}@example.test`, password: 'whatever1234' }, { 'x-forwarded-for': forwardedFor });
      const statuses: number[] = [];
      // The client writes its own (made-up) entries on the left; our proxies append on the right.
      for (let i = 0; i < 4; i++) statuses.push((await attempt(`192.0.2.${i}, ${client}, 10.1.2.3`, i)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Another client behind the same proxy is not affected.
      expect((await attempt(neighbour, 9)).status).toBe(401);
      // The session records the client's address, not the proxy's.
      const { employee } = await userWithRole(proxied, 'Employee');
      expect((await loginFrom(proxied.url, proxy, { email: employee.email, password: PASSWORD }, { 'x-forwarded-for': neighbour })).status).toBe(200);
      // From an address that is not a trusted proxy the header is ignored.
      const stranger = randomLocalAddress();
      expect((await loginFrom(proxied.url, stranger, { email: employee.email, password: PASSWORD }, { 'x-forwarded-for': '198.51.100.253' })).status).toBe(200);
      const rows = await proxied.orm.em.fork().getConnection().execute<Array<{ ip: string }>>(`select ip from sessions where employee_id = ? order by created_at`, [employee.id]);
      expect(rows.map((r) => r.ip)).toEqual([neighbour, stranger]);
    } finally {
      await proxied.redis.del(`${KEYS}:ip:${client}`, `${KEYS}:ip:${neighbour}`);
      await proxied.close();
    }
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
