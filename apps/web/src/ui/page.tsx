import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/i18n.tsx';

export function PageHeader({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div className="page-title">
        <h1>{title}</h1>
        {children}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function Card({ title, actions, children, className, testId }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`card${className ? ` ${className}` : ''}`} data-testid={testId}>
      {title || actions ? (
        <header className="card-header">
          {title ? <h2>{title}</h2> : <span />}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('app.loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const t = useT();
  return <p className="empty">{children ?? t('common.noResults')}</p>;
}

export function NoAccess() {
  const t = useT();
  return (
    <div className="card notice" data-testid="no-access">
      <p>{t('common.noAccess')}</p>
      <Link href="/">{t('common.toHome')}</Link>
    </div>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <div className="card notice" data-testid="not-found">
      <p>{t('common.notFound')}</p>
      <Link href="/">{t('common.toHome')}</Link>
    </div>
  );
}
