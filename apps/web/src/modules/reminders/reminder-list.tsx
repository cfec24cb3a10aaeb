import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { recordHref } from '../../lib/record-links.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Modal } from '../../ui/modal.tsx';
import { useMe } from '../../lib/session.ts';
import { ReminderForm } from './reminder-form.tsx';
import { isOverdue, REMINDER_PRIORITY_TONES, useInvalidateReminders, type Reminder } from './reminder-options.ts';

/**
 * Reminders as a list: done ones struck through, overdue ones marked red. Each can be completed
 * (or opened again); the full version also edits and deletes, and names the linked record.
 */
export function ReminderList({ items, compact, showOwner }: { items: Reminder[]; compact?: boolean; showOwner?: boolean }) {
  const { t, tOr, formatDate } = useI18n();
  const trpc = useTRPC();
  const me = useMe().data;
  const invalidate = useInvalidateReminders();
  const [editing, setEditing] = useState<Reminder | null>(null);
  const [deleting, setDeleting] = useState<Reminder | null>(null);
  const complete = useMutation(trpc.reminders.complete.mutationOptions({ onSuccess: () => invalidate() }));
  const reopen = useMutation(trpc.reminders.update.mutationOptions({ onSuccess: () => invalidate() }));
  const remove = useMutation(trpc.reminders.delete.mutationOptions({ onSuccess: () => invalidate(), onSettled: () => setDeleting(null) }));
  const today = berlinDay();
  const busy = complete.isPending || reopen.isPending;

  return (
    <>
      <ErrorAlert error={complete.error ?? reopen.error ?? remove.error} />
      <ul className={`reminder-list${compact ? ' reminder-list-compact' : ''}`}>
        {items.map((r) => {
          const late = isOverdue(r, today);
          const href = compact ? null : recordHref(r.entity, r.entityId);
          return (
            <li key={r.id} className={`reminder-item${late ? ' reminder-overdue' : ''}${r.status === 'done' ? ' reminder-done' : ''}`} data-testid="reminder-row" data-id={r.id} data-status={r.status}>
              {r.status === 'done' ? (
                <button type="button" className="btn btn-small reminder-check" disabled={busy} onClick={() => reopen.mutate({ id: r.id, version: r.version, status: 'open' })} title={t('reminder.reopen')} data-testid="reminder-reopen">
                  <span aria-hidden="true">↺</span>
                  <span className="sr-only">{t('reminder.reopen')}</span>
                </button>
              ) : (
                <button type="button" className="btn btn-small reminder-check" disabled={busy} onClick={() => complete.mutate({ id: r.id })} title={t('reminder.complete')} data-testid="reminder-complete">
                  <span aria-hidden="true">✓</span>
                  <span className="sr-only">{t('reminder.complete')}</span>
                </button>
              )}
              <div className="reminder-main">
                <span className="reminder-title">{r.title}</span>
                <span className="reminder-meta">
                  <span className={late ? 'reminder-due-late' : 'muted'}>{t('reminder.dueOn', { date: formatDate(r.dueDate) })}</span>
                  {late ? <Badge tone="danger">{t('reminderStatus.overdue')}</Badge> : null}
                  {r.status === 'done' ? <Badge tone="success">{t('reminderStatus.done')}</Badge> : null}
                  {r.priority !== 'medium' ? <Badge tone={REMINDER_PRIORITY_TONES[r.priority]}>{tOr(`reminderPriority.${r.priority}`, r.priority)}</Badge> : null}
                  {href ? (
                    <Link href={href} className="small">
                      {tOr(`record.${r.entity}`, r.entity ?? '')}
                    </Link>
                  ) : null}
                  {showOwner && r.owner.id !== me?.id ? <span className="muted small">{r.owner.name}</span> : null}
                </span>
                {!compact && r.description ? <p className="small pre-wrap reminder-description">{r.description}</p> : null}
              </div>
              {!compact ? (
                <span className="reminder-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(r)} data-testid="reminder-edit">
                    {t('common.edit')}
                  </button>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => setDeleting(r)} data-testid="reminder-delete">
                    {t('common.delete')}
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {editing ? (
        <Modal title={t('reminder.edit')} onClose={() => setEditing(null)} testId="reminder-dialog">
          <ReminderForm key={editing.version} reminder={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
        </Modal>
      ) : null}
      {deleting ? (
        <ConfirmDialog title={t('reminder.deleteTitle')} confirmLabel={t('common.delete')} danger pending={remove.isPending} onConfirm={() => remove.mutate({ id: deleting.id })} onClose={() => setDeleting(null)}>
          <p>{t('reminder.deleteText', { title: deleting.title })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
