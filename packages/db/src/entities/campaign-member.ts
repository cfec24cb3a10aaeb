import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MEMBER_SOURCES } from '@workmate/domain/campaigns';
import { Campaign } from './campaign.ts';
import { createdAtColumn, idColumn } from './common.ts';
import { Contact } from './contact.ts';

/** A contact taken into a campaign (KampagnenTeilnehmer), from its filter or by hand; once per campaign (unique). */
export const CampaignMember = defineEntity({
  name: 'CampaignMember',
  tableName: 'campaign_members',
  properties: {
    id: idColumn(),
    campaign: () => p.manyToOne(Campaign).deleteRule('cascade'),
    contact: () => p.manyToOne(Contact).deleteRule('cascade'),
    source: p.enum(MEMBER_SOURCES),
    createdAt: createdAtColumn(),
  },
  uniques: [{ name: 'campaign_members_campaign_contact', properties: ['campaign', 'contact'] }],
});
export type CampaignMember = InferEntity<typeof CampaignMember>;
