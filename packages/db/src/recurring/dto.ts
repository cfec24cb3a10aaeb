import type { Language } from '@workmate/domain/enums';
import { computeTotals } from '@workmate/domain/invoice-totals';
import type { RecurringInterval } from '@workmate/domain/recurring-periods';
import type { RecurringInvoice, RecurringLine } from '../entities/recurring-invoice.ts';
import { taxRateOf } from '../invoices/mapping.ts';
import { dateOnly, personRef } from '../shared/format.ts';

/** A recurring invoice as the API shows it. Dates YYYY-MM-DD (Berlin), instants ISO 8601 UTC, amounts decimal strings. */
export interface RecurringDto {
  id: string;
  name: string;
  customer: { id: string; name: string };
  interval: RecurringInterval;
  startDate: string;
  endDate: string | null;
  /** The start of the next period to bill; null once the end date has passed. */
  nextDate: string | null;
  language: Language | null;
  paymentTermsDays: number | null;
  introText: string | null;
  footerText: string | null;
  notes: string | null;
  lines: RecurringLine[];
  /** The net amount of one period's invoice. */
  netTotal: string;
  active: boolean;
  autoFinalize: boolean;
  autoSend: boolean;
  /** Why the last run could not bill the next period; null when it could. */
  lastError: string | null;
  lastErrorAt: string | null;
  createdBy: { id: string; name: string } | null;
  /** How many periods it has billed. */
  invoiceCount: number;
  createdAt: string;
  version: number;
}

export function toRecurringDto(t: RecurringInvoice, invoiceCount: number): RecurringDto {
  const lines = t.lines.map((l) => ({ ...l, taxRate: taxRateOf(l.taxRate) }));
  return {
    id: t.id,
    name: t.name,
    customer: { id: t.customer.id, name: t.customer.name },
    interval: t.interval,
    startDate: dateOnly(t.startDate) as string,
    endDate: dateOnly(t.endDate),
    nextDate: dateOnly(t.nextDate),
    language: t.language ?? null,
    paymentTermsDays: t.paymentTermsDays ?? null,
    introText: t.introText ?? null,
    footerText: t.footerText ?? null,
    notes: t.notes ?? null,
    lines,
    // The net does not depend on the tax case, so the standard one serves here.
    netTotal: computeTotals(lines, 'standard').netTotal,
    active: t.active,
    autoFinalize: t.autoFinalize,
    autoSend: t.autoSend,
    lastError: t.lastError ?? null,
    lastErrorAt: t.lastErrorAt?.toISOString() ?? null,
    createdBy: t.createdBy ? personRef(t.createdBy) : null,
    invoiceCount,
    createdAt: t.createdAt.toISOString(),
    version: t.version,
  };
}
