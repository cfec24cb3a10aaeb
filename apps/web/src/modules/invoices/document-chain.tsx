import { Link } from 'wouter';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/page.tsx';
import type { DocumentRef, Invoice } from './invoice-options.ts';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';

/** How this document hangs together with others: cancellation, corrected copies, quote and invoice. */
export function DocumentChain({ invoice: inv }: { invoice: Invoice }) {
  const { t, tOr, formatDate } = useI18n();
  const links: Array<{ key: string; label: MessageKey; ref: DocumentRef }> = [];
  const add = (key: string, label: MessageKey, ref: DocumentRef | null) => {
    if (ref) links.push({ key, label, ref });
  };
  add('cancels', 'invoice.chainCancels', inv.cancels);
  add('cancelledBy', 'invoice.chainCancelledBy', inv.cancelledBy);
  add('corrects', 'invoice.chainCorrects', inv.corrects);
  inv.correctedBy.forEach((ref, i) => add(`correctedBy-${i}`, 'invoice.chainCorrectedBy', ref));
  add('sourceQuote', 'invoice.chainSourceQuote', inv.sourceQuote);
  add('convertedTo', 'invoice.chainConvertedTo', inv.convertedTo);
  add('credits', 'invoice.chainCredits', inv.credits);
  inv.creditNotes.forEach((ref, i) => add(`creditNote-${i}`, 'invoice.chainCreditNote', ref));
  add('basisQuote', 'invoice.chainBasisQuote', inv.basisQuote);
  if (!links.length) return null;

  return (
    <Card title={t('invoice.chainTitle')} testId="invoice-chain">
      <ul className="plain-list">
        {links.map(({ key, label, ref }) => (
          <li key={key} data-testid={`chain-${key.replace(/-\d+$/, '')}`}>
            <span className="muted small block">{t(label)}</span>
            <Link href={`/invoices/${ref.id}`} className="mono">
              {ref.number ?? t('invoice.draftNumber')}
            </Link>{' '}
            <span className="small">{tOr(`invoiceType.${ref.type}`, ref.type)}</span>
            {ref.issueDate ? <span className="muted small"> · {formatDate(ref.issueDate)}</span> : null}{' '}
            <InvoiceStatusBadge status={ref.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
