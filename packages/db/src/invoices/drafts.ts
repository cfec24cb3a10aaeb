import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TaxCase } from '@workmate/domain/enums';
import { appError } from '@workmate/domain/errors';
import { computeTotals } from '@workmate/domain/invoice-totals';
import { applyDeductions } from './final-invoices-totals.ts';
import type { InvoiceCreateInput, InvoiceUpdateInput, LineInput } from '@workmate/domain/schemas/invoices';
import type { Actor } from '../shared/actor.ts';
import { loadSettings } from '../core/settings.ts';
import { checkLineArticles } from './line-articles.ts';
import type { CompanySettings } from '../entities/company-settings.ts';
import { Customer } from '../entities/customer.ts';
import { StoredDocument } from '../entities/document.ts';
import { Employee } from '../entities/employee.ts';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import { Project } from '../entities/project.ts';
import { checkVersion, sentFields } from '../shared/versioning.ts';
import type { InvoiceDto } from './dto.ts';
import { dateOnly } from '../shared/format.ts';
import { quantityText, taxRateOf } from './mapping.ts';
import { getInvoice, lockInvoice, requireDraft } from './queries.ts';
import { checkSkontoPair } from './skonto.ts';

/** The tax case follows the company (§19 small business) first, then the document (reverse charge). */
export function taxCaseFor(settings: Pick<CompanySettings, 'smallBusiness'>, reverseCharge: boolean): TaxCase {
  if (settings.smallBusiness) return 'small_business';
  return reverseCharge ? 'reverse_charge' : 'standard';
}

/** Recomputes line nets and document totals from the lines (never from anything a client sent). */
export function applyTotals(invoice: Invoice, lines: InvoiceLine[], taxCase: TaxCase) {
  const totals = computeTotals(
    lines.map((l) => ({ quantity: quantityText(l.quantity), unitPrice: String(l.unitPrice), taxRate: taxRateOf(l.taxRate) })),
    taxCase,
  );
  lines.forEach((line, i) => {
    const t = totals.lines[i];
    if (t && String(line.netAmount) !== t.netAmount) line.netAmount = t.netAmount;
  });
  invoice.taxCase = taxCase;
  invoice.netTotal = totals.netTotal;
  invoice.taxTotal = totals.taxTotal;
  invoice.grossTotal = totals.grossTotal;
  invoice.taxBreakdown = totals.taxBreakdown;
  if (invoice.kind === 'final' && invoice.deductions) applyDeductions(invoice, totals);
}

async function resolveCustomer(em: EntityManager, id: string): Promise<Customer> {
  const customer = await em.findOne(Customer, { id, deletedAt: null });
  if (!customer) throw appError('BAD_REQUEST', 'customer.unknown', {}, { field: 'customerId' });
  return customer;
}

async function resolveProject(em: EntityManager, id: string | null | undefined, customerId: string): Promise<Project | null> {
  if (!id) return null;
  const project = await em.findOne(Project, { id, deletedAt: null });
  if (!project) throw appError('BAD_REQUEST', 'project.unknown', {}, { field: 'projectId' });
  if (project.customer.id !== customerId) throw appError('BAD_REQUEST', 'invoice.projectOfOtherCustomer', {}, { field: 'projectId' });
  return project;
}

async function resolveEmployee(em: EntityManager, id: string): Promise<Employee> {
  const employee = await em.findOne(Employee, { id, deletedAt: null });
  if (!employee) throw appError('BAD_REQUEST', 'employee.unknown', {}, { field: 'responsibleId' });
  return employee;
}

function newLine(em: EntityManager, invoice: Invoice, line: LineInput, position: number): InvoiceLine {
  return em.create(InvoiceLine, {
    invoice,
    position,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPrice: line.unitPrice,
    taxRate: line.taxRate,
    netAmount: '0.00',
    articleId: line.articleId ?? null,
  });
}

/** What other services set on a new draft besides the form's fields (links, kind, a credit note's type and tax case). */
export type DraftExtra = Partial<Pick<Invoice, 'sourceQuoteId' | 'correctsId' | 'type' | 'kind' | 'creditsId' | 'basisQuoteId' | 'deductions' | 'taxCase' | 'buyer'>>;

export async function createInvoice(em: EntityManager, actor: Actor, input: InvoiceCreateInput, extra: DraftExtra = {}): Promise<InvoiceDto> {
  const id = await em.transactional(async (tx) => {
    const settings = await loadSettings(tx);
    // Skonto: what the form says (null = none), else the company's default; only invoices carry it.
    const isInvoice = (extra.type ?? input.type) === 'invoice';
    const skontoPercent = !isInvoice ? null : input.skontoPercent !== undefined || input.skontoDays !== undefined ? (input.skontoPercent ?? null) : (settings.defaultSkontoPercent ?? null);
    const skontoDays = !isInvoice ? null : input.skontoPercent !== undefined || input.skontoDays !== undefined ? (input.skontoDays ?? null) : (settings.defaultSkontoDays ?? null);
    checkSkontoPair(skontoPercent, skontoDays);
    const customer = await resolveCustomer(tx, input.customerId);
    const project = await resolveProject(tx, input.projectId, customer.id);
    const responsible = await resolveEmployee(tx, input.responsibleId ?? actor.id);
    const invoice = tx.create(Invoice, {
      type: input.type,
      status: 'draft',
      customer,
      project,
      responsible,
      createdBy: tx.getReference(Employee, actor.id),
      language: input.language ?? customer.language,
      reverseCharge: input.reverseCharge,
      taxCase: taxCaseFor(settings, input.reverseCharge),
      serviceDate: input.serviceDate ?? null,
      servicePeriodFrom: input.servicePeriodFrom ?? null,
      servicePeriodTo: input.servicePeriodTo ?? null,
      paymentTermsDays: input.paymentTermsDays ?? settings.defaultPaymentTermsDays,
      skontoPercent,
      skontoDays,
      validUntil: input.validUntil ?? null,
      introText: input.introText ?? null,
      paymentTerms: input.paymentTerms ?? null,
      footerText: input.footerText ?? null,
      notes: input.notes ?? null,
      taxBreakdown: [],
      ...extra,
    });
    await checkLineArticles(tx, input.lines);
    const lines = input.lines.map((l, i) => newLine(tx, invoice, l, i + 1));
    applyTotals(invoice, lines, invoice.taxCase);
    await tx.flush();
    return invoice.id;
  });
  return getInvoice(em, id);
}

/** Changes a draft. `lines`, when sent, is the complete new list: lines with an id are kept (with the time they bill), the others are new, the missing ones go (their time becomes unbilled again). */
export async function updateInvoice(em: EntityManager, input: InvoiceUpdateInput): Promise<InvoiceDto> {
  await em.transactional(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    requireDraft(invoice, 'changed');
    checkVersion(invoice, input.version, 'document');
    const settings = await loadSettings(tx);
    const { id: _id, version: _version, customerId, projectId, responsibleId, lines: lineInput, ...rest } = input;
    const fields = sentFields(rest);
    const from = fields.servicePeriodFrom !== undefined ? fields.servicePeriodFrom : dateOnly(invoice.servicePeriodFrom);
    const to = fields.servicePeriodTo !== undefined ? fields.servicePeriodTo : dateOnly(invoice.servicePeriodTo);
    if (from && to && to < from) throw appError('BAD_REQUEST', 'field.notBeforePeriodStart', {}, { field: 'servicePeriodTo' });
    if (Boolean(from) !== Boolean(to)) throw appError('BAD_REQUEST', 'field.bothPeriodEnds', {}, { field: from ? 'servicePeriodTo' : 'servicePeriodFrom' });
    tx.assign(invoice, fields);
    checkSkontoPair(invoice.skontoPercent, invoice.skontoDays);
    if (invoice.type !== 'invoice' && invoice.skontoPercent != null) throw appError('BAD_REQUEST', 'field.skontoOnlyInvoices', {}, { field: 'skontoPercent' });
    if (customerId !== undefined) invoice.customer = await resolveCustomer(tx, customerId);
    if (projectId !== undefined || customerId !== undefined) {
      invoice.project = await resolveProject(tx, projectId !== undefined ? projectId : (invoice.project?.id ?? null), invoice.customer.id);
    }
    if (responsibleId !== undefined) invoice.responsible = responsibleId === null ? null : await resolveEmployee(tx, responsibleId);

    let lines = await tx.find(InvoiceLine, { invoice: invoice.id }, { orderBy: { position: 'asc' } });
    if (lineInput !== undefined) {
      await checkLineArticles(tx, lineInput);
      const existing = new Map(lines.map((l) => [l.id, l]));
      const kept = new Set<string>();
      const next: InvoiceLine[] = [];
      lineInput.forEach((l, i) => {
        if (l.id !== undefined) {
          const line = existing.get(l.id);
          if (!line) throw appError('BAD_REQUEST', 'field.notALine', {}, { field: `lines.${i}.id` });
          if (kept.has(l.id)) throw appError('BAD_REQUEST', 'field.appearsTwice', {}, { field: `lines.${i}.id` });
          kept.add(l.id);
          tx.assign(line, { position: i + 1, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, taxRate: l.taxRate, ...(l.articleId !== undefined ? { articleId: l.articleId } : {}) });
          next.push(line);
        } else {
          next.push(newLine(tx, invoice, l, i + 1));
        }
      });
      // Removed lines release the time they billed: the foreign key clears the link, a trigger the flag.
      for (const line of lines) if (!kept.has(line.id)) tx.remove(line);
      lines = next;
    }
    applyTotals(invoice, lines, taxCaseFor(settings, invoice.reverseCharge));
    // Any change, lines included, moves the document's version on, so stale editors get CONFLICT.
    invoice.updatedAt = new Date();
    await tx.flush();
  });
  return getInvoice(em, input.id);
}

/** Deletes a draft; finalized documents can never be deleted. Time it billed becomes unbilled again. */
export async function deleteInvoice(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const invoice = await lockInvoice(tx, id);
    if (invoice.status !== 'draft') {
      throw appError('CONFLICT', 'invoice.finalizedNoDelete', { number: invoice.number ?? 'This document' }, { field: 'id' });
    }
    await tx.nativeDelete(StoredDocument, { entity: 'invoice', entityId: id, kind: 'invoice_preview' });
    tx.remove(invoice);
    await tx.flush();
  });
}

/** Recomputes the totals of drafts (all, or the given ids) with the current tax settings. Returns how many changed. */
export async function recalculateDrafts(em: EntityManager, ids?: string[]): Promise<{ checked: number; changed: number }> {
  let checked = 0;
  let changed = 0;
  const settings = await loadSettings(em);
  const batch = 200;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const done = await em.transactional(async (tx) => {
      const where: Record<string, unknown> = { status: 'draft', id: { $gt: after } };
      if (ids) where.id = { $gt: after, $in: ids };
      const drafts = await tx.find(Invoice, where, { orderBy: { id: 'asc' }, limit: batch, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      if (drafts.length === 0) return true;
      const lines = await tx.find(InvoiceLine, { invoice: { $in: drafts.map((d) => d.id) } }, { orderBy: { position: 'asc' } });
      for (const draft of drafts) {
        const before = `${draft.netTotal}|${draft.taxTotal}|${draft.grossTotal}|${draft.taxCase}`;
        applyTotals(draft, lines.filter((l) => l.invoice.id === draft.id), taxCaseFor(settings, draft.reverseCharge));
        checked++;
        if (`${draft.netTotal}|${draft.taxTotal}|${draft.grossTotal}|${draft.taxCase}` !== before) changed++;
        after = draft.id;
      }
      await tx.flush();
      return drafts.length < batch;
    });
    if (done) break;
  }
  return { checked, changed };
}
