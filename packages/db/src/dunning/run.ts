import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { noticeWithPeriods, type BaseRate, type LatePayment } from '@workmate/domain/dunning';
import { appError } from '@workmate/domain/errors';

/** Invoice statuses that can still be dunned: issued, not (fully) paid, not cancelled. */
export const OPEN_STATUSES = ['finalized', 'sent', 'partially_paid', 'overdue'] as const;

/**
 * The one statement that selects what is due on a day: every open invoice past its due date with
 * the highest level whose days have passed, unless a notice of that level or a higher one exists
 * (sent, proposed, discarded or withdrawn). Lower levels skipped during an outage are not
 * created: a customer never gets three letters on one day, only the level now due.
 */
export const selectDueSql = (scoped = false) => `
  select i.id as invoice_id, to_char(i.due_date, 'YYYY-MM-DD') as due_date, (i.gross_total - i.credited_amount - i.paid_amount)::text as outstanding,
         i.language, c.type as customer_type, l.level, l.fee::text as fee, l.charges_interest, l.charges_flat_fee,
         exists (select 1 from dunning_notices f where f.invoice_id = i.id and f.status = 'sent' and f.flat_fee > 0) as flat_fee_charged,
         exists (select 1 from dunning_notices p where p.invoice_id = i.id and p.status = 'proposed' and p.level < l.level) as lower_proposed,
         case when i.paid_amount > 0 then (
           select json_agg(json_build_object('date', to_char(pay.payment_date, 'YYYY-MM-DD'), 'amount', pay.amount::text))
             from payments pay where pay.invoice_id = i.id and pay.payment_date > i.due_date
         ) end as late_payments
    from invoices i
    join customers c on c.id = i.customer_id
    join lateral (
      select * from dunning_levels l where i.due_date + l.days_after_due <= ?::date order by l.level desc limit 1
    ) l on true
   where i.type = 'invoice' and i.status in ('finalized', 'sent', 'partially_paid', 'overdue')
     and i.due_date < ?::date and i.gross_total > i.paid_amount
     and not exists (select 1 from dunning_notices n where n.invoice_id = i.id and n.level >= l.level)${scoped ? ' and i.id in (?)' : ''}
   order by i.id`;
export const SELECT_DUE_SQL = selectDueSql();

interface DueRow {
  invoice_id: string;
  due_date: string;
  outstanding: string;
  language: 'de' | 'en';
  customer_type: string;
  level: number;
  fee: string;
  charges_interest: boolean;
  charges_flat_fee: boolean;
  flat_fee_charged: boolean;
  lower_proposed: boolean;
  late_payments: LatePayment[] | null;
}

export async function loadBaseRates(em: EntityManager): Promise<BaseRate[]> {
  const rows = await em.execute<Array<{ from: string; rate: string }>>(`select to_char(effective_from, 'YYYY-MM-DD') as "from", rate::text as rate from base_rates order by effective_from`);
  return rows.map((r) => ({ from: r.from, rate: r.rate }));
}

/** The frozen amounts of a notice on `day`, or a 4xx naming the day without a base rate. */
export function amountsFor(
  row: { outstanding: string; due_date: string; customer_type: string; fee: string; charges_interest: boolean; charges_flat_fee: boolean; flat_fee_charged: boolean; late_payments?: LatePayment[] | null },
  day: string,
  baseRates: BaseRate[],
) {
  const consumer = row.customer_type === 'individual';
  try {
    const { amounts, periods } = noticeWithPeriods({
      outstanding: row.outstanding,
      dueDate: row.due_date,
      until: day,
      consumer,
      baseRates,
      latePayments: row.late_payments ?? [],
      levelFee: row.fee,
      flatFeeAlreadyCharged: row.flat_fee_charged,
      chargeInterest: row.charges_interest,
      chargeFlatFee: row.charges_flat_fee,
    });
    return { consumer, amounts, periods };
  } catch (error) {
    const m = /No base rate for (\S+)/.exec((error as Error).message);
    if (m) throw appError('CONFLICT', 'dunning.noBaseRate', { day: m[1] ?? day });
    throw error;
  }
}

export interface DunningRunResult {
  today: string;
  /** Invoices the selection found due. */
  due: number;
  /** Notices this run created (another run may have created the rest). */
  proposed: string[];
  /** Proposals withdrawn: a higher level came due, or (left over from a race with a payment) the invoice is settled. */
  superseded: number;
}

const BATCH = 2000;

/**
 * The daily dunning run for a Berlin day: selects the due invoices in one statement, computes each
 * notice's amounts (interest to the day, fees), withdraws lower proposals a higher level replaces,
 * and inserts the proposals with `on conflict do nothing`: the unique (invoice, level) index, not
 * this code, makes concurrent runs and a run after an outage create each notice once. Every
 * created and withdrawn notice gets its audit row in the same statement. With `invoiceIds` the run
 * looks at those invoices only (tests that share one database dun their own invoices, nobody else's).
 */
export async function runDunning(
  em: EntityManager,
  today: string = berlinDay(new Date()),
  actorLabel = 'worker',
  invoiceIds?: readonly string[],
): Promise<DunningRunResult> {
  const only = invoiceIds ? [...invoiceIds] : null;
  if (only?.length === 0) return { today, due: 0, proposed: [], superseded: 0 };
  return em.transactional(async (tx) => {
    const baseRates = await loadBaseRates(tx);
    // A payment that committed while an earlier run was proposing (after the trigger looked) can
    // leave a proposal of a settled invoice behind: every run withdraws such leftovers first.
    const settled = await tx.execute<Array<{ id: string }>>(
      `with w as (
         update dunning_notices n set status = 'withdrawn', closed_at = now(), close_reason = 'invoice ' || i.status, version = n.version + 1, updated_at = now()
           from invoices i
          where i.id = n.invoice_id and n.status = 'proposed' and i.status in ('paid', 'cancelled')${only ? ' and i.id in (?)' : ''}
         returning n.id, i.status
       )
       insert into audit_log (at, actor_id, actor_label, action, entity, entity_id, changes)
       select now(), null, ?, 'update', 'dunningNotice', id::text,
              jsonb_build_object('status', jsonb_build_object('before', 'proposed', 'after', 'withdrawn'), 'closeReason', jsonb_build_object('before', null, 'after', 'invoice ' || status))
         from w
       returning entity_id as id`,
      only ? [only, actorLabel] : [actorLabel],
    );
    const due = await tx.execute<DueRow[]>(selectDueSql(Boolean(only)), only ? [today, today, only] : [today, today]);
    let superseded = settled.length;
    const proposed: string[] = [];
    for (let start = 0; start < due.length; start += BATCH) {
      const batch = due.slice(start, start + BATCH);
      // Proposals carry their amounts; the interest periods (and the text) are fixed when a notice is sent.
      const rows = batch.map((row) => {
        const { consumer, amounts } = amountsFor(row, today, baseRates);
        return {
          invoice_id: row.invoice_id,
          level: row.level,
          due_date: row.due_date,
          consumer,
          outstanding: amounts.outstanding,
          interest: amounts.interest,
          level_fee: amounts.levelFee,
          flat_fee: amounts.flatFee,
          total: amounts.total,
          language: row.language,
        };
      });
      const json = JSON.stringify(rows);
      // Only invoices with an open lower proposal need one withdrawn (usually none).
      const lower = batch.filter((row) => row.lower_proposed).map((row) => ({ invoice_id: row.invoice_id, level: row.level }));
      const withdrawn = !lower.length ? [] : await tx.execute<Array<{ id: string }>>(
        `with w as (
           update dunning_notices n set status = 'withdrawn', closed_at = now(), close_reason = 'superseded by level ' || x.level, version = n.version + 1, updated_at = now()
             from jsonb_to_recordset(?::jsonb) as x(invoice_id uuid, level int)
            where n.invoice_id = x.invoice_id and n.level < x.level and n.status = 'proposed'
           returning n.id, x.level
         )
         insert into audit_log (at, actor_id, actor_label, action, entity, entity_id, changes)
         select now(), null, ?, 'update', 'dunningNotice', id::text,
                jsonb_build_object('status', jsonb_build_object('before', 'proposed', 'after', 'withdrawn'), 'closeReason', jsonb_build_object('before', null, 'after', 'superseded by level ' || level))
           from w
         returning entity_id as id`,
        [JSON.stringify(lower), actorLabel],
      );
      superseded += withdrawn.length;
      const created = await tx.execute<Array<{ id: string }>>(
        `with ins as (
           insert into dunning_notices (id, invoice_id, level, status, notice_date, due_date, consumer, outstanding, interest, level_fee, flat_fee, total,
                                        interest_periods, title, text, language, proposed_at, version, created_at, updated_at)
           select gen_random_uuid(), x.invoice_id, x.level, 'proposed', ?::date, x.due_date, x.consumer, x.outstanding, x.interest, x.level_fee, x.flat_fee, x.total,
                  '[]'::jsonb, case when x.language = 'en' then l.title_en else l.title_de end, case when x.language = 'en' then l.text_en else l.text_de end,
                  x.language, now(), 1, now(), now()
             from jsonb_to_recordset(?::jsonb) as x(invoice_id uuid, level int, due_date date, consumer boolean, outstanding numeric, interest numeric,
                                                   level_fee numeric, flat_fee numeric, total numeric, language text)
             join dunning_levels l on l.level = x.level
           on conflict do nothing
           returning id, invoice_id, level, total
         )
         insert into audit_log (at, actor_id, actor_label, action, entity, entity_id, changes)
         select now(), null, ?, 'create', 'dunningNotice', id::text,
                jsonb_build_object('invoice', jsonb_build_object('before', null, 'after', invoice_id), 'level', jsonb_build_object('before', null, 'after', level),
                                   'status', jsonb_build_object('before', null, 'after', 'proposed'), 'total', jsonb_build_object('before', null, 'after', total::text))
           from ins
         returning entity_id as id`,
        [today, json, actorLabel],
      );
      proposed.push(...created.map((r) => r.id));
    }
    return { today, due: due.length, proposed, superseded };
  });
}
