import type { InvoiceStatus } from '@workmate/domain/enums';
import { useI18n } from '../../i18n/i18n.tsx';
import { INVOICE_STATUS_TONES } from './invoice-options.ts';

/** The status as a badge; `data-status` carries the raw value for scripts and tests. */
export function InvoiceStatusBadge({ status, testId }: { status: InvoiceStatus; testId?: string }) {
  const { tOr } = useI18n();
  return (
    <span className={`badge badge-${INVOICE_STATUS_TONES[status]}`} data-testid={testId} data-status={status}>
      {tOr(`invoiceStatus.${status}`, status)}
    </span>
  );
}
