import { isMoneyString } from '@workmate/domain/money';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card, Empty } from '../../ui/page.tsx';
import { actorName } from '../../lib/readable-value.ts';
import { AuditChanges } from '../audit/audit-changes.tsx';
import type { Invoice } from './invoice-options.ts';

const MONEY_FIELDS = new Set(['netTotal', 'taxTotal', 'grossTotal', 'paidAmount', 'amount']);
/** Derived data that only repeats the fields above (the totals per rate). */
const HIDDEN_FIELDS = new Set(['taxBreakdown']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A list recorded by the audit trail: as a list, or as JSON text (json columns). */
function listOf(value: unknown): string[] {
  const list = typeof value === 'string' && value.startsWith('[') ? parseJson(value) : value;
  return Array.isArray(list) ? list.map(String) : [];
}

/** Fields of an email send request that the summary line already says, or that mean nothing to a reader. */
const SEND_SUMMARISED = new Set(['status', 'toAddresses', 'ccAddresses', 'error', 'sentAt', 'invoice', 'requestedBy', 'requestedAt', 'language', 'id', 'createdAt']);

/** Who changed what and when (Berlin time), newest first; changed fields as before → after. */
export function InvoiceHistory({ invoice }: { invoice: Invoice }) {
  const { t, tOr, formatDateTime, formatMoney } = useI18n();
  const label = (field: string) => tOr(`invoice.${field}`, field);
  // Statuses and amounts as people read them; anything else as recorded.
  const readable = (field: string, value: unknown): unknown => {
    if (field === 'status' && typeof value === 'string') return tOr(`invoiceStatus.${value}`, value);
    if (field === 'method' && typeof value === 'string') return tOr(`paymentMethod.${value}`, value);
    if (MONEY_FIELDS.has(field) && (typeof value === 'string' || typeof value === 'number') && isMoneyString(String(value))) return formatMoney(String(value));
    // The frozen seller and buyer (recorded as objects or as JSON text): their names say enough here.
    const party = typeof value === 'string' && value.startsWith('{') ? parseJson(value) : value;
    if (isRecord(party) && typeof (party.name ?? party.companyName) === 'string') return party.name ?? party.companyName;
    // A stored file's id means nothing to a person; that there is one does.
    if (field === 'pdfDocument' && value) return '✓';
    if (field === 'toAddresses' || field === 'ccAddresses') return listOf(value).join(', ');
    return value;
  };
  // Emailing the document (issue 14): what was asked and what became of it, in one line.
  const sendSummary = (action: string, changes: Record<string, { before?: unknown; after?: unknown }>): string => {
    if (action === 'create') {
      const to = listOf(changes.toAddresses?.after).join(', ');
      const cc = listOf(changes.ccAddresses?.after).join(', ');
      return cc ? t('invoiceSend.requestedCc', { to, cc }) : t('invoiceSend.requested', { to });
    }
    if (changes.status?.after === 'sent') return t('invoiceSend.sent');
    if (changes.status?.after === 'failed') return t('invoiceSend.failed', { error: String(changes.error?.after ?? '') });
    return tOr(`change.${action}`, action);
  };
  const changesOf = (changes: Record<string, { before?: unknown; after?: unknown }>, entity = 'invoice') =>
    Object.fromEntries(
      Object.entries(changes)
        .filter(([field]) => !HIDDEN_FIELDS.has(field) && (entity !== 'invoiceSend' || !SEND_SUMMARISED.has(field)))
        .map(([field, c]) => [field, { before: readable(field, c.before), after: readable(field, c.after) }]),
    );

  return (
    <Card title={t('invoice.history')} testId="invoice-history">
      {!invoice.history.length ? (
        <Empty>{t('activity.timelineEmpty')}</Empty>
      ) : (
        <ol className="timeline">
          {invoice.history.map((h, i) => (
            <li key={`${h.at}-${i}`} className="timeline-item timeline-change" data-testid="history-entry">
              <div className="timeline-body">
                {h.entity === 'invoiceSend' ? (
                  <div className="timeline-title" data-testid="history-send">
                    {t('invoiceSend.historyTitle')}: {sendSummary(h.action, h.changes)}
                  </div>
                ) : (
                  <div className="timeline-title">
                    {tOr(`entity.${h.entity}`, h.entity)} {tOr(`change.${h.action}`, h.action)}
                  </div>
                )}
                <div className="muted small">
                  <time dateTime={h.at}>{formatDateTime(h.at)}</time>
                  <span> · {t('activity.by', { actor: actorName(h.actorLabel, t('audit.system'), t('audit.demoData')) })}</span>
                </div>
                {h.action !== 'create' || h.entity === 'invoiceSend' ? <AuditChanges changes={changesOf(h.changes, h.entity)} entity={h.entity} fieldLabel={label} /> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
