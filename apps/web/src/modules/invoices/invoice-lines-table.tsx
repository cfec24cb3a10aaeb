import { useI18n } from '../../i18n/i18n.tsx';
import { Empty } from '../../ui/page.tsx';
import type { Invoice } from './invoice-options.ts';

/** The stored line items, read-only. */
export function InvoiceLinesTable({ invoice }: { invoice: Invoice }) {
  const { t, lang, formatMoney } = useI18n();
  if (!invoice.lines.length) return <Empty>{t('invoice.noLines')}</Empty>;
  const quantity = (q: string) => (lang === 'de' ? q.replace('.', ',') : q);
  return (
    <div className="table-wrap">
      <table className="table table-top" data-testid="invoice-lines-table">
        <thead>
          <tr>
            <th>{t('invoice.linePosition')}</th>
            <th>{t('invoice.lineDescription')}</th>
            <th className="num">{t('invoice.lineQuantity')}</th>
            <th className="num">{t('invoice.lineUnitPrice')}</th>
            <th className="num">{t('invoice.lineTaxRate')}</th>
            <th className="num">{t('invoice.lineNet')}</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((l) => (
            <tr key={l.id} data-testid="invoice-line">
              <td className="mono">{l.position}</td>
              <td className="line-text">
                <span className="pre-wrap">{l.description}</span>
                {l.timeEntryCount ? <span className="muted small block">{t('invoice.lineTimeEntries', { count: l.timeEntryCount })}</span> : null}
              </td>
              <td className="num nowrap">
                {quantity(l.quantity)} {l.unit}
              </td>
              <td className="num nowrap">{formatMoney(l.unitPrice)}</td>
              <td className="num nowrap">{`${l.taxRate} %`}</td>
              <td className="num nowrap">{formatMoney(l.netAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
