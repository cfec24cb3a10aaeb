import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../service-sla.ts';
import { date, Id, optionalText, Page, plainString, text, Version } from './common.ts';

/** A service ticket: a customer (and one of its contacts), a subject, a priority, a description and who handles it. */
export const TicketCreateInput = z.object({
  customerId: Id,
  contactId: Id.nullish(),
  subject: text(300),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  description: optionalText(20_000),
  assigneeId: Id.nullish(),
});
export type TicketCreateInput = z.infer<typeof TicketCreateInput>;

/** Changes the subject, priority (the due times follow), contact or assignee. */
export const TicketUpdateInput = z.object({
  id: Id,
  version: Version,
  subject: text(300).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  contactId: Id.nullish(),
  assigneeId: Id.nullish(),
});
export type TicketUpdateInput = z.infer<typeof TicketUpdateInput>;

export const TicketStatusInput = z.object({ id: Id, status: z.enum(TICKET_STATUSES), version: Version });
export type TicketStatusInput = z.infer<typeof TicketStatusInput>;

export const TICKET_REPLY_KINDS = ['internal', 'external'] as const;
export type TicketReplyKind = (typeof TICKET_REPLY_KINDS)[number];

/** A reply: an internal note (only colleagues see it) or an external reply to the customer (emailed to the contact when mail is set up). */
export const TicketReplyInput = z.object({
  ticketId: Id,
  kind: z.enum(TICKET_REPLY_KINDS),
  body: text(20_000),
});
export type TicketReplyInput = z.infer<typeof TicketReplyInput>;

export const TICKET_SLA_FILTERS = ['breached', 'dueSoon', 'paused'] as const;
export const TicketListInput = Page.extend({
  status: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
  priority: z.array(z.enum(TICKET_PRIORITIES)).max(TICKET_PRIORITIES.length).optional(),
  customerId: Id.optional(),
  assigneeId: Id.optional(),
  search: plainString().trim().max(200).optional(),
});
export type TicketListInput = z.infer<typeof TicketListInput>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day such as 08:00' });
const Minutes = z.int({ error: 'must be a whole number of minutes' }).min(1, { error: 'must be at least 1 minute' }).max(525_600, { error: 'must be at most 525600' });
const Target = z.object({ firstResponseMinutes: Minutes, resolutionMinutes: Minutes });

/** The service calendar and the SLA targets per priority (business minutes). */
export const ServiceSettingsInput = z
  .object({
    workDays: z.array(z.int().min(1).max(7)).min(1, { error: 'select at least one working day' }).max(7),
    dayStart: TimeOfDay,
    dayEnd: TimeOfDay,
    holidays: z.array(date).max(400),
    targets: z.object({ low: Target, normal: Target, high: Target, urgent: Target }),
    version: Version,
  })
  .superRefine((v, ctx) => {
    if (v.dayEnd <= v.dayStart) ctx.addIssue({ code: 'custom', path: ['dayEnd'], message: 'must be after the start' });
  });
export type ServiceSettingsInput = z.infer<typeof ServiceSettingsInput>;

/**
 * An email that came in (from IMAP or a mail gateway): threaded into a ticket by its
 * In-Reply-To / References against the Message-IDs of the ticket's mails, else a new ticket.
 */
export const InboundEmailInput = z.object({
  messageId: plainString().trim().min(3).max(998),
  inReplyTo: plainString().trim().max(998).nullish(),
  references: z.array(plainString().trim().max(998)).max(100).default([]),
  from: z.email({ error: 'must be a valid email address' }).max(254).transform((v) => v.toLowerCase()),
  subject: plainString().trim().max(300).default(''),
  text: plainString().max(100_000).default(''),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type InboundEmailInput = z.infer<typeof InboundEmailInput>;
