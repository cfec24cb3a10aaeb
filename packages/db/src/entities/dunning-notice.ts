import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LANGUAGES } from '@workmate/domain/enums';
import type { InterestPeriod } from '@workmate/domain/dunning';
import { DUNNING_EMAIL_STATUSES, DUNNING_NOTICE_STATUSES } from '@workmate/domain/schemas/dunning';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { StoredDocument } from './document.ts';
import { Employee } from './employee.ts';
import { Invoice } from './invoice.ts';

/**
 * A dunning notice of one invoice at one level (unique pair). Proposed by the daily run; sending
 * numbers it and freezes its amounts, title and text (a trigger refuses any later change); the
 * worker archives its PDF (sha256) and emails it. Paying or cancelling the invoice withdraws
 * open proposals; a person may discard one.
 */
export const DunningNotice = defineEntity({
  name: 'DunningNotice',
  tableName: 'dunning_notices',
  properties: {
    id: idColumn(),
    invoice: () => p.manyToOne(Invoice).deleteRule('cascade'),
    level: p.integer(),
    status: p.enum(DUNNING_NOTICE_STATUSES).default('proposed'),
    number: p.string().length(60).nullable(),
    noticeDate: p.date(),
    dueDate: p.date(),
    consumer: p.boolean(),
    outstanding: p.decimal('string').precision(14).scale(2),
    interest: p.decimal('string').precision(14).scale(2),
    levelFee: p.decimal('string').precision(14).scale(2),
    flatFee: p.decimal('string').precision(14).scale(2),
    total: p.decimal('string').precision(14).scale(2),
    interestPeriods: p.json<InterestPeriod[]>(),
    title: p.string().length(100),
    text: p.text(),
    language: p.enum(LANGUAGES),
    proposedAt: p.datetime().columnType('timestamptz'),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    sentBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    closedAt: p.datetime().columnType('timestamptz').nullable(),
    closeReason: p.text().nullable(),
    pdfDocument: () => p.manyToOne(StoredDocument).nullable().deleteRule('set null'),
    emailTo: p.json<string[]>().nullable(),
    emailStatus: p.enum(DUNNING_EMAIL_STATUSES).nullable(),
    emailError: p.text().nullable(),
    emailMessageId: p.string().length(500).nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type DunningNotice = InferEntity<typeof DunningNotice>;
