import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { SupplierContactForm, type SupplierContact } from './supplier-contact-form.tsx';

/** `/purchases/suppliers/:id`: a supplier's data (from its e-invoices) and its contacts. */
export function SupplierPage({ id }: { id: string }) {
  const t = useT();
  const trpc = useTRPC();
  const query = useQuery(trpc.purchases.suppliers.get.queryOptions({ id }));
  if (query.isPending) return <Loading />;
  if (!query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data;
  return (
    <>
      <PageHeader title={s.name} />
      <div className="grid-2">
        <Card title={t('supplier.title')} testId="supplier-details">
          <p>
            {s.street ? <>{s.street}<br /></> : null}
            {[s.zip, s.city].filter(Boolean).join(' ')} {s.countryCode}
          </p>
          <dl className="einvoice-facts">
            <dt>{t('supplier.vatId')}</dt>
            <dd>{s.vatId ?? '—'}</dd>
            <dt>{t('supplier.email')}</dt>
            <dd>{s.email ?? '—'}</dd>
            <dt>IBAN</dt>
            <dd>{s.iban ?? '—'}</dd>
          </dl>
        </Card>
        <SupplierContactsSection supplierId={s.id} contacts={s.contacts} />
      </div>
    </>
  );
}

function SupplierContactsSection({ supplierId, contacts }: { supplierId: string; contacts: SupplierContact[] }) {
  const t = useT();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation(
    trpc.purchases.suppliers.contacts.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.purchases.suppliers.pathKey() }) }),
  );
  const canWrite = can('purchases.write');
  const editingContact = contacts.find((c) => c.id === editing);
  return (
    <Card
      title={t('supplierContact.sectionTitle')}
      testId="supplier-contacts-section"
      actions={
        canWrite ? (
          <button type="button" className="btn btn-small btn-primary" onClick={() => setEditing('new')} data-testid="add-supplier-contact">
            + {t('supplierContact.add')}
          </button>
        ) : null
      }
    >
      <ErrorAlert error={remove.error} />
      {!contacts.length ? (
        <Empty>{t('supplierContact.empty')}</Empty>
      ) : (
        <ul className="contact-list">
          {contacts.map((c) => (
            <li key={c.id} className="contact-item" data-testid="supplier-contact-row">
              <div className="contact-main">
                <strong>{c.name}</strong>
                {c.isPrimary ? <Badge tone="info" testId="primary-supplier-contact">★ {t('supplierContact.primary')}</Badge> : null}
                <div className="muted small">{c.position ?? ''}</div>
                <div className="contact-channels small">
                  {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}
                  {c.phone ? <span>{c.phone}</span> : null}
                </div>
              </div>
              {canWrite ? (
                <div className="contact-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(c.id)} data-testid="edit-supplier-contact">
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    disabled={remove.isPending}
                    onClick={() => window.confirm(t('supplierContact.confirmDelete', { name: c.name })) && remove.mutate({ id: c.id })}
                    data-testid="delete-supplier-contact"
                  >
                    {t('common.delete')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <Modal title={editing === 'new' ? t('supplierContact.add') : t('supplierContact.edit')} onClose={() => setEditing(null)} testId="supplier-contact-dialog">
          <SupplierContactForm key={editingContact?.version ?? 'new'} supplierId={supplierId} contact={editingContact} onDone={() => setEditing(null)} />
        </Modal>
      ) : null}
    </Card>
  );
}
