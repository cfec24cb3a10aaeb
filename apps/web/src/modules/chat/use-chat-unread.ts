import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { useMe } from '../../lib/session.ts';

/** How often the unread counts are fetched while the app is open (and again on window focus). */
const POLL_MS = 20_000;

/**
 * Unread chat messages per project, for the badges in the navigation, the project list and
 * the Chat tab. One shared query: every badge reads the same cache entry.
 */
export function useChatUnread() {
  const trpc = useTRPC();
  const me = useMe().data;
  const unread = useQuery({
    ...trpc.chat.unread.queryOptions(undefined, { refetchInterval: POLL_MS, refetchOnWindowFocus: true, staleTime: 5_000 }),
    enabled: !!me,
  });
  const byProject = new Map((unread.data ?? []).map((row) => [row.projectId, row.unread]));
  const total = (unread.data ?? []).reduce((sum, row) => sum + row.unread, 0);
  return { total, byProject, rows: unread.data ?? [] };
}

/** Refreshes the badges (after reading a chat). */
export function useRefreshChatUnread() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.chat.unread.queryKey() });
}
