import type { ReactNode } from 'react';

export interface TabItem<K extends string> {
  id: K;
  label: string;
  /** A tab that is planned but not there yet: shown, not selectable, with this note. */
  comingSoon?: string | undefined;
  hidden?: boolean | undefined;
  /** A count shown next to the label (unread messages); nothing when 0. */
  badge?: number | undefined;
  /** What the count means, for screen readers ("3 unread"). */
  badgeLabel?: string | undefined;
}

/** A tab bar (WAI-ARIA tabs); the caller renders the panel of `active` below it inside `TabPanel`. */
export function Tabs<K extends string>({ label, items, active, onChange }: { label: string; items: Array<TabItem<K>>; active: K; onChange: (id: K) => void }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {items
        .filter((item) => !item.hidden)
        .map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={item.id === active}
            aria-controls={`panel-${item.id}`}
            className={`tab${item.id === active ? ' active' : ''}`}
            disabled={!!item.comingSoon}
            title={item.comingSoon}
            onClick={() => onChange(item.id)}
            data-testid={`tab-${item.id}`}
          >
            {item.label}
            {item.badge ? (
              <>
                <span className="count-badge" data-testid={`tab-${item.id}-badge`} data-count={item.badge} aria-hidden="true">
                  {item.badge > 99 ? '99+' : item.badge}
                </span>
                <span className="sr-only">{item.badgeLabel ?? item.badge}</span>
              </>
            ) : null}
            {item.comingSoon ? <span className="tab-soon">{item.comingSoon}</span> : null}
          </button>
        ))}
    </div>
  );
}

export function TabPanel({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} className="tab-panel">
      {children}
    </div>
  );
}
