import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { updatedAtColumn } from './common.ts';

/** The service calendar and SLA targets: one row. */
export const ServiceSettings = defineEntity({
  name: 'ServiceSettings',
  tableName: 'service_settings',
  properties: {
    id: p.integer().primary().autoincrement(false),
    workDays: p.json<number[]>(),
    dayStart: p.string().length(5),
    dayEnd: p.string().length(5),
    holidays: p.json<string[]>(),
    targets: p.json<Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>>(),
    version: p.integer().version(),
    updatedAt: updatedAtColumn(),
  },
});
export type ServiceSettings = InferEntity<typeof ServiceSettings>;
