import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import { claimConsentRequest, claimMailingRecipient, markConsentRequestMailed, markRecipient } from '@workmate/db/campaigns/mail';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';
import { renderConsentRequest, renderMailing } from './mailing-template.ts';
import { isPermanentSmtpError, transportFor } from './send-invoice-email.ts';

async function companyName(orm: MikroORM): Promise<string | null> {
  const [row] = await orm.em.fork().execute<Array<{ company_name: string | null }>>(`select company_name from company_settings limit 1`);
  return row?.company_name || null;
}

/**
 * Mails the double opt-in link of one consent request, once: the row stays locked while the SMTP
 * server takes the mail, and `request_mailed_at` is set in the same transaction, so a redelivered
 * job finds it mailed. A newer request of the same address makes this one void.
 */
export async function processSendConsentRequest(orm: MikroORM, env: WorkerEnv, data: unknown) {
  const { consentId, request } = JOBS.sendConsentRequest.payload.parse(data);
  if (!env.SMTP_URL) return { skipped: 'SMTP is not configured' };
  const smtp = env.SMTP_URL;
  const company = await companyName(orm);
  return orm.em.fork().transactional(async (tx) => {
    const claim = await claimConsentRequest(tx, consentId, request);
    if (!claim) return { skipped: 'not pending, superseded or already mailed' };
    const { subject, text } = renderConsentRequest(claim.token, env.PUBLIC_URL, company);
    try {
      await transportFor(smtp).sendMail({ from: env.MAIL_FROM, to: claim.email, subject, text });
    } catch (error) {
      if (isPermanentSmtpError(error)) throw new UnrecoverableError(String((error as Error).message));
      throw error;
    }
    await markConsentRequestMailed(tx, consentId);
    return { sent: true };
  });
}

/**
 * Mails a mailing to one recipient, once: the recipient row is locked from the check ("still
 * queued, address still confirmed") until it is marked sent in the same transaction, so a
 * redelivered job (outbox redelivery, BullMQ retry, a second worker) finds it sent and sends
 * nothing. With the headers of RFC 8058 one-click unsubscribe and an open pixel.
 */
export async function processSendMailingEmail(orm: MikroORM, env: WorkerEnv, data: unknown, lastAttempt = true) {
  const { recipientId } = JOBS.sendMailingEmail.payload.parse(data);
  const result = await runAs({ id: null, label: 'worker' }, () =>
    orm.em.fork().transactional(async (tx) => {
      const claim = await claimMailingRecipient(tx, recipientId);
      if ('skipped' in claim) return { skipped: claim.skipped };
      if (!env.SMTP_URL) {
        await markRecipient(tx, recipientId, { failed: 'SMTP_URL is not set on the worker' });
        return { failed: 'SMTP_URL is not set on the worker' };
      }
      const { subject, text, html, unsubscribeUrl } = renderMailing(claim.mail, env.PUBLIC_URL);
      try {
        await transportFor(env.SMTP_URL).sendMail({
          from: env.MAIL_FROM,
          to: claim.mail.email,
          subject,
          text,
          html,
          headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
      } catch (error) {
        const reason = `SMTP: ${(error as Error).message}`;
        if (!isPermanentSmtpError(error) && !lastAttempt) throw error;
        await markRecipient(tx, recipientId, { failed: reason });
        return { failed: reason };
      }
      await markRecipient(tx, recipientId, { sent: true });
      return { sent: true as const };
    }),
  );
  if ('failed' in result) throw new UnrecoverableError(result.failed);
  return result;
}

export const sendConsentRequestJob = defineJob(JOBS.sendConsentRequest, async (payload, { orm, env }) => processSendConsentRequest(orm, env, payload));
export const sendMailingEmailJob = defineJob(JOBS.sendMailingEmail, async (payload, { orm, env, job }) =>
  processSendMailingEmail(orm, env, payload, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
);
