import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/page.tsx';
import type { Invoice } from './invoice-options.ts';

/**
 * A final invoice's deductions (§14(5) UStG): the full service, then each deposit with its net
 * and VAT per rate. The totals below it on the page are what is left to pay. The cancellation of
 * a final invoice shows the same block negated (the deposits given back).
 */
const minus = (amount: string) => (amount.startsWith('-') ? amount.slice(1) : `-${amount}`);

export function FinalDeductions({ invoice: inv }: { invoice: Invoice }) {
  const { t, formatMoney, formatDate } = useI18n();
  const kept = inv.kind === 'final' || inv.type === 'cancellation' ? inv.deductions : null;
  if (!kept) return null;
  return (
    <Card title={t('invoice.deductionsTitle')} testId="final-deductions">
      <table className="table table-compact">
        <tbody>
          <tr>
            <th scope="row">{t('invoice.deductionsService')}</th>
            <td className="num nowrap" data-testid="final-service-gross">
              {formatMoney(kept.service.grossTotal)}
            </td>
          </tr>
          {kept.deductions.map((d) => (
            <tr key={d.depositId} data-testid="final-deduction">
              <th scope="row">
                {t('invoice.deductionsLine', { number: d.number, date: d.issueDate ? formatDate(d.issueDate) : '' })}
                {d.taxBreakdown.map((r) => (
                  <span key={r.taxRate} className="muted small block">
                    {t('invoice.deductionsRate', { rate: String(r.taxRate), net: formatMoney(r.netAmount), tax: formatMoney(r.taxAmount) })}
                  </span>
                ))}
              </th>
              <td className="num nowrap">{formatMoney(minus(d.grossTotal))}</td>
            </tr>
          ))}
          {kept.deductions.length === 0 ? (
            <tr>
              <td colSpan={2} className="muted">
                {t('invoice.deductionsNone')}
              </td>
            </tr>
          ) : null}
          <tr className="totals-outstanding">
            <th scope="row">{t(inv.type === 'cancellation' ? 'invoice.deductionsCancellationTotal' : 'invoice.deductionsDue')}</th>
            <td className="num nowrap" data-testid="final-due">
              {formatMoney(inv.grossTotal)}
            </td>
          </tr>
        </tbody>
      </table>
    </Card>
  );
}
