import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';
import { CsvButton } from './csv-button.tsx';
import { PdfButton } from './pdf-button.tsx';

/**
 * Open items of customers or suppliers, with each personal account's balance next to its items'
 * sum; as CSV or PDF (per party, with the totals). Today's list, or as it stood at a chosen day.
 */
export function OpenItemsCard() {
  const { t, formatMoney, formatDate } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [side, setSide] = useState<'debtor' | 'creditor'>('debtor');
  const [asOf, setAsOf] = useState('');
  // An incomplete date in the field asks for today's list, not an error on every keystroke.
  const input = { side, ...(/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? { asOf } : {}) };
  const list = useQuery(trpc.bookkeeping.openItems.list.queryOptions(input));
  return (
    <Card
      title={t('bk.openItems')}
      actions={
        <>
          <CsvButton testId="bk-open-items-csv" fetchFile={() => queryClient.fetchQuery({ ...trpc.bookkeeping.openItems.csv.queryOptions(input), staleTime: 0 })} />
          <PdfButton testId="bk-open-items-pdf" input={{ report: 'openItems', ...input }} />
        </>
      }
      testId="bk-open-items"
    >
      <div className="form-grid">
        <SelectField
          name="side"
          label={t('bk.openItemsSide')}
          value={side}
          onChange={(v) => setSide(v === 'creditor' ? 'creditor' : 'debtor')}
          options={[
            { value: 'debtor', label: t('bk.debtors') },
            { value: 'creditor', label: t('bk.creditors') },
          ]}
          testId="bk-open-items-side"
        />
        <TextField name="asOf" type="date" label={t('bk.openItemsAsOf')} value={asOf} onChange={setAsOf} testId="bk-open-items-as-of" />
      </div>
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('bk.noOpenItems')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('bk.account')}</th>
              <th>{t('bk.party')}</th>
              <th>{t('bk.documentNumber')}</th>
              <th>{t('bk.documentDate')}</th>
              <th>{t('bk.dueDate')}</th>
              <th className="num">{t('bk.itemAmount')}</th>
              <th className="num">{t('bk.itemOpen')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((i) => (
              <tr key={i.id} data-testid="bk-open-item" data-open={i.open}>
                <td>{i.accountNumber}</td>
                <td>{i.partyName}</td>
                <td>{i.documentNumber ?? '—'}</td>
                <td>{formatDate(i.documentDate)}</td>
                <td>{formatDate(i.dueDate)}</td>
                <td className="num">{formatMoney(i.amount)}</td>
                <td className="num">{formatMoney(i.open)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={6}>{t('bk.total')}</th>
              <th className="num" data-testid="bk-open-items-total">{formatMoney(list.data.total)}</th>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </Card>
  );
}
