import { z } from 'zod';
import { OPPORTUNITY_STAGES } from '../sales.ts';
import { date, Id, money, optionalText, Page, plainString, text, updateFields, Version } from './common.ts';

const Probability = z.int({ error: 'must be a whole number' }).min(0, { error: 'must be at least 0' }).max(100, { error: 'must be at most 100' });

/**
 * An opportunity (Verkaufschance): a customer (and one of its contacts), a title, the stage, the
 * net amount in euros (two places, exact), the probability (0–100; the stage's default when left
 * out), the expected close date and the owner (an employee; the creator when left out).
 */
export const OpportunityCreateInput = z.object({
  customerId: Id,
  contactId: Id.nullish(),
  title: text(200),
  stage: z.enum(OPPORTUNITY_STAGES).default('lead'),
  amount: money(),
  probability: Probability.optional(),
  expectedCloseDate: date,
  ownerId: Id.nullish(),
  notes: optionalText(10_000),
});
export type OpportunityCreateInput = z.infer<typeof OpportunityCreateInput>;

/** Changes fields; the stage changes only through `move` (it has rules of its own). */
export const OpportunityUpdateInput = z.object({
  ...updateFields(OpportunityCreateInput.omit({ stage: true, customerId: true }).shape),
  id: Id,
  version: Version,
});
export type OpportunityUpdateInput = z.infer<typeof OpportunityUpdateInput>;

/** Moves to another stage; the probability becomes the stage's default unless given. */
export const OpportunityMoveInput = z.object({
  id: Id,
  stage: z.enum(OPPORTUNITY_STAGES),
  probability: Probability.optional(),
  version: Version,
});
export type OpportunityMoveInput = z.infer<typeof OpportunityMoveInput>;

export const OpportunityListInput = Page.extend({
  stage: z.array(z.enum(OPPORTUNITY_STAGES)).max(OPPORTUNITY_STAGES.length).optional(),
  customerId: Id.optional(),
  ownerId: Id.optional(),
  search: plainString().trim().max(200).optional(),
  pageSize: z.int().min(1).max(200).default(200),
});
export type OpportunityListInput = z.infer<typeof OpportunityListInput>;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month (YYYY-MM)' });

/** The weighted forecast of the months from–to (expected close dates), optionally of one owner. */
export const ForecastInput = z
  .object({ from: Month, to: Month, ownerId: Id.optional() })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start of the range' });
    const [fy = 0, fm = 0] = v.from.split('-').map(Number);
    const [ty = 0, tm = 0] = v.to.split('-').map(Number);
    if ((ty - fy) * 12 + (tm - fm) >= 60) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at most 60 months after the start' });
  });
export type ForecastInput = z.infer<typeof ForecastInput>;
