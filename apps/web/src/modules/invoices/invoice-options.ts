import { useQueryClient } from '@tanstack/react-query';
import type { InvoiceStatus, TaxCase } from '@workmate/domain/enums';
import type { Lang } from '../../i18n/i18n.tsx';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';

export type Invoice = RouterOutputs['invoices']['get'];
export type InvoiceListItem = RouterOutputs['invoices']['list']['items'][number];
export type InvoicePage = RouterOutputs['invoices']['list'];
export type Payment = Invoice['payments'][number];
export type Refund = Invoice['refunds'][number];
export type DocumentRef = NonNullable<Invoice['cancels']>;

export const INVOICE_STATUS_TONES: Record<InvoiceStatus, string> = {
  draft: 'neutral',
  finalized: 'info',
  sent: 'info',
  partially_paid: 'warning',
  paid: 'success',
  overdue: 'danger',
  cancelled: 'neutral',
  accepted: 'success',
  rejected: 'danger',
  expired: 'warning',
};

/** Statuses of invoices that still wait for money (the dashboard's "outstanding" link). */
export const OPEN_INVOICE_STATUSES: InvoiceStatus[] = ['finalized', 'sent', 'partially_paid', 'overdue'];

/** The company (§19 small business) decides first, then the document (reverse charge) — as the server does. */
export function taxCaseOf(smallBusiness: boolean, reverseCharge: boolean): TaxCase {
  if (smallBusiness) return 'small_business';
  return reverseCharge ? 'reverse_charge' : 'standard';
}

/** A decimal string as people type it here: "1234.5" → "1234,5" in German. */
export const decimalText = (value: string | null | undefined, lang: Lang) => (value ? (lang === 'de' ? value.replace('.', ',') : value) : '');

/** A percentage without needless zeros: "2.00" → "2", "2.50" → "2,5" (de). */
export const percentText = (value: string, lang: Lang) => decimalText(value.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1'), lang);

/** Whether a decimal string is above zero, read from the string (no float). */
export const isPositive = (amount: string) => !amount.startsWith('-') && /[1-9]/.test(amount);

/**
 * After any change to a document: its lists and figures, and the time entries and project
 * figures that billing moves (billed time, unbilled amounts).
 */
export function useInvalidateInvoices() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.invoices.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.timeTracking.pathKey() }),
    ]);
}
