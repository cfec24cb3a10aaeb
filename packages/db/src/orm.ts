import { defineConfig, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { fileURLToPath } from 'node:url';
import { AuditSubscriber } from './audit/subscriber.ts';
import { RecordEventsSubscriber } from './automation/record-events.ts';
import { entities } from './entities/index.ts';
import { migrationsList } from './migrations/index.ts';

export type { EntityManager } from '@mikro-orm/postgresql';

/**
 * `snapshot` is for `migration-create` only: there the schema snapshot beside the migrations is
 * read and written; running migrations must not write files into the source tree.
 */
export function ormConfig(databaseUrl: string, options: { poolMax?: number; debug?: boolean; snapshot?: boolean } = {}) {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    // Record events first: the audit subscriber skips the outbox rows they add.
    subscribers: [new RecordEventsSubscriber(), new AuditSubscriber()],
    pool: { min: 0, max: options.poolMax ?? 10 },
    debug: options.debug ?? false,
    // Date-only columns stay plain 'YYYY-MM-DD' strings; no time-zone shifting.
    forceUtcTimezone: true,
    migrations: {
      path: fileURLToPath(new URL('./migrations', import.meta.url)),
      emit: 'ts',
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: options.snapshot ?? false,
      snapshotName: '.snapshot-workmate',
    },
  });
}

export async function openOrm(databaseUrl: string, options: { poolMax?: number; debug?: boolean; snapshot?: boolean } = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(databaseUrl, options));
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const done = await orm.migrator.up();
  return done.map((m) => m.name);
}

/** One EntityManager per request or job. */
export function forkEm(orm: MikroORM): EntityManager {
  return orm.em.fork();
}
