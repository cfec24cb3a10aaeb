import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ACTIVITY_TYPES } from '@workmate/domain/enums';
import { createdAtColumn, idColumn } from './common.ts';
import { Contact } from './contact.ts';
import { Customer } from './customer.ts';
import { Employee } from './employee.ts';

export const Activity = defineEntity({
  name: 'Activity',
  tableName: 'crm_activities',
  properties: {
    id: idColumn(),
    customer: () => p.manyToOne(Customer).deleteRule('cascade'),
    contact: () => p.manyToOne(Contact).nullable().deleteRule('set null'),
    employee: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    type: p.enum(ACTIVITY_TYPES),
    subject: p.string().length(200),
    description: p.text().nullable(),
    occurredAt: p.datetime().columnType('timestamptz'),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['customer', 'occurredAt'] }],
});
export type Activity = InferEntity<typeof Activity>;
