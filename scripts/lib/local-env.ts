import { resolve } from 'node:path';
import { ensureDatabase, ensurePostgres, ensureRedis, prepareDataFolder, type LocalPostgres, type LocalRedis } from './services.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  stop: () => void;
}

/**
 * The database and Redis for one purpose (`dev` for npm start, `test` for npm test): the URLs
 * from the environment when given, otherwise project-local servers under .data/.
 */
export async function provideServices(purpose: 'dev' | 'test', options: { freshDatabase?: boolean } = {}): Promise<Services> {
  const test = purpose === 'test';
  const stops: Array<() => void> = [];
  prepareDataFolder(`${ROOT}/.data`);
  let databaseUrl = test ? process.env.TEST_DATABASE_URL : process.env.DATABASE_URL;
  let local: LocalPostgres | undefined;
  if (!databaseUrl) {
    const port = Number(process.env.WORKMATE_PG_PORT ?? (test ? 54330 : 54320));
    local = await ensurePostgres(`${ROOT}/.data/${test ? 'test-pg' : 'pg'}`, port, { fsync: !test });
    stops.push(local.stop);
    const name = test ? 'workmate_test' : 'workmate';
    await ensureDatabase(local.url('postgres'), name, { fresh: options.freshDatabase ?? false });
    databaseUrl = local.url(name);
  }
  let redisUrl = test ? process.env.TEST_REDIS_URL : process.env.REDIS_URL;
  let redis: LocalRedis | undefined;
  if (!redisUrl) {
    const port = Number(process.env.WORKMATE_REDIS_PORT ?? (test ? 63800 : 63790));
    redis = await ensureRedis(`${ROOT}/.data/${test ? 'test-redis' : 'redis'}`, port, { durable: !test });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  return {
    databaseUrl,
    redisUrl,
    stop: () => {
      for (const stop of stops.reverse()) stop();
    },
  };
}
