import { ingestEmail } from '@workmate/db/service/mail';
import { getServiceSettings, updateServiceSettings } from '@workmate/db/service/settings';
import { refreshAllDueTimes } from '@workmate/db/service/sla';
import { createTicketDto, getTicket, listTickets, replyToTicket, setTicketStatus, updateTicket } from '@workmate/db/service/tickets';
import { IdInput } from '@workmate/domain/schemas/common';
import { InboundEmailInput, ServiceSettingsInput, TicketCreateInput, TicketListInput, TicketReplyInput, TicketStatusInput, TicketUpdateInput } from '@workmate/domain/schemas/service';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('service.read');
const write = permissionProcedure('service.write');
const manage = permissionProcedure('service.manage');

/** Service tickets (issue 18): SLA clocks in business hours, replies, emails in and out. */
export const serviceRouter = router({
  tickets: router({
    list: read.input(TicketListInput).query(({ ctx, input }) => listTickets(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getTicket(ctx.em, input.id)),
    create: write.input(TicketCreateInput).mutation(({ ctx, input }) => createTicketDto(ctx.em, ctx.user, input)),
    update: write.input(TicketUpdateInput).mutation(({ ctx, input }) => updateTicket(ctx.em, input)),
    setStatus: write.input(TicketStatusInput).mutation(({ ctx, input }) => setTicketStatus(ctx.em, ctx.user, input)),
    reply: write.input(TicketReplyInput).mutation(({ ctx, input }) => replyToTicket(ctx.em, ctx.user, input)),
  }),
  /** An email taken in by a mail gateway or IMAP poller: threaded into its ticket by Message-ID, else a new ticket. */
  ingestEmail: write.input(InboundEmailInput).mutation(({ ctx, input }) => ingestEmail(ctx.em, input)),
  settings: router({
    get: read.query(({ ctx }) => getServiceSettings(ctx.em)),
    update: manage.input(ServiceSettingsInput).mutation(({ ctx, input }) => updateServiceSettings(ctx.em, input, refreshAllDueTimes)),
  }),
});
