import { useEffect, useState, type ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { hasStoredLang, useI18n } from '../i18n/i18n.tsx';
import { useCan, useMe } from '../lib/session.ts';
import { ErrorAlert } from '../ui/alert.tsx';
import { Loading } from '../ui/page.tsx';
import { SideNav } from './side-nav.tsx';
import { TopBar } from './top-bar.tsx';

/** Everything behind sign-in: top bar, module navigation and the page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, setLang } = useI18n();
  const me = useMe();
  const can = useCan();
  const [location] = useLocation();
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => setNavOpen(false), [location]);

  // The first time on this browser, use the language stored with the employee.
  const userLang = me.data?.language;
  useEffect(() => {
    if ((userLang === 'de' || userLang === 'en') && !hasStoredLang()) setLang(userLang);
  }, [userLang, setLang]);

  if (me.isPending) return <Loading />;
  if (me.isError) {
    return (
      <main className="centered">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    const next = location === '/' ? '' : `?next=${encodeURIComponent(location)}`;
    return <Redirect to={`/login${next}`} replace />;
  }

  return (
    <div className={`shell${can('timeTracking.track') ? ' shell-with-timer' : ''}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <TopBar me={me.data} navOpen={navOpen} onToggleNav={() => setNavOpen((o) => !o)} />
      <div className="shell-body">
        <SideNav open={navOpen} onNavigate={() => setNavOpen(false)} />
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
