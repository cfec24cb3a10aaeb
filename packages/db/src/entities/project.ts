import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PROJECT_PRIORITIES, PROJECT_STATUSES } from '@workmate/domain/enums';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Customer } from './customer.ts';
import { Department } from './department.ts';
import { Employee } from './employee.ts';

export const Project = defineEntity({
  name: 'Project',
  tableName: 'projects',
  checks: [
    { name: 'projects_end_after_start', expression: 'end_date is null or start_date is null or end_date >= start_date' },
    { name: 'projects_budget_not_negative', expression: 'budget is null or budget >= 0' },
    { name: 'projects_rate_not_negative', expression: 'hourly_rate is null or hourly_rate >= 0' },
  ],
  properties: {
    id: idColumn(),
    projectNumber: p.string().length(60).unique(),
    title: p.string().length(200),
    customer: () => p.manyToOne(Customer).index(),
    department: () => p.manyToOne(Department).nullable().deleteRule('set null').index(),
    projectManager: () => p.manyToOne(Employee).nullable().deleteRule('set null').index(),
    status: p.enum(PROJECT_STATUSES).default('planning').index(),
    priority: p.enum(PROJECT_PRIORITIES).default('medium'),
    startDate: p.date().nullable(),
    endDate: p.date().nullable(),
    deadline: p.date().nullable(),
    budget: p.decimal('string').precision(12).scale(2).nullable(),
    hourlyRate: p.decimal('string').precision(10).scale(2).nullable(),
    billableByDefault: p.boolean().default(true),
    description: p.text().nullable(),
    notes: p.text().nullable(),
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    { name: 'projects_title_trgm', expression: 'create index "projects_title_trgm" on "projects" using gin (lower("project_number" || \' \' || "title") gin_trgm_ops)' },
  ],
});
export type Project = InferEntity<typeof Project>;
