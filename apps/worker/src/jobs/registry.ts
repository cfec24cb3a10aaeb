import { cleanupSessionsJob } from './cleanup-sessions.ts';
import type { JobDefinition } from './define-job.ts';
import { dunningRunJob } from './dunning-run.ts';
import { invoiceFinalizedPdfJob } from './invoice-finalized-pdf.ts';
import { overdueSweepJob } from './overdue-sweep.ts';
import { recalculateTotalsJob } from './recalculate-totals.ts';
import { recurringInvoicesJob } from './recurring-invoices.ts';
import { reminderSweepJob } from './reminder-sweep.ts';
import { renderInvoicePdfJob } from './render-invoice-pdf.ts';
import { sendNotificationEmailJob } from './send-notification-email.ts';
import { sendInvoiceEmailJob } from './send-invoice-email.ts';
import { sendDunningNoticeJob } from './send-dunning-notice.ts';
import { renderStockDocumentPdfJob } from './render-stock-document-pdf.ts';
import { renderReportPdfJob } from './render-report-pdf.ts';
import { sendTicketReplyJob } from './send-ticket-reply.ts';
import { pollImapMailboxJob } from './poll-imap-mailbox.ts';
import { slaBreachSweepJob } from './sla-breach-sweep.ts';
import { automationIncomingJob, automationScheduleJob, recordChangedAutomationJob, sendAutomationEmailJob } from './automation-jobs.ts';
import { deliverWebhookJob, recordChangedWebhooksJob } from './webhook-jobs.ts';
import { runSavedReportsJob } from './run-saved-reports.ts';
import { sendConsentRequestJob, sendMailingEmailJob } from './campaign-jobs.ts';

/**
 * Every job the worker runs, one entry per contract in packages/domain (jobs.ts, and the
 * after-commit subscribers of events.ts); registry.test.ts checks that both lists match. The
 * worker builds its queues, workers and schedules from this list.
 */
export const JOB_REGISTRY: readonly JobDefinition[] = [
  cleanupSessionsJob,
  reminderSweepJob,
  renderInvoicePdfJob,
  recalculateTotalsJob,
  overdueSweepJob,
  sendNotificationEmailJob,
  invoiceFinalizedPdfJob,
  sendInvoiceEmailJob,
  dunningRunJob,
  sendDunningNoticeJob,
  recurringInvoicesJob,
  renderStockDocumentPdfJob,
  renderReportPdfJob,
  slaBreachSweepJob,
  sendTicketReplyJob,
  pollImapMailboxJob,
  recordChangedAutomationJob,
  recordChangedWebhooksJob,
  automationIncomingJob,
  automationScheduleJob,
  sendAutomationEmailJob,
  deliverWebhookJob,
  runSavedReportsJob,
  sendConsentRequestJob,
  sendMailingEmailJob,
];
