import { Link, useLocation } from 'wouter';
import { useT } from '../i18n/i18n.tsx';
import { useCan } from '../lib/session.ts';
import { useChatUnread } from '../modules/chat/use-chat-unread.ts';
import { isActive, NAV } from './nav-items.ts';

/** Module navigation; on phones it is a drop-down panel opened from the top bar. */
export function SideNav({ open, onNavigate }: { open: boolean; onNavigate: () => void }) {
  const t = useT();
  const can = useCan();
  const [location] = useLocation();
  const unread = useChatUnread().total;
  return (
    <nav id="side-nav" className={`side-nav${open ? ' open' : ''}`} aria-label={t('nav.main')} data-testid="side-nav">
      {NAV.map((group) => {
        const items = group.items.filter((item) => !item.permission || can(item.permission));
        if (!items.length) return null;
        return (
          <div className="nav-group" key={group.label}>
            <h2 className="nav-group-title">{t(group.label)}</h2>
            <ul>
              {items.map((item) => {
                const active = isActive(item.href, location);
                return (
                  <li key={item.href}>
                    <Link href={item.href} className={active ? 'active' : ''} aria-current={active ? 'page' : undefined} onClick={onNavigate} data-testid={item.testId}>
                      {t(item.label)}
                      {item.badge === 'chatUnread' ? (
                        <>
                          <span className={`count-badge${unread ? '' : ' count-badge-zero'}`} data-testid="chat-unread-total" data-count={unread} aria-hidden="true">
                            {unread > 99 ? '99+' : unread}
                          </span>
                          {unread ? <span className="sr-only">{t('chat.unreadTotal', { count: unread })}</span> : null}
                        </>
                      ) : null}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
