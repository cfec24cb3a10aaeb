import { useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { VAT_RETURN_FIELDS } from '@workmate/domain/schemas/bookkeeping-reports';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { CsvButton } from './csv-button.tsx';
import { PdfButton } from './pdf-button.tsx';

/** `/bookkeeping/vat`: the UStVA figures of a month or quarter, as CSV and PDF too. */
export function VatReturnPage() {
  const { t, formatMoney } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(Number(berlinDay().slice(0, 4)));
  const [period, setPeriod] = useState(`m${Number(berlinDay().slice(5, 7))}`);
  const input = period.startsWith('q') ? { year, quarter: Number(period.slice(1)) } : { year, month: Number(period.slice(1)) };
  const report = useQuery({ ...trpc.bookkeeping.reports.vatReturn.queryOptions(input), enabled: year >= 2000 && year <= 2100 });
  const options = [
    ...Array.from({ length: 12 }, (_, i) => ({ value: `m${i + 1}`, label: t('bk.month', { month: i + 1 }) })),
    ...Array.from({ length: 4 }, (_, i) => ({ value: `q${i + 1}`, label: t('bk.quarter', { quarter: i + 1 }) })),
  ];
  return (
    <>
      <PageHeader title={t('bk.vat')}>
        <span className="muted small">{t('bk.vatHint')}</span>
      </PageHeader>
      <Card
        actions={
          <>
            <CsvButton testId="bk-vat-csv" fetchFile={() => queryClient.fetchQuery({ ...trpc.bookkeeping.reports.vatReturnCsv.queryOptions(input), staleTime: 0 })} />
            <PdfButton testId="bk-vat-pdf" input={{ report: 'vatReturn', ...input }} />
          </>
        }
        testId="bk-vat"
      >
        <div className="form-grid">
          <TextField name="year" type="number" label={t('bk.year')} value={String(year)} onChange={(v) => setYear(Number(v))} testId="bk-vat-year" />
          <SelectField name="period" label={t('bk.period')} value={period} onChange={setPeriod} options={options} testId="bk-vat-period" />
        </div>
        <ErrorAlert error={report.error} />
        {report.data ? (
          <table className="table">
            <thead>
              <tr>
                <th>{t('bk.field')}</th>
                <th className="num">{t('bk.value')}</th>
              </tr>
            </thead>
            <tbody>
              {VAT_RETURN_FIELDS.map((f) => (
                <tr key={f} data-testid={`bk-vat-${f}`}>
                  <td>{f.replace('tax', '')}{f.endsWith('tax') ? ` (${t('bk.value')})` : ''}</td>
                  <td className="num">{report.data.fields[f].includes('.') ? formatMoney(report.data.fields[f]) : report.data.fields[f]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
    </>
  );
}
