import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { SUMMARY_GROUPS } from '@workmate/domain/schemas/time-tracking';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay, monthRange } from '@workmate/domain/berlin-time';
import { downloadText } from '../../lib/download.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { EMPTY_FILTER, EntryFilters, toEntryFilter } from './entry-filters.tsx';
import { PeriodPresets } from './period-presets.tsx';
import { ReportChart } from './report-chart.tsx';
import { ReportTable, useRowLabel } from './report-table.tsx';

type GroupBy = (typeof SUMMARY_GROUPS)[number];

/** `/time/reports`: hours and amounts grouped by project, person, customer or period, and the CSV export. */
export function ReportsPage() {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState(() => ({ ...EMPTY_FILTER, ...monthRange(berlinDay()) }));
  const [groupBy, setGroupBy] = useState<GroupBy>('project');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const filter = toEntryFilter(useDebounced(filters, 250));
  const summary = useQuery({ ...trpc.timeTracking.summary.queryOptions({ ...filter, groupBy }), placeholderData: keepPreviousData });
  // While another grouping loads, the previous result stays on screen: label it by its own grouping.
  const shownGroupBy = summary.data?.groupBy ?? groupBy;
  const rowLabel = useRowLabel(shownGroupBy);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.timeTracking.exportCsv.queryOptions(filter), staleTime: 0 });
      downloadText(file.filename, file.content, 'text/csv;charset=utf-8');
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('report.title')}
        actions={
          <button type="button" className="btn" onClick={() => void exportCsv()} disabled={exporting} data-testid="export-csv">
            ⤓ {exporting ? t('report.exporting') : t('report.exportCsv')}
          </button>
        }
      />
      <div className="toolbar">
        <PeriodPresets onChange={(range) => setFilters((f) => ({ ...f, ...range }))} />
        <label className="toggle">
          {t('report.groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} data-testid="report-group-by">
            {SUMMARY_GROUPS.map((g) => (
              <option key={g} value={g}>
                {tOr(`groupBy.${g}`, g)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <EntryFilters value={filters} onChange={setFilters} flags={['billable']} />
      <ErrorAlert error={summary.error ?? exportError} onRetry={summary.error ? () => void summary.refetch() : undefined} />
      {summary.isPending ? (
        <Loading />
      ) : summary.data ? (
        !summary.data.rows.length ? (
          <Card>
            <Empty>{t('report.empty')}</Empty>
          </Card>
        ) : (
          <>
            <Card title={t('report.chartTitle')}>
              <ReportChart rows={summary.data.rows.map((r, i) => ({ ...r, key: r.key ?? `none-${i}`, label: rowLabel(r) }))} />
            </Card>
            <ReportTable summary={summary.data} groupBy={shownGroupBy} />
          </>
        )
      ) : null}
    </>
  );
}
