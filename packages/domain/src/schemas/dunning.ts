import { z } from 'zod';
import { validateNumberPattern } from '../number-pattern.ts';
import { Id, money, Page, plainString, text, Version } from './common.ts';

/** proposed (by the daily run) → sent (numbered, frozen) | discarded (by a person) | withdrawn (invoice paid or cancelled, or a higher level came due). */
export const DUNNING_NOTICE_STATUSES = ['proposed', 'sent', 'discarded', 'withdrawn'] as const;
export type DunningNoticeStatus = (typeof DUNNING_NOTICE_STATUSES)[number];
/** The email of a sent notice: waiting for the worker, accepted by the SMTP server, or given up. Null: not emailed (a letter). */
export const DUNNING_EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type DunningEmailStatus = (typeof DUNNING_EMAIL_STATUSES)[number];

export const DUNNING_LEVELS = [1, 2, 3] as const;

export const DunningLevelUpdateInput = z.object({
  level: z.int({ error: 'must be a whole number' }).min(1).max(3),
  daysAfterDue: z.int({ error: 'must be a whole number of days' }).min(0, { error: 'must not be negative' }).max(365, { error: 'must be at most 365 days' }),
  fee: money(10_000),
  chargesInterest: z.boolean(),
  chargesFlatFee: z.boolean(),
  titleDe: text(100),
  titleEn: text(100),
  textDe: text(5000),
  textEn: text(5000),
  version: Version,
});
export type DunningLevelUpdateInput = z.infer<typeof DunningLevelUpdateInput>;

export const DunningSettingsUpdateInput = z.object({
  autoSend: z.boolean(),
  numberPattern: plainString()
    .trim()
    .superRefine((value, ctx) => {
      const problem = validateNumberPattern(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  version: Version,
});
export type DunningSettingsUpdateInput = z.infer<typeof DunningSettingsUpdateInput>;

export const DunningNoticeListInput = Page.extend({
  status: z.enum(DUNNING_NOTICE_STATUSES).optional(),
  invoiceId: Id.optional(),
});
export type DunningNoticeListInput = z.infer<typeof DunningNoticeListInput>;

