import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';

/** Where to post which events (issue 18); signed with `secret` (whsec_…), switched off after days of only failures. */
export const WebhookSubscription = defineEntity({
  name: 'WebhookSubscription',
  tableName: 'webhook_subscriptions',
  properties: {
    id: idColumn(),
    name: p.string().length(200),
    url: p.string().length(2000),
    secret: p.string().length(100),
    eventTypes: p.json<string[]>(),
    active: p.boolean().default(true),
    /** The first failure since the last success; cleared by a success. */
    failingSince: p.datetime().columnType('timestamptz').nullable(),
    disabledAt: p.datetime().columnType('timestamptz').nullable(),
    disabledReason: p.string().length(300).nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type WebhookSubscription = InferEntity<typeof WebhookSubscription>;
