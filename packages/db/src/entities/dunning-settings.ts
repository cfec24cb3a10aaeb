import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, updatedAtColumn } from './common.ts';

/** The dunning settings: one row (id 1). */
export const DunningSettings = defineEntity({
  name: 'DunningSettings',
  tableName: 'dunning_settings',
  properties: {
    id: p.integer().primary(),
    autoSend: p.boolean().default(false),
    numberPattern: p.string().length(60),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type DunningSettings = InferEntity<typeof DunningSettings>;
