import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DashboardConfig } from '@workmate/domain/schemas/dashboards';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';

/** A person's dashboard: its widgets as JSON, checked by the zod schema DashboardConfig. */
export const Dashboard = defineEntity({
  name: 'Dashboard',
  tableName: 'dashboards',
  properties: {
    id: idColumn(),
    owner: () => p.manyToOne(Employee).deleteRule('cascade').index(),
    name: p.string().length(100),
    config: p.json<DashboardConfig>(),
    isDefault: p.boolean().default(false),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [{ name: 'dashboards_one_default', expression: `create unique index "dashboards_one_default" on "dashboards" ("owner_id") where is_default` }],
});
export type Dashboard = InferEntity<typeof Dashboard>;
