import { useI18n } from '../../i18n/i18n.tsx';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 20, right: 8, bottom: 28, left: 8 };

/** A plain SVG bar chart of `{ month: 'YYYY-MM', count }`. */
export function MonthlyBarChart({ data }: { data: Array<{ month: string; count: number }> }) {
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
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('dashboard.chartLabel')} preserveAspectRatio="xMidYMid meet">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} className="chart-axis" />
        {data.map((d, i) => {
          const date = new Date(`${d.month}-01T00:00:00Z`);
          const h = (d.count / max) * innerH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const y = HEIGHT - PAD.bottom - h;
          return (
            <g key={d.month} data-testid="chart-bar">
              <title>{`${yearFormat.format(date)}: ${formatNumber(d.count)}`}</title>
              <rect x={x} y={y} width={barW} height={Math.max(h, d.count ? 1 : 0)} rx={3} className="chart-bar" />
              {d.count ? (
                <text x={x + barW / 2} y={y - 5} textAnchor="middle" className="chart-value">
                  {formatNumber(d.count)}
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
        {data.map((d) => `${d.month}: ${d.count}`).join(', ')}
      </figcaption>
    </figure>
  );
}
