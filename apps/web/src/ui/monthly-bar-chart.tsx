import { useI18n } from '../i18n/i18n.tsx';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 20, right: 8, bottom: 28, left: 8 };

export interface MonthBar {
  month: string;
  /** The bar's height; only its proportion to the others matters. */
  count: number;
  /** Shown on hover and to screen readers instead of the number (e.g. an exact amount). */
  title?: string;
  /** Shown above the bar instead of the number (e.g. a rounded amount). */
  short?: string;
}

/** A plain SVG bar chart of `{ month: 'YYYY-MM', count }`; `label` names it for screen readers. */
export function MonthlyBarChart({ data, label }: { data: MonthBar[]; label?: string }) {
  const { t, lang, formatNumber } = useI18n();
  const monthFormat = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { month: 'short', timeZone: 'UTC' });
  const yearFormat = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const max = Math.max(1, ...data.map((d) => d.count));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, data.length);
  const barW = Math.max(4, slot * 0.6);

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label ?? t('dashboard.chartLabel')} preserveAspectRatio="xMidYMid meet">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} className="chart-axis" />
        {data.map((d, i) => {
          const date = new Date(`${d.month}-01T00:00:00Z`);
          const h = (d.count / max) * innerH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const y = HEIGHT - PAD.bottom - h;
          return (
            <g key={d.month} data-testid="chart-bar">
              <title>{`${yearFormat.format(date)}: ${d.title ?? formatNumber(d.count)}`}</title>
              <rect x={x} y={y} width={barW} height={Math.max(h, d.count ? 1 : 0)} rx={3} className="chart-bar" />
              {d.count ? (
                <text x={x + barW / 2} y={y - 5} textAnchor="middle" className="chart-value">
                  {d.short ?? formatNumber(d.count)}
                </text>
              ) : null}
              <text x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
                {monthFormat.format(date)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">
        {data.map((d) => `${d.month}: ${d.title ?? d.count}`).join(', ')}
      </figcaption>
    </figure>
  );
}
