import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createWorkmateClient } from '@workmate/api/client';
import { migrate, openOrm } from '@workmate/db/orm';
import { seedSystemRoles } from '@workmate/db/seeds/roles';
import { ensureDatabase, ensurePostgres, ensureRedis, freePort } from '../../scripts/lib/services.ts';

export { freePort };
import { startApiProcess } from '../helpers/api-process.ts';
import { testEnv } from '../helpers/env.ts';
import { prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/**
 * Servers of a fault test's own: restarting the shared test Postgres or Redis would break the
 * files running beside it. Data lives under .data/faults/, on free ports, and goes at the end.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const tag = (name: string) => `${name}-${process.pid}`;

/** Setting up servers, migrations and processes can take minutes when the two cores are busy. */
export const SETUP_TIMEOUT_MS = 300_000;
/** The same for a whole scenario: these are upper bounds for a busy machine, not expectations. */
export const TEST_TIMEOUT_MS = 420_000;


export interface OwnPostgres {
  databaseUrl: string;
  /** Fast shutdown: open connections are cut, as when the server goes down. */
  stop: () => void;
  /** Starts it again on the same port and data folder. */
  start: () => Promise<void>;
  remove: () => void;
}

export async function ownPostgres(name: string): Promise<OwnPostgres> {
  const dir = `${ROOT}/.data/faults/${tag(name)}`;
  const port = await freePort();
  let server = await ensurePostgres(dir, port, { fsync: false });
  await ensureDatabase(server.url('postgres'), 'workmate');
  await migrated(server.url('workmate'));
  return {
    databaseUrl: server.url('workmate'),
    stop: () => server.stop(),
    start: async () => {
      server = await ensurePostgres(dir, port, { fsync: false });
    },
    remove: () => {
      server.stop();
      for (const path of [dir, `${dir}.password`]) rmSync(path, { recursive: true, force: true });
    },
  };
}

export interface OwnRedis {
  redisUrl: string;
  /** `shutdown nosave`: every key is gone, as with a Redis restarted without persistence. */
  stop: () => void;
  start: () => Promise<void>;
  remove: () => void;
}

export async function ownRedis(name: string): Promise<OwnRedis> {
  const dir = `${ROOT}/.data/faults/${tag(name)}`;
  const port = await freePort();
  let server = await ensureRedis(dir, port, { durable: false });
  return {
    redisUrl: server.url,
    stop: () => server.stop(),
    start: async () => {
      server = await ensureRedis(dir, port, { durable: false });
    },
    remove: () => {
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database of its own on the shared test server, where nothing else finalizes or relays. */
export async function ownDatabase(name: string): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  const admin = testEnv().databaseUrl.replace(/\/[^/]+$/, '/postgres');
  const db = `${name}_${process.pid}`;
  await ensureDatabase(admin, db, { fresh: true });
  const databaseUrl = testEnv().databaseUrl.replace(/\/[^/]+$/, `/${db}`);
  await migrated(databaseUrl);
  return {
    databaseUrl,
    drop: async () => {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`drop database if exists "${db}" with (force)`).finally(() => client.end());
    },
  };
}

async function migrated(databaseUrl: string) {
  const orm = await openOrm(databaseUrl, { poolMax: 2 });
  try {
    await migrate(orm);
    await seedSystemRoles(orm.em.fork());
  } finally {
    await orm.close();
  }
}

/** API processes (apps/api/src/main.ts) on the given servers, and an admin and accountant to call them. */
export async function apiOn(servers: { databaseUrl: string; redisUrl: string }, processes = 1) {
  const env = { DATABASE_URL: servers.databaseUrl, REDIS_URL: servers.redisUrl };
  // Generous start-up wait: the two cores may be busy with the files running beside these.
  const apis = await Promise.all(Array.from({ length: processes }, () => startApiProcess(env, { startTimeoutMs: 120_000 })));
  const orm: MikroORM = await openOrm(servers.databaseUrl, { poolMax: 3 });
  const first = { orm, url: (apis[0] as { url: string }).url };
  const admin = await userWithRole(first, 'Admin');
  const accountant = await userWithRole(first, 'Accountant');
  /**
   * On two busy cores a kept-alive connection can be closed by the server (after its 5 s idle
   * timeout) just as the client sends on it: "fetch failed" although the request never arrived.
   * Such a call is sent once more, but only while every API process is alive, so a crashed API
   * still fails the test.
   */
  const fetchOnce: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      if ((error as Error).message !== 'fetch failed' || apis.some((a) => a.child.exitCode !== null || a.child.signalCode !== null)) throw error;
      return fetch(input, init);
    }
  };
  const clientOf = (url: string, token: string): Client => createWorkmateClient({ url, token, fetch: fetchOnce });
  const adminClient = clientOf(first.url, admin.token);
  const accountantClient = clientOf(first.url, accountant.token);
  await prepareInvoicing(adminClient);
  /** The accountant's client on API process `i`. */
  const accountantOn = (i: number): Client => clientOf((apis[i] as { url: string }).url, accountant.token);
  const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T>(query, params);
  return {
    apis,
    /** The first API process. */
    url: first.url,
    orm,
    admin: adminClient,
    accountant: accountantClient,
    accountantToken: accountant.token,
    accountantOn,
    sql,
    /** What the API processes printed, to explain a failure. */
    output: () => apis.map((a, i) => `--- API process ${i} ---\n${a.output()}`).join('\n'),
    close: async () => {
      await Promise.all(apis.map((a) => a.stop()));
      await orm.close();
    },
  };
}
