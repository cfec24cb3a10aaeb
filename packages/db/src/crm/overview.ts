import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import type { InvoiceStatus, InvoiceType, ProjectStatus } from '@workmate/domain/enums';
import { hasPermission } from '@workmate/domain/permissions';
import { getCustomer } from './customers.ts';

/** Invoices that are issued and not yet settled: what the customer still owes. */
const OPEN_STATUSES = `('finalized', 'sent', 'partially_paid', 'overdue')`;
/** Invoices that are issued and not cancelled: they count as revenue. */
/** Issued documents; credit notes (finalized, sent) count with their negative net. */
const ISSUED_STATUSES = `('finalized', 'sent', 'partially_paid', 'paid', 'overdue')`;
const INVOICE_LIMIT = 50;

export interface CustomerOverviewDto {
  /** Null without `projects.read`. Active first, then planning, on hold, completed, cancelled. */
  projects: Array<{ id: string; projectNumber: string; title: string; status: ProjectStatus; deadline: string | null }> | null;
  /** Null without `invoices.read`: no invoice and no money figure reaches other roles. */
  finance: {
    /** Sum of gross total less credit notes and payments over issued invoices not yet paid (finalized, sent, partially paid, overdue). */
    openBalance: string;
    /** Net of issued, non-cancelled invoices (type invoice; finalized, sent, partially paid, paid or overdue) less finalized credit notes, by issue date in this calendar year (Europe/Berlin). */
    revenueThisYear: string;
    /** The same, over all years. */
    revenueTotal: string;
    /** Invoices and cancellation invoices (no quotes), newest first; at most 50, `invoiceCount` tells all. */
    invoices: Array<{ id: string; type: InvoiceType; number: string | null; issueDate: string | null; netTotal: string; grossTotal: string; status: InvoiceStatus; openAmount: string }>;
    invoiceCount: number;
  } | null;
}

/**
 * What the customer page shows besides the master data: the customer's projects and, for those
 * who may read invoices, its invoices, open balance and revenue. Every sum is numeric in SQL,
 * returned as text, so no figure passes through a float.
 */
export async function customerOverview(em: EntityManager, actor: { permissions: string[] }, id: string, now: Date = new Date()): Promise<CustomerOverviewDto> {
  const can = (p: string) => hasPermission(actor.permissions, p);
  // NOT_FOUND for unknown ids, and for deleted customers unless the person may restore them.
  await getCustomer(em, id, { includeDeleted: can('crm.restore') });
  const yearStart = `${berlinDay(now).slice(0, 4)}-01-01`;
  const [projects, figures, invoices] = await Promise.all([
    can('projects.read')
      ? em.execute<Array<{ id: string; project_number: string; title: string; status: ProjectStatus; deadline: string | null }>>(
          `select p.id, p.project_number, p.title, p.status, p.deadline::text as deadline
             from projects p
            where p.customer_id = ? and p.deleted_at is null
            order by case p.status when 'active' then 0 when 'planning' then 1 when 'on_hold' then 2 when 'completed' then 3 else 4 end, p.project_number desc
            limit 100`,
          [id],
        )
      : null,
    can('invoices.read')
      ? em.execute<Array<{ open_balance: string; revenue_year: string; revenue_total: string; invoice_count: string }>>(
          `select coalesce(sum(i.gross_total - i.credited_amount - i.paid_amount) filter (where i.type = 'invoice' and i.status in ${OPEN_STATUSES}), 0)::numeric(14,2)::text as open_balance,
                  coalesce(sum(i.net_total) filter (where i.type in ('invoice', 'credit_note') and i.status in ${ISSUED_STATUSES} and i.issue_date >= ?::date), 0)::numeric(14,2)::text as revenue_year,
                  coalesce(sum(i.net_total) filter (where i.type in ('invoice', 'credit_note') and i.status in ${ISSUED_STATUSES}), 0)::numeric(14,2)::text as revenue_total,
                  count(*) as invoice_count
             from invoices i where i.customer_id = ? and i.type <> 'quote'`,
          [yearStart, id],
        )
      : null,
    can('invoices.read')
      ? em.execute<Array<{ id: string; type: InvoiceType; number: string | null; issue_date: string | null; net_total: string; gross_total: string; status: InvoiceStatus; open_amount: string }>>(
          `select i.id, i.type, i.number, i.issue_date::text as issue_date, i.net_total::text as net_total, i.gross_total::text as gross_total, i.status,
                  (case when i.type = 'invoice' and i.status in ${OPEN_STATUSES} then i.gross_total - i.credited_amount - i.paid_amount else 0 end)::numeric(14,2)::text as open_amount
             from invoices i where i.customer_id = ? and i.type <> 'quote'
            order by i.issue_date desc nulls first, i.created_at desc, i.id
            limit ${INVOICE_LIMIT}`,
          [id],
        )
      : null,
  ]);
  const f = figures?.[0];
  return {
    projects: projects?.map((p) => ({ id: p.id, projectNumber: p.project_number, title: p.title, status: p.status, deadline: p.deadline })) ?? null,
    finance:
      f && invoices
        ? {
            openBalance: f.open_balance,
            revenueThisYear: f.revenue_year,
            revenueTotal: f.revenue_total,
            invoices: invoices.map((i) => ({
              id: i.id,
              type: i.type,
              number: i.number,
              issueDate: i.issue_date,
              netTotal: i.net_total,
              grossTotal: i.gross_total,
              status: i.status,
              openAmount: i.open_amount,
            })),
            invoiceCount: Number(f.invoice_count),
          }
        : null,
  };
}
