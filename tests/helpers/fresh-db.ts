import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '@workmate/db/orm';
import { seedSystemRoles } from '@workmate/db/seeds/roles';
import { testEnv } from './env.ts';

/**
 * A database of its own, migrated, for figures that add up everything in the database
 * (company-wide KPIs): other test files write to the shared test database at the same time.
 */
export async function freshDatabase(name: string): Promise<{ orm: MikroORM; databaseUrl: string; drop: () => Promise<void> }> {
  const { databaseUrl } = testEnv();
  const adminUrl = databaseUrl.replace(/\/[^/]+$/, '/postgres');
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  const db = `${name}_${process.pid}`;
  await admin(`drop database if exists "${db}" with (force)`);
  await admin(`create database "${db}"`);
  const url = databaseUrl.replace(/\/[^/]+$/, `/${db}`);
  const orm = await openOrm(url, { poolMax: 3 });
  await migrate(orm);
  await seedSystemRoles(orm.em.fork());
  return {
    orm,
    databaseUrl: url,
    drop: async () => {
      await orm.close();
      await admin(`drop database if exists "${db}" with (force)`);
    },
  };
}
