/**
 * The sales pipeline (issue 18): the stages an opportunity moves through and the probability
 * each stage stands for unless someone sets another. Won and lost are closed stages.
 */
export const OPPORTUNITY_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const CLOSED_STAGES: readonly OpportunityStage[] = ['won', 'lost'];

/** Percent (0–100) an opportunity in a stage is expected to close with. */
export const STAGE_PROBABILITY: Record<OpportunityStage, number> = {
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

/**
 * Amount × probability, exactly: cents × percent is a whole number of 1/10,000 euro, so the
 * weighted amount of any number of opportunities has at most four decimal places and is summed
 * without rounding. `amount` is a decimal string with two places ("1234.50").
 */
export function weightedAmount(amount: string, probability: number): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  const tenThousandths = cents * BigInt(probability);
  const text = `${tenThousandths / 10000n}.${String(tenThousandths % 10000n).padStart(4, '0')}`;
  return negative && tenThousandths !== 0n ? `-${text}` : text;
}
