import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';

/** After time changed: entry lists, sums, the running timer and project figures are stale. */
export function useInvalidateTime() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.timeTracking.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() }),
    ]);
}
