import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A Bundesbank base rate (§247 BGB) and the day it took effect; seeded by the dunning migration. */
export const BaseRateRow = defineEntity({
  name: 'BaseRateRow',
  tableName: 'base_rates',
  properties: {
    effectiveFrom: p.date().primary(),
    rate: p.decimal('string').precision(5).scale(2),
  },
});
export type BaseRateRow = InferEntity<typeof BaseRateRow>;
