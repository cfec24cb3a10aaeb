import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Ticket } from './ticket.ts';

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
