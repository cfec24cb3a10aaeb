import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';

/** One dunning level (1 payment reminder, 2 first and 3 second dunning notice), edited in the settings. */
export const DunningLevel = defineEntity({
  name: 'DunningLevel',
  tableName: 'dunning_levels',
  properties: {
    id: idColumn(),
    level: p.integer().unique(),
    daysAfterDue: p.integer(),
    fee: p.decimal('string').precision(14).scale(2).default('0'),
    chargesInterest: p.boolean().default(true),
    chargesFlatFee: p.boolean().default(true),
    titleDe: p.string().length(100),
    titleEn: p.string().length(100),
    textDe: p.text(),
    textEn: p.text(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type DunningLevel = InferEntity<typeof DunningLevel>;
