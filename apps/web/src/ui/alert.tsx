import { TRPCClientError } from '@trpc/client';
import type { ReactNode } from 'react';
import { useI18n, type TFunction } from '../i18n/i18n.tsx';
import { errorCode, errorInfo, type FieldProblem } from '../lib/errors.ts';

export function Alert({ kind, children, testId }: { kind: 'error' | 'success' | 'info' | 'warning'; children: ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/** The one sentence a user should read about an error, in their language where we can. */
export function describeError(error: unknown, t: TFunction, tv: (problem: FieldProblem) => string): string {
  const info = errorInfo(error);
  if (error instanceof TRPCClientError && !info.code) return t('error.network');
  switch (info.code) {
    case 'NETWORK':
      return t('error.network');
    case 'FORBIDDEN':
      return t('error.forbidden');
    case 'TOO_MANY_REQUESTS':
      // A limit that says which one and how long to wait (the sign-in limit) is shown by its code.
      return info.issue ? tv(info.issue) : t('error.tooManyRequests');
    case 'SERVICE_UNAVAILABLE':
      return t('error.unavailable');
    case 'INTERNAL_SERVER_ERROR':
      return t('error.generic');
    case 'CONFLICT':
      if (info.fieldErrors.version || /in the meantime/i.test(info.message)) return t('error.conflict');
      break;
  }
  const message = info.message.trim();
  // Schema validation: the details sit next to the fields.
  if (message.startsWith('Invalid input') && Object.keys(info.fieldErrors).length) return t('error.checkFields');
  if (!message || message.startsWith('[') || message.startsWith('{')) return info.code === 'NOT_FOUND' ? t('error.notFound') : t('error.generic');
  // By the refusal's code when it has one; a text without a code as it came.
  return tv(info.issue ?? message);
}

/** An error sentence; `onRetry` offers a retry, `onReload` (for CONFLICT) reloads the record. */
export function ErrorAlert({ error, onRetry, onReload, testId = 'error' }: { error: unknown; onRetry?: () => void; onReload?: () => void; testId?: string }) {
  const { t, tv } = useI18n();
  if (!error) return null;
  return (
    <Alert kind="error" testId={testId}>
      <span>{describeError(error, t, tv)}</span>
      {onReload && errorCode(error) === 'CONFLICT' ? (
        <button type="button" className="btn btn-small" onClick={onReload} data-testid="reload-after-conflict">
          {t('error.reload')}
        </button>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </Alert>
  );
}
