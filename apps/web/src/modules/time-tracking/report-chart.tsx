import { useI18n } from '../../i18n/i18n.tsx';

export interface ChartRow {
  key: string;
  label: string;
  billableMinutes: number;
  nonBillableMinutes: number;
}

/** Billable and non-billable hours per row as stacked horizontal bars (plain CSS, fits a phone). */
export function ReportChart({ rows }: { rows: ChartRow[] }) {
  const { t, formatHours } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.billableMinutes + r.nonBillableMinutes));
  return (
    <figure className="report-chart" data-testid="report-chart">
      <figcaption className="chart-legend small">
        <span className="legend legend-billable">{t('report.billable')}</span>
        <span className="legend legend-nonbillable">{t('report.nonBillable')}</span>
      </figcaption>
      <ul>
        {rows.map((r) => (
          <li key={r.key} data-testid="report-bar">
            <span className="report-label" title={r.label}>
              {r.label}
            </span>
            <span className="report-bar" role="img" aria-label={`${r.label}: ${t('report.billable')} ${formatHours(r.billableMinutes)} h, ${t('report.nonBillable')} ${formatHours(r.nonBillableMinutes)} h`}>
              <span className="bar-billable" style={{ width: `${(r.billableMinutes / max) * 100}%` }} />
              <span className="bar-nonbillable" style={{ width: `${(r.nonBillableMinutes / max) * 100}%` }} />
            </span>
            <span className="report-value mono">{formatHours(r.billableMinutes + r.nonBillableMinutes)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
