import type { PROJECT_SORTS } from '@workmate/domain/schemas/projects';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { Badge } from '../../ui/badge.tsx';
import { type SortState } from '../../ui/sort-header.tsx';
import { useChatUnread } from '../chat/use-chat-unread.ts';
import { BudgetBar } from './budget-bar.tsx';
import { PRIORITY_TONES, PROJECT_STATUS_TONES } from './project-options.ts';
import { ListCard, SortableTable } from '../../ui/sortable-table.tsx';

export type ProjectSort = (typeof PROJECT_SORTS)[number];
type ProjectPage = RouterOutputs['projects']['list'];

interface Props {
  result: ProjectPage | undefined;
  loading: boolean;
  sort: SortState<ProjectSort>;
  onSort: (next: SortState<ProjectSort>) => void;
  onPage: (page: number) => void;
  onRestore: ((id: string) => void) | undefined;
  restoring: boolean;
}

export function ProjectTable({ result, loading, sort, onSort, onPage, onRestore, restoring }: Props) {
  const { t, tOr, formatDate } = useI18n();
  const unread = useChatUnread().byProject;
  return (
    <ListCard loading={loading} result={result} onPage={onPage}>
      {(items) => (
        <SortableTable
          testId="project-table"
          sort={sort}
          onSort={onSort}
          columns={[
            { sort: 'projectNumber', label: t('project.projectNumber') },
            { sort: 'title', label: t('project.title') },
            { label: t('project.customer') },
            { sort: 'status', label: t('project.status') },
            { sort: 'priority', label: t('project.priority') },
            { sort: 'deadline', label: t('project.deadline') },
            { label: t('project.projectManager') },
            { label: t('project.budgetUtilisation') },
            onRestore ? { label: <span className="sr-only">{t('common.actions')}</span> } : null,
          ]}
        >
          {items.map((p) => (
            <tr key={p.id} data-testid="project-row" className={p.deletedAt ? 'row-deleted' : undefined}>
              <td className="mono nowrap">{p.projectNumber}</td>
              <td>
                <Link href={`/projects/${p.id}`} className="row-link">
                  {p.title}
                </Link>
                {unread.get(p.id) ? (
                  <Link href={`/projects/${p.id}?tab=chat`} className="count-badge" title={t('chat.unreadLabel', { count: unread.get(p.id) ?? 0 })} data-testid="project-chat-unread" data-count={unread.get(p.id)}>
                    {unread.get(p.id)}
                  </Link>
                ) : null}
                {p.deletedAt ? <Badge tone="danger">{t('common.deletedBadge')}</Badge> : null}
              </td>
              <td>{p.customer.name}</td>
              <td>
                <Badge tone={PROJECT_STATUS_TONES[p.status]}>{tOr(`projectStatus.${p.status}`, p.status)}</Badge>
              </td>
              <td>
                <Badge tone={PRIORITY_TONES[p.priority]}>{tOr(`projectPriority.${p.priority}`, p.priority)}</Badge>
              </td>
              <td className="nowrap">
                {formatDate(p.deadline)}
                {p.overdue ? (
                  <Badge tone="danger" testId="overdue-badge">
                    {t('project.overdue')}
                  </Badge>
                ) : null}
              </td>
              <td>{p.projectManager?.name ?? ''}</td>
              <td>
                <BudgetBar utilisation={p.budgetUtilisation} />
              </td>
              {onRestore ? (
                <td className="cell-actions">
                  {p.deletedAt ? (
                    <button type="button" className="btn btn-small" disabled={restoring} onClick={() => onRestore(p.id)} data-testid="restore-project">
                      {t('common.restore')}
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </SortableTable>
      )}
    </ListCard>
  );
}
