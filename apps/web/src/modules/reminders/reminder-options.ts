import { useQueryClient } from '@tanstack/react-query';
import type { LinkableEntity } from '@workmate/domain/enums';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';

export type Reminder = RouterOutputs['reminders']['get'];

export const REMINDER_PRIORITY_TONES: Record<string, string> = { low: 'neutral', medium: 'info', high: 'warning', critical: 'danger' };

/** A record a reminder can be about, shown where that record is. */
export interface ReminderTarget {
  entity: LinkableEntity;
  entityId: string;
}

/** Overdue by the API (the nightly sweep) or already past its day while still open. */
export const isOverdue = (r: Pick<Reminder, 'status' | 'dueDate'>, today: string) => r.status === 'overdue' || (r.status === 'open' && r.dueDate < today);

/** After a reminder changed: every reminder list, and the home dashboard's widget. */
export function useInvalidateReminders() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.reminders.pathKey() });
}
