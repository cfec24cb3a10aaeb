import { useQuery } from '@tanstack/react-query';
import type { ProjectStatus } from '@workmate/domain/enums';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import type { Option } from '../../ui/form-fields.tsx';
import { useCan } from '../auth/session.ts';

export type Project = RouterOutputs['projects']['get'];
export type ProjectListItem = RouterOutputs['projects']['list']['items'][number];

/** Projects time can still be booked on. */
const OPEN: ProjectStatus[] = ['planning', 'active', 'on_hold'];

export const PROJECT_STATUS_TONES: Record<string, string> = {
  planning: 'info',
  active: 'success',
  on_hold: 'warning',
  completed: 'neutral',
  cancelled: 'danger',
};

export const PRIORITY_TONES: Record<string, string> = { low: 'neutral', medium: 'info', high: 'warning', urgent: 'danger' };

export const projectLabel = (p: { projectNumber: string; title: string }) => `${p.projectNumber} · ${p.title}`;

/**
 * Open projects as select options ("PRJ-2026-001 · Relaunch"), for pickers that book time.
 * Empty for users without `projects.read`: they can still book internal time.
 */
export function useProjectOptions(options: { includeClosed?: boolean } = {}) {
  const trpc = useTRPC();
  const can = useCan();
  const query = useQuery({
    ...trpc.projects.list.queryOptions({
      page: 1,
      pageSize: 200,
      status: options.includeClosed ? undefined : OPEN,
      sort: 'projectNumber',
      direction: 'asc',
    }),
    enabled: can('projects.read'),
    staleTime: 60_000,
  });
  const items = query.data?.items ?? [];
  const list: Option[] = items.map((p) => ({ value: p.id, label: projectLabel(p) }));
  return { options: list, projects: items, query };
}
