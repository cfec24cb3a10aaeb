import { useI18n } from '../../i18n/i18n.tsx';
import { fieldLabel as defaultFieldLabel, readableFields, readableValue, type ValueFormatters } from '../../lib/readable-value.ts';

const MAX = 120;
const SHOWN = 4;

const clip = (text: string) => (text.length > MAX ? `${text.slice(0, MAX)}…` : text);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isChange(value: unknown): value is { before: unknown; after: unknown } {
  return isRecord(value) && ('before' in value || 'after' in value);
}

/** A value as text; an object (the frozen buyer of an invoice) as a short field: value list. */
function Value({ entity, field, value, f, className }: { entity: string; field: string; value: unknown; f: ValueFormatters; className: string }) {
  const record = typeof value === 'string' && value.startsWith('{') ? parse(value) : value;
  if (isRecord(record)) {
    const fields = readableFields(entity, record, f);
    if (!fields.length) return <span className={className}>—</span>;
    return (
      <ul className={`change-record ${className}`}>
        {fields.map((x) => (
          <li key={x.field}>
            {x.label}: {clip(x.value)}
          </li>
        ))}
      </ul>
    );
  }
  return <span className={className}>{clip(readableValue(entity, field, value, f))}</span>;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function Line({ entity, field, change, label, f }: { entity: string; field: string; change: unknown; label: string; f: ValueFormatters }) {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  return (
    <li data-testid="audit-change" data-field={field}>
      <span className="change-field">{label}</span>:{' '}
      {isChange(change) && empty(change.before) ? (
        <Value entity={entity} field={field} value={change.after} f={f} className="change-after" />
      ) : isChange(change) ? (
        <>
          <Value entity={entity} field={field} value={change.before} f={f} className="change-before" /> →{' '}
          <Value entity={entity} field={field} value={change.after} f={f} className="change-after" />
        </>
      ) : (
        <Value entity={entity} field={field} value={change} f={f} className="" />
      )}
    </li>
  );
}

interface Props {
  changes: unknown;
  /** The audited entity ("project"): picks its field labels and enum labels. */
  entity: string;
  /** Names of the records ids point to, where known (ids without one show "—"). */
  names?: Record<string, string> | undefined;
  fieldLabel?: (field: string) => string;
}

/** `field: before → after` for each changed field of an audit entry, as people read them; long lists fold away. */
export function AuditChanges({ changes, entity, names, fieldLabel }: Props) {
  const { t, tOr, formatMoney, formatDateTime, formatDate, formatNumber } = useI18n();
  if (!isRecord(changes)) return null;
  // The record's own id is in the row already; a created record lists its fields without it.
  const entries = Object.entries(changes).filter(([field]) => field !== 'id');
  if (!entries.length) return null;
  const f: ValueFormatters = { tOr, formatMoney, formatDateTime, formatDate, formatNumber, names };
  const label = fieldLabel ?? ((field: string) => defaultFieldLabel(entity, field, tOr));
  const head = entries.slice(0, SHOWN);
  const rest = entries.slice(SHOWN);
  return (
    <div className="changes-wrap">
      <ul className="changes">
        {head.map(([field, change]) => (
          <Line key={field} entity={entity} field={field} label={label(field)} change={change} f={f} />
        ))}
      </ul>
      {rest.length ? (
        <details>
          <summary className="small">{t('audit.moreChanges', { count: rest.length })}</summary>
          <ul className="changes">
            {rest.map(([field, change]) => (
              <Line key={field} entity={entity} field={field} label={label(field)} change={change} f={f} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
