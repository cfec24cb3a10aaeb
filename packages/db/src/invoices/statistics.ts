import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { fromCents, toCents } from '@workmate/domain/money';
import type { InvoiceStatisticsDto } from './dto.ts';
import { moneyText } from '../shared/format.ts';

const OPEN = `('finalized', 'sent', 'partially_paid', 'overdue')`;

/** Money received on invoices less money paid back: refunds count negative on their own day. */
const PAID = `(select invoice_id, payment_date, amount from payments
               union all select invoice_id, refund_date, -amount from refunds)`;

/** Adds up decimal strings exactly ("-40.00"). */
const sum = (values: string[]) => fromCents(values.reduce((acc, v) => acc + toCents(v), 0n));

/**
 * Invoice figures in SQL aggregates (nothing is summed in JS): payments received per month (less refunds),
 * net invoiced per month (cancellations count negative), what is still owed and overdue, how
 * long customers take to pay (issue date to the last payment), and the customers with the most
 * net invoiced in the year (with what they paid). With `customerId` the same figures for one customer.
 */
export async function invoiceStatistics(em: EntityManager, input: { year?: number | undefined; customerId?: string | undefined }, now: Date = new Date()): Promise<InvoiceStatisticsDto> {
  const today = berlinDay(now);
  const year = input.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  // Only narrowed when asked: without a customer, no condition (and no join) slows the plan.
  const c = input.customerId;
  const only = (alias: string) => (c ? ` and ${alias}.customer_id = ?` : '');
  const cp = c ? [c] : [];
  const issued = `i.type in ('invoice', 'cancellation', 'credit_note') and i.status <> 'draft' and i.issue_date >= ?::date and i.issue_date < ?::date`;
  const [paid, invoiced, open, speed, top, drafts] = await Promise.all([
    em.execute<Array<{ month: number; amount: string }>>(
      c
        ? `select extract(month from pay.payment_date)::int as month, sum(pay.amount)::numeric(14,2)::text as amount
             from ${PAID} pay join invoices i on i.id = pay.invoice_id
            where pay.payment_date >= ?::date and pay.payment_date < ?::date and i.customer_id = ? group by 1`
        : `select extract(month from pay.payment_date)::int as month, sum(pay.amount)::numeric(14,2)::text as amount
             from ${PAID} pay where pay.payment_date >= ?::date and pay.payment_date < ?::date group by 1`,
      [from, to, ...cp],
    ),
    em.execute<Array<{ month: number; amount: string }>>(
      `select extract(month from i.issue_date)::int as month, sum(i.net_total)::numeric(14,2)::text as amount
         from invoices i where ${issued}${only('i')} group by 1`,
      [from, to, ...cp],
    ),
    em.execute<Array<{ outstanding: string; open_count: string; overdue_count: string; overdue_amount: string }>>(
      `select coalesce(sum(i.gross_total - i.credited_amount - i.paid_amount), 0)::numeric(14,2)::text as outstanding,
              count(*) as open_count,
              count(*) filter (where i.due_date < ?::date) as overdue_count,
              coalesce(sum(i.gross_total - i.credited_amount - i.paid_amount) filter (where i.due_date < ?::date), 0)::numeric(14,2)::text as overdue_amount
         from invoices i where i.type = 'invoice' and i.status in ${OPEN}${only('i')}`,
      [today, today, ...cp],
    ),
    // paid_at is the day of the payment that completed the invoice (midnight, Berlin).
    em.execute<Array<{ days: string | null }>>(
      `select round(avg((i.paid_at at time zone 'Europe/Berlin')::date - i.issue_date), 1)::text as days
         from invoices i
        where i.type = 'invoice' and i.status = 'paid'
          and i.paid_at >= (?::date)::timestamp at time zone 'Europe/Berlin' and i.paid_at < (?::date)::timestamp at time zone 'Europe/Berlin'${only('i')}`,
      [from, to, ...cp],
    ),
    // The five customers with the most net invoiced this year, and what each paid this year.
    em.execute<Array<{ id: string; name: string; paid: string; invoiced: string }>>(
      `with best as (
         select i.customer_id, sum(i.net_total) as net from invoices i where ${issued}${only('i')}
          group by i.customer_id order by 2 desc limit 5
       )
       select c.id, c.name, best.net::numeric(14,2)::text as invoiced,
              coalesce((select sum(pay.amount) from invoices x join ${PAID} pay on pay.invoice_id = x.id
                         where x.customer_id = best.customer_id and pay.payment_date >= ?::date and pay.payment_date < ?::date), 0)::numeric(14,2)::text as paid
         from best join customers c on c.id = best.customer_id
        order by best.net desc, c.name`,
      [from, to, ...cp, from, to],
    ),
    em.execute<Array<{ n: string }>>(`select count(*) as n from invoices i where i.status = 'draft'${only('i')}`, cp),
  ]);
  const byMonth = (rows: Array<{ month: number; amount: string }>) => {
    const m = new Map(rows.map((r) => [Number(r.month), moneyText(r.amount)]));
    return Array.from({ length: 12 }, (_, i) => m.get(i + 1) ?? '0.00');
  };
  const paidMonths = byMonth(paid);
  const invoicedMonths = byMonth(invoiced);
  const o = open[0];
  return {
    year,
    paidByMonth: paidMonths.map((amount, i) => ({ month: i + 1, amount })),
    paidThisYear: sum(paidMonths),
    invoicedByMonth: invoicedMonths.map((netAmount, i) => ({ month: i + 1, netAmount })),
    invoicedThisYear: sum(invoicedMonths),
    outstandingAmount: moneyText(o?.outstanding ?? '0'),
    outstandingCount: Number(o?.open_count ?? 0),
    overdueCount: Number(o?.overdue_count ?? 0),
    overdueAmount: moneyText(o?.overdue_amount ?? '0'),
    averageDaysToPayment: speed[0]?.days ?? null,
    topCustomers: top.map((t) => ({ id: t.id, name: t.name, paidAmount: moneyText(t.paid), invoicedNet: moneyText(t.invoiced) })),
    draftCount: Number(drafts[0]?.n ?? 0),
  };
}
