import { z } from 'zod';
import { MAILING_PLACEHOLDERS, unknownPlaceholders } from '../campaigns.ts';
import { CUSTOMER_STATUSES, CUSTOMER_TYPES } from '../enums.ts';
import { Id, optionalText, Page, plainString, text, Version } from './common.ts';

const PLACEHOLDER_RULE = `may only use the placeholders ${MAILING_PLACEHOLDERS.join(', ')}`;
const templateText = (max: number) => text(max).refine((v) => unknownPlaceholders(v).length === 0, { error: PLACEHOLDER_RULE });

/**
 * Which contacts a campaign's members come from: contacts with an email address of customers that
 * are not deleted, narrowed by the customer's status, type and city (exact, case-insensitive) and
 * a part of its name; optionally only each customer's primary contact. Empty means every contact
 * with an email address.
 */
export const CampaignFilter = z.object({
  customerStatus: z.array(z.enum(CUSTOMER_STATUSES)).max(CUSTOMER_STATUSES.length).default([]),
  customerType: z.array(z.enum(CUSTOMER_TYPES)).max(CUSTOMER_TYPES.length).default([]),
  city: optionalText(100),
  customerSearch: optionalText(200),
  primaryOnly: z.boolean().default(false),
});
export type CampaignFilter = z.infer<typeof CampaignFilter>;

export const CampaignCreateInput = z.object({
  name: text(200),
  description: optionalText(5_000),
  filter: CampaignFilter.default({ customerStatus: [], customerType: [], city: null, customerSearch: null, primaryOnly: false }),
});
export type CampaignCreateInput = z.infer<typeof CampaignCreateInput>;

export const CampaignUpdateInput = z.object({
  id: Id,
  version: Version,
  name: text(200).optional(),
  description: optionalText(5_000),
  filter: CampaignFilter.optional(),
});
export type CampaignUpdateInput = z.infer<typeof CampaignUpdateInput>;

export const CampaignListInput = Page.extend({
  search: plainString().trim().max(200).optional(),
  pageSize: z.int().min(1).max(200).default(50),
});
export type CampaignListInput = z.infer<typeof CampaignListInput>;

export const CampaignMemberInput = z.object({ campaignId: Id, contactId: Id });
export type CampaignMemberInput = z.infer<typeof CampaignMemberInput>;

export const CampaignMembersInput = Page.extend({ campaignId: Id, pageSize: z.int().min(1).max(200).default(100) });
export type CampaignMembersInput = z.infer<typeof CampaignMembersInput>;

/** A mailing: subject and plain-text body; `{{firstName}}`, `{{lastName}}`, `{{customerName}}`, `{{email}}` are filled per recipient. */
export const MailingCreateInput = z.object({
  campaignId: Id,
  subject: templateText(200),
  body: templateText(50_000),
});
export type MailingCreateInput = z.infer<typeof MailingCreateInput>;

export const MailingUpdateInput = z.object({
  id: Id,
  version: Version,
  subject: templateText(200).optional(),
  body: templateText(50_000).optional(),
});
export type MailingUpdateInput = z.infer<typeof MailingUpdateInput>;

/** Asks a contact's email address for marketing consent (double opt-in: a confirmation link is mailed). */
export const ConsentRequestInput = z.object({ contactId: Id });
export type ConsentRequestInput = z.infer<typeof ConsentRequestInput>;

export const ConsentOfContactInput = z.object({ contactId: Id });
export type ConsentOfContactInput = z.infer<typeof ConsentOfContactInput>;
