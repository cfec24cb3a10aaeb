import type { EntityManager } from '@mikro-orm/postgresql';
import type { InboundEmailInput } from '@workmate/domain/schemas/service';
import { Contact } from '../entities/contact.ts';
import { Customer } from '../entities/customer.ts';
import { Ticket } from '../entities/ticket.ts';
import { TicketReply } from '../entities/ticket-reply.ts';
import { changeTicketStatus, createTicket } from './tickets.ts';

export interface ReplyMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  sentAt: Date | null;
}

/** What the worker emails for an external reply: to the contact, the ticket number in the subject, threaded. */
export async function loadReplyMail(em: EntityManager, replyId: string): Promise<ReplyMail | null> {
  const r = await em.findOne(TicketReply, { id: replyId, kind: 'external', direction: 'out' }, { populate: ['ticket'] });
  if (!r || !r.toEmail || !r.messageId) return null;
  const thread = await em.find(TicketReply, { ticket: r.ticket.id, messageId: { $ne: null }, createdAt: { $lt: r.createdAt } }, { orderBy: { createdAt: 'asc' } });
  return {
    to: r.toEmail,
    subject: `Re: ${r.ticket.subject} [${r.ticket.number}]`,
    text: r.body,
    messageId: r.messageId,
    inReplyTo: r.inReplyTo ?? null,
    references: thread.flatMap((t) => (t.messageId ? [t.messageId] : [])),
    sentAt: r.sentAt ?? null,
  };
}

export async function markReplySent(em: EntityManager, replyId: string): Promise<void> {
  await em.getConnection().execute('update ticket_replies set sent_at = now() where id = ? and sent_at is null', [replyId]);
}

const TICKET_IN_SUBJECT = /\[(TK-\d{4}-\d{4,})\]/;
/** Message-IDs with or without their angle brackets. */
const bracketed = (id: string) => (id.startsWith('<') ? id : `<${id}>`);

export interface IngestResult {
  ticketId: string | null;
  /** `threaded`: added to an existing ticket; `created`: a new ticket; `duplicate`: this Message-ID was taken in before; `unknownSender`: no customer or contact has this address. */
  outcome: 'threaded' | 'created' | 'duplicate' | 'unknownSender';
}

/**
 * Takes in one email (from an IMAP poller or a mail gateway). It belongs to a ticket when its
 * In-Reply-To or References name the Message-ID of a mail of that ticket (ours or the
 * customer's), or, failing that, when its subject carries a ticket number ("[TK-2026-0001]"). Then
 * it becomes an external reply from the customer; a ticket waiting for the customer (or resolved)
 * opens again, so its clocks run on. Otherwise the sender's contact (or customer) gets a new
 * ticket. The same Message-ID twice is taken in once (a unique index).
 */
export async function ingestEmail(em: EntityManager, input: InboundEmailInput): Promise<IngestResult> {
  const messageId = bracketed(input.messageId);
  return em.transactional(async (tx) => {
    const seen = await tx.findOne(TicketReply, { messageId });
    if (seen) return { ticketId: seen.ticket.id, outcome: 'duplicate' as const };
    const candidates = [input.inReplyTo, ...[...input.references].reverse()].filter((v): v is string => Boolean(v)).map(bracketed);
    let ticket: Ticket | null = null;
    if (candidates.length) {
      const parent = await tx.findOne(TicketReply, { messageId: { $in: candidates } }, { populate: ['ticket'] });
      ticket = parent?.ticket ?? null;
    }
    const number = TICKET_IN_SUBJECT.exec(input.subject)?.[1];
    if (!ticket && number) ticket = await tx.findOne(Ticket, { number });
    const at = input.receivedAt ? new Date(input.receivedAt) : new Date();
    if (ticket) {
      tx.create(TicketReply, { ticket, kind: 'external', direction: 'in', body: input.text || '(leer)', fromEmail: input.from, messageId, inReplyTo: input.inReplyTo ? bracketed(input.inReplyTo) : null, createdAt: new Date() });
      if (ticket.status === 'waiting_customer' || ticket.status === 'resolved' || ticket.status === 'closed') await changeTicketStatus(tx, ticket, 'open', null);
      await tx.flush();
      return { ticketId: ticket.id, outcome: 'threaded' as const };
    }
    const contact = await tx.findOne(Contact, { email: input.from, customer: { deletedAt: null } }, { orderBy: { isPrimary: 'desc', createdAt: 'asc' } });
    const customer = contact ? contact.customer : await tx.findOne(Customer, { email: input.from, deletedAt: null }, { orderBy: { createdAt: 'asc' } });
    if (!customer) return { ticketId: null, outcome: 'unknownSender' as const };
    const created = await createTicket(
      tx,
      null,
      { customerId: customer.id, contactId: contact?.id ?? null, subject: input.subject || '(ohne Betreff)', priority: 'normal', description: null, assigneeId: null },
      { source: 'email', at },
    );
    tx.create(TicketReply, { ticket: created, kind: 'external', direction: 'in', body: input.text || '(leer)', fromEmail: input.from, messageId, inReplyTo: null, createdAt: at });
    await tx.flush();
    return { ticketId: created.id, outcome: 'created' as const };
  });
}
