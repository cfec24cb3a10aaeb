import type { EntityManager } from '@mikro-orm/postgresql';
import { messageOf } from '@workmate/domain/error-codes';
import { AppError, appError } from '@workmate/domain/errors';
import { manualTransitionIssue } from '@workmate/domain/invoice-lifecycle';
import { hasPermission } from '@workmate/domain/permissions';
import type { BulkSetStatusInput, SetStatusInput } from '@workmate/domain/schemas/invoices';
import { translateDbError } from '../shared/db-errors.ts';
import type { Actor } from '../shared/actor.ts';
import type { BulkStatusResult, InvoiceDto } from './dto.ts';
import { finalizeLocked, markSentLocked } from './finalize.ts';
import { payRestLocked } from './payments.ts';
import { getInvoice, lockInvoice } from './queries.ts';

/**
 * Moves a document along its lifecycle by hand. Only the steps a person may take are allowed
 * (see invoice-lifecycle.ts); "paid" records the outstanding rest as a payment, so the payments
 * always add up to what the status says.
 */
export async function setStatus(em: EntityManager, actor: Actor, input: SetStatusInput): Promise<InvoiceDto> {
  await em.transactional(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    const problem = manualTransitionIssue(invoice.type, invoice.status, input.status, invoice.number ?? 'Draft');
    if (problem) throw new AppError('CONFLICT', messageOf(problem), { field: 'status', issue: problem });
    if (invoice.status === input.status) return;
    switch (input.status) {
      case 'finalized':
        await finalizeLocked(tx, invoice);
        break;
      case 'sent':
        await markSentLocked(tx, invoice);
        break;
      case 'paid':
        if (!hasPermission(actor.permissions, 'invoices.payments')) {
          throw appError('FORBIDDEN', 'invoice.paidNeedsPermission', {}, { field: 'status' });
        }
        await payRestLocked(tx, actor, invoice);
        break;
      default:
        invoice.status = input.status;
    }
    await tx.flush();
  });
  return getInvoice(em, input.id);
}

/** Each document on its own: one refused change does not stop the others. */
export async function bulkSetStatus(em: EntityManager, actor: Actor, input: BulkSetStatusInput): Promise<BulkStatusResult[]> {
  const results: BulkStatusResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const done = await setStatus(em.fork(), actor, { id, status: input.status });
      results.push({ id, ok: true, status: done.status });
    } catch (error) {
      const mapped = translateDbError(error);
      if (!(mapped instanceof AppError)) throw error;
      results.push({ id, ok: false, code: mapped.code, message: mapped.message, ...(mapped.issue ? { appCode: mapped.issue.code, params: mapped.issue.params } : {}) });
    }
  }
  return results;
}
