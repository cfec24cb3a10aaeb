import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { columnsOf, REPORT_FORMATS, REPORT_PERIODS, REPORT_SCHEDULES, REPORT_SOURCES, type ReportFormat, type ReportPeriod, type ReportSchedule, type ReportSource } from '@workmate/domain/saved-reports';
import type { ReportFileDto, SavedReportDto } from '@workmate/domain/schemas/platform';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, Empty, PageHeader } from '../../ui/page.tsx';

/** Hands a file that arrived as base64 (a report run) to the browser as a download. */
function downloadFile(file: ReportFileDto) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface Draft {
  id: string | null;
  version: number | undefined;
  name: string;
  source: ReportSource;
  columns: string[];
  period: ReportPeriod;
  from: string;
  to: string;
  format: ReportFormat;
  schedule: ReportSchedule;
}
const emptyDraft = (): Draft => ({ id: null, version: undefined, name: '', source: 'invoices', columns: columnsOf('invoices').slice(0, 5), period: 'thisMonth', from: '', to: '', format: 'csv', schedule: 'none' });
const draftOf = (r: SavedReportDto): Draft => ({ id: r.id, version: r.version, name: r.name, source: r.source, columns: r.columns, period: r.filters.period, from: r.filters.from ?? '', to: r.filters.to ?? '', format: r.format, schedule: r.schedule });

/** `/admin/reports`: saved reports — define, run now (CSV/XLSX), schedule, and download earlier runs. */
export function SavedReportsPage() {
  const { t, tOr, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SavedReportDto | null>(null);
  const list = useQuery(trpc.platform.savedReports.list.queryOptions());
  const runs = useQuery({ ...trpc.platform.savedReports.runs.queryOptions({ id: selected ?? '00000000-0000-4000-8000-000000000000' }), enabled: selected !== null });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.platform.savedReports.pathKey() });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const fields = { name: d.name, source: d.source, columns: d.columns, format: d.format, schedule: d.schedule, filters: { period: d.period, ...(d.period === 'custom' ? { from: d.from || null, to: d.to || null } : {}) } };
      return d.id ? updateReport.mutateAsync({ id: d.id, version: d.version, ...fields }) : createReport.mutateAsync(fields);
    },
    onSuccess: () => (setDraft(null), void refresh()),
  });
  const createReport = useMutation(trpc.platform.savedReports.create.mutationOptions());
  const updateReport = useMutation(trpc.platform.savedReports.update.mutationOptions());
  const run = useMutation(trpc.platform.savedReports.run.mutationOptions({ onSuccess: (file) => (downloadFile(file), void refresh()) }));
  const remove = useMutation(trpc.platform.savedReports.delete.mutationOptions({ onSuccess: () => (setDeleting(null), void refresh()) }));
  const download = useMutation({ mutationFn: (id: string) => queryClient.fetchQuery(trpc.platform.savedReports.downloadRun.queryOptions({ id })), onSuccess: downloadFile });

  const setSource = (source: ReportSource) => draft && setDraft({ ...draft, source, columns: columnsOf(source).slice(0, 5) });
  const toggle = (column: string, on: boolean) => draft && setDraft({ ...draft, columns: on ? columnsOf(draft.source).filter((c) => c === column || draft.columns.includes(c)) : draft.columns.filter((c) => c !== column) });

  return (
    <>
      <PageHeader
        title={t('ops.reports')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setDraft(emptyDraft())} data-testid="ops-report-new">
            {t('ops.newReport')}
          </button>
        }
      >
        <span className="muted small">{t('ops.reportsHint')}</span>
      </PageHeader>
      {draft ? (
        <Card title={draft.id ? t('ops.editReport') : t('ops.newReport')} testId="ops-report-form">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(draft);
            }}
          >
            <div className="form-grid">
              <TextField name="name" label={t('ops.name')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} required testId="ops-report-name" />
              <SelectField name="source" label={t('ops.source')} value={draft.source} onChange={(v) => setSource(v as ReportSource)} options={REPORT_SOURCES.map((s) => ({ value: s, label: tOr(`ops.source.${s}`, s) }))} testId="ops-report-source" />
              <SelectField name="period" label={t('ops.period')} value={draft.period} onChange={(v) => setDraft({ ...draft, period: v as ReportPeriod })} options={REPORT_PERIODS.map((p) => ({ value: p, label: tOr(`ops.period.${p}`, p) }))} testId="ops-report-period" />
              {draft.period === 'custom' ? (
                <>
                  <TextField name="from" type="date" label={t('ops.from')} value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
                  <TextField name="to" type="date" label={t('ops.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
                </>
              ) : null}
              <SelectField name="format" label={t('ops.format')} value={draft.format} onChange={(v) => setDraft({ ...draft, format: v as ReportFormat })} options={REPORT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))} testId="ops-report-format" />
              <SelectField name="schedule" label={t('ops.schedule')} value={draft.schedule} onChange={(v) => setDraft({ ...draft, schedule: v as ReportSchedule })} options={REPORT_SCHEDULES.map((s) => ({ value: s, label: tOr(`ops.schedule.${s}`, s) }))} testId="ops-report-schedule" />
            </div>
            <fieldset className="field-wide">
              <legend>{t('ops.columns')}</legend>
              <div className="checkbox-row">
                {columnsOf(draft.source).map((c) => (
                  <CheckboxField key={c} name={`column-${c}`} label={tOr(`ops.column.${draft.source}.${c}`, c)} checked={draft.columns.includes(c)} onChange={(on) => toggle(c, on)} testId={`ops-report-column-${c}`} />
                ))}
              </div>
            </fieldset>
            <ErrorAlert error={createReport.error ?? updateReport.error} />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="ops-report-save">
                {t('ops.save')}
              </button>
              <button type="button" className="btn" onClick={() => setDraft(null)}>
                {t('ops.cancel')}
              </button>
            </div>
          </form>
        </Card>
      ) : null}
      <Card testId="ops-reports">
        <ErrorAlert error={list.error ?? run.error ?? remove.error ?? download.error} />
        {list.data && !list.data.length ? <Empty>{t('ops.noReports')}</Empty> : null}
        {list.data?.length ? (
          <table className="table">
            <thead>
              <tr>
                <th>{t('ops.name')}</th>
                <th>{t('ops.source')}</th>
                <th>{t('ops.schedule')}</th>
                <th>{t('ops.nextRun')}</th>
                <th>{t('ops.lastRun')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id} data-testid="ops-report-row">
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(selected === r.id ? null : r.id)}>
                      {r.name}
                    </button>
                  </td>
                  <td>{tOr(`ops.source.${r.source}`, r.source)}</td>
                  <td>{tOr(`ops.schedule.${r.schedule}`, r.schedule)}</td>
                  <td>{r.nextRunAt ? formatDateTime(r.nextRunAt) : '—'}</td>
                  <td>{r.lastRunAt ? formatDateTime(r.lastRunAt) : '—'}</td>
                  <td className="actions">
                    <button type="button" className="btn btn-small" disabled={run.isPending} onClick={() => run.mutate({ id: r.id, format: 'csv' })} data-testid="ops-report-run-csv">
                      {t('ops.runCsv')}
                    </button>
                    <button type="button" className="btn btn-small" disabled={run.isPending} onClick={() => run.mutate({ id: r.id, format: 'xlsx' })} data-testid="ops-report-run-xlsx">
                      {t('ops.runXlsx')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setDraft(draftOf(r))} data-testid="ops-report-edit">
                      {t('ops.edit')}
                    </button>
                    <button type="button" className="btn btn-small btn-danger" onClick={() => setDeleting(r)} data-testid="ops-report-delete">
                      {t('ops.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
      {selected && runs.data ? (
        <Card title={t('ops.runs')} testId="ops-report-runs">
          <table className="table">
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} data-testid="ops-report-run">
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{tOr(`ops.trigger.${r.trigger}`, r.trigger)}</td>
                  <td>{r.status === 'failed' ? <span className="badge badge-danger" title={r.error ?? ''}>{t('ops.failed')}</span> : t('ops.rows', { count: r.rowCount })}</td>
                  <td>{r.format.toUpperCase()}</td>
                  <td>
                    {r.fileName ? (
                      <button type="button" className="btn btn-small" onClick={() => download.mutate(r.id)}>
                        {t('ops.download')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
      {deleting ? (
        <ConfirmDialog title={t('ops.delete')} confirmLabel={t('ops.delete')} danger pending={remove.isPending} onConfirm={() => remove.mutate({ id: deleting.id })} onClose={() => setDeleting(null)}>
          {t('ops.deleteConfirm', { name: deleting.name })}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
