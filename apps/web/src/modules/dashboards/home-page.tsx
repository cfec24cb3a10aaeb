import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DashboardWidget } from '@workmate/domain/enums';
import type { Widget } from '@workmate/domain/schemas/dashboards';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useCan, useMe } from '../../lib/session.ts';
import { add, DASHBOARD_WIDGETS, move, readingOrder, remove, resize, WIDGET_PERMISSION } from './dashboard-layout.ts';
import { WidgetBody, WidgetLink } from './widget-body.tsx';
import { WidgetFrame } from './widget-frame.tsx';

/**
 * `/`: the signed-in person's default dashboard (the API creates it on the first visit), its
 * widgets on a 12-column grid. "Customize" edits a copy: add, remove, move, resize; saving
 * sends the whole layout with the version it was loaded at.
 */
export function HomePage() {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const dashboards = useQuery(trpc.dashboards.list.queryOptions());
  const [draft, setDraft] = useState<Widget[] | null>(null);
  const [addType, setAddType] = useState<DashboardWidget | ''>('');
  const dashboard = dashboards.data?.find((d) => d.isDefault) ?? dashboards.data?.[0];
  const save = useMutation(
    trpc.dashboards.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.dashboards.list.queryKey() });
        setDraft(null);
      },
    }),
  );

  if (dashboards.isPending) return <Loading />;
  if (!dashboard) {
    return (
      <>
        <PageHeader title={t('home.title')} />
        <ErrorAlert error={dashboards.error} onRetry={() => void dashboards.refetch()} />
      </>
    );
  }

  const customizing = draft !== null;
  const widgets = draft ?? readingOrder(dashboard.config.widgets);
  // Only widgets whose figures this person may see are offered.
  const offered = DASHBOARD_WIDGETS.filter((type) => {
    const permission = WIDGET_PERMISSION[type];
    return !permission || can(permission);
  });
  const label = (type: string) => tOr(`widget.${type}`, type);
  const chosen = addType || offered[0] || '';

  return (
    <div data-testid="dashboard" data-id={dashboard.id}>
      <PageHeader
        title={me ? t('home.greeting', { name: me.firstName }) : t('home.title')}
        actions={
          customizing ? (
            <>
              <button type="button" className="btn" onClick={() => setDraft(null)} disabled={save.isPending} data-testid="dashboard-cancel">
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={save.isPending}
                onClick={() => save.mutate({ id: dashboard.id, version: dashboard.version, config: { widgets } })}
                data-testid="dashboard-save"
              >
                {save.isPending ? t('common.saving') : t('dashboard.save')}
              </button>
            </>
          ) : (
            <button type="button" className="btn" onClick={() => setDraft(readingOrder(dashboard.config.widgets))} data-testid="dashboard-customize">
              {t('dashboard.customize')}
            </button>
          )
        }
      >
        {dashboards.data && dashboards.data.length > 1 ? <span className="muted">{dashboard.name}</span> : null}
      </PageHeader>
      <ErrorAlert error={save.error} onReload={() => void dashboards.refetch().then(() => setDraft(null))} />
      {customizing ? (
        <div className="toolbar customize-bar" data-testid="customize-bar">
          <span className="muted small">{t('dashboard.customizeHint')}</span>
          <select value={chosen} onChange={(e) => setAddType(e.target.value as DashboardWidget)} aria-label={t('dashboard.addType')} data-testid="widget-add-type">
            {offered.map((type) => (
              <option key={type} value={type}>
                {label(type)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={!chosen || widgets.length >= 30}
            onClick={() => chosen && setDraft(add(widgets, chosen))}
            data-testid="widget-add"
          >
            + {t('dashboard.add')}
          </button>
        </div>
      ) : null}
      {!widgets.length ? (
        <div className="card">
          <Empty>{t('dashboard.empty')}</Empty>
        </div>
      ) : (
        <div className="dashboard-grid">
          {widgets.map((widget, index) => (
            <WidgetFrame
              key={widget.id}
              widget={widget}
              title={label(widget.type)}
              link={<WidgetLink type={widget.type} />}
              controls={
                customizing
                  ? {
                      index,
                      count: widgets.length,
                      onMove: (by) => setDraft(move(widgets, index, by)),
                      onResize: (w) => setDraft(resize(widgets, index, w)),
                      onRemove: () => setDraft(remove(widgets, index)),
                    }
                  : null
              }
            >
              <WidgetBody type={widget.type} />
            </WidgetFrame>
          ))}
        </div>
      )}
    </div>
  );
}
