import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Gap-free counters for document numbers: one row per series and period, incremented with
 * an upsert inside the transaction that uses the number, so a rollback returns it.
 */
export const NumberCounter = defineEntity({
  name: 'NumberCounter',
  tableName: 'number_counters',
  properties: {
    series: p.string().length(40).primary(),
    period: p.integer().primary(),
    value: p.integer(),
  },
  primaryKeys: ['series', 'period'],
  checks: [{ name: 'number_counters_value_positive', expression: 'value > 0' }],
});
export type NumberCounter = InferEntity<typeof NumberCounter>;
