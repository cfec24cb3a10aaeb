import type { MikroORM } from '@mikro-orm/postgresql';
import { sendNotice } from '@workmate/db/dunning/notices';
import { runDunning } from '@workmate/db/dunning/run';
import { loadDunningSettings } from '@workmate/db/dunning/settings';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';

/**
 * The daily dunning run (00:15 Berlin and at every worker start): proposes the notices due today.
 * With automatic sending on, the worker sends each new proposal itself (numbered, PDF, email).
 */
export async function processDunningRun(orm: MikroORM, env: Pick<WorkerEnv, 'SMTP_URL'>, data: unknown) {
  const { today } = JOBS.dunningRun.payload.parse(data ?? {});
  return runAs({ id: null, label: 'worker' }, async () => {
    const result = await runDunning(orm.em.fork(), today);
    const settings = await loadDunningSettings(orm.em.fork());
    let sent = 0;
    if (settings.autoSend) {
      for (const id of result.proposed) {
        await sendNotice(orm.em.fork(), null, id, { smtpConfigured: Boolean(env.SMTP_URL), ...(today ? { today } : {}) });
        sent++;
      }
    }
    return { today: result.today, due: result.due, proposed: result.proposed.length, superseded: result.superseded, sent };
  });
}

export const dunningRunJob = defineJob(JOBS.dunningRun, async (payload, { orm, env }) => processDunningRun(orm, env, payload));
