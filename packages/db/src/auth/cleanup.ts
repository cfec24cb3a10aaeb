import type { EntityManager } from '@mikro-orm/postgresql';

/** Removes sessions past their absolute lifetime or idle longer than allowed. Idempotent. */
export async function cleanupSessions(em: EntityManager, idleMinutes: number): Promise<number> {
  const rows = await em.execute<Array<{ count: string }>>(
    `with gone as (delete from sessions where expires_at <= now() or last_seen_at <= now() - make_interval(mins => ?) returning 1)
     select count(*) as count from gone`,
    [idleMinutes],
  );
  return Number(rows[0]?.count ?? 0);
}
