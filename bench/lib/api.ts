import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';
import { readEnv } from '@workmate/api/env';
import { ChatHub } from '@workmate/api/chat-hub';
import { NotificationEvents } from '@workmate/api/notification-events';
import { JobQueues } from '@workmate/api/queues';
import { createAppServer } from '@workmate/api/server';
import { fileStorageFrom } from '@workmate/db/documents/storage';
import { migrate, openOrm } from '@workmate/db/orm';
import { seedSystemRoles } from '@workmate/db/seeds/roles';
import { ensureDatabase } from '../../scripts/lib/services.ts';
import { provideServices } from '../../scripts/lib/local-env.ts';
import { ROOT } from '../../scripts/lib/local-env.ts';

/**
 * A benchmarks' database (workmate_bench unless named) on the local dev server, migrated and with the
 * built-in roles; `count` counts rows of a table.
 */
export async function openBenchDatabase(name = 'workmate_bench') {
  const services = await provideServices('dev');
  const benchUrl = services.databaseUrl.replace(/\/[^/]+$/, `/${name}`);
  await ensureDatabase(services.databaseUrl.replace(/\/[^/]+$/, '/postgres'), name);
  const orm = await openOrm(benchUrl);
  await migrate(orm);
  await seedSystemRoles(orm.em.fork());
  const conn = orm.em.getConnection();
  const count = async (table: string, where = 'true') => Number((await conn.execute<Array<{ n: string }>>(`select count(*) as n from ${table} where ${where}`))[0]?.n);
  return { services, benchUrl, orm, conn, count };
}

/** A real API server on a free port for a benchmark database; files go to .data/bench-files. */
export const BENCH_QUEUE_PREFIX = 'workmate-bench';
export const BENCH_FILES_DIR = join(ROOT, '.data', 'bench-files');

export async function startBenchApi(orm: MikroORM, databaseUrl: string, redisUrl: string) {
  const redis = new Redis(redisUrl);
  const queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  // Own queue names on the shared dev Redis, so a running `npm start` worker leaves the bench's jobs alone.
  const queues = new JobQueues(queueConnection, BENCH_QUEUE_PREFIX);
  const env = readEnv({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: '0', FILES_DIR: BENCH_FILES_DIR, QUEUE_PREFIX: BENCH_QUEUE_PREFIX });
  const events = new NotificationEvents(redisUrl);
  const chat = new ChatHub(orm, redisUrl);
  const server = createAppServer({ orm, redis, env, storage: fileStorageFrom(env.FILES_DIR), queues, events, chat });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await queues.close();
      queueConnection.disconnect();
      await events.close();
      await chat.close();
      redis.disconnect();
    },
  };
}

/** p50 and p95 of `requests` sequential calls after a warm-up of five. */
export async function measure(label: string, requests: number, call: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]?.toFixed(1);
  console.log(`  ${label.padEnd(62)} p50 ${pct(50)} ms   p95 ${pct(95)} ms`);
}
