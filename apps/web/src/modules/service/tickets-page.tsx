import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TICKET_STATUSES, type TicketStatus } from '@workmate/domain/service-sla';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { SlaBadge } from './sla-badge.tsx';
import { TicketForm } from './ticket-form.tsx';

const OPEN: TicketStatus[] = ['new', 'open', 'waiting_customer', 'on_hold'];

/** `/service`: tickets, newest first, with their SLA clocks as badges. */
export function TicketsPage() {
  const { t, tOr, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [status, setStatus] = useState<'open' | 'all' | TicketStatus>('open');
  const [creating, setCreating] = useState(false);
  const filter = status === 'all' ? undefined : status === 'open' ? OPEN : [status];
  const list = useQuery({ ...trpc.service.tickets.list.queryOptions({ status: filter, pageSize: 100 }), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title={t('service.ticketsTitle')}
        actions={
          can('service.write') ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-ticket">
              + {t('service.new')}
            </button>
          ) : null
        }
      />
      <div className="filter-bar">
        <label>
          {t('service.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="ticket-status-filter">
            <option value="open">{OPEN.map((s) => tOr(`ticketStatus.${s}`, s)).join(' / ')}</option>
            <option value="all">{t('common.all')}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tOr(`ticketStatus.${s}`, s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorAlert error={list.error} />
      {!list.data ? (
        <Loading />
      ) : !list.data.items.length ? (
        <Empty>{t('service.empty')}</Empty>
      ) : (
        <Card>
          <div className="table-wrap">
            <table className="table" data-testid="tickets-table">
              <thead>
                <tr>
                  <th>{t('service.number')}</th>
                  <th>{t('service.subject')}</th>
                  <th>{t('service.customer')}</th>
                  <th>{t('service.priority')}</th>
                  <th>{t('service.status')}</th>
                  <th>{t('service.firstResponse')}</th>
                  <th>{t('service.resolution')}</th>
                  <th>{t('service.created')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((tk) => (
                  <tr key={tk.id} data-testid="ticket-row">
                    <td>
                      <Link href={`/service/${tk.id}`}>{tk.number}</Link>
                    </td>
                    <td>
                      <Link href={`/service/${tk.id}`}>{tk.subject}</Link>
                    </td>
                    <td>{tk.customerName}</td>
                    <td>
                      <Badge tone={tk.priority === 'urgent' ? 'danger' : tk.priority === 'high' ? 'warning' : 'neutral'}>{tOr(`ticketPriority.${tk.priority}`, tk.priority)}</Badge>
                    </td>
                    <td>{tOr(`ticketStatus.${tk.status}`, tk.status)}</td>
                    <td><SlaBadge clock={tk.sla.firstResponse} testId="sla-first-response" /></td>
                    <td><SlaBadge clock={tk.sla.resolution} testId="sla-resolution" /></td>
                    <td className="small">{formatDateTime(tk.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {creating ? (
        <Modal title={t('service.new')} onClose={() => setCreating(false)} testId="ticket-dialog" wide>
          <TicketForm onCancel={() => setCreating(false)} />
        </Modal>
      ) : null}
    </>
  );
}
