import { runRuleForIncomingWebhook, runRulesForRecordEvent, runScheduledRules, automationEmail } from '@workmate/db/automation/run';
import { EVENTS, subscriberJob } from '@workmate/domain/events';
import { JOBS } from '@workmate/domain/jobs';
import { createTransport, type Transporter } from 'nodemailer';
import { defineJob } from './define-job.ts';

/** Subscriber of record.changed: the automation rules whose trigger fires run, once per (rule version, event). */
export const recordChangedAutomationJob = defineJob(subscriberJob(EVENTS.recordChanged, 'automation'), async ({ eventId, event }, { orm }) => ({
  ran: await runRulesForRecordEvent(orm.em.fork(), eventId, event),
}));

/** Subscriber of automation.incoming: the rule whose incoming webhook was called runs once for the request. */
export const automationIncomingJob = defineJob(subscriberJob(EVENTS.automationIncoming, 'automation'), async ({ eventId, event }, { orm }) => ({
  ran: await runRuleForIncomingWebhook(orm.em.fork(), eventId, event),
}));

/** Every minute: the time-based rules whose period has come. */
export const automationScheduleJob = defineJob(JOBS.automationSchedule, async (_payload, { orm }) => ({ ran: await runScheduledRules(orm.em.fork()) }));

let transport: Transporter | null = null;
/** The email of a rule's "send email" step, when SMTP is configured (without it the step stays in the run log only). */
export const sendAutomationEmailJob = defineJob(JOBS.sendAutomationEmail, async ({ runId, step }, { orm, env }) => {
  if (!env.SMTP_URL) return { skipped: 'SMTP is not configured' };
  const mail = await automationEmail(orm.em.fork(), runId, step);
  if (!mail) return { skipped: 'the run is gone' };
  transport ??= createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.body });
  return { sent: true };
});
