import { z } from 'zod';
import { LINKABLE_ENTITIES, REMINDER_PRIORITIES, REMINDER_STATUSES } from '../enums.ts';
import { date, Id, optionalText, Page, text, updateFields, Version } from './common.ts';

const fields = {
  title: text(200),
  description: optionalText(5000),
  dueDate: date,
  priority: z.enum(REMINDER_PRIORITIES).default('medium'),
  /** Defaults to the person creating it; someone else needs `reminders.manage`. */
  ownerId: Id.optional(),
  entity: z.enum(LINKABLE_ENTITIES).nullish(),
  entityId: Id.nullish(),
};

function linkComplete(v: { entity?: string | null; entityId?: string | null }, ctx: z.RefinementCtx) {
  if (Boolean(v.entity) !== Boolean(v.entityId) && v.entity !== undefined && v.entityId !== undefined) {
    ctx.addIssue({ code: 'custom', path: [v.entity ? 'entityId' : 'entity'], message: 'give both the kind of record and its id' });
  }
}

export const ReminderCreateInput = z.object(fields).superRefine(linkComplete);
export type ReminderCreateInput = z.infer<typeof ReminderCreateInput>;
export const ReminderUpdateInput = z.object({ ...updateFields(fields), status: z.enum(['open', 'done']).optional(), id: Id, version: Version }).superRefine(linkComplete);
export type ReminderUpdateInput = z.infer<typeof ReminderUpdateInput>;

export const ReminderListInput = Page.extend({
  status: z.array(z.enum(REMINDER_STATUSES)).max(3).optional(),
  entity: z.enum(LINKABLE_ENTITIES).optional(),
  entityId: Id.optional(),
  /** Due on or before this day. */
  dueBefore: date.optional(),
  /** With `reminders.manage`: everyone's; otherwise always one's own. */
  all: z.boolean().default(false),
});
export type ReminderListInput = z.infer<typeof ReminderListInput>;
