import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import { loadReplyMail, markReplySent } from '@workmate/db/service/mail';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';
import { isPermanentSmtpError, transportFor } from './send-invoice-email.ts';

/**
 * Emails an external ticket reply to the ticket's contact when SMTP is configured, with its
 * Message-ID (the customer's answer names it in In-Reply-To, and ingestEmail threads it back into
 * the ticket). Sent once: `sent_at` is set right after the server accepts it, and a reply already
 * sent is skipped on a retry.
 */
export async function processSendTicketReply(orm: MikroORM, env: WorkerEnv, data: unknown) {
  const { replyId } = JOBS.sendTicketReply.payload.parse(data);
  if (!env.SMTP_URL) return { skipped: 'SMTP is not configured' };
  const em = orm.em.fork();
  const mail = await loadReplyMail(em, replyId);
  if (!mail) return { skipped: 'reply is gone, internal or has no address' };
  if (mail.sentAt) return { skipped: 'already sent' };
  try {
    await transportFor(env.SMTP_URL).sendMail({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: mail.references } : {}),
    });
  } catch (error) {
    if (isPermanentSmtpError(error)) throw new UnrecoverableError(String((error as Error).message));
    throw error;
  }
  await markReplySent(em, replyId);
  return { sent: true };
}

export const sendTicketReplyJob = defineJob(JOBS.sendTicketReply, async (payload, { orm, env }) => processSendTicketReply(orm, env, payload));
