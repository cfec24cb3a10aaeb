import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay, addDays } from '@workmate/domain/berlin-time';
import { appError, notFound } from '@workmate/domain/errors';
import { nextPeriodStart, type Schedule } from '@workmate/domain/recurring-periods';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { RecurringCreateInput, RecurringListInput, RecurringUpdateInput } from '@workmate/domain/schemas/recurring';
import { Customer } from '../entities/customer.ts';
import { Employee } from '../entities/employee.ts';
import { RecurringInvoice, type RecurringLine } from '../entities/recurring-invoice.ts';
import { RecurringInvoicePeriod } from '../entities/recurring-invoice-period.ts';
import { can, type Actor } from '../shared/actor.ts';
import { dateOnly } from '../shared/format.ts';
import { checkVersion, likePattern, sentFields } from '../shared/versioning.ts';
import { toRecurringDto, type RecurringDto } from './dto.ts';

export type { RecurringDto } from './dto.ts';

function requireFinalizePermission(actor: Actor, v: { autoFinalize?: boolean | undefined; autoSend?: boolean | undefined }, field: string) {
  // The worker finalizes in the template's name: setting that up needs the right to finalize.
  if ((v.autoFinalize || v.autoSend) && !can(actor, 'invoices.finalize')) {
    throw appError('FORBIDDEN', 'recurring.finalizeNeedsPermission', {}, { field });
  }
}

async function resolveCustomer(em: EntityManager, id: string): Promise<Customer> {
  const customer = await em.findOne(Customer, { id, deletedAt: null });
  if (!customer) throw appError('BAD_REQUEST', 'customer.unknown', {}, { field: 'customerId' });
  return customer;
}

const toLines = (lines: RecurringCreateInput['lines']): RecurringLine[] =>
  lines.map((l) => ({ description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, taxRate: l.taxRate }));

function scheduleOf(t: RecurringInvoice): Schedule {
  return { startDate: dateOnly(t.startDate) as string, endDate: dateOnly(t.endDate), interval: t.interval };
}

/** The start of the newest billed period, or null when none was billed yet. */
async function lastBilledStart(em: EntityManager, templateId: string): Promise<string | null> {
  const last = await em.findOne(RecurringInvoicePeriod, { template: templateId }, { orderBy: { periodStart: 'desc' } });
  return last ? dateOnly(last.periodStart) : null;
}

async function findTemplate(em: EntityManager, id: string, lock = false): Promise<RecurringInvoice> {
  const template = await em.findOne(RecurringInvoice, { id, deletedAt: null }, { populate: ['customer', 'createdBy'], ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) });
  if (!template) throw notFound('Recurring invoice', id);
  return template;
}

export async function getRecurring(em: EntityManager, id: string): Promise<RecurringDto> {
  const template = await findTemplate(em.fork(), id);
  const counts = await countInvoices(em, [id]);
  return toRecurringDto(template, counts.get(id) ?? 0);
}

async function countInvoices(em: EntityManager, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await em.execute<Array<{ template_id: string; n: string }>>(
    'select template_id, count(*) as n from recurring_invoice_periods where template_id in (?) group by template_id',
    [ids],
  );
  return new Map(rows.map((r) => [r.template_id, Number(r.n)]));
}

export async function listRecurring(em: EntityManager, input: RecurringListInput): Promise<PageResult<RecurringDto>> {
  const where: Record<string, unknown> = { deletedAt: null };
  if (input.customerId) where.customer = input.customerId;
  if (input.active !== undefined) where.active = input.active;
  if (input.search) {
    const like = likePattern(input.search);
    where.$or = [{ name: { $ilike: like } }, { customer: { name: { $ilike: like } } }];
  }
  const [items, total] = await em.findAndCount(RecurringInvoice, where, {
    populate: ['customer', 'createdBy'],
    orderBy: { name: 'asc', id: 'asc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const counts = await countInvoices(em, items.map((t) => t.id));
  return { items: items.map((t) => toRecurringDto(t, counts.get(t.id) ?? 0)), total, page: input.page, pageSize: input.pageSize };
}

export async function createRecurring(em: EntityManager, actor: Actor, input: RecurringCreateInput): Promise<RecurringDto> {
  requireFinalizePermission(actor, input, 'autoFinalize');
  const id = await em.transactional(async (tx) => {
    const customer = await resolveCustomer(tx, input.customerId);
    const { customerId: _c, lines, ...fields } = input;
    const template = tx.create(RecurringInvoice, {
      ...fields,
      endDate: input.endDate ?? null,
      language: input.language ?? null,
      paymentTermsDays: input.paymentTermsDays ?? null,
      customer,
      lines: toLines(lines),
      createdBy: tx.getReference(Employee, actor.id),
      // A start in the past is billed from its first period on: the next run catches up.
      nextDate: nextPeriodStart({ startDate: input.startDate, endDate: input.endDate ?? null, interval: input.interval }, input.startDate),
    });
    await tx.flush();
    return template.id;
  });
  return getRecurring(em, id);
}

/**
 * Changes a template; fields left out stay. The invoices already made stay as they are. A
 * changed schedule (start, interval, end) continues after the last billed period; resuming a
 * paused template continues with the first period that starts today or later: what started
 * while it was paused is not billed.
 */
export async function updateRecurring(em: EntityManager, actor: Actor, input: RecurringUpdateInput, today = berlinDay()): Promise<RecurringDto> {
  await em.transactional(async (tx) => {
    const template = await findTemplate(tx, input.id, true);
    checkVersion(template, input.version, 'recurring invoice');
    const { id: _id, version: _v, customerId, lines, ...rest } = input;
    const fields = sentFields(rest);
    const merged = { startDate: fields.startDate ?? dateOnly(template.startDate), endDate: fields.endDate !== undefined ? fields.endDate : dateOnly(template.endDate), autoFinalize: fields.autoFinalize ?? template.autoFinalize, autoSend: fields.autoSend ?? template.autoSend };
    if (merged.startDate && merged.endDate && merged.endDate < merged.startDate) throw appError('BAD_REQUEST', 'field.notBeforeStartDate', {}, { field: 'endDate' });
    if (merged.autoSend && !merged.autoFinalize) throw appError('BAD_REQUEST', 'field.sendNeedsFinalize', {}, { field: 'autoSend' });
    if ((fields.autoFinalize && !template.autoFinalize) || (fields.autoSend && !template.autoSend)) requireFinalizePermission(actor, merged, fields.autoSend ? 'autoSend' : 'autoFinalize');
    const wasActive = template.active;
    // Forms send every field: only a value that differs from the stored one changes the schedule.
    const scheduleChanged =
      (fields.startDate !== undefined && fields.startDate !== dateOnly(template.startDate)) ||
      (fields.endDate !== undefined && fields.endDate !== dateOnly(template.endDate)) ||
      (fields.interval !== undefined && fields.interval !== template.interval);
    tx.assign(template, fields);
    if (customerId !== undefined) template.customer = await resolveCustomer(tx, customerId);
    if (lines !== undefined) template.lines = toLines(lines);
    if (scheduleChanged || (!wasActive && template.active)) {
      const last = await lastBilledStart(tx, template.id);
      let from = last ? addDays(last, 1) : (dateOnly(template.startDate) as string);
      if (!wasActive && template.active && today > from) from = today;
      template.nextDate = nextPeriodStart(scheduleOf(template), from);
    }
    template.updatedAt = new Date();
    await tx.flush();
  });
  return getRecurring(em, input.id);
}

export async function setRecurringActive(em: EntityManager, actor: Actor, id: string, active: boolean, today = berlinDay()): Promise<RecurringDto> {
  return updateRecurring(em, actor, { id, active }, today);
}

/** Deletes a template; the invoices it made stay (and keep their link to it). */
export async function deleteRecurring(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const template = await findTemplate(tx, id, true);
    template.deletedAt = new Date();
    template.active = false;
    await tx.flush();
  });
}
