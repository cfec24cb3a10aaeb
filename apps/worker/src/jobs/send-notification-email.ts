import type { MikroORM } from '@mikro-orm/postgresql';
import { createTransport, type Transporter } from 'nodemailer';
import { Notification } from '@workmate/db/entities/notification';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';

let transport: Transporter | null = null;

/**
 * Emails a notification to its recipient when SMTP is configured (SMTP_URL); without it the
 * notification stays in the app only. Sent once: `emailed_at` records it.
 */
export async function processSendNotificationEmail(orm: MikroORM, env: WorkerEnv, data: unknown) {
  const { notificationId } = JOBS.sendNotificationEmail.payload.parse(data);
  if (!env.SMTP_URL) return { skipped: 'SMTP is not configured' };
  const em = orm.em.fork();
  const n = await em.findOne(Notification, { id: notificationId }, { populate: ['employee'] });
  if (!n) return { skipped: 'notification is gone' };
  if (n.emailedAt) return { skipped: 'already emailed' };
  transport ??= createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.MAIL_FROM, to: n.employee.email, subject: n.title, text: `${n.title}\n\n${n.body ?? ''}\n` });
  await em.getConnection().execute('update notifications set emailed_at = now() where id = ? and emailed_at is null', [n.id]);
  return { sent: true };
}

export const sendNotificationEmailJob = defineJob(JOBS.sendNotificationEmail, async (payload, { orm, env }) => processSendNotificationEmail(orm, env, payload));
