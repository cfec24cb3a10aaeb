import type { SupplierInvoiceStatus } from '@workmate/domain/einvoice-in';
import { useT } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';

const TONES: Record<SupplierInvoiceStatus, string> = { draft: 'warning', approved: 'success', rejected: 'danger' };

export function SupplierInvoiceStatusBadge({ status }: { status: SupplierInvoiceStatus }) {
  const t = useT();
  return (
    <Badge tone={TONES[status]} testId="einvoice-status">
      {t(`einvoiceIn.status.${status}`)}
    </Badge>
  );
}
