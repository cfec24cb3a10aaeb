import type { MikroORM } from '@mikro-orm/postgresql';
import { runAs } from '@workmate/db/audit/actor';
import { cleanupSessions } from '@workmate/db/auth/cleanup';
import type { WorkerEnv } from '../env.ts';

export async function processCleanupSessions(orm: MikroORM, env: WorkerEnv) {
  const em = orm.em.fork();
  const removed = await runAs({ id: null, label: 'worker' }, () => cleanupSessions(em, env.SESSION_IDLE_MINUTES));
  return { removed };
}
