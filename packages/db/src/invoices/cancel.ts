import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { formatScaled, parseScaled, toCents } from '@workmate/domain/money';
import { QUANTITY_SCALE } from '@workmate/domain/invoice-totals';
import type { CancelInput } from '@workmate/domain/schemas/invoices';
import { Employee } from '../entities/employee.ts';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import { Expense } from '../entities/expense.ts';
import { TimeEntry } from '../entities/time-entry.ts';
import type { Actor } from '../shared/actor.ts';
import { applyTotals } from './drafts.ts';
import { correctionOfFinal, deductAgain, mirrorFinalInvoice, releaseDeposits } from './cancel-final.ts';
import type { InvoiceDto } from './dto.ts';
import { finalizeLocked } from './finalize.ts';
import { moneyText } from '../shared/format.ts';
import { getInvoice, lockInvoice } from './queries.ts';

export interface CancelResultDto {
  original: InvoiceDto;
  cancellation: InvoiceDto;
  correction: InvoiceDto | null;
}

const negate = (quantity: string) => formatScaled(-parseScaled(quantity, QUANTITY_SCALE), QUANTITY_SCALE);

function copyLines(tx: EntityManager, from: InvoiceLine[], to: Invoice, sign: 1 | -1): Array<[InvoiceLine, InvoiceLine]> {
  return from.map((l) => [
    l,
    tx.create(InvoiceLine, {
      invoice: to,
      position: l.position,
      description: l.description,
      quantity: sign === 1 ? l.quantity : negate(String(l.quantity)),
      unit: l.unit,
      unitPrice: l.unitPrice,
      taxRate: l.taxRate,
      netAmount: '0.00',
    }),
  ]);
}

/** A new draft for the same customer, project, language, tax case and service as the original. */
function sameParties(tx: EntityManager, original: Invoice, actor: Actor) {
  return {
    status: 'draft' as const,
    customer: original.customer,
    project: original.project,
    responsible: original.responsible ?? null,
    createdBy: tx.getReference(Employee, actor.id),
    language: original.language,
    reverseCharge: original.reverseCharge,
    taxCase: original.taxCase,
    serviceDate: original.serviceDate ?? null,
    servicePeriodFrom: original.servicePeriodFrom ?? null,
    servicePeriodTo: original.servicePeriodTo ?? null,
    taxBreakdown: [],
  };
}

/**
 * Corrects a finalized invoice the GoBD way: a numbered cancellation invoice (Stornorechnung)
 * with every line negated reverses it, referencing the original's number and date; the original
 * stays as it was, marked cancelled. A final invoice's cancellation negates its deductions too,
 * releasing its deposits; its corrected copy is a final invoice deducting them again. Optionally a corrected copy starts as a new draft and takes
 * over the billed time; otherwise that time becomes unbilled again.
 */
export async function cancelInvoice(em: EntityManager, actor: Actor, input: CancelInput): Promise<CancelResultDto> {
  const ids = await em.transactional(async (tx) => {
    const original = await lockInvoice(tx, input.id);
    if (original.type !== 'invoice') throw appError('CONFLICT', 'invoice.onlyInvoicesCancelled', {}, { field: 'id' });
    if (original.status === 'draft') throw appError('CONFLICT', 'invoice.draftNotCancelled', {}, { field: 'id' });
    if (original.status === 'cancelled') throw appError('CONFLICT', 'invoice.alreadyCancelled', { number: String(original.number) }, { field: 'id' });
    // Credit notes and final invoices build on it: a cancellation would take it back twice.
    if (await tx.count(Invoice, { type: 'credit_note', creditsId: original.id, status: { $ne: 'draft' } })) {
      throw appError('CONFLICT', 'invoice.hasCreditNotes', { number: String(original.number) }, { field: 'id' });
    }
    const deducted = await tx.execute<Array<{ number: string | null }>>(`select f.number from invoice_deductions d join invoices f on f.id = d.final_invoice_id where d.deposit_id = ?`, [original.id]);
    if (deducted[0]) throw appError('CONFLICT', 'deposit.deducted', { number: String(original.number), final: deducted[0].number ?? '(draft)' }, { field: 'id' });
    if (toCents(moneyText(original.paidAmount)) > 0n) {
      throw appError('CONFLICT', 'invoice.hasPayments', { number: String(original.number), paid: moneyText(original.paidAmount) }, { field: 'id' });
    }
    const lines = await tx.find(InvoiceLine, { invoice: original.id }, { orderBy: { position: 'asc' } });
    // The time the original billed, moved through the ORM so each change is in the audit trail.
    const billed = lines.length ? await tx.find(TimeEntry, { invoiceLine: { $in: lines.map((l) => l.id) } }) : [];
    const billedExpenses = lines.length ? await tx.find(Expense, { invoiceLine: { $in: lines.map((l) => l.id) } }) : [];
    const now = new Date();

    const cancellation = tx.create(Invoice, {
      ...sameParties(tx, original, actor),
      type: 'cancellation',
      paymentTermsDays: 0,
      introText: input.reason ?? null,
      // The customer as printed on the original.
      buyer: original.buyer,
      cancelsId: original.id,
    });
    const negated = copyLines(tx, lines, cancellation, -1).map(([, copy]) => copy);
    // Same tax case as the original: the cancellation mirrors it to the cent.
    applyTotals(cancellation, negated, original.taxCase);
    // A final invoice: its deductions negated too, so the cancellation is its exact negative.
    mirrorFinalInvoice(cancellation, original);
    // Inserted as a draft with its lines, then finalized (finalized documents take no new lines).
    await tx.flush();
    await finalizeLocked(tx, cancellation, now);

    original.status = 'cancelled';
    original.cancelledAt = now;
    original.cancellationReason = input.reason ?? null;
    // The deposits a cancelled final invoice deducted may be deducted again.
    await tx.flush();
    await releaseDeposits(tx, original);

    let correctionId: string | null = null;
    if (input.createCorrection) {
      const correction = tx.create(Invoice, {
        ...sameParties(tx, original, actor),
        type: 'invoice',
        paymentTermsDays: original.paymentTermsDays,
        skontoPercent: original.skontoPercent ?? null,
        skontoDays: original.skontoDays ?? null,
        introText: original.introText ?? null,
        paymentTerms: original.paymentTerms ?? null,
        footerText: original.footerText ?? null,
        correctsId: original.id,
        // A final invoice's copy deducts the same deposits.
        ...correctionOfFinal(original),
      });
      const pairs = copyLines(tx, lines, correction, 1);
      applyTotals(correction, pairs.map(([, copy]) => copy), original.taxCase);
      await tx.flush();
      await deductAgain(tx, original, correction);
      // The corrected copy now bills the time the original billed.
      const target = new Map(pairs.map(([from, to]) => [from.id, to]));
      for (const entry of billed) {
        const line = entry.invoiceLine ? target.get(entry.invoiceLine.id) : undefined;
        if (line) entry.invoiceLine = line;
      }
      for (const expense of billedExpenses) {
        const line = expense.invoiceLine ? target.get(expense.invoiceLine.id) : undefined;
        if (line) {
          expense.invoiceLine = line;
          expense.invoice = correction;
        }
      }
      correctionId = correction.id;
    } else {
      // Nothing bills that time any more: it can be invoiced again.
      for (const entry of billed) {
        entry.invoiceLine = null;
        entry.isInvoiced = false;
      }
      for (const expense of billedExpenses) expense.invoiceLine = null;
    }
    await tx.flush();
    return { cancellationId: cancellation.id, correctionId };
  });
  return {
    original: await getInvoice(em, input.id),
    cancellation: await getInvoice(em, ids.cancellationId),
    correction: ids.correctionId ? await getInvoice(em, ids.correctionId) : null,
  };
}
