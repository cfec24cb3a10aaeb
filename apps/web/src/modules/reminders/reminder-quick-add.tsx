import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useTRPC } from '../../trpc.ts';
import { Alert } from '../../ui/alert.tsx';
import { Popover } from '../../ui/popover.tsx';
import { ReminderForm } from './reminder-form.tsx';
import { ReminderList } from './reminder-list.tsx';
import { isOverdue, type ReminderTarget } from './reminder-options.ts';

/**
 * "Reminder" on a record's page (customer, project, invoice, expense): one's reminders about this
 * record, and a short form for a new one linked to it. The button counts the open ones.
 */
export function ReminderQuickAdd({ entity, entityId }: ReminderTarget) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState(false);
  const list = useQuery(trpc.reminders.list.queryOptions({ page: 1, pageSize: 50, entity, entityId }));
  const items = list.data?.items ?? [];
  const pending = items.filter((r) => r.status !== 'done');
  const late = pending.some((r) => isOverdue(r, berlinDay()));

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setAdded(false);
      }}
      buttonClassName={`btn${late ? ' btn-late' : ''}`}
      buttonTestId="reminder-quick-add"
      title={t('reminder.forRecord')}
      testId="reminder-popover"
      className="reminder-popover"
      button={
        <>
          {t('reminder.quickAdd')}
          {pending.length ? (
            <span className="count-pill" data-testid="reminder-quick-count">
              {pending.length}
            </span>
          ) : null}
        </>
      }
    >
      <div className="popover-header">
        <h2>{t('reminder.forRecord')}</h2>
        <Link href="/reminders" className="small">
          {t('reminder.all')}
        </Link>
      </div>
      {items.length ? <ReminderList items={items} compact /> : <p className="muted small popover-empty">{t('reminder.noneForRecord')}</p>}
      <div className="popover-body">
        {added ? <Alert kind="success" testId="reminder-added">{t('reminder.added')}</Alert> : null}
        <ReminderForm target={{ entity, entityId }} compact onDone={() => setAdded(true)} />
      </div>
    </Popover>
  );
}
