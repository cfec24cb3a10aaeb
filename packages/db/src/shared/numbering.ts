import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinYear } from '@workmate/domain/berlin-time';
import { formatNumber, patternUsesYear } from '@workmate/domain/number-pattern';

/**
 * Takes the next number of a series. The counter row is incremented with an upsert that holds
 * its row lock until the surrounding transaction ends: concurrent callers queue, nobody gets a
 * duplicate, and a rollback gives the number back (no gaps). Call it inside a transaction.
 */
export async function nextNumber(em: EntityManager, series: string, pattern: string, at: Date = new Date()): Promise<string> {
  const year = berlinYear(at);
  const period = patternUsesYear(pattern) ? year : 0;
  const rows = await em.execute<Array<{ value: number }>>(
    `insert into number_counters (series, period, value) values (?, ?, 1)
     on conflict (series, period) do update set value = number_counters.value + 1
     returning value`,
    [series, period],
  );
  const value = Number(rows[0]?.value);
  return formatNumber(pattern, value, year);
}
