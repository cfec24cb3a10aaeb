import { useT } from '../i18n/i18n.tsx';

/** The from/to day inputs of the list filters (time entries, invoices, expenses). */
export function DateRangeFilter({ from, to, onChange }: { from: string; to: string; onChange: (field: 'from' | 'to', value: string) => void }) {
  const t = useT();
  return (
    <>
      <label className="toggle date-filter">
        {t('time.from')}
        <input type="date" value={from} onChange={(e) => onChange('from', e.target.value)} data-testid="filter-from" />
      </label>
      <label className="toggle date-filter">
        {t('time.to')}
        <input type="date" value={to} onChange={(e) => onChange('to', e.target.value)} data-testid="filter-to" />
      </label>
    </>
  );
}
