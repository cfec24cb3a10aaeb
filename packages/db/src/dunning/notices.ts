import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { appError, notFound } from '@workmate/domain/errors';
import { fromCents, toCents } from '@workmate/domain/money';
import { JOBS } from '@workmate/domain/jobs';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { DunningEmailStatus, DunningNoticeListInput, DunningNoticeStatus } from '@workmate/domain/schemas/dunning';
import type { InterestPeriod } from '@workmate/domain/dunning';
import { Contact } from '../entities/contact.ts';
import { Invoice } from '../entities/invoice.ts';
import { Payment } from '../entities/payment.ts';
import { enqueue } from '../outbox/outbox.ts';
import { dateOnly, moneyText, personRef } from '../shared/format.ts';
import { nextNumber } from '../shared/numbering.ts';
import { DunningLevel } from '../entities/dunning-level.ts';
import { DunningNotice } from '../entities/dunning-notice.ts';
import { amountsFor, loadBaseRates } from './run.ts';
import { loadDunningSettings } from './settings.ts';

/** A notice as the API shows it. Amounts decimal strings, days YYYY-MM-DD, instants ISO 8601 UTC. */
export interface DunningNoticeDto {
  id: string;
  invoice: { id: string; number: string | null; customerName: string; grossTotal: string };
  level: number;
  status: DunningNoticeStatus;
  number: string | null;
  noticeDate: string;
  dueDate: string;
  consumer: boolean;
  outstanding: string;
  interest: string;
  levelFee: string;
  flatFee: string;
  total: string;
  interestPeriods: InterestPeriod[];
  title: string;
  text: string;
  language: 'de' | 'en';
  proposedAt: string;
  sentAt: string | null;
  sentBy: { id: string; name: string } | null;
  closedAt: string | null;
  closeReason: string | null;
  pdfDocumentId: string | null;
  emailTo: string[] | null;
  emailStatus: DunningEmailStatus | null;
  emailError: string | null;
}

export function toNoticeDto(n: DunningNotice): DunningNoticeDto {
  const inv = n.invoice;
  return {
    id: n.id,
    invoice: { id: inv.id, number: inv.number ?? null, customerName: inv.buyer?.name ?? inv.customer?.name ?? '', grossTotal: moneyText(inv.grossTotal) },
    level: n.level,
    status: n.status,
    number: n.number ?? null,
    noticeDate: dateOnly(n.noticeDate) ?? '',
    dueDate: dateOnly(n.dueDate) ?? '',
    consumer: n.consumer,
    outstanding: moneyText(n.outstanding),
    interest: moneyText(n.interest),
    levelFee: moneyText(n.levelFee),
    flatFee: moneyText(n.flatFee),
    total: moneyText(n.total),
    interestPeriods: n.interestPeriods,
    title: n.title,
    text: n.text,
    language: n.language,
    proposedAt: n.proposedAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    sentBy: n.sentBy ? personRef(n.sentBy) : null,
    closedAt: n.closedAt?.toISOString() ?? null,
    closeReason: n.closeReason ?? null,
    pdfDocumentId: n.pdfDocument?.id ?? null,
    emailTo: n.emailTo ? [...n.emailTo] : null,
    emailStatus: n.emailStatus ?? null,
    emailError: n.emailError ?? null,
  };
}

const POPULATE = ['invoice', 'invoice.customer', 'sentBy'] as const;

export async function listNotices(em: EntityManager, input: DunningNoticeListInput): Promise<PageResult<DunningNoticeDto>> {
  const where = { ...(input.status ? { status: input.status } : {}), ...(input.invoiceId ? { invoice: input.invoiceId } : {}) };
  const [rows, total] = await em.findAndCount(DunningNotice, where, {
    populate: POPULATE,
    orderBy: { proposedAt: 'desc', level: 'desc', id: 'asc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
    refresh: true,
  });
  return { items: rows.map(toNoticeDto), total, page: input.page, pageSize: input.pageSize };
}

export async function getNotice(em: EntityManager, id: string): Promise<DunningNoticeDto> {
  const n = await em.findOne(DunningNotice, { id }, { populate: POPULATE, refresh: true });
  if (!n) throw notFound('DunningNotice', id);
  return toNoticeDto(n);
}

async function lockProposal(tx: EntityManager, id: string): Promise<DunningNotice> {
  const n = await tx.findOne(DunningNotice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!n) throw notFound('DunningNotice', id);
  if (n.status !== 'proposed') throw appError('CONFLICT', 'dunning.notProposed', {}, { field: 'id' });
  return n;
}

/** A person decides a proposal is not sent: it stays (so the run does not propose that level again) as discarded. */
export async function discardNotice(em: EntityManager, id: string, now: Date = new Date()): Promise<DunningNoticeDto> {
  await em.transactional(async (tx) => {
    const n = await lockProposal(tx, id);
    n.status = 'discarded';
    n.closedAt = now;
    n.closeReason = 'discarded';
    await tx.flush();
  });
  return getNotice(em.fork(), id);
}

/**
 * Sends a proposal: it gets its number (gap-free series, like invoices), its amounts are computed
 * again for the day it is sent and frozen with its title and text (the trigger refuses any later
 * change), and the worker archives its PDF and emails it (to the customer's address, or its
 * primary contact's) when SMTP is set up; otherwise the PDF is for the post. The €40 flat fee is
 * charged only if no sent notice of this invoice charged it before (and a partial unique index
 * makes a second one impossible). Refused when the invoice is paid or cancelled meanwhile.
 */
export async function sendNotice(em: EntityManager, actorId: string | null, id: string, options: { smtpConfigured: boolean; today?: string; now?: Date }): Promise<DunningNoticeDto> {
  const now = options.now ?? new Date();
  const today = options.today ?? berlinDay(now);
  await em.transactional(async (tx) => {
    const n = await lockProposal(tx, id);
    const invoice = await tx.findOne(Invoice, { id: n.invoice.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['customer'] });
    if (!invoice) throw notFound('Invoice', n.invoice.id);
    if (!['finalized', 'sent', 'partially_paid', 'overdue'].includes(invoice.status)) throw appError('CONFLICT', 'dunning.invoiceSettled', { number: String(invoice.number) }, { field: 'id' });
    const level = await tx.findOneOrFail(DunningLevel, { level: n.level });
    const charged = await tx.count(DunningNotice, { invoice: invoice.id, status: 'sent', flatFee: { $gt: '0' } });
    // Never dated before the proposal (a clock or a test giving an earlier day).
    const proposedDay = dateOnly(n.noticeDate) ?? today;
    const day = today < proposedDay ? proposedDay : today;
    const { consumer, amounts, periods } = amountsFor(
      {
        outstanding: fromCents(toCents(moneyText(invoice.grossTotal)) - toCents(moneyText(invoice.creditedAmount)) - toCents(moneyText(invoice.paidAmount))),
        due_date: dateOnly(invoice.dueDate) ?? day,
        customer_type: invoice.customer.type,
        fee: moneyText(level.fee),
        charges_interest: level.chargesInterest,
        charges_flat_fee: level.chargesFlatFee,
        flat_fee_charged: charged > 0,
        late_payments: (await tx.find(Payment, { invoice: invoice.id })).map((pay) => ({ date: dateOnly(pay.paymentDate) ?? '', amount: moneyText(pay.amount) })),
      },
      day,
      await loadBaseRates(tx),
    );
    const settings = await loadDunningSettings(tx);
    n.number = await nextNumber(tx, 'dunning', settings.numberPattern, now);
    Object.assign(n, {
      status: 'sent',
      noticeDate: day,
      consumer,
      outstanding: amounts.outstanding,
      interest: amounts.interest,
      levelFee: amounts.levelFee,
      flatFee: amounts.flatFee,
      total: amounts.total,
      interestPeriods: periods,
      title: invoice.language === 'en' ? level.titleEn : level.titleDe,
      text: invoice.language === 'en' ? level.textEn : level.textDe,
      sentAt: now,
      sentBy: actorId,
    });
    const contact = invoice.customer.email ? null : await tx.findOne(Contact, { customer: invoice.customer.id, isPrimary: true });
    const address = invoice.customer.email ?? contact?.email ?? null;
    if (options.smtpConfigured && address) {
      n.emailTo = [address];
      n.emailStatus = 'queued';
    }
    enqueue(tx, JOBS.sendDunningNotice, { noticeId: n.id });
    await tx.flush();
  });
  return getNotice(em.fork(), id);
}

