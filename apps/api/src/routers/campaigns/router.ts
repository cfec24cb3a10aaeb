import { addMember, addMembersFromFilter, createCampaign, getCampaign, listCampaigns, listMembers, removeMember, updateCampaign } from '@workmate/db/campaigns/campaigns';
import { consentOfContact, requestConsent } from '@workmate/db/campaigns/consent';
import { createMailing, getMailing, listMailings, listRecipients, sendMailing, updateMailing } from '@workmate/db/campaigns/mailings';
import { CampaignCreateInput, CampaignListInput, CampaignMemberInput, CampaignMembersInput, CampaignUpdateInput, ConsentOfContactInput, ConsentRequestInput, MailingCreateInput, MailingUpdateInput } from '@workmate/domain/schemas/campaigns';
import { IdInput } from '@workmate/domain/schemas/common';
import { z } from 'zod';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('campaigns.read');
const write = permissionProcedure('campaigns.write');
const CampaignIdInput = z.object({ campaignId: IdInput.shape.id });

/**
 * Marketing campaigns (issue 18): campaigns with members taken from a customer/contact filter or
 * by hand, mailings sent through the worker to the members whose address confirmed its consent
 * (double opt-in), with opens and one-click unsubscribes counted. The public links are served by
 * campaign-http.ts.
 */
export const campaignsRouter = router({
  list: read.input(CampaignListInput).query(({ ctx, input }) => listCampaigns(ctx.em, input)),
  get: read.input(IdInput).query(({ ctx, input }) => getCampaign(ctx.em, input.id)),
  create: write.input(CampaignCreateInput).mutation(({ ctx, input }) => createCampaign(ctx.em, ctx.user, input)),
  update: write.input(CampaignUpdateInput).mutation(({ ctx, input }) => updateCampaign(ctx.em, input)),
  members: router({
    list: read.input(CampaignMembersInput).query(({ ctx, input }) => listMembers(ctx.em, input)),
    /** Takes the contacts the filter selects now (a snapshot); a contact already a member is not added twice. */
    addFromFilter: write.input(IdInput).mutation(({ ctx, input }) => addMembersFromFilter(ctx.em, input.id)),
    add: write.input(CampaignMemberInput).mutation(({ ctx, input }) => addMember(ctx.em, input)),
    remove: write.input(CampaignMemberInput).mutation(({ ctx, input }) => removeMember(ctx.em, input)),
  }),
  mailings: router({
    list: read.input(CampaignIdInput).query(({ ctx, input }) => listMailings(ctx.em, input.campaignId)),
    get: read.input(IdInput).query(({ ctx, input }) => getMailing(ctx.em, input.id)),
    recipients: read.input(IdInput).query(({ ctx, input }) => listRecipients(ctx.em, input.id)),
    create: write.input(MailingCreateInput).mutation(({ ctx, input }) => createMailing(ctx.em, ctx.user, input)),
    update: write.input(MailingUpdateInput).mutation(({ ctx, input }) => updateMailing(ctx.em, input)),
    /** Sends a draft once: to each member whose address confirmed its consent (the others are recorded as skipped). */
    send: write.input(IdInput).mutation(({ ctx, input }) => sendMailing(ctx.em, ctx.user, input.id)),
  }),
  consent: router({
    /** The marketing consent of a contact's address. */
    get: read.input(ConsentOfContactInput).query(({ ctx, input }) => consentOfContact(ctx.em, input.contactId)),
    /** Double opt-in: the address becomes pending and is mailed a confirmation link. */
    request: write.input(ConsentRequestInput).mutation(({ ctx, input }) => requestConsent(ctx.em, ctx.user, input.contactId)),
  }),
});
