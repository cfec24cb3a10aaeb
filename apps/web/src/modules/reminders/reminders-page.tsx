import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { REMINDER_STATUSES, type ReminderStatus } from '@workmate/domain/enums';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ChipToggles } from '../../ui/chip-toggles.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { Modal } from '../../ui/modal.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { ReminderForm } from './reminder-form.tsx';
import { ReminderList } from './reminder-list.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';

const PAGE_SIZE = 50;

/** `/reminders`: one's own reminders (with reminders.manage optionally everyone's), soonest first. */
export function RemindersPage() {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [status, setStatus] = useState<string[]>(['open', 'overdue']);
  const [all, setAll] = useState(false);
  const [adding, setAdding] = useState(false);
  const [page, setPage] = usePage([status, all]);
  const list = useQuery({
    ...trpc.reminders.list.queryOptions({ page, pageSize: PAGE_SIZE, status: status.length ? (status as ReminderStatus[]) : undefined, all }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('reminder.listTitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} data-testid="new-reminder">
            + {t('reminder.new')}
          </button>
        }
      />
      <div className="toolbar">
        <ChipToggles label={t('reminder.status')} options={enumOptions(REMINDER_STATUSES, 'reminderStatus', tOr)} selected={status} onChange={setStatus} testId="filter-reminder-status" />
        {can('reminders.manage') ? (
          <label className="toggle">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="reminders-all" />
            {t('reminder.everyone')}
          </label>
        ) : null}
      </div>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('reminder.none')} testId="reminders">
        {(items) => <ReminderList items={items} showOwner={all} />}
      </ListCard>
      {adding ? (
        <Modal title={t('reminder.new')} onClose={() => setAdding(false)} testId="reminder-dialog">
          <ReminderForm onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />
        </Modal>
      ) : null}
    </>
  );
}
