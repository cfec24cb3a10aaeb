import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RECIPIENT_STATUSES } from '@workmate/domain/campaigns';
import { createdAtColumn, idColumn } from './common.ts';
import { Contact } from './contact.ts';
import { Mailing } from './mailing.ts';

/**
 * One recipient of a sent mailing, once per (mailing, contact): the address it went to, what
 * became of it, and the SHA-256 of its two link tokens (open pixel, one-click unsubscribe), made
 * by the worker when it sends the mail.
 */
export const MailingRecipient = defineEntity({
  name: 'MailingRecipient',
  tableName: 'mailing_recipients',
  properties: {
    id: idColumn(),
    mailing: () => p.manyToOne(Mailing).deleteRule('cascade'),
    contact: () => p.manyToOne(Contact).nullable().deleteRule('set null'),
    email: p.string().length(254),
    status: p.enum(RECIPIENT_STATUSES),
    error: p.text().nullable(),
    openTokenHash: p.string().length(64).nullable().unique(),
    unsubscribeTokenHash: p.string().length(64).nullable().unique(),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    openedAt: p.datetime().columnType('timestamptz').nullable(),
    unsubscribedAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: createdAtColumn(),
  },
  uniques: [{ name: 'mailing_recipients_mailing_contact', properties: ['mailing', 'contact'] }],
});
export type MailingRecipient = InferEntity<typeof MailingRecipient>;
