import { z } from 'zod';

/**
 * Skonto terms as typed: percent above 0 and below 100 with at most two places ("2", "2,5",
 * "2.00" → "2.00"), days a whole number from 1 to 365. null = no Skonto.
 */
export const SkontoPercent = z
  .union([z.string().trim(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.replace(',', '.')))
  .pipe(
    z
      .string()
      .refine((v) => /^-?\d+(\.\d+)?$/.test(v), { error: 'must be a percentage with at most two decimal places', abort: true })
      .refine((v) => !v.startsWith('-') && /[1-9]/.test(v) && /^\d{1,2}(\.\d+)?$/.test(v), { error: 'must be above 0 and below 100 %', abort: true })
      .refine((v) => /^\d+(\.\d{1,2})?$/.test(v), { error: 'must be a percentage with at most two decimal places', abort: true })
      .transform((v) => {
        const [whole = '0', fraction = ''] = v.split('.');
        return `${Number(whole)}.${fraction.padEnd(2, '0')}`;
      }),
  );

export const SkontoDays = z.int({ error: 'must be a whole number of days' }).min(1, { error: 'must be at least 1 day' }).max(365, { error: 'must be at most 365 days' });
