import type { EntityManager } from '@mikro-orm/postgresql';
import { computeFinalInvoice } from '@workmate/domain/deposits';
import { appError } from '@workmate/domain/errors';
import type { Invoice } from '../entities/invoice.ts';
import { applyCreditNoteLocked } from './credit-notes.ts';

/**
 * What finalizing checks and does for credit notes and final invoices, after the mandatory
 * content and before the number is taken (so a refusal uses no number).
 */
export async function beforeNumbering(tx: EntityManager, invoice: Invoice): Promise<void> {
  if (invoice.type === 'credit_note') await applyCreditNoteLocked(tx, invoice);
  if (invoice.kind === 'final') await checkFinalLocked(tx, invoice);
}

/**
 * A final invoice deducts only finalized deposits that are not cancelled (one may have been
 * cancelled since the draft was made), and only once its service covers them on every rate.
 */
async function checkFinalLocked(tx: EntityManager, invoice: Invoice): Promise<void> {
  const kept = invoice.deductions;
  if (!kept) return;
  const rows = await tx.execute<Array<{ id: string; number: string | null; status: string }>>(
    `select i.id, i.number, i.status from invoice_deductions d join invoices i on i.id = d.deposit_id where d.final_invoice_id = ? for update of i`,
    [invoice.id],
  );
  for (const row of rows) {
    if (row.status === 'cancelled') throw appError('CONFLICT', 'final.depositCancelled', { number: row.number ?? '' }, { field: 'depositIds' });
  }
  const result = computeFinalInvoice(kept.service, kept.deductions);
  if (!result.ok) throw appError('CONFLICT', 'final.depositsBeyondService', { rate: String(result.taxRate) }, { field: 'lines' });
}
