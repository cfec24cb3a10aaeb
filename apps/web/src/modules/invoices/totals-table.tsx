import type { TaxCase } from '@workmate/domain/enums';
import type { TaxBreakdownRow } from '@workmate/domain/invoice-totals';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

interface Totals {
  taxBreakdown: TaxBreakdownRow[];
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
}

/** Net and VAT per rate, the sums and the gross total; `children` adds rows (paid, outstanding). */
export function TotalsTable({ totals, taxCase, grossTestId, children }: { totals: Totals; taxCase: TaxCase; grossTestId: string; children?: ReactNode }) {
  const { t, formatMoney } = useI18n();
  return (
    <div className="totals-box">
      {taxCase !== 'standard' ? (
        <p className="muted small" data-testid="tax-case-note">
          {t(taxCase === 'small_business' ? 'invoice.smallBusinessNote' : 'invoice.reverseChargeNote')}
        </p>
      ) : null}
      <table className="table totals-table" data-testid="totals-table">
        <tbody>
          <tr>
            <th scope="row">{t('invoice.netTotal')}</th>
            <td className="num nowrap" data-testid="total-net" data-amount={totals.netTotal}>
              {formatMoney(totals.netTotal)}
            </td>
          </tr>
          {totals.taxBreakdown.map((row) => (
            <tr key={row.taxRate} className="totals-rate" data-testid="total-rate" data-rate={row.taxRate} data-net={row.netAmount} data-tax={row.taxAmount}>
              <th scope="row">{t('invoice.taxAtRate', { rate: row.taxRate, net: formatMoney(row.netAmount) })}</th>
              <td className="num nowrap">{formatMoney(row.taxAmount)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('invoice.taxTotal')}</th>
            <td className="num nowrap" data-testid="total-tax" data-amount={totals.taxTotal}>
              {formatMoney(totals.taxTotal)}
            </td>
          </tr>
          <tr className="totals-gross">
            <th scope="row">{t('invoice.grossTotal')}</th>
            <td className="num nowrap" data-testid={grossTestId} data-amount={totals.grossTotal}>
              {formatMoney(totals.grossTotal)}
            </td>
          </tr>
          {children}
        </tbody>
      </table>
    </div>
  );
}
