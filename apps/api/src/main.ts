// The API process: `node --import tsx apps/api/src/main.ts`. Configuration comes from the
// environment (see env.ts); `npm start` sets it for you.
import { Redis } from 'ioredis';
import { fileStorageFrom } from '@workmate/db/documents/storage';
import { openOrm } from '@workmate/db/orm';
import { readEnv } from './env.ts';
import { ChatHub } from './chat-hub.ts';
import { NotificationEvents } from './notification-events.ts';
import { JobQueues } from './queues.ts';
import { startMonitor } from './monitor.ts';
import type { AppDeps } from './context.ts';
import { answerStrayError, createAppServer } from './server.ts';

// No request may take the process down: an error that escapes every handler of a request (from a
// timer or an event it started) is answered as that request's 500 and logged. Anything else (a
// failure at start-up, say) still ends the process, as Node would.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    if (answerStrayError(error)) return;
    console.error(`[api] ${event}:`, error);
    process.exit(1);
  });
}

const env = readEnv();
const orm = await openOrm(env.DATABASE_URL, { poolMax: env.DB_POOL_MAX });
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: false });
redis.on('error', (error) => console.error('[api] redis:', error.message));

const queueConnection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
queueConnection.on('error', (error) => console.error('[api] redis (queues):', error.message));
const queues = new JobQueues(queueConnection, env.QUEUE_PREFIX);
const events = new NotificationEvents(env.REDIS_URL);
const chat = new ChatHub(orm, env.REDIS_URL);
const deps: AppDeps = { orm, redis, env, storage: fileStorageFrom(env.FILES_DIR), queues, events, chat };
const server = createAppServer(deps);
// The admins' alerts when the worker's heartbeat is stale or a queue stalls.
const stopMonitor = startMonitor(deps);
server.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`[api] listening on http://${env.HOST}:${port}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[api] ${signal}: closing`);
  stopMonitor();
  server.close();
  server.closeAllConnections();
  await deps.usage?.flush();
  await Promise.allSettled([orm.close(), redis.quit(), queues.close().then(() => queueConnection.quit()), events.close(), chat.close()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
