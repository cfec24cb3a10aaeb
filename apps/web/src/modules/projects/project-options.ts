import type { RouterOutputs } from '../../trpc.ts';

export type Project = RouterOutputs['projects']['get'];
export type ProjectListItem = RouterOutputs['projects']['list']['items'][number];

export const PROJECT_STATUS_TONES: Record<string, string> = {
  planning: 'info',
  active: 'success',
  on_hold: 'warning',
  completed: 'neutral',
  cancelled: 'danger',
};

export const PRIORITY_TONES: Record<string, string> = { low: 'neutral', medium: 'info', high: 'warning', urgent: 'danger' };
