import { useI18n } from '../../i18n/i18n.tsx';
import { Card, Empty } from '../../ui/page.tsx';
import { AuditChanges } from '../admin/audit-changes.tsx';
import type { Invoice } from './invoice-options.ts';

/** Who changed what and when (Berlin time), newest first; changed fields as before → after. */
export function InvoiceHistory({ invoice }: { invoice: Invoice }) {
  const { t, tOr, formatDateTime } = useI18n();
  const label = (field: string) => tOr(`invoice.${field}`, field);
  return (
    <Card title={t('invoice.history')} testId="invoice-history">
      {!invoice.history.length ? (
        <Empty>{t('activity.timelineEmpty')}</Empty>
      ) : (
        <ol className="timeline history-list">
          {invoice.history.map((h, i) => (
            <li key={`${h.at}-${i}`} className="timeline-item timeline-change" data-testid="history-entry">
              <div className="timeline-body">
                <div className="timeline-title">
                  {tOr(`entity.${h.entity}`, h.entity)} {tOr(`change.${h.action}`, h.action)}
                </div>
                <div className="muted small">
                  <time dateTime={h.at}>{formatDateTime(h.at)}</time>
                  {h.actorLabel ? <span> · {t('activity.by', { actor: h.actorLabel })}</span> : null}
                </div>
                {h.action === 'update' ? <AuditChanges changes={h.changes} fieldLabel={label} /> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
