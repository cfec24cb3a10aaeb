import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CONSENT_STATUSES } from '@workmate/domain/campaigns';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';

/**
 * The marketing consent of one email address (lower-cased, unique), the proof of a double
 * opt-in: when it was asked for and by whom, when and from which IP address it was confirmed,
 * when it was withdrawn. The confirmation link's token is never stored, only its SHA-256.
 */
export const MarketingConsent = defineEntity({
  name: 'MarketingConsent',
  tableName: 'marketing_consents',
  properties: {
    id: idColumn(),
    email: p.string().length(254).unique(),
    status: p.enum(CONSENT_STATUSES),
    /** SHA-256 (hex) of the open confirmation link's token; null once confirmed or before the mail is out. */
    tokenHash: p.string().length(64).nullable().unique(),
    /** Counts the opt-in requests; the mail job of request n sends only while this is still n. */
    requestCount: p.integer().default(0),
    requestedAt: p.datetime().columnType('timestamptz').nullable(),
    requestedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    requestMailedAt: p.datetime().columnType('timestamptz').nullable(),
    confirmedAt: p.datetime().columnType('timestamptz').nullable(),
    confirmedIp: p.string().length(45).nullable(),
    unsubscribedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type MarketingConsent = InferEntity<typeof MarketingConsent>;
