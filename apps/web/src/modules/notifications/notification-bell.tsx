import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { recordHref } from '../../lib/record-links.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { BellIcon } from '../../ui/icons.tsx';
import { Popover } from '../../ui/popover.tsx';

type NotificationPage = RouterOutputs['notifications']['list'];
type Notification = NotificationPage['items'][number];

const LATEST = { page: 1, pageSize: 10 } as const;

/**
 * The bell in the top bar: unread count, the latest ten, mark read. New notifications arrive
 * live over the `notifications.onNew` subscription (server-sent events) and are put straight
 * into the cached list, so the badge counts up without a reload.
 */
export function NotificationBell() {
  const { t, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const listOptions = trpc.notifications.list.queryOptions(LATEST, { staleTime: 60_000 });
  const list = useQuery(listOptions);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });

  useSubscription(
    trpc.notifications.onNew.subscriptionOptions(undefined, {
      onData: (event) => {
        const n: Notification = event.data;
        queryClient.setQueryData(listOptions.queryKey, (prev: NotificationPage | undefined) => {
          if (!prev || prev.items.some((i) => i.id === n.id)) return prev;
          return { ...prev, items: [n, ...prev.items].slice(0, LATEST.pageSize), total: prev.total + 1, unread: prev.unread + (n.readAt ? 0 : 1) };
        });
      },
    }),
  );

  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: () => invalidate() }));
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const openItem = (n: Notification) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    const href = recordHref(n.entity, n.entityId);
    if (href) {
      setOpen(false);
      navigate(href);
    }
  };

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void invalidate();
      }}
      buttonClassName="btn btn-ghost bell"
      buttonLabel={unread ? t('notification.bellUnread', { count: unread }) : t('notification.bell')}
      buttonTestId="notification-bell"
      title={t('notification.title')}
      testId="notification-panel"
      className="notification-popover"
      button={
        <>
          <BellIcon />
          <span className={`bell-count${unread ? '' : ' bell-count-zero'}`} data-testid="notification-count" data-count={unread} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        </>
      }
    >
      <div className="popover-header">
        <h2>{t('notification.title')}</h2>
        <button type="button" className="btn btn-small btn-ghost" disabled={!unread || markRead.isPending} onClick={() => markRead.mutate({})} data-testid="notification-mark-all">
          {t('notification.markAll')}
        </button>
      </div>
      <ErrorAlert error={list.error ?? markRead.error} />
      {!items.length ? (
        <p className="muted small popover-empty">{t('notification.none')}</p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => {
            const href = recordHref(n.entity, n.entityId);
            return (
              <li key={n.id} className={`notification-item${n.readAt ? '' : ' notification-unread'}`} data-testid="notification-item" data-id={n.id} data-read={n.readAt ? 'true' : 'false'}>
                <button type="button" className="notification-open" onClick={() => openItem(n)} disabled={!href && !!n.readAt}>
                  <span className="notification-title">{n.title}</span>
                  {n.body ? <span className="notification-body small">{n.body}</span> : null}
                  <span className="muted small">{formatDateTime(n.createdAt)}</span>
                </button>
                {!n.readAt ? (
                  <button type="button" className="btn btn-small btn-ghost notification-read" onClick={() => markRead.mutate({ ids: [n.id] })} title={t('notification.markRead')} data-testid="notification-mark-read">
                    <span aria-hidden="true">✓</span>
                    <span className="sr-only">{t('notification.markRead')}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Popover>
  );
}
