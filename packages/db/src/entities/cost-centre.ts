import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Department } from './department.ts';
import { Project } from './project.ts';

/**
 * A cost centre (Kostenstelle). Linked to at most one project or one department: the automatic
 * postings put revenue and expenses of that project (or, failing that, department) on it.
 */
export const CostCentre = defineEntity({
  name: 'CostCentre',
  tableName: 'cost_centres',
  properties: {
    id: idColumn(),
    code: p.string().length(20).unique('cost_centres_code_unique'),
    name: p.string().length(100),
    project: () => p.manyToOne(Project).nullable().deleteRule('set null'),
    department: () => p.manyToOne(Department).nullable().deleteRule('set null'),
    active: p.boolean().default(true),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type CostCentre = InferEntity<typeof CostCentre>;
