import { isMoneyString } from '@workmate/domain/money';

/**
 * Turns the raw values the audit trail and system messages record (enum codes, decimal
 * strings, ISO timestamps, ids, JSON) into what a person reads. Pure: the i18n functions come
 * in as arguments, so the rules are unit-tested without React.
 */
export interface ValueFormatters {
  tOr: (key: string, fallback: string) => string;
  formatMoney: (amount: string) => string;
  formatDateTime: (iso: string) => string;
  formatDate: (iso: string) => string;
  formatNumber: (n: number) => string;
  /** Names of the records an id points to, where known. */
  names?: Record<string, string> | undefined;
}

/** Fields that hold an amount of money (decimal strings in euro). Quantities and rates in percent are not money. */
export const MONEY_FIELDS = new Set([
  'amount',
  'budget',
  'defaultHourlyRate',
  'grossAmount',
  'grossTotal',
  'hourlyRate',
  'netAmount',
  'netTotal',
  'paidAmount',
  'taxAmount',
  'taxTotal',
  'unitPrice',
  'lineNet',
]);

/** Fields whose labels live under a prefix that is not "<entity><Field>" or "<field>". */
const ENUM_PREFIXES: Record<string, string[]> = {
  method: ['paymentMethod'],
  type: ['activityType', 'customerType', 'invoiceType', 'documentKind'],
  category: ['expenseCategory', 'documentCategory'],
  status: ['projectStatus', 'invoiceStatus', 'customerStatus', 'employeeStatus', 'reminderStatus'],
  priority: ['projectPriority', 'reminderPriority'],
  action: ['change'],
  kind: ['documentKind'],
  entity: ['entity'],
  linkedEntity: ['entity'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The i18n label of an enum value, or null when none of the known prefixes has one. */
export function enumLabel(entity: string, field: string, value: string, tOr: ValueFormatters['tOr']): string | null {
  const prefixes = [`${entity}${capitalise(field)}`, field, ...(ENUM_PREFIXES[field] ?? [])];
  for (const prefix of prefixes) {
    const key = `${prefix}.${value}`;
    const label = tOr(key, key);
    if (label !== key) return label;
  }
  return null;
}

/** Who made a change: background jobs and the system itself appear as "System", the demo data loader as `demoData`. */
export function actorName(label: string | null | undefined, system: string, demoData = system): string {
  if (!label || label === 'worker' || label === 'system') return system;
  if (label === 'demo data') return demoData;
  return label;
}

/** One value, as text. `entity` and `field` say what it is (an enum's labels, money or not). */
export function readableValue(entity: string, field: string, value: unknown, f: ValueFormatters): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return f.tOr(value ? 'common.yes' : 'common.no', value ? 'ja' : 'nein');
  if (typeof value === 'number') return MONEY_FIELDS.has(field) ? f.formatMoney(String(value)) : f.formatNumber(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => readableValue(entity, field, v, f)).join(', ') : '—';
  if (isRecord(value)) return readableRecord(entity, value, f);
  if (typeof value !== 'string') return String(value);
  if (value === '(hidden)') return f.tOr('format.hidden', '(verborgen)');
  if (isUuid(value)) return f.names?.[value] ?? '—';
  if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return f.formatDateTime(value);
  if (CALENDAR_DATE.test(value)) return f.formatDate(value);
  if (MONEY_FIELDS.has(field) && isMoneyString(value)) return f.formatMoney(value);
  // JSON text recorded as a string (the frozen seller and buyer of an invoice).
  if (value.startsWith('{') && value.endsWith('}')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isRecord(parsed)) return readableRecord(entity, parsed, f);
    } catch {
      /* not JSON after all: shown as text */
    }
  }
  return enumLabel(entity, field, value, f.tOr) ?? value;
}

/** An object as "Field: value, Field: value" with labelled fields; empty fields are left out. */
export function readableRecord(entity: string, record: Record<string, unknown>, f: ValueFormatters): string {
  return readableFields(entity, record, f)
    .map((x) => `${x.label}: ${x.value}`)
    .join(', ');
}

/** The labelled, formatted fields of an object (for a field: value list); empty fields are left out. */
export function readableFields(entity: string, record: Record<string, unknown>, f: ValueFormatters): Array<{ field: string; label: string; value: string }> {
  return Object.entries(record)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([field, v]) => ({ field, label: fieldLabel(entity, field, f.tOr), value: readableValue(entity, field, v, f) }));
}

/** A field's label: the entity's own form label, else a shared one, else the field's name. */
export function fieldLabel(entity: string, field: string, tOr: ValueFormatters['tOr']): string {
  const own = tOr(`${entity}.${field}`, '');
  if (own) return own;
  return tOr(`field.${field}`, field);
}
