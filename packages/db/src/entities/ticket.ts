import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '@workmate/domain/service-sla';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Contact } from './contact.ts';
import { Customer } from './customer.ts';
import { Employee } from './employee.ts';

/**
 * A service ticket (issue 18). The SLA clocks are computed from its status changes (see
 * packages/domain/src/service-sla.ts); the due times are stored after every change (null while
 * a clock is paused or stopped), so the breach sweep and the list read them with an index.
 */
export const Ticket = defineEntity({
  name: 'Ticket',
  tableName: 'tickets',
  properties: {
    id: idColumn(),
    number: p.string().length(40).unique(),
    customer: () => p.manyToOne(Customer),
    contact: () => p.manyToOne(Contact).nullable().deleteRule('set null'),
    subject: p.string().length(300),
    description: p.text().nullable(),
    priority: p.enum(TICKET_PRIORITIES),
    status: p.enum(TICKET_STATUSES),
    assignee: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    /** `web` or `email` (came in as a mail). */
    source: p.string().length(10).default('web'),
    firstResponseAt: p.datetime().columnType('timestamptz').nullable(),
    resolvedAt: p.datetime().columnType('timestamptz').nullable(),
    firstResponseDueAt: p.datetime().columnType('timestamptz').nullable(),
    resolutionDueAt: p.datetime().columnType('timestamptz').nullable(),
    firstResponseBreachedAt: p.datetime().columnType('timestamptz').nullable(),
    resolutionBreachedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Ticket = InferEntity<typeof Ticket>;
