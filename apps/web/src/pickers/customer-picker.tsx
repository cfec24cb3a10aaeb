import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { FieldProblem } from '../lib/field-errors.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { useTRPC } from '../trpc.ts';
import { withCurrent } from '../ui/enum-options.ts';
import { useCan } from '../lib/session.ts';

interface Props {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The customer already linked, so it stays selectable whatever the search finds. */
  current?: { id: string; name: string } | null | undefined;
  error?: FieldProblem[] | undefined;
  required?: boolean;
  /** Label of the empty choice ("all" in filters); without it a choice is required. */
  emptyLabel?: string;
  /** Inline in a toolbar instead of a labelled form field. */
  compact?: boolean;
  /** Across the whole row of a form grid (room for the search box and the select). */
  wide?: boolean;
}

/** A customer select narrowed by a search box: the select (named `name`) carries the value. */
export function CustomerPicker({ name, label, value, onChange, current, error, required, emptyLabel, compact, wide }: Props) {
  const { t, tv } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const id = useId();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim(), 250);
  const list = useQuery({
    ...trpc.crm.customers.list.queryOptions({ page: 1, pageSize: 50, search: debounced || undefined, sort: 'name', direction: 'asc' }),
    enabled: can('crm.read'),
    placeholderData: keepPreviousData,
  });
  const found = (list.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.customerNumber})` }));
  const options = withCurrent(found, current);

  const controls = (
    <span className="picker">
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t('picker.searchCustomer')}
        aria-label={`${label}: ${t('common.search')}`}
        data-testid={`${name}-search`}
      />
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-label={compact ? label : undefined}
        aria-invalid={error?.length ? true : undefined}
        data-testid={compact ? `filter-${name}` : undefined}
      >
        <option value="">{emptyLabel ?? t('picker.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
  if (compact) return controls;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" title={t('common.required')}> *</span> : null}
      </label>
      {controls}
      {error?.length ? (
        <small className="field-error" role="alert">
          {error.map(tv).join(' ')}
        </small>
      ) : null}
    </div>
  );
}
