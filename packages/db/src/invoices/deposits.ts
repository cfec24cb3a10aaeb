import type { EntityManager } from '@mikro-orm/postgresql';
import { percentOf, splitByRates, type Deduction, type FinalInvoiceDeductions } from '@workmate/domain/deposits';
import type { Language, TaxRate } from '@workmate/domain/enums';
import { appError, notFound } from '@workmate/domain/errors';
import { fromCents, toCents } from '@workmate/domain/money';
import type { DepositCreateInput, DepositListInput, FinalInvoiceCreateInput } from '@workmate/domain/schemas/invoice-corrections';
import type { LineInput } from '@workmate/domain/schemas/invoices';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import { Project } from '../entities/project.ts';
import type { Actor } from '../shared/actor.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { createInvoice } from './drafts.ts';
import type { InvoiceDto } from './dto.ts';
import { priceText, quantityText } from './mapping.ts';
import { lockInvoice } from './queries.ts';

interface Basis {
  quote: Invoice | null;
  customerId: string;
  projectId: string | null;
  language: Language | undefined;
}

/** The quote (locked, so deposits against it queue) or the project a deposit or final invoice bills against. */
async function resolveBasis(tx: EntityManager, input: { quoteId?: string | undefined; projectId?: string | undefined }): Promise<Basis> {
  if (input.quoteId) {
    const quote = await lockInvoice(tx, input.quoteId);
    await tx.populate(quote, ['customer', 'project']);
    if (quote.type !== 'quote') throw appError('BAD_REQUEST', 'deposit.basisNotQuote', { number: quote.number ?? '' }, { field: 'quoteId' });
    if (quote.status === 'draft') throw appError('CONFLICT', 'deposit.quoteDraft', {}, { field: 'quoteId' });
    if (input.projectId && quote.project && quote.project.id !== input.projectId) throw appError('BAD_REQUEST', 'deposit.quoteOfOtherProject', {}, { field: 'projectId' });
    return { quote, customerId: quote.customer.id, projectId: quote.project?.id ?? input.projectId ?? null, language: quote.language };
  }
  const project = await tx.findOne(Project, { id: input.projectId ?? '', deletedAt: null });
  if (!project) throw notFound('Project', input.projectId ?? '');
  return { quote: null, customerId: project.customer.id, projectId: project.id, language: undefined };
}

/** Deposits of a basis: of the quote, or (without a quote) of the project. */
const depositsWhere = (basis: Basis) => (basis.quote ? { kind: 'deposit' as const, basisQuoteId: basis.quote.id } : { kind: 'deposit' as const, project: basis.projectId });

function depositLineText(lang: Language, basis: Basis, percent: string | undefined, rate: TaxRate, rates: number, own: string | null | undefined): string {
  const de = lang === 'de';
  const base = own
    ? own
    : basis.quote
      ? percent
        ? de ? `Abschlag ${percent} % auf Angebot ${basis.quote.number}` : `Deposit of ${percent} % on quote ${basis.quote.number}`
        : de ? `Abschlag auf Angebot ${basis.quote.number}` : `Deposit on quote ${basis.quote.number}`
      : de ? 'Abschlag' : 'Deposit';
  return rates > 1 ? `${base} (${rate} %)` : base;
}

/**
 * A deposit invoice (Abschlagsrechnung) as a draft: a percentage of the quote's net or a net
 * amount, split over the quote's VAT rates like the quote (rounding rest on the last rate); a
 * project without a quote takes the amount at one rate. The deposits of a quote never add up to
 * more than the quote's net. Finalized, sent and paid like any invoice.
 */
export async function createDeposit(em: EntityManager, actor: Actor, input: DepositCreateInput): Promise<InvoiceDto> {
  return em.transactional(async (tx) => {
    const basis = await resolveBasis(tx, input);
    const quote = basis.quote;
    const field = input.percent !== undefined ? 'percent' : 'netAmount';
    const net = input.percent !== undefined && quote ? percentOf(moneyText(quote.netTotal), input.percent) : (input.netAmount ?? '0.00');
    if (toCents(net) <= 0n) throw appError('BAD_REQUEST', 'field.greaterThanZero', {}, { field });
    if (quote) {
      const earlier = await tx.find(Invoice, { ...depositsWhere(basis), status: { $ne: 'cancelled' } });
      const total = earlier.reduce((sum, d) => sum + toCents(moneyText(d.netTotal)), toCents(net));
      if (total > toCents(moneyText(quote.netTotal))) throw appError('CONFLICT', 'deposit.beyondQuote', { total: fromCents(total), quote: moneyText(quote.netTotal) }, { field });
    }
    const shares = quote ? splitByRates(net, quote.taxBreakdown, input.taxRate) : [{ taxRate: input.taxRate, netAmount: net }];
    const lang: Language = basis.language ?? 'de';
    const lines: LineInput[] = shares.map((s) => ({
      description: depositLineText(lang, basis, input.percent, s.taxRate, shares.length, input.description),
      quantity: '1',
      unit: lang === 'de' ? 'pauschal' : 'lump sum',
      unitPrice: s.netAmount,
      taxRate: s.taxRate,
    }));
    return createInvoice(
      tx,
      actor,
      {
        type: 'invoice',
        customerId: basis.customerId,
        projectId: basis.projectId,
        responsibleId: quote?.responsible?.id ?? null,
        ...(basis.language ? { language: basis.language } : {}),
        reverseCharge: quote?.reverseCharge ?? false,
        // §14(4) Nr. 6 UStG: the (planned) date or period of the service, as the quote names it.
        serviceDate: input.serviceDate ?? (input.servicePeriodFrom ? null : dateOnly(quote?.serviceDate)),
        servicePeriodFrom: input.servicePeriodFrom ?? (input.serviceDate ? null : dateOnly(quote?.servicePeriodFrom)),
        servicePeriodTo: input.servicePeriodTo ?? (input.serviceDate ? null : dateOnly(quote?.servicePeriodTo)),
        validUntil: null,
        introText: null,
        paymentTerms: null,
        footerText: quote?.footerText ?? null,
        notes: null,
        lines,
      },
      { kind: 'deposit', basisQuoteId: quote?.id ?? null },
    );
  });
}

/** A deposit as deducted: its VAT rows less those of its finalized credit notes (negative rows). */
function deductionOf(deposit: Invoice, credits: Invoice[]): Deduction {
  const rows = new Map<TaxRate, { net: bigint; tax: bigint }>();
  for (const row of [...deposit.taxBreakdown, ...credits.flatMap((c) => c.taxBreakdown)]) {
    const sum = rows.get(row.taxRate) ?? { net: 0n, tax: 0n };
    rows.set(row.taxRate, { net: sum.net + toCents(row.netAmount), tax: sum.tax + toCents(row.taxAmount) });
  }
  const taxBreakdown = [...rows.entries()]
    .filter(([, v]) => v.net !== 0n || v.tax !== 0n)
    .sort(([a], [b]) => b - a)
    .map(([taxRate, v]) => ({ taxRate, netAmount: fromCents(v.net), taxAmount: fromCents(v.tax) }));
  const net = taxBreakdown.reduce((s, r) => s + toCents(r.netAmount), 0n);
  const tax = taxBreakdown.reduce((s, r) => s + toCents(r.taxAmount), 0n);
  return { depositId: deposit.id, number: deposit.number ?? '', issueDate: dateOnly(deposit.issueDate) ?? '', taxBreakdown, netTotal: fromCents(net), taxTotal: fromCents(tax), grossTotal: fromCents(net + tax) };
}

type DepositRow = { id: string; number: string | null; status: string; issue_date: string | null; final_id: string | null; final_number: string | null };

async function depositsOf(tx: EntityManager, basis: Basis): Promise<DepositRow[]> {
  return tx.execute<DepositRow[]>(
    `select i.id, i.number, i.status, i.issue_date::text as issue_date, d.final_invoice_id as final_id, f.number as final_number
       from invoices i left join invoice_deductions d on d.deposit_id = i.id left join invoices f on f.id = d.final_invoice_id
      where i.kind = 'deposit' and ${basis.quote ? 'i.basis_quote_id = ?' : 'i.project_id = ?'}
      order by i.issue_date nulls last, i.number nulls last, i.created_at`,
    [basis.quote ? basis.quote.id : basis.projectId],
  );
}

/**
 * A final invoice (Schlussrechnung) as a draft: the full service (the quote's lines; for a
 * project, lines to fill in) and each finalized, not cancelled deposit deducted with its net and
 * VAT per rate. `depositIds` chooses them; without it, every deposit not yet deducted. A deposit
 * is deducted by one final invoice only (a unique index backs this).
 */
export async function createFinalInvoice(em: EntityManager, actor: Actor, input: FinalInvoiceCreateInput): Promise<InvoiceDto> {
  return em.transactional(async (tx) => {
    const basis = await resolveBasis(tx, input);
    const rows = await depositsOf(tx, basis);
    let chosen: DepositRow[];
    if (input.depositIds) {
      chosen = input.depositIds.map((id) => {
        const row = rows.find((r) => r.id === id);
        if (!row) throw appError('BAD_REQUEST', 'final.notADeposit', {}, { field: 'depositIds' });
        if (row.status === 'draft') throw appError('CONFLICT', 'final.depositDraft', {}, { field: 'depositIds' });
        if (row.status === 'cancelled') throw appError('CONFLICT', 'final.depositCancelled', { number: row.number ?? '' }, { field: 'depositIds' });
        if (row.final_id) throw appError('CONFLICT', 'final.depositTaken', { number: row.number ?? '' }, { field: 'depositIds' });
        return row;
      });
    } else {
      chosen = rows.filter((r) => r.status !== 'draft' && r.status !== 'cancelled' && !r.final_id);
    }
    const deposits = chosen.length ? await tx.find(Invoice, { id: { $in: chosen.map((c) => c.id) } }, { orderBy: { issueDate: 'asc', number: 'asc' } }) : [];
    // A deposit corrected by credit notes is deducted with what is left of it.
    const credits = deposits.length ? await tx.find(Invoice, { type: 'credit_note', creditsId: { $in: deposits.map((d) => d.id) }, status: { $ne: 'draft' } }) : [];
    const deductions: Deduction[] = deposits.map((d) => deductionOf(d, credits.filter((c) => c.creditsId === d.id)));
    const quote = basis.quote;
    const lines = quote ? await tx.find(InvoiceLine, { invoice: quote.id }, { orderBy: { position: 'asc' } }) : [];
    const kept: FinalInvoiceDeductions = { service: { netTotal: '0.00', taxTotal: '0.00', grossTotal: '0.00', taxBreakdown: [] }, deductions };
    const dto = await createInvoice(
      tx,
      actor,
      {
        type: 'invoice',
        customerId: basis.customerId,
        projectId: basis.projectId,
        responsibleId: quote?.responsible?.id ?? null,
        ...(basis.language ? { language: basis.language } : {}),
        reverseCharge: quote?.reverseCharge ?? false,
        serviceDate: dateOnly(quote?.serviceDate),
        servicePeriodFrom: dateOnly(quote?.servicePeriodFrom),
        servicePeriodTo: dateOnly(quote?.servicePeriodTo),
        validUntil: null,
        introText: quote?.introText ?? null,
        paymentTerms: null,
        footerText: quote?.footerText ?? null,
        notes: null,
        lines: lines.map((l) => ({ description: l.description, quantity: quantityText(l.quantity), unit: l.unit, unitPrice: priceText(l.unitPrice), taxRate: Number(l.taxRate) as TaxRate })),
      },
      { kind: 'final', basisQuoteId: quote?.id ?? null, deductions: kept },
    );
    for (const d of deposits) await tx.execute(`insert into invoice_deductions (final_invoice_id, deposit_id) values (?, ?)`, [dto.id, d.id]);
    return dto;
  });
}

export interface DepositSummaryDto {
  id: string;
  number: string | null;
  status: string;
  issueDate: string | null;
  netTotal: string;
  grossTotal: string;
  deductedBy: { id: string; number: string | null } | null;
}

/** The deposits of a quote or project, with the final invoice that deducts each (for the pages). */
export async function listDeposits(em: EntityManager, input: DepositListInput): Promise<DepositSummaryDto[]> {
  const basis: Basis = input.quoteId
    ? await (async () => {
        const quote = await em.findOne(Invoice, { id: input.quoteId ?? '' });
        if (!quote) throw notFound('Invoice', input.quoteId ?? '');
        return { quote, customerId: '', projectId: null, language: undefined };
      })()
    : { quote: null, customerId: '', projectId: input.projectId ?? null, language: undefined };
  const rows = await depositsOf(em, basis);
  const totals = rows.length ? await em.find(Invoice, { id: { $in: rows.map((r) => r.id) } }) : [];
  return rows.map((r) => {
    const inv = totals.find((t) => t.id === r.id);
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      issueDate: r.issue_date,
      netTotal: moneyText(inv?.netTotal ?? '0'),
      grossTotal: moneyText(inv?.grossTotal ?? '0'),
      deductedBy: r.final_id ? { id: r.final_id, number: r.final_number } : null,
    };
  });
}
