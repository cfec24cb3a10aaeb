import type { EntityManager } from '@mikro-orm/postgresql';

export interface CrmStats {
  totalCustomers: number;
  byStatus: Record<string, number>;
  byType: Record<string, number>;
  newPerMonth: Array<{ month: string; count: number }>;
  totalContacts: number;
  activitiesLast30Days: number;
}

/** Aggregates in SQL; months are calendar months in Europe/Berlin. */
export async function crmStats(em: EntityManager, months = 12): Promise<CrmStats> {
    const [status, type, perMonth, counts] = await Promise.all([
    em.execute<Array<{ key: string; count: string }>>(`select status as key, count(*) as count from customers where deleted_at is null group by status`),
    em.execute<Array<{ key: string; count: string }>>(`select type as key, count(*) as count from customers where deleted_at is null group by type`),
    em.execute<Array<{ month: string; count: string }>>(
      `with bounds as (select date_trunc('month', now() at time zone 'Europe/Berlin') as this_month),
       series as (select generate_series((select this_month from bounds) - make_interval(months => ? - 1), (select this_month from bounds), interval '1 month') as month)
       select to_char(s.month, 'YYYY-MM') as month, count(c.id) as count
       from series s left join customers c
         on c.deleted_at is null and date_trunc('month', c.created_at at time zone 'Europe/Berlin') = s.month
       group by s.month order by s.month`,
      [months],
    ),
    em.execute<Array<{ customers: string; contacts: string; activities: string }>>(
      `select (select count(*) from customers where deleted_at is null) as customers,
              (select count(*) from contacts ct join customers c on c.id = ct.customer_id where c.deleted_at is null) as contacts,
              (select count(*) from crm_activities a join customers c on c.id = a.customer_id where c.deleted_at is null and a.occurred_at >= now() - interval '30 days') as activities`,
    ),
  ]);
  const toRecord = (rows: Array<{ key: string; count: string }>) => Object.fromEntries(rows.map((r) => [r.key, Number(r.count)]));
  return {
    totalCustomers: Number(counts[0]?.customers ?? 0),
    byStatus: toRecord(status),
    byType: toRecord(type),
    newPerMonth: perMonth.map((r) => ({ month: r.month, count: Number(r.count) })),
    totalContacts: Number(counts[0]?.contacts ?? 0),
    activitiesLast30Days: Number(counts[0]?.activities ?? 0),
  };
}
