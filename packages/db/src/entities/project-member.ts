import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Project } from './project.ts';

/** Someone added to a project's chat by hand (besides its manager and the people with time on it). */
export const ProjectMember = defineEntity({
  name: 'ProjectMember',
  tableName: 'project_members',
  properties: {
    project: () => p.manyToOne(Project).primary().deleteRule('cascade'),
    employee: () => p.manyToOne(Employee).primary().deleteRule('cascade'),
    createdAt: createdAtColumn(),
  },
  primaryKeys: ['project', 'employee'],
});
export type ProjectMember = InferEntity<typeof ProjectMember>;
