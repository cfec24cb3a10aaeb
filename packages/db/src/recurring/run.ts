import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import { AppError } from '@workmate/domain/errors';
import { duePeriods, nextPeriodStart, type RecurringPeriod } from '@workmate/domain/recurring-periods';
import { InvoiceCreateInput } from '@workmate/domain/schemas/invoices';
import { Invoice } from '../entities/invoice.ts';
import { RecurringInvoice } from '../entities/recurring-invoice.ts';
import { RecurringInvoicePeriod } from '../entities/recurring-invoice-period.ts';
import { createInvoice } from '../invoices/drafts.ts';
import { finalizeLocked } from '../invoices/finalize.ts';
import { lockInvoice } from '../invoices/queries.ts';
import { invoiceSendOptions, requestInvoiceSend } from '../invoices/send.ts';
import { dateOnly } from '../shared/format.ts';

export interface RecurringRunOptions {
  /** The Berlin day the run bills up to (inclusive); today without it. */
  today?: string;
  /** Whether the worker can email (SMTP_URL set): auto-send asks for an email only then. */
  smtpConfigured: boolean;
  /** At most this many periods per template and run (a very long outage is billed over several runs). */
  maxPeriodsPerTemplate?: number;
  /** Only these templates (and their pending emails); every template without it. */
  templateIds?: readonly string[];
}

export interface RecurringRunResult {
  /** Templates that had a period due. */
  templates: number;
  /** Invoices created (one per billed period). */
  created: number;
  finalized: number;
  sendsRequested: number;
  /** Templates whose next period could not be billed, with why (also kept on the template). */
  failed: Array<{ templateId: string; error: string }>;
}

type Billed = { periodId: string; invoiceId: string; finalized: boolean; sendPending: boolean } | 'skipped' | null;

function errorText(error: unknown): string {
  if (error instanceof AppError) return error.fields ? `${error.message} (${Object.values(error.fields).join('; ')})` : error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Bills the template's next period, if it is due, in one transaction: the template row is
 * locked (a second run skips it while locked), the period is claimed by its
 * unique (template, period start) row (insert … on conflict do nothing: the database decides,
 * even against a stale next date), the draft is created through the draft service, finalized
 * through the finalize service when the template says so, and the next date moves on.
 * Returns null when nothing is due (or another run holds the template), 'skipped' when the
 * period had been billed already.
 */
export async function billNextPeriod(em: EntityManager, templateId: string, today: string, now = new Date()): Promise<Billed> {
  return em.transactional(async (tx) => {
    // SKIP LOCKED: a template another run is billing right now is left to it (it bills every due
    // period before it lets go), so concurrent runs spread over different templates.
    const template = await tx.findOne(RecurringInvoice, { id: templateId, deletedAt: null }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, refresh: true });
    if (!template?.active || !template.nextDate) return null;
    const schedule = { startDate: dateOnly(template.startDate) as string, endDate: dateOnly(template.endDate), interval: template.interval };
    const [period] = duePeriods(schedule, dateOnly(template.nextDate), today, 1);
    if (!period) {
      // Not due yet, or the end date has passed: only the next date may need to say so.
      const next = nextPeriodStart(schedule, dateOnly(template.nextDate) as string);
      if (next !== dateOnly(template.nextDate)) template.nextDate = next;
      await tx.flush();
      return null;
    }
    template.nextDate = nextPeriodStart(schedule, addDays(period.start, 1));
    const claimed = await tx.execute<Array<{ id: string }>>(
      `insert into recurring_invoice_periods (id, template_id, period_start, period_end, created_at) values (?, ?, ?, ?, ?)
       on conflict (template_id, period_start) do nothing returning id`,
      [randomUUID(), template.id, period.start, period.end, now],
    );
    const periodId = claimed[0]?.id;
    if (!periodId) {
      await tx.flush();
      return 'skipped';
    }
    const invoiceId = await createPeriodInvoice(tx, template, period);
    const row = await tx.findOneOrFail(RecurringInvoicePeriod, { id: periodId });
    row.invoice = tx.getReference(Invoice, invoiceId);
    let finalized = false;
    if (template.autoFinalize) {
      try {
        // A savepoint: a draft that cannot be finalized (mandatory content missing) stays a draft.
        await tx.transactional(async (sp) => {
          await finalizeLocked(sp, await lockInvoice(sp, invoiceId), now);
          await sp.flush();
        });
        finalized = true;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        row.finalizeError = errorText(error);
      }
    }
    if (finalized && template.autoSend) row.sendStatus = 'pending';
    template.lastError = null;
    template.lastErrorAt = null;
    await tx.flush();
    return { periodId, invoiceId, finalized, sendPending: row.sendStatus === 'pending' };
  });
}

/** The period's draft, made by the draft service from the template (the same validation as a draft typed in). */
async function createPeriodInvoice(tx: EntityManager, template: RecurringInvoice, period: RecurringPeriod): Promise<string> {
  const creator = template.createdBy?.id;
  if (!creator) throw new Error('The person who set up this recurring invoice no longer exists; open it and save it again');
  const input = InvoiceCreateInput.parse({
    type: 'invoice',
    customerId: template.customer.id,
    language: template.language ?? undefined,
    paymentTermsDays: template.paymentTermsDays ?? undefined,
    servicePeriodFrom: period.start,
    servicePeriodTo: period.end,
    introText: template.introText,
    footerText: template.footerText,
    notes: template.notes,
    lines: template.lines,
  });
  const draft = await createInvoice(tx, { id: creator, permissions: [] }, input);
  return draft.id;
}

/**
 * Asks for the automatic email of a billed period through invoices.send's own service, to the
 * customer's address. The period is claimed first (pending → claimed, a single UPDATE), so two
 * runs never ask twice; a crash right after the claim loses that one email rather than sending
 * it twice, and the period shows it was not requested.
 */
export async function requestPeriodSend(em: EntityManager, periodId: string, smtpConfigured: boolean): Promise<boolean> {
  const claimed = await em.execute<Array<{ invoice_id: string; created_by_id: string | null }>>(
    `update recurring_invoice_periods p set send_status = 'claimed' from recurring_invoices t
     where p.id = ? and p.send_status = 'pending' and t.id = p.template_id returning p.invoice_id, t.created_by_id`,
    [periodId],
  );
  const target = claimed[0];
  if (!target) return false;
  const fail = (error: string) => em.execute(`update recurring_invoice_periods set send_status = 'failed', send_error = ? where id = ?`, [error, periodId]);
  try {
    const options = await invoiceSendOptions(em.fork(), target.invoice_id, { smtpConfigured });
    if (!options.to.length) {
      await fail('The customer has no email address');
      return false;
    }
    if (!target.created_by_id) throw new Error('The person who set up this recurring invoice no longer exists');
    await requestInvoiceSend(em.fork(), { id: target.created_by_id, permissions: [] }, { id: target.invoice_id, to: options.to, cc: [], message: null }, { smtpConfigured });
    await em.execute(`update recurring_invoice_periods set send_status = 'requested', send_error = null where id = ?`, [periodId]);
    return true;
  } catch (error) {
    await fail(errorText(error));
    return false;
  }
}

async function recordFailure(em: EntityManager, templateId: string, error: string, now: Date) {
  await em.fork().transactional(async (tx) => {
    const template = await tx.findOne(RecurringInvoice, { id: templateId });
    if (!template) return;
    template.lastError = error.slice(0, 2000);
    template.lastErrorAt = now;
    await tx.flush();
  });
}

/**
 * The worker's run: every active template whose next period has started gets one invoice per
 * due period, oldest first, each in its own transaction (after an outage: every missed period,
 * each its own invoice for its own service period). A template that fails keeps its error and
 * is tried again on the next run; the others go on. Pending automatic emails are asked for
 * afterwards (also ones a crash left behind).
 */
export async function runRecurringInvoices(em: EntityManager, options: RecurringRunOptions): Promise<RecurringRunResult> {
  const now = new Date();
  const today = options.today ?? berlinDay(now);
  const max = options.maxPeriodsPerTemplate ?? 120;
  const result: RecurringRunResult = { templates: 0, created: 0, finalized: 0, sendsRequested: 0, failed: [] };
  const only = options.templateIds ? [...options.templateIds] : null;
  if (only?.length === 0) return result;
  const due = await em.execute<Array<{ id: string }>>(
    `select id from recurring_invoices where active and deleted_at is null and next_date is not null and next_date <= ?${only ? ' and id in (?)' : ''} order by next_date, id`,
    only ? [today, only] : [today],
  );
  for (const { id } of due) {
    result.templates++;
    for (let i = 0; i < max; i++) {
      let billed: Billed;
      try {
        billed = await billNextPeriod(em.fork(), id, today, now);
      } catch (error) {
        const text = errorText(error);
        result.failed.push({ templateId: id, error: text });
        await recordFailure(em, id, text, now);
        break;
      }
      if (billed === null) break;
      if (billed === 'skipped') continue;
      result.created++;
      if (billed.finalized) result.finalized++;
    }
  }
  const pending = await em.execute<Array<{ id: string }>>(
    `select id from recurring_invoice_periods where send_status = 'pending'${only ? ' and template_id in (?)' : ''} order by created_at, id limit 1000`,
    only ? [only] : [],
  );
  for (const { id } of pending) if (await requestPeriodSend(em, id, options.smtpConfigured)) result.sendsRequested++;
  return result;
}
