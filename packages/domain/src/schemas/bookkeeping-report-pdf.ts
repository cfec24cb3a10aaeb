import { z } from 'zod';
import { LANGUAGES } from '../enums.ts';
import { BalanceSheetInput, ReportRangeInput, VatReturnInput } from './bookkeeping-reports.ts';
import { OpenItemListInput } from './bookkeeping.ts';
import { Id } from './common.ts';

/**
 * PDF export of the bookkeeping reports (issue 16): which report, its range, and the language of
 * its labels (the requester's own when not given). The worker renders it (job render-report-pdf);
 * the caller asks for it with `bookkeeping.reports.pdf.request` and fetches it with `.get`.
 */

export const REPORT_KINDS = ['trialBalance', 'accountLedger', 'profitAndLoss', 'balanceSheet', 'vatReturn', 'openItems'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** At most this many ledger lines in one PDF (about 45 per page): a longer range is refused, naming `from`. */
export const LEDGER_PDF_MAX_ROWS = 5_000;

const language = z.enum(LANGUAGES, { error: 'must be de or en' }).optional();

/** One report and its range; `report` picks the shape (an unknown one is refused naming `report`). */
export const ReportPdfInput = z.discriminatedUnion(
  'report',
  [
    ReportRangeInput.safeExtend({ report: z.literal('trialBalance'), language }),
    ReportRangeInput.safeExtend({ report: z.literal('profitAndLoss'), language }),
    // The whole ledger of the range (no paging), up to LEDGER_PDF_MAX_ROWS lines.
    ReportRangeInput.safeExtend({ report: z.literal('accountLedger'), accountId: Id, language }),
    BalanceSheetInput.safeExtend({ report: z.literal('balanceSheet'), language }),
    VatReturnInput.safeExtend({ report: z.literal('vatReturn'), language }),
    // The open items of one side as they stand, or stood at `asOf` (optionally one party's), grouped per party.
    OpenItemListInput.pick({ side: true, partyId: true, asOf: true }).safeExtend({ report: z.literal('openItems'), language }),
  ],
  { error: `must be one of ${REPORT_KINDS.join(', ')}` },
);
export type ReportPdfInput = z.infer<typeof ReportPdfInput>;
/** What a caller sends (before defaults). */
export type ReportPdfRequest = z.input<typeof ReportPdfInput>;

/** What the job renders: the report's own input (as the report procedures take it) and the resolved language. */
export const ReportPdfSpec = z.discriminatedUnion('report', [
  z.object({ report: z.literal('trialBalance'), from: z.iso.date(), to: z.iso.date() }),
  z.object({ report: z.literal('profitAndLoss'), from: z.iso.date(), to: z.iso.date() }),
  z.object({ report: z.literal('accountLedger'), accountId: Id, from: z.iso.date(), to: z.iso.date() }),
  z.object({ report: z.literal('balanceSheet'), date: z.iso.date() }),
  z.object({ report: z.literal('vatReturn'), year: z.int(), month: z.int().min(1).max(12).optional(), quarter: z.int().min(1).max(4).optional() }),
  z.object({ report: z.literal('openItems'), side: z.enum(['debtor', 'creditor']), partyId: Id.optional(), asOf: z.iso.date().optional() }),
]);
export type ReportPdfSpec = z.infer<typeof ReportPdfSpec>;

/** The job's payload: ids and the report's range only (no personal data). */
export const ReportPdfJobPayload = z.object({
  requestId: Id,
  /** The employee who asked: only they can fetch the file. */
  requestedBy: Id,
  language: z.enum(LANGUAGES),
  spec: ReportPdfSpec,
});
export type ReportPdfJobPayload = z.infer<typeof ReportPdfJobPayload>;

export const ReportPdfGetInput = z.object({ requestId: Id });
export type ReportPdfGetInput = z.infer<typeof ReportPdfGetInput>;

/** How a requested PDF is doing; once ready it comes with its content (base64). */
export type ReportPdfState =
  | { status: 'queued' | 'rendering'; requestId: string }
  | { status: 'failed'; requestId: string; error: string }
  | { status: 'ready'; requestId: string; fileName: string; size: number; sha256: string; contentBase64: string };
