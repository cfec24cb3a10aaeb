import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CampaignFilter } from '@workmate/domain/schemas/campaigns';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';

/** A marketing campaign (MarketingKampagne): a name, a description and the filter its members are taken from. */
export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'campaigns',
  properties: {
    id: idColumn(),
    name: p.string().length(200),
    description: p.text().nullable(),
    filter: p.json<CampaignFilter>(),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Campaign = InferEntity<typeof Campaign>;
