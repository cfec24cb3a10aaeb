import { useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorCode } from '../../lib/errors.ts';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../trpc.ts';

export type ChatMessage = RouterOutputs['chat']['messages']['list']['items'][number];

const PAGE_SIZE = 50;
/** Not a member, no such project: asking again will not change the answer. */
const NO_RETRY = ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHORIZED'];

/** A newer version of a message (an edit, the deletion) wins; the stream position says which is newer. */
function upsertInto(prev: ReadonlyMap<string, ChatMessage>, items: readonly ChatMessage[], accept: (m: ChatMessage) => boolean = () => true) {
  let changed = false;
  const map = new Map(prev);
  for (const m of items) {
    const old = map.get(m.id);
    if (old ? m.eventSeq < old.eventSeq : !accept(m)) continue;
    map.set(m.id, m);
    changed = true;
  }
  return changed ? map : prev;
}

/**
 * A project's chat history plus the live stream: the newest page is a query, older pages are
 * fetched on demand, and `chat.onMessage` events (new, edited, deleted) are merged by id. The
 * stream starts at the newest event of the first page, so nothing sent in between is lost, and
 * the link resumes from the last tracked id after a reconnect.
 */
export function useChatMessages(projectId: string, { onIncoming }: { onIncoming?: (m: ChatMessage) => void } = {}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const first = useQuery(trpc.chat.messages.list.queryOptions({ projectId, limit: PAGE_SIZE }, { refetchOnWindowFocus: false, retry: (count, error) => count < 2 && !NO_RETRY.includes(errorCode(error) ?? '') }));
  const [byId, setById] = useState<ReadonlyMap<string, ChatMessage>>(() => new Map());
  /** Where older history continues; undefined until the first page is there, null at the beginning. */
  const [olderCursor, setOlderCursor] = useState<number | null | undefined>(undefined);
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(null);
  const olderRef = useRef<number | null | undefined>(undefined);
  olderRef.current = olderCursor;
  const incoming = useRef(onIncoming);
  incoming.current = onIncoming;

  const upsert = useCallback((items: readonly ChatMessage[]) => setById((prev) => upsertInto(prev, items)), []);

  useEffect(() => {
    const page = first.data;
    if (!page) return;
    upsert(page.items);
    setOlderCursor((prev) => (prev === undefined ? page.nextCursor : prev));
    setResumeFrom((prev) => prev ?? String(page.items.reduce((max, m) => Math.max(max, m.eventSeq), 0)));
  }, [first.data, upsert]);

  const subscription = useSubscription(
    trpc.chat.onMessage.subscriptionOptions(
      { projectId, lastEventId: resumeFrom },
      {
        enabled: resumeFrom !== null,
        onData: (event) => {
          const m: ChatMessage = event.data;
          setById((prev) => {
            // An edit of a message further back than what is loaded: it shows up with that page.
            const minSeq = prev.size ? Math.min(...Array.from(prev.values(), (x) => x.seq)) : 0;
            return upsertInto(prev, [m], (x) => olderRef.current === null || olderRef.current === undefined || x.seq >= minSeq);
          });
          incoming.current?.(m);
        },
      },
    ),
  );

  const loadOlder = useCallback(async () => {
    const cursor = olderRef.current;
    if (cursor === null || cursor === undefined || loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await client.chat.messages.list.query({ projectId, cursor, limit: PAGE_SIZE });
      setById((prev) => upsertInto(prev, page.items));
      setOlderCursor(page.nextCursor);
    } catch (error) {
      setOlderError(error);
    } finally {
      setLoadingOlder(false);
    }
  }, [client, projectId, loadingOlder]);

  const messages = useMemo(() => [...byId.values()].sort((a, b) => a.seq - b.seq), [byId]);

  return {
    first,
    messages,
    upsert,
    hasOlder: olderCursor !== null && olderCursor !== undefined,
    loadOlder,
    loadingOlder,
    olderError,
    live: subscription.status,
  };
}
