import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { actorName, fieldLabel } from '../../lib/readable-value.ts';
import { Empty } from '../../ui/page.tsx';

type Entry = RouterOutputs['crm']['customers']['history'][number];

const ICONS: Record<string, string> = { call: '☎', meeting: '👥', email: '✉', note: '✎', create: '+', update: '✎', delete: '×', restore: '↺' };

/** Activities and recorded changes, newest first, as the API returns them. */
export function Timeline({ entries, onDeleteActivity, deleting }: { entries: Entry[]; onDeleteActivity?: ((id: string, title: string) => void) | undefined; deleting?: boolean }) {
  const { t, tOr, formatDateTime } = useI18n();
  if (!entries.length) return <Empty>{t('activity.timelineEmpty')}</Empty>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((e, i) => {
        const heading =
          e.kind === 'activity'
            ? `${tOr(`activityType.${e.type}`, e.type)}: ${e.title}`
            : `${tOr(`entity.${e.entity}`, e.entity)} ${tOr(`change.${e.type}`, e.type)}${e.title ? ` – ${e.title}` : ''}`;
        return (
          <li key={`${e.entityId}-${e.at}-${i}`} className={`timeline-item timeline-${e.kind}`} data-testid="timeline-entry" data-kind={e.kind}>
            <span className="timeline-icon" aria-hidden="true">
              {ICONS[e.type] ?? '•'}
            </span>
            <div className="timeline-body">
              <div className="timeline-title">{heading}</div>
              <div className="timeline-meta muted small">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                {e.actor || e.kind === 'change' ? <span> · {t('activity.by', { actor: actorName(e.actor, t('audit.system'), t('audit.demoData')) })}</span> : null}
              </div>
              {e.description ? <p className="pre-wrap timeline-text">{e.description}</p> : null}
              {e.kind === 'activity' && onDeleteActivity ? (
                <button type="button" className="btn btn-small btn-ghost btn-danger timeline-delete" disabled={deleting} onClick={() => onDeleteActivity(e.entityId, e.title)} data-testid="delete-activity">
                  {t('common.delete')}
                </button>
              ) : null}
              {e.kind === 'change' && e.type === 'update' && e.changedFields.length ? (
                <p className="small muted">{t('activity.changedFields', { fields: e.changedFields.map((f) => fieldLabel(e.entity, f, tOr)).join(', ') })}</p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
