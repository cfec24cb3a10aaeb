import { z } from 'zod';
import { PROJECT_PRIORITIES, PROJECT_STATUSES } from '../enums.ts';
import { Id, optionalDate, optionalMoney, optionalText, Page, plainString, SortDirection, text, updateFields, Version } from './common.ts';

const projectFields = {
  title: text(200),
  customerId: Id,
  departmentId: Id.nullish(),
  projectManagerId: Id.nullish(),
  status: z.enum(PROJECT_STATUSES).default('planning'),
  priority: z.enum(PROJECT_PRIORITIES).default('medium'),
  startDate: optionalDate,
  endDate: optionalDate,
  deadline: optionalDate,
  budget: optionalMoney(999_999_999),
  hourlyRate: optionalMoney(100_000),
  /** Whether new time entries on this project are billable unless the entry says otherwise. */
  billableByDefault: z.boolean().default(true),
  description: optionalText(20_000),
  notes: optionalText(20_000),
};

function endNotBeforeStart(value: { startDate?: string | null; endDate?: string | null }, ctx: z.RefinementCtx) {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
  }
}

export const ProjectCreateInput = z.object(projectFields).superRefine(endNotBeforeStart);
export type ProjectCreateInput = z.infer<typeof ProjectCreateInput>;

/** Fields left out stay as they are; the end ≥ start rule is checked again against the stored dates. */
export const ProjectUpdateInput = z.object({ ...updateFields(projectFields), id: Id, version: Version }).superRefine(endNotBeforeStart);
export type ProjectUpdateInput = z.infer<typeof ProjectUpdateInput>;

export const PROJECT_SORTS = ['title', 'projectNumber', 'status', 'priority', 'deadline', 'startDate', 'createdAt'] as const;
export const ProjectListInput = Page.extend({
  search: plainString().trim().max(200).optional(),
  status: z.array(z.enum(PROJECT_STATUSES)).max(5).optional(),
  priority: z.enum(PROJECT_PRIORITIES).optional(),
  customerId: Id.optional(),
  departmentId: Id.optional(),
  projectManagerId: Id.optional(),
  /** Only projects past their deadline and not completed or cancelled. */
  overdue: z.boolean().optional(),
  /** Admins can list soft-deleted projects to restore them. */
  deleted: z.boolean().default(false),
  sort: z.enum(PROJECT_SORTS).default('projectNumber'),
  direction: SortDirection,
});
export type ProjectListInput = z.infer<typeof ProjectListInput>;
