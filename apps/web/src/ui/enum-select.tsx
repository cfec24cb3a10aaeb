import { useI18n } from '../i18n/i18n.tsx';
import { enumOptions } from './enum-options.ts';
import type { Option } from './form-fields.tsx';

type Props<T extends string> = {
  /** Names the filter (aria-label); the empty choice reads "<label>: All". */
  label: string;
  /** A shorter name for the empty choice ("Action: All" for the label "Filter by action"). */
  shortLabel?: string | undefined;
  value: T | '';
  onChange: (value: T | '') => void;
  testId: string;
} & ({ values: readonly T[]; prefix: string; options?: undefined } | { options: Option[]; values?: undefined; prefix?: undefined });

/**
 * A list filter over a fixed set of values: "all" first, then the values labelled from
 * `prefix.value` message keys (or given options).
 */
export function EnumSelect<T extends string>({ label, shortLabel, value, onChange, testId, values, prefix, options }: Props<T>) {
  const { t, tOr } = useI18n();
  const choices = options ?? enumOptions(values, prefix, tOr);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as T | '')} aria-label={label} data-testid={testId}>
      <option value="">{`${shortLabel ?? label}: ${t('common.all')}`}</option>
      {choices.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
