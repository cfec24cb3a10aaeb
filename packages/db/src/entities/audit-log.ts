import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AUDIT_ACTIONS } from '@workmate/domain/enums';

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** Append-only: a trigger in the migration refuses UPDATE and DELETE. */
export const AuditLog = defineEntity({
  name: 'AuditLog',
  tableName: 'audit_log',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    at: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    actorId: p.uuid().nullable(),
    actorLabel: p.string().length(300).nullable(),
    action: p.enum(AUDIT_ACTIONS),
    entity: p.string().length(60),
    entityId: p.string().length(60),
    changes: p.json<AuditChanges>(),
  },
  indexes: [
    { properties: ['entity', 'entityId'] },
    { properties: ['at'] },
    { properties: ['actorId', 'at'] },
    // A customer's timeline finds the changes of its contacts, deleted ones included.
    {
      name: 'audit_log_contact_customer',
      expression: `create index "audit_log_contact_customer" on "audit_log" ((changes->'customer'->>'after')) where entity = 'contact'`,
    },
  ],
  triggers: [
    {
      name: 'audit_log_no_change',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: `raise exception 'the audit trail is append-only';`,
    },
  ],
});
export type AuditLog = InferEntity<typeof AuditLog>;
