import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Card, Empty, Loading } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { ContactConsent } from '../campaigns/consent-status.tsx';
import { ContactForm } from './contact-form.tsx';

export function ContactsSection({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const contacts = useQuery(trpc.crm.contacts.list.queryOptions({ customerId, page: 1, pageSize: 200, sort: 'lastName', direction: 'asc' }));
  const remove = useMutation(
    trpc.crm.contacts.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() }) }),
  );
  const canWrite = can('crm.write') && !readOnly;
  const canDelete = can('crm.write') && !readOnly; // the API guards contact deletion with crm.write
  const items = [...(contacts.data?.items ?? [])].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const editingContact = items.find((c) => c.id === editing);

  return (
    <Card
      title={t('contact.sectionTitle')}
      testId="contacts-section"
      actions={
        canWrite ? (
          <button type="button" className="btn btn-small btn-primary" onClick={() => setEditing('new')} data-testid="add-contact">
            + {t('contact.add')}
          </button>
        ) : null
      }
    >
      <ErrorAlert error={contacts.error ?? remove.error} />
      {contacts.isPending ? (
        <Loading />
      ) : !items.length ? (
        <Empty>{t('contact.empty')}</Empty>
      ) : (
        <ul className="contact-list">
          {items.map((c) => {
            const name = `${c.firstName} ${c.lastName}`;
            return (
              <li key={c.id} className="contact-item" data-testid="contact-row">
                <div className="contact-main">
                  <strong>{name}</strong>
                  {c.isPrimary ? (
                    <Badge tone="info" testId="primary-contact">
                      ★ {t('contact.primary')}
                    </Badge>
                  ) : null}
                  <div className="muted small">{[c.position, c.department].filter(Boolean).join(' · ')}</div>
                  <div className="contact-channels small">
                    {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}
                    {c.phone ? <span>{c.phone}</span> : null}
                    {c.mobile ? <span>{c.mobile}</span> : null}
                  </div>
                  {c.email && can('campaigns.read') ? <ContactConsent contactId={c.id} /> : null}
                </div>
                <div className="contact-actions">
                  {canWrite ? (
                    <button type="button" className="btn btn-small" onClick={() => setEditing(c.id)} data-testid="edit-contact">
                      {t('common.edit')}
                    </button>
                  ) : null}
                  {canDelete ? (
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      disabled={remove.isPending}
                      onClick={() => window.confirm(t('contact.confirmDelete', { name })) && remove.mutate({ id: c.id })}
                      data-testid="delete-contact"
                    >
                      {t('common.delete')}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {editing ? (
        <Modal title={editing === 'new' ? t('contact.add') : t('contact.edit')} onClose={() => setEditing(null)} testId="contact-dialog">
          <ContactForm key={editingContact?.version ?? 'new'} customerId={customerId} contact={editingContact} onDone={() => setEditing(null)} />
        </Modal>
      ) : null}
    </Card>
  );
}
