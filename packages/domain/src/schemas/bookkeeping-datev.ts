import { z } from 'zod';
import { date, instant } from './common.ts';

/** A DATEV export of a date range within one fiscal year, for the tax adviser's consultant and client number. */
export const DatevExportInput = z
  .object({
    from: date,
    to: date,
    consultantNumber: z.int().min(1001).max(9_999_999),
    clientNumber: z.int().min(1).max(99_999),
    /** The export's time stamp in the header (now by default). */
    exportedAt: instant.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start date' });
    else if (r.to.slice(0, 4) !== r.from.slice(0, 4)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be in the same fiscal year as the start date' });
  });
export type DatevExportInput = z.infer<typeof DatevExportInput>;

/** A file in Windows-1252, base64 encoded. */
export interface DatevFileDto {
  filename: string;
  contentBase64: string;
}
