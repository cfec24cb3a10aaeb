import type { Widget } from '@workmate/domain/schemas/dashboards';
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { WIDTHS } from './dashboard-layout.ts';

export interface WidgetControls {
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onResize: (w: number) => void;
  onRemove: () => void;
}

/**
 * One widget on the 12-column grid, placed by its stored position (CSS variables, so phones can
 * stack the widgets instead). While customizing it carries move, width and remove controls.
 */
export function WidgetFrame({ widget, title, link, controls, children }: { widget: Widget; title: string; link?: ReactNode; controls?: WidgetControls | null; children: ReactNode }) {
  const { t } = useI18n();
  const { x, y, w, h } = widget.position;
  const style = { '--x': x + 1, '--y': y + 1, '--w': w, '--h': h, '--w-md': Math.max(6, w) } as CSSProperties;
  return (
    <section className={`card widget${controls ? ' widget-customizing' : ''}`} style={style} data-testid="widget" data-type={widget.type} data-id={widget.id} aria-label={title}>
      <header className="card-header widget-header">
        <h2>{title}</h2>
        {controls ? (
          <div className="card-actions widget-controls">
            <button type="button" className="btn btn-small" disabled={controls.index === 0} onClick={() => controls.onMove(-1)} title={t('dashboard.moveUp')} data-testid="widget-up">
              <span aria-hidden="true">↑</span>
              <span className="sr-only">{t('dashboard.moveUp')}</span>
            </button>
            <button type="button" className="btn btn-small" disabled={controls.index === controls.count - 1} onClick={() => controls.onMove(1)} title={t('dashboard.moveDown')} data-testid="widget-down">
              <span aria-hidden="true">↓</span>
              <span className="sr-only">{t('dashboard.moveDown')}</span>
            </button>
            <select value={w} onChange={(e) => controls.onResize(Number(e.target.value))} aria-label={t('dashboard.width')} data-testid="widget-width">
              {(WIDTHS as readonly number[]).includes(w) ? null : <option value={w}>{t('dashboard.widthColumns', { columns: w })}</option>}
              {WIDTHS.map((width) => (
                <option key={width} value={width}>
                  {t(`dashboard.width${width}`)}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small btn-danger" onClick={controls.onRemove} title={t('dashboard.remove')} data-testid="widget-remove">
              <span aria-hidden="true">×</span>
              <span className="sr-only">{t('dashboard.remove')}</span>
            </button>
          </div>
        ) : link ? (
          <div className="card-actions">{link}</div>
        ) : null}
      </header>
      <div className="widget-body">{children}</div>
    </section>
  );
}

/** What a widget shows to someone who may not see its figures. */
export function WidgetNoAccess() {
  const { t } = useI18n();
  return (
    <p className="muted small" data-testid="widget-no-access">
      {t('dashboard.noAccess')}
    </p>
  );
}
