// Project labels and options for the pickers of every module that books on a project (time,
// expenses, invoices); the projects module itself keeps its tones and types.
import { useQuery } from '@tanstack/react-query';
import type { ProjectStatus } from '@workmate/domain/enums';
import { useCan } from '../lib/session.ts';
import { useTRPC } from '../trpc.ts';
import type { Option } from '../ui/form-fields.tsx';

/** Projects time can still be booked on. */
const OPEN: ProjectStatus[] = ['planning', 'active', 'on_hold'];

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
