import type { EntityManager } from '@mikro-orm/postgresql';
import type { ForecastInput } from '@workmate/domain/schemas/sales';

export interface ForecastMonth {
  /** `YYYY-MM` */
  month: string;
  count: number;
  /** Sum of the amounts, two places. */
  amount: string;
  /** Sum of amount × probability / 100, four exact places. */
  weighted: string;
  /** Of that, already won. */
  wonAmount: string;
}

export interface Forecast {
  months: ForecastMonth[];
  total: Omit<ForecastMonth, 'month'>;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y = 0, m = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/**
 * The weighted pipeline per month of expected close (lost ones left out), summed by Postgres in
 * numeric: amount × probability / 100 is exact to four places, so nothing is rounded. The expected
 * close is a calendar day (a Berlin date, as the form gives it), so its month is the Berlin month.
 */
export async function salesForecast(em: EntityManager, input: ForecastInput): Promise<Forecast> {
  const params: unknown[] = [`${input.from}-01`, `${input.to}-01`];
  const owner = input.ownerId ? 'and owner_id = ?' : '';
  if (input.ownerId) params.push(input.ownerId);
  const rows = await em.execute<Array<{ month: string | null; count: string; amount: string; weighted: string; won: string }>>(
    `select to_char(expected_close_date, 'YYYY-MM') as month, count(*) as count,
            coalesce(sum(amount), 0)::numeric(16,2)::text as amount,
            (coalesce(sum(amount * probability), 0) / 100)::numeric(20,4)::text as weighted,
            coalesce(sum(amount) filter (where stage = 'won'), 0)::numeric(16,2)::text as won
       from opportunities
      where stage <> 'lost' and expected_close_date >= ?::date and expected_close_date < (?::date + interval '1 month') ${owner}
      group by grouping sets ((to_char(expected_close_date, 'YYYY-MM')), ())`,
    params,
  );
  const byMonth = new Map(rows.filter((r) => r.month).map((r) => [r.month, r]));
  const zero = { count: 0, amount: '0.00', weighted: '0.0000', wonAmount: '0.00' };
  const months = monthsBetween(input.from, input.to).map((month) => {
    const r = byMonth.get(month);
    return r ? { month, count: Number(r.count), amount: r.amount, weighted: r.weighted, wonAmount: r.won } : { month, ...zero };
  });
  const t = rows.find((r) => r.month === null);
  return { months, total: t ? { count: Number(t.count), amount: t.amount, weighted: t.weighted, wonAmount: t.won } : zero };
}
