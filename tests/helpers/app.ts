import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';
import { readEnv, type ApiEnv } from '@workmate/api/env';
import { ChatHub } from '@workmate/api/chat-hub';
import { NotificationEvents } from '@workmate/api/notification-events';
import { JobQueues } from '@workmate/api/queues';
import { ApiUsageRecorder } from '@workmate/api/api-usage';
import { createAppServer } from '@workmate/api/server';
import { fileStorageFrom, type FileStorage } from '@workmate/db/documents/storage';
import { openOrm } from '@workmate/db/orm';
import { testEnv } from './env.ts';

export interface TestApp {
  url: string;
  orm: MikroORM;
  redis: Redis;
  env: ApiEnv;
  server: Server;
  storage: FileStorage;
  queues: JobQueues;
  /** The usage log's counters of this server (flush() writes them at once). */
  usage: ApiUsageRecorder;
  close: () => Promise<void>;
}

/**
 * A real API server on a free port against the test database and Redis (or, with
 * `databaseUrl`, a database of the caller's own, such as one from freshDatabase).
 */
export async function startTestApp(overrides: Record<string, string> = {}, options: { databaseUrl?: string; fastQueries?: boolean } = {}): Promise<TestApp> {
  const { redisUrl, filesDir } = testEnv();
  const databaseUrl = options.databaseUrl ?? testEnv().databaseUrl;
  // Every test signs in from 127.0.0.1: the per-IP limit gets its own test with its own address.
  const env = readEnv({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: '0', LOGIN_MAX_ATTEMPTS_IP: '100000', FILES_DIR: filesDir, ...overrides });
  const orm = await openOrm(databaseUrl, { poolMax: 5 });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = new JobQueues(queueConnection);
  const storage = fileStorageFrom(env.FILES_DIR);
  const events = new NotificationEvents(redisUrl);
  const chat = new ChatHub(orm, redisUrl);
  const usage = new ApiUsageRecorder(orm);
  const server = createAppServer({ orm, redis, env, storage, queues, events, chat, usage }, { fastQueries: options.fastQueries });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    orm,
    redis,
    env,
    server,
    storage,
    queues,
    usage,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await usage.flush();
      await orm.close();
      await queues.close();
      queueConnection.disconnect();
      await events.close();
      await chat.close();
      redis.disconnect();
    },
  };
}
