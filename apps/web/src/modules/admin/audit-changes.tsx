const MAX = 80;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

function isChange(value: unknown): value is { before: unknown; after: unknown } {
  return typeof value === 'object' && value !== null && ('before' in value || 'after' in value);
}

/** `field: before → after` for each changed field of an audit entry. */
export function AuditChanges({ changes }: { changes: unknown }) {
  if (typeof changes !== 'object' || changes === null) return null;
  const entries = Object.entries(changes as Record<string, unknown>);
  if (!entries.length) return null;
  return (
    <ul className="changes">
      {entries.map(([field, change]) => (
        <li key={field}>
          <span className="change-field">{field}</span>:{' '}
          {isChange(change) ? (
            <>
              <span className="change-before">{show(change.before)}</span> → <span className="change-after">{show(change.after)}</span>
            </>
          ) : (
            <span>{show(change)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
