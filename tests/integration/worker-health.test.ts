import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { AppDeps } from '@workmate/api/context';
import { createAppServer } from '@workmate/api/server';
import { checkMonitoring } from '@workmate/api/monitor';
import { cleanupSessions } from '@workmate/db/auth/cleanup';
import { Session } from '@workmate/db/entities/session';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { testEnv } from '../helpers/env.ts';
import { userWithRole } from '../helpers/users.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// This test's own heartbeat key: workers started by other test files beat on the default one.
const WORKER_HEARTBEAT_KEY = `workmate:worker:heartbeat:test-${process.pid}`;
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ WORKER_HEARTBEAT_KEY });
});
afterAll(async () => app?.close());

async function health() {
  const res = await fetch(`${app.url}/health`);
  return { status: res.status, body: (await res.json()) as { status: string; database: { ok: boolean }; redis: { ok: boolean }; worker: { ok: boolean; lastHeartbeat: string | null } } };
}

async function until(check: () => Promise<boolean>, what: string, attempts = 200) {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('worker and /health', () => {
  it('reports the worker through its heartbeat, and the worker stops cleanly on SIGTERM', async () => {
    await app.redis.del(WORKER_HEARTBEAT_KEY);
    const before = await health();
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({ status: 'degraded', database: { ok: true }, redis: { ok: true }, worker: { ok: false } });

    const { databaseUrl, redisUrl, filesDir } = testEnv();
    const worker: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, FILES_DIR: filesDir, HEARTBEAT_SECONDS: '1', WORKER_HEARTBEAT_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    worker.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
    try {
      await until(async () => (await health()).status === 200, 'a healthy report');
      const after = await health();
      expect(after.body).toMatchObject({ status: 'ok', worker: { ok: true } });
      // The worker registered its recurring maintenance job.
      const schedulers = await app.redis.keys('bull:maintenance:repeat*');
      expect(schedulers.length).toBeGreaterThan(0);
      // The monitoring check sees the live worker: no alert about it.
      expect((await checkMonitoring(app)).filter((a) => a.kind === 'monitoring_worker_stale')).toEqual([]);
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM/);
    expect(await app.redis.get(WORKER_HEARTBEAT_KEY)).toBeNull();
    expect((await health()).body.worker.ok).toBe(false);
    // The heartbeat key is gone with the worker, but the check remembers the last beat it saw:
    // two minutes later (a moved clock) the admins are told the worker stopped reporting.
    const later = new Date(Date.now() + 125_000);
    expect((await checkMonitoring(app, later)).filter((a) => a.kind === 'monitoring_worker_stale')).toEqual([expect.objectContaining({ title: 'Der Hintergrunddienst (Worker) meldet sich nicht mehr' })]);
  });

  it('shows only status words to everyone but admins, even when a dependency is broken', async () => {
    // A server of this app whose Redis is unreachable, and one whose database fails with a telling message.
    const brokenRedis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    brokenRedis.on('error', () => undefined);
    const failingDatabase = { em: { getConnection: () => ({ execute: () => Promise.reject(new Error('password authentication failed for user "workmate_secret" at 10.1.2.3:5432')) }) } };
    const servers = [createAppServer({ orm: app.orm, redis: brokenRedis, env: app.env } as unknown as AppDeps), createAppServer({ orm: failingDatabase, redis: app.redis, env: app.env } as unknown as AppDeps)];
    const urls: string[] = [];
    for (const server of servers) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
    const admin = await userWithRole(app, 'Admin');
    const employee = await userWithRole(app, 'Employee');
    try {
      for (const [i, url] of urls.entries()) {
        for (const headers of [{}, { authorization: `Bearer ${employee.token}` }, { authorization: 'Bearer wm_not-a-token' }, { cookie: 'workmate_session=%E0%A4%A' }] as Array<Record<string, string>>) {
          const res = await fetch(`${url}/health`, { headers });
          expect(res.status).toBe(503);
          const text = await res.text();
          // Nothing but the status words: no error text, host, user or heartbeat time.
          expect(text).not.toMatch(/error|ECONNREFUSED|writeable|password|workmate_secret|10\.1\.2\.3|heartbeat|127\.0\.0\.1/i);
          const body = JSON.parse(text) as Record<string, { status: string }>;
          expect(Object.keys(body).sort()).toEqual(['database', 'redis', 'status', 'time', 'worker']);
          expect(body[i === 0 ? 'redis' : 'database']).toEqual({ ok: false, status: 'down' });
          expect(body.worker).toEqual({ ok: false, status: 'down' });
        }
      }
      // An admin (core.admin) sees why; with the database down nobody can be identified, so only the Redis case.
      const details = (await (await fetch(`${urls[0]}/health`, { headers: { authorization: `Bearer ${admin.token}` } })).json()) as { redis: { ok: boolean; error?: string } };
      expect(details.redis.ok).toBe(false);
      expect(details.redis.error).toMatch(/\w/);
    } finally {
      brokenRedis.disconnect();
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it('session clean-up removes expired and idle sessions only', async () => {
    const { employee } = await userWithRole(app, 'Employee');
    const em = app.orm.em.fork();
    const now = Date.now();
    const make = (lastSeenAt: number, expiresAt: number) =>
      em.create(Session, { tokenHash: crypto.randomUUID().replace(/-/g, '').padEnd(64, '0'), employee: employee.id, lastSeenAt: new Date(lastSeenAt), expiresAt: new Date(expiresAt) });
    make(now, now + 3_600_000);
    make(now, now - 1);
    make(now - 2 * 3_600_000, now + 3_600_000);
    await em.flush();
    await cleanupSessions(app.orm.em.fork(), 60);
    expect(await app.orm.em.fork().count(Session, { employee: employee.id })).toBe(1);
  });
});
