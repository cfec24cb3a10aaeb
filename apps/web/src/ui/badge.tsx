import type { ReactNode } from 'react';

export function Badge({ tone = 'neutral', children, testId }: { tone?: string; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
