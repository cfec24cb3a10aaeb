import { INVOICE_STATUSES, INVOICE_TYPES, type InvoiceStatus, type InvoiceType } from '@workmate/domain/enums';
import { STATUSES_OF } from '@workmate/domain/invoice-lifecycle';
import type { InvoiceListInput } from '@workmate/domain/schemas/invoices';
import { useI18n } from '../../i18n/i18n.tsx';
import { ChipToggles } from '../../ui/chip-toggles.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { useCan } from '../../lib/session.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { useProjectOptions } from '../../pickers/project-options.ts';
import { DateRangeFilter } from '../../ui/date-range-filter.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { ListToolbar } from '../../ui/list-toolbar.tsx';

export interface InvoiceFilterState {
  search: string;
  status: string[];
  type: InvoiceType | '';
  customerId: string;
  projectId: string;
  from: string;
  to: string;
}

/** The kinds the invoice list shows (quotes have a page of their own). */
export const LIST_TYPES: readonly InvoiceType[] = INVOICE_TYPES.filter((type) => type !== 'quote');

const isType = (v: string | null): v is InvoiceType => (LIST_TYPES as readonly string[]).includes(v ?? '');

/** Filters from the address (`?status=overdue&status=sent&customerId=…`), as the dashboard links to them. */
export function filtersFromSearch(search: string, presetType?: InvoiceType): InvoiceFilterState {
  const params = new URLSearchParams(search);
  const type = params.get('type');
  return {
    search: params.get('search') ?? '',
    status: params.getAll('status').filter((s) => (INVOICE_STATUSES as readonly string[]).includes(s)),
    type: presetType ?? (isType(type) ? type : ''),
    customerId: params.get('customerId') ?? '',
    projectId: params.get('projectId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** The filters only; the page and sort are the caller's (the web pages by number, not by cursor). */
export function toListFilter(f: InvoiceFilterState): Omit<Partial<InvoiceListInput>, 'cursor'> {
  return {
    search: f.search.trim() || undefined,
    status: f.status.length ? (f.status as InvoiceStatus[]) : undefined,
    type: f.type || undefined,
    customerId: f.customerId || undefined,
    projectId: f.projectId || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
}

/** `presetType`: the page is that one kind (the quotes page), so there is no type to choose. */
export function InvoiceFilters({ value, onChange, presetType }: { value: InvoiceFilterState; onChange: (next: InvoiceFilterState) => void; presetType?: InvoiceType | undefined }) {
  const { t, tOr } = useI18n();
  const can = useCan();
  const { projects } = useProjectOptions({ includeClosed: true });
  const set = <K extends keyof InvoiceFilterState>(key: K, v: InvoiceFilterState[K]) => onChange({ ...value, [key]: v });
  const all = t('common.all');
  // The statuses the chosen type can have; without a type, those of the kinds the list shows.
  const statuses = value.type ? STATUSES_OF[value.type] : INVOICE_STATUSES.filter((s) => LIST_TYPES.some((type) => STATUSES_OF[type].includes(s)));
  const projectOptions = projects.filter((p) => !value.customerId || p.customer.id === value.customerId);

  return (
    <FilterBar>
      <ListToolbar testId="invoice-filters" search={{ value: value.search, onChange: (v) => set('search', v), placeholder: t('invoice.searchPlaceholder'), testId: 'invoice-search' }}>
        {presetType ? null : (
        <select
          value={value.type}
          onChange={(e) => {
            const type = e.target.value as InvoiceType | '';
            // Statuses the new type cannot have would leave the list empty.
            onChange({ ...value, type, status: type ? value.status.filter((s) => (STATUSES_OF[type] as readonly string[]).includes(s)) : value.status });
          }}
          aria-label={t('invoice.type')}
          data-testid="filter-type"
        >
          <option value="">{`${t('invoice.type')}: ${all}`}</option>
          {enumOptions(LIST_TYPES, 'invoiceType', tOr).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        )}
        <CustomerPicker
          name="customerId"
          label={t('invoice.customer')}
          value={value.customerId}
          onChange={(v) => onChange({ ...value, customerId: v, projectId: '' })}
          emptyLabel={`${t('invoice.customer')}: ${all}`}
          compact
        />
        {can('projects.read') ? (
          <select value={value.projectId} onChange={(e) => set('projectId', e.target.value)} aria-label={t('invoice.project')} data-testid="filter-project">
            <option value="">{`${t('invoice.project')}: ${all}`}</option>
            {projectOptions.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.projectNumber} · ${p.title}`}
              </option>
            ))}
          </select>
        ) : null}
        <DateRangeFilter from={value.from} to={value.to} onChange={set} />
      </ListToolbar>
      <div className="toolbar">
        <ChipToggles
          label={t('invoice.status')}
          options={enumOptions(statuses, 'invoiceStatus', tOr)}
          selected={value.status}
          onChange={(status) => set('status', status)}
          testId="filter-status"
        />
      </div>
    </FilterBar>
  );
}
