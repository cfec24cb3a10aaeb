import type { EntityManager } from '@mikro-orm/postgresql';
import type { InvoiceStatus } from '@workmate/domain/enums';
import { notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { RecurringInvoicesInput } from '@workmate/domain/schemas/recurring';
import { RecurringInvoice } from '../entities/recurring-invoice.ts';
import { RecurringInvoicePeriod } from '../entities/recurring-invoice-period.ts';
import { dateOnly, moneyText } from '../shared/format.ts';

/** One billed period of a template and the invoice made for it. */
export interface RecurringPeriodDto {
  id: string;
  periodStart: string;
  periodEnd: string;
  /** Null when the invoice (a draft) was deleted since. */
  invoice: { id: string; number: string | null; status: InvoiceStatus; issueDate: string | null; grossTotal: string } | null;
  /** Why auto-finalize left it a draft. */
  finalizeError: string | null;
  sendStatus: 'pending' | 'claimed' | 'requested' | 'failed' | null;
  sendError: string | null;
  createdAt: string;
}

/** The invoices a template made, newest period first (deleted templates too: their invoices stay). */
export async function listRecurringInvoices(em: EntityManager, input: RecurringInvoicesInput): Promise<PageResult<RecurringPeriodDto>> {
  if (!(await em.count(RecurringInvoice, { id: input.id }))) throw notFound('Recurring invoice', input.id);
  const [rows, total] = await em.findAndCount(
    RecurringInvoicePeriod,
    { template: input.id },
    { populate: ['invoice'], orderBy: { periodStart: 'desc' }, limit: input.pageSize, offset: (input.page - 1) * input.pageSize },
  );
  const items = rows.map((r) => ({
    id: r.id,
    periodStart: dateOnly(r.periodStart) as string,
    periodEnd: dateOnly(r.periodEnd) as string,
    invoice: r.invoice
      ? { id: r.invoice.id, number: r.invoice.number ?? null, status: r.invoice.status, issueDate: dateOnly(r.invoice.issueDate), grossTotal: moneyText(r.invoice.grossTotal) }
      : null,
    finalizeError: r.finalizeError ?? null,
    sendStatus: r.sendStatus ?? null,
    sendError: r.sendError ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, total, page: input.page, pageSize: input.pageSize };
}
