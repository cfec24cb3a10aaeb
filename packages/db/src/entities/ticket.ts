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

/** Every status a ticket entered, and when: the pauses of its SLA clocks are read from these. */
export const TicketStatusChange = defineEntity({
  name: 'TicketStatusChange',
  tableName: 'ticket_status_changes',
  properties: {
    id: idColumn(),
    ticket: () => p.manyToOne(Ticket).deleteRule('cascade'),
    status: p.enum(TICKET_STATUSES),
    at: p.datetime().columnType('timestamptz'),
    actor: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
  },
});
export type TicketStatusChange = InferEntity<typeof TicketStatusChange>;

/**
 * A reply on a ticket: an internal note, or an external message (out: to the customer, emailed
 * when mail is set up; in: an email from the customer). Mails carry their Message-ID, by which
 * the customer's answers are threaded back into the ticket.
 */
export const TicketReply = defineEntity({
  name: 'TicketReply',
  tableName: 'ticket_replies',
  properties: {
    id: idColumn(),
    ticket: () => p.manyToOne(Ticket).deleteRule('cascade'),
    kind: p.enum(['internal', 'external'] as const),
    direction: p.enum(['out', 'in'] as const),
    body: p.text(),
    author: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    fromEmail: p.string().length(254).nullable(),
    toEmail: p.string().length(254).nullable(),
    messageId: p.string().length(998).nullable().unique(),
    inReplyTo: p.string().length(998).nullable(),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: createdAtColumn(),
  },
});
export type TicketReply = InferEntity<typeof TicketReply>;

/** The service calendar and SLA targets: one row. */
export const ServiceSettings = defineEntity({
  name: 'ServiceSettings',
  tableName: 'service_settings',
  properties: {
    id: p.integer().primary().autoincrement(false),
    workDays: p.json<number[]>(),
    dayStart: p.string().length(5),
    dayEnd: p.string().length(5),
    holidays: p.json<string[]>(),
    targets: p.json<Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>>(),
    version: p.integer().version(),
    updatedAt: updatedAtColumn(),
  },
});
export type ServiceSettings = InferEntity<typeof ServiceSettings>;
