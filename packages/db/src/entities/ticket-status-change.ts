import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TICKET_STATUSES } from '@workmate/domain/service-sla';
import { idColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Ticket } from './ticket.ts';

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
