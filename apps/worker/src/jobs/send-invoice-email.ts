import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import { createTransport, type Transporter } from 'nodemailer';
import type { FileStorage } from '@workmate/db/documents/storage';
import { einvoiceAttachmentsFor, loadInvoiceEmail, markInvoiceEmailFailed, markInvoiceEmailSent } from '@workmate/db/invoices/send';
import { announceNotifications, type Publisher } from '@workmate/db/notifications/announce';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';
import { renderInvoiceEmail } from './invoice-email-template.ts';

/** One transport per SMTP server (connections are reused between jobs; dunning notices use it too). */
const transports = new Map<string, Transporter>();
export const transportFor = (url: string) => transports.get(url) ?? transports.set(url, createTransport(url)).get(url) as Transporter;

/** An SMTP answer in the 5xx range is final (unknown mailbox, refused sender, bad login): a retry gets the same answer. */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export interface SendInvoiceEmailContext {
  orm: MikroORM;
  storage: FileStorage;
  env: WorkerEnv;
  redis: Publisher;
  /** No retry follows this attempt: a failure now is recorded as the request's outcome. */
  lastAttempt: boolean;
}

/**
 * Emails one send request: the document's archived PDF (and its e-invoice XML where the
 * customer wants one), subject and text in the document's language. Idempotent: the request is
 * marked sent right after the SMTP server accepts the mail, and a request that is not queued any
 * more is skipped, so a retry after a successful send sends nothing. Until the PDF is archived
 * (the worker renders it after finalizing) the job fails and BullMQ retries it with backoff.
 * A final SMTP refusal, or the last attempt failing, marks the request failed and tells the person
 * who asked.
 */
export async function processSendInvoiceEmail(ctx: SendInvoiceEmailContext, data: unknown) {
  const { sendId } = JOBS.sendInvoiceEmail.payload.parse(data);
  return runAs({ id: null, label: 'worker' }, async () => {
    const giveUp = async (reason: string): Promise<never> => {
      const { notified } = await markInvoiceEmailFailed(ctx.orm.em.fork(), sendId, reason);
      await announceNotifications(ctx.redis, notified);
      throw new UnrecoverableError(reason);
    };
    const retryLater = async (reason: string): Promise<never> => {
      if (ctx.lastAttempt) return giveUp(reason);
      throw new Error(reason);
    };
    const em = ctx.orm.em.fork();
    const loaded = await loadInvoiceEmail(em, sendId);
    if ('skipped' in loaded) return loaded;
    // Set up on the API but not here: the worker may be restarted with it, so this is retried.
    if (!ctx.env.SMTP_URL) return retryLater('SMTP_URL is not set on the worker');
    if (!loaded.pdf) return retryLater(`The PDF of ${loaded.invoice.number} is not archived yet`);
    const pdf = await ctx.storage.get(loaded.pdf.storageKey);
    if (createHash('sha256').update(pdf).digest('hex') !== loaded.pdf.sha256) return giveUp(`The archived PDF of ${loaded.invoice.number} does not match its checksum`);
    const attachments = [{ filename: loaded.pdf.fileName, content: pdf, contentType: 'application/pdf' }, ...(await einvoiceAttachmentsFor(em, ctx.storage, loaded.invoice.id))];
    const { subject, text } = renderInvoiceEmail(loaded);
    let messageId: string | null;
    try {
      const info = await transportFor(ctx.env.SMTP_URL).sendMail({
        from: ctx.env.MAIL_FROM,
        ...(loaded.invoice.companyEmail ? { replyTo: loaded.invoice.companyEmail } : {}),
        to: loaded.send.to,
        cc: loaded.send.cc,
        subject,
        text,
        attachments,
      });
      messageId = typeof info.messageId === 'string' ? info.messageId : null;
    } catch (error) {
      const reason = `SMTP: ${(error as Error).message}`;
      return isPermanentSmtpError(error) ? giveUp(reason) : retryLater(reason);
    }
    // Right after the server accepted it: from here on a retry skips the request.
    await markInvoiceEmailSent(ctx.orm.em.fork(), sendId, messageId);
    return { sent: true, messageId };
  });
}

export const sendInvoiceEmailJob = defineJob(JOBS.sendInvoiceEmail, async (payload, { orm, storage, env, redis, job }) =>
  processSendInvoiceEmail({ orm, storage, env, redis, lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }, payload),
);
