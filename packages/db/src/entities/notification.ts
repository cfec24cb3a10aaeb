import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from './common.ts';
import { Employee } from './employee.ts';

/**
 * A message for one person (e.g. "invoice RE-2026-0042 is overdue"), linked to a record. The
 * dedupe key makes a daily job safe to repeat: the same reminder is created once.
 */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  properties: {
    id: idColumn(),
    employee: () => p.manyToOne(Employee).deleteRule('cascade'),
    kind: p.string().length(60),
    title: p.string().length(300),
    body: p.text().nullable(),
    entity: p.string().length(60).nullable(),
    entityId: p.uuid().nullable(),
    dedupeKey: p.string().length(200).nullable().unique(),
    readAt: p.datetime().columnType('timestamptz').nullable(),
    emailedAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ name: 'notifications_employee_created_index', properties: ['employee', 'createdAt'] }],
});
export type Notification = InferEntity<typeof Notification>;
