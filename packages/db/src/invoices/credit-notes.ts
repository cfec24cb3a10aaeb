import type { EntityManager } from '@mikro-orm/postgresql';
import { creditNoteProblem } from '@workmate/domain/credit-notes';
import { appError } from '@workmate/domain/errors';
import type { TaxBreakdownRow } from '@workmate/domain/invoice-totals';
import { formatScaled, fromCents, parseScaled, toCents } from '@workmate/domain/money';
import { QUANTITY_SCALE } from '@workmate/domain/invoice-totals';
import type { CreditNoteCreateInput } from '@workmate/domain/schemas/invoice-corrections';
import { Invoice } from '../entities/invoice.ts';
import type { Actor } from '../shared/actor.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { createInvoice } from './drafts.ts';
import type { InvoiceDto } from './dto.ts';
import { settle } from './payments.ts';
import { lockInvoice } from './queries.ts';

const negate = (quantity: string) => formatScaled(-parseScaled(quantity, QUANTITY_SCALE), QUANTITY_SCALE);

/** The original must be a finalized, not cancelled invoice. */
function requireCorrectable(original: Invoice) {
  if (original.type !== 'invoice') throw appError('CONFLICT', 'creditNote.onlyInvoices', {}, { field: 'invoiceId' });
  if (original.status === 'draft') throw appError('CONFLICT', 'creditNote.originalDraft', {}, { field: 'invoiceId' });
  if (original.status === 'cancelled') throw appError('CONFLICT', 'creditNote.originalCancelled', { number: original.number ?? '' }, { field: 'invoiceId' });
}

/** A deposit a final invoice deducts in full is corrected through that final invoice, not itself. */
async function requireNotDeducted(tx: EntityManager, original: Invoice) {
  if (original.kind !== 'deposit') return;
  const rows = await tx.execute<Array<{ number: string | null }>>(`select f.number from invoice_deductions d join invoices f on f.id = d.final_invoice_id where d.deposit_id = ?`, [original.id]);
  if (rows[0]) throw appError('CONFLICT', 'creditNote.depositDeducted', { number: original.number ?? '', final: rows[0].number ?? '(draft)' }, { field: 'invoiceId' });
}

/** The VAT rows of the finalized credit notes of an invoice (negative nets), `except` one. */
async function earlierCredits(tx: EntityManager, originalId: string, except?: string): Promise<TaxBreakdownRow[][]> {
  const notes = await tx.find(Invoice, { type: 'credit_note', creditsId: originalId, status: { $ne: 'draft' }, ...(except ? { id: { $ne: except } } : {}) });
  return notes.map((n) => n.taxBreakdown);
}

/** Refuses a credit note beyond what remains of the original, naming the lines and the rate. */
function checkRemaining(original: Invoice, earlier: TaxBreakdownRow[][], credit: TaxBreakdownRow[]) {
  const problem = creditNoteProblem(original.taxBreakdown, earlier, credit);
  if (!problem) return;
  if (problem.kind === 'empty') throw appError('BAD_REQUEST', 'creditNote.empty', {}, { field: 'lines' });
  if (problem.kind === 'notNegative') throw appError('BAD_REQUEST', 'creditNote.notNegative', { rate: String(problem.taxRate) }, { field: 'lines' });
  throw appError(
    'CONFLICT',
    'creditNote.beyondRemaining',
    { requested: problem.requested, rate: String(problem.taxRate), remaining: problem.remaining, number: original.number ?? '' },
    { field: 'lines' },
  );
}

/**
 * A credit note (Rechnungskorrektur) as a draft: the chosen lines taken back (negated) from a
 * finalized invoice, for the same customer, project and tax case, never beyond what remains of
 * it. It is numbered in its own series when finalized, which is when it lowers the original.
 */
export async function createCreditNote(em: EntityManager, actor: Actor, input: CreditNoteCreateInput): Promise<InvoiceDto> {
  return em.transactional(async (tx) => {
    const original = await lockInvoice(tx, input.invoiceId);
    requireCorrectable(original);
    await requireNotDeducted(tx, original);
    await tx.populate(original, ['customer', 'project']);
    const earlier = await earlierCredits(tx, original.id);
    const dto = await createInvoice(
      tx,
      actor,
      {
        type: 'invoice',
        customerId: original.customer.id,
        projectId: original.project?.id ?? null,
        responsibleId: original.responsible?.id ?? null,
        language: original.language,
        reverseCharge: original.reverseCharge,
        serviceDate: dateOnly(original.serviceDate),
        servicePeriodFrom: dateOnly(original.servicePeriodFrom),
        servicePeriodTo: dateOnly(original.servicePeriodTo),
        paymentTermsDays: 0,
        validUntil: null,
        introText: input.reason ?? null,
        paymentTerms: null,
        footerText: original.footerText ?? null,
        notes: null,
        lines: input.lines.map((l) => ({ ...l, quantity: negate(l.quantity) })),
      },
      // The customer as printed on the original, and its tax case: the credit mirrors it.
      { type: 'credit_note', creditsId: original.id, taxCase: original.taxCase, buyer: original.buyer },
    );
    checkRemaining(original, earlier, dto.taxBreakdown);
    return dto;
  });
}

/**
 * Called when a credit note is finalized, inside that transaction: checks again what remains
 * (other credit notes may have been finalized since the draft) and lowers what the original is
 * owed; a fully corrected invoice is settled.
 */
export async function applyCreditNoteLocked(tx: EntityManager, creditNote: Invoice): Promise<void> {
  if (!creditNote.creditsId) return;
  const original = await lockInvoice(tx, creditNote.creditsId);
  requireCorrectable(original);
  await requireNotDeducted(tx, original);
  checkRemaining(original, await earlierCredits(tx, original.id, creditNote.id), creditNote.taxBreakdown);
  const credited = toCents(moneyText(original.creditedAmount)) - toCents(moneyText(creditNote.grossTotal));
  original.creditedAmount = fromCents(credited);
  await settle(tx, original);
}
