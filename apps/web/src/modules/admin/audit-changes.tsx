import { useT } from '../../i18n/i18n.tsx';

const MAX = 80;
const SHOWN = 4;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

function isChange(value: unknown): value is { before: unknown; after: unknown } {
  return typeof value === 'object' && value !== null && ('before' in value || 'after' in value);
}

function Line({ change, label }: { change: unknown; label: string }) {
  return (
    <li>
      <span className="change-field">{label}</span>:{' '}
      {isChange(change) && (change.before === null || change.before === undefined) ? (
        <span className="change-after">{show(change.after)}</span>
      ) : isChange(change) ? (
        <>
          <span className="change-before">{show(change.before)}</span> → <span className="change-after">{show(change.after)}</span>
        </>
      ) : (
        <span>{show(change)}</span>
      )}
    </li>
  );
}

/** `field: before → after` for each changed field of an audit entry; long lists fold away. `fieldLabel` names the fields. */
export function AuditChanges({ changes, fieldLabel = (f) => f }: { changes: unknown; fieldLabel?: (field: string) => string }) {
  const t = useT();
  if (typeof changes !== 'object' || changes === null) return null;
  const entries = Object.entries(changes as Record<string, unknown>);
  if (!entries.length) return null;
  const head = entries.slice(0, SHOWN);
  const rest = entries.slice(SHOWN);
  return (
    <div className="changes-wrap">
      <ul className="changes">
        {head.map(([field, change]) => (
          <Line key={field} label={fieldLabel(field)} change={change} />
        ))}
      </ul>
      {rest.length ? (
        <details>
          <summary className="small">{t('audit.moreChanges', { count: rest.length })}</summary>
          <ul className="changes">
            {rest.map(([field, change]) => (
              <Line key={field} label={fieldLabel(field)} change={change} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
