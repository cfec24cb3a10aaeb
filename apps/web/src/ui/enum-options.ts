import type { Option } from './form-fields.tsx';

type TOr = (key: string, fallback: string) => string;

/** Select options for an enum, labelled from `prefix.value` message keys. */
export function enumOptions(values: readonly string[], prefix: string, tOr: TOr): Option[] {
  return values.map((value) => ({ value, label: tOr(`${prefix}.${value}`, value) }));
}

export const STATUS_TONES: Record<string, string> = {
  lead: 'info',
  active: 'success',
  inactive: 'neutral',
  blocked: 'danger',
  on_leave: 'warning',
};

/** Keeps the currently linked record selectable even if the option list did not include it. */
export function withCurrent(options: Option[], current: { id: string; name: string } | null | undefined): Option[] {
  if (!current || options.some((o) => o.value === current.id)) return options;
  return [{ value: current.id, label: current.name }, ...options];
}
