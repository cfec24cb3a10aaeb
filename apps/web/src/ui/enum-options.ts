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
