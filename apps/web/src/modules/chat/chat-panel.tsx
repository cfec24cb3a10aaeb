import { useMutation } from '@tanstack/react-query';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { errorCode } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Loading } from '../../ui/page.tsx';
import { useCan, useMe } from '../../lib/session.ts';
import { ChatComposer } from './chat-composer.tsx';
import { ChatMessageItem } from './chat-message.tsx';
import { useChatMessages, type ChatMessage } from './use-chat-messages.ts';
import { useRefreshChatUnread } from './use-chat-unread.ts';

/** How close to an edge (px) still counts as "at the bottom" / "at the top". */
const EDGE = 48;

/**
 * A project's chat (the Chat tab): history with older pages on demand, live updates while
 * open, and the composer. Opening it and new messages arriving mark the chat read.
 */
export function ChatPanel({ projectId, readOnly = false }: { projectId: string; readOnly?: boolean }) {
  const { t, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const meId = useMe().data?.id;
  const refreshUnread = useRefreshChatUnread();
  const markRead = useMutation(trpc.chat.markRead.mutationOptions({ onSuccess: () => void refreshUnread() }));
  const markTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleMarkRead = useCallback(() => {
    if (markTimer.current) clearTimeout(markTimer.current);
    markTimer.current = setTimeout(() => markRead.mutate({ projectId }), 600);
    // `markRead.mutate` is stable across renders, so the project is the only dependency.
  }, [projectId]);
  useEffect(() => () => void (markTimer.current && clearTimeout(markTimer.current)), []);

  const chat = useChatMessages(projectId, {
    onIncoming: (m) => {
      if (m.author?.id !== meId && !m.deletedAt && !m.editedAt) scheduleMarkRead();
    },
  });
  const { messages, hasOlder, loadingOlder, loadOlder } = chat;
  const firstLoaded = chat.first.isSuccess;
  useEffect(() => {
    if (firstLoaded) scheduleMarkRead();
  }, [firstLoaded, scheduleMarkRead]);

  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  /** Set before older messages are prepended, so the view stays where it was. */
  const keep = useRef<{ height: number; top: number } | null>(null);

  const older = useCallback(() => {
    const el = list.current;
    if (el) keep.current = { height: el.scrollHeight, top: el.scrollTop };
    void loadOlder();
  }, [loadOlder]);

  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    if (keep.current) {
      el.scrollTop = el.scrollHeight - keep.current.height + keep.current.top;
      if (!loadingOlder) keep.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, loadingOlder]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < EDGE;
    if (el.scrollTop < EDGE && hasOlder && !loadingOlder) older();
  };

  const upsertAndFollow = (m: ChatMessage) => {
    atBottom.current = true;
    chat.upsert([m]);
  };

  if (chat.first.isPending) return <Loading />;
  if (chat.first.isError) {
    if (errorCode(chat.first.error) === 'FORBIDDEN') {
      return (
        <div className="card notice chat-forbidden" data-testid="chat-forbidden">
          <p>{t('chat.forbidden')}</p>
        </div>
      );
    }
    return <ErrorAlert error={chat.first.error} onRetry={() => void chat.first.refetch()} />;
  }

  const moderator = can('chat.moderate');
  const today = berlinDay();
  return (
    <section className="chat card" data-testid="chat" aria-label={t('chat.title')} data-live={chat.live}>
      <div className="chat-messages" ref={list} onScroll={onScroll} data-testid="chat-messages">
        {hasOlder ? (
          <div className="chat-older">
            <button type="button" className="btn btn-small" disabled={loadingOlder} onClick={older} data-testid="chat-load-older">
              {loadingOlder ? t('app.loading') : t('chat.loadOlder')}
            </button>
          </div>
        ) : messages.length ? (
          <p className="chat-start muted small">{t('chat.start')}</p>
        ) : null}
        <ErrorAlert error={chat.olderError} onRetry={older} />
        {!messages.length ? <p className="chat-empty muted">{t('chat.empty')}</p> : null}
        <ol className="chat-list" role="log" aria-live="polite" aria-relevant="additions" aria-label={t('chat.title')}>
          {messages.map((m, i) => {
            const day = berlinDay(m.createdAt);
            const prev = messages[i - 1];
            const newDay = !prev || berlinDay(prev.createdAt) !== day;
            return (
              <Fragment key={m.id}>
                {newDay ? (
                  <li className="chat-day" aria-hidden="true">
                    <span>{day === today ? t('chat.today') : formatDate(m.createdAt)}</span>
                  </li>
                ) : null}
                <ChatMessageItem message={m} own={!!meId && m.author?.id === meId} moderator={moderator} onChanged={(x) => chat.upsert([x])} />
              </Fragment>
            );
          })}
        </ol>
      </div>
      {chat.live === 'error' ? (
        <Alert kind="warning" testId="chat-offline">
          {t('chat.offline')}
        </Alert>
      ) : null}
      {readOnly ? <p className="muted small chat-readonly">{t('chat.readOnly')}</p> : <ChatComposer projectId={projectId} onSent={upsertAndFollow} />}
    </section>
  );
}
