import type { EntityManager } from '@mikro-orm/postgresql';

/** What is used of the pg pool behind an ORM connection (looked up once: MikroORM's getter is async). */
interface Pool {
  query(text: string): Promise<{ rows: unknown[] }>;
}
const pools = new WeakMap<object, Pool>();

/**
 * Rows of one read-only statement for a hot list, straight on the `pg` pool MikroORM holds.
 *
 * Why: under load, em.execute's own layers (the query executor, the Kysely driver, the
 * connection provider, timing and logging) cost about as much CPU as the pg driver itself. The
 * SQL is the same text em.execute sends (MikroORM's formatQuery puts the parameters in), it runs
 * on the same pool with the same type parsers, so the rows are the same. Inside a transaction
 * (its connection is held by the EntityManager) and with query logging on, it goes through
 * em.execute as before.
 */
export async function hotRead<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const connection = em.getConnection();
  if (em.isInTransaction() || em.config.get('debug')) return em.execute<T[]>(sql, params);
  let pool = pools.get(connection);
  if (!pool) {
    pool = (await connection.getNativeClient()) as Pool;
    pools.set(connection, pool);
  }
  const text = em.getPlatform().formatQuery(sql, params);
  return (await pool.query(text)).rows as T[];
}
