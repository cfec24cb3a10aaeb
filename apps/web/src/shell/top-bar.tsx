import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { useT } from '../i18n/i18n.tsx';
import { useCan, type Me } from '../lib/session.ts';
import { NotificationBell } from '../modules/notifications/notification-bell.tsx';
import { Timer } from '../modules/time-tracking/timer.tsx';
import { useTRPC } from '../trpc.ts';
import { LangSwitch } from '../ui/lang-switch.tsx';

export function TopBar({ me, navOpen, onToggleNav }: { me: Me; navOpen: boolean; onToggleNav: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const can = useCan();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        navigate('/login', { replace: true });
      },
    }),
  );

  return (
    <header className="top-bar">
      <button type="button" className="btn btn-ghost menu-toggle" aria-expanded={navOpen} aria-controls="side-nav" onClick={onToggleNav} data-testid="menu-toggle">
        <span aria-hidden="true">☰</span>
        <span className="sr-only">{t('common.menu')}</span>
      </button>
      <Link href="/" className="brand">
        {t('app.name')}
      </Link>
      <div className="top-bar-spacer" />
      {can('timeTracking.track') ? <Timer /> : null}
      <NotificationBell />
      <LangSwitch />
      <Link href="/profile" className="top-bar-user" data-testid="profile-link" title={t('nav.profile')}>
        <span className="avatar" aria-hidden="true">
          {(me.firstName[0] ?? '') + (me.lastName[0] ?? '')}
        </span>
        <span className="user-name" data-testid="user-name">
          {me.firstName} {me.lastName}
        </span>
      </Link>
      <button type="button" className="btn btn-ghost" onClick={() => logout.mutate()} disabled={logout.isPending} data-testid="logout">
        {t('nav.logout')}
      </button>
    </header>
  );
}
