import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import type { FileStorage } from '@workmate/db/documents/storage';
import { loadNoticeDocument, markNoticeEmail, storeNoticePdf } from '@workmate/db/dunning/document';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { renderDunningEmail, renderDunningHtml } from '../pdf/dunning-template.ts';
import type { PdfRenderer } from '../pdf/renderer.ts';
import { defineJob } from './define-job.ts';
import { isPermanentSmtpError, transportFor } from './send-invoice-email.ts';

export interface SendDunningContext {
  orm: MikroORM;
  storage: FileStorage;
  renderer: PdfRenderer;
  env: WorkerEnv;
  lastAttempt: boolean;
}

/**
 * A sent notice's PDF, rendered and archived once (sha256), then its email through the same SMTP
 * transport as invoices, when the notice asks for one. Idempotent: an archived PDF is not
 * rendered again, and an email already accepted (or given up) is not sent again.
 */
export async function processSendDunningNotice(ctx: SendDunningContext, data: unknown) {
  const { noticeId } = JOBS.sendDunningNotice.payload.parse(data);
  return runAs({ id: null, label: 'worker' }, async () => {
    let model = await loadNoticeDocument(ctx.orm.em.fork(), noticeId);
    if ('skipped' in model) return model;
    if (!model.pdf) {
      const pdf = await ctx.renderer.render(renderDunningHtml(model), { language: model.language });
      await storeNoticePdf(ctx.orm.em, ctx.storage, noticeId, pdf);
      model = await loadNoticeDocument(ctx.orm.em.fork(), noticeId);
      if ('skipped' in model) return model;
    }
    if (!model.email || model.email.status !== 'queued') return { archived: true, emailed: false };
    const fail = async (reason: string, permanent: boolean): Promise<never> => {
      if (permanent || ctx.lastAttempt) {
        await markNoticeEmail(ctx.orm.em, noticeId, { sent: false, error: reason });
        throw new UnrecoverableError(reason);
      }
      throw new Error(reason);
    };
    if (!ctx.env.SMTP_URL) return fail('SMTP_URL is not set on the worker', false);
    if (!model.pdf) return fail(`The PDF of ${model.number} is not archived`, false);
    const pdf = await ctx.storage.get(model.pdf.storageKey);
    if (createHash('sha256').update(pdf).digest('hex') !== model.pdf.sha256) return fail(`The archived PDF of ${model.number} does not match its checksum`, true);
    const { subject, text } = renderDunningEmail(model);
    let messageId: string | null;
    try {
      const info = await transportFor(ctx.env.SMTP_URL).sendMail({
        from: ctx.env.MAIL_FROM,
        ...(model.companyEmail ? { replyTo: model.companyEmail } : {}),
        to: model.email.to,
        subject,
        text,
        attachments: [{ filename: model.pdf.fileName, content: pdf, contentType: 'application/pdf' }],
      });
      messageId = typeof info.messageId === 'string' ? info.messageId : null;
    } catch (error) {
      return fail(`SMTP: ${(error as Error).message}`, isPermanentSmtpError(error));
    }
    await markNoticeEmail(ctx.orm.em, noticeId, { sent: true, messageId });
    return { archived: true, emailed: true, messageId };
  });
}

export const sendDunningNoticeJob = defineJob(JOBS.sendDunningNotice, async (payload, { orm, storage, renderer, env, job }) =>
  processSendDunningNotice({ orm, storage, renderer, env, lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }, payload),
);
