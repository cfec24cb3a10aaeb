import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MAILING_STATUSES } from '@workmate/domain/campaigns';
import { Campaign } from './campaign.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';

/** A mailing of a campaign: subject and body with placeholders; a draft until sent (then frozen). */
export const Mailing = defineEntity({
  name: 'Mailing',
  tableName: 'mailings',
  properties: {
    id: idColumn(),
    campaign: () => p.manyToOne(Campaign).deleteRule('cascade'),
    subject: p.string().length(200),
    body: p.text(),
    status: p.enum(MAILING_STATUSES),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    sentBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Mailing = InferEntity<typeof Mailing>;
