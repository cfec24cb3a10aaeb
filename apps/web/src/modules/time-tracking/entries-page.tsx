import { useState } from 'react';
import { useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { Modal } from '../../ui/modal.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { EntryFilters, filterFromSearch, toEntryFilter } from './entry-filters.tsx';
import { EntryForm } from './entry-form.tsx';
import { EntryList } from './entry-list.tsx';
import { PeriodPresets } from './period-presets.tsx';

/** `/time`: the entries the user may see, filtered, with manual entry. */
export function EntriesPage() {
  const { t } = useI18n();
  const can = useCan();
  const search = useSearch();
  const [filters, setFilters] = useState(() => filterFromSearch(search));
  const [creating, setCreating] = useState(false);
  // Typing a date fires on every keystroke; wait until it is whole.
  const filter = toEntryFilter(useDebounced(filters, 250));

  return (
    <>
      <PageHeader
        title={t('time.entriesTitle')}
        actions={
          can('timeTracking.track') ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-entry">
              + {t('time.newEntry')}
            </button>
          ) : null
        }
      />
      <EntryFilters value={filters} onChange={setFilters} flags={['billable', 'approved', 'invoiced']}>
        <PeriodPresets onChange={(range) => setFilters((f) => ({ ...f, ...range }))} />
      </EntryFilters>
      <EntryList filter={filter} />
      {creating ? (
        <Modal title={t('time.newEntry')} onClose={() => setCreating(false)} testId="entry-dialog" wide>
          <EntryForm onDone={() => setCreating(false)} />
        </Modal>
      ) : null}
    </>
  );
}
