import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { REMINDER_PRIORITIES, REMINDER_STATUSES } from '@workmate/domain/enums';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';

/** Something to do by a day, for one person, optionally about a record (entity + id). */
export const Reminder = defineEntity({
  name: 'Reminder',
  tableName: 'reminders',
  properties: {
    id: idColumn(),
    title: p.string().length(200),
    description: p.text().nullable(),
    dueDate: p.date(),
    priority: p.enum(REMINDER_PRIORITIES).default('medium'),
    owner: () => p.manyToOne(Employee).deleteRule('cascade'),
    status: p.enum(REMINDER_STATUSES).default('open'),
    entity: p.string().length(60).nullable(),
    entityId: p.uuid().nullable(),
    /** Set once the owner has been told it is overdue. */
    notified: p.boolean().default(false),
    completedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    { name: 'reminders_owner_due_index', properties: ['owner', 'dueDate'] },
    { name: 'reminders_open_due_index', expression: `create index "reminders_open_due_index" on "reminders" ("due_date") where status = 'open'` },
    { name: 'reminders_entity_index', properties: ['entity', 'entityId'] },
  ],
});
export type Reminder = InferEntity<typeof Reminder>;
