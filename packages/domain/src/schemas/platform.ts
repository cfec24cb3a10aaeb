import { z } from 'zod';
import { INVOICE_STATUSES } from '../enums.ts';
import { columnsOf, REPORT_COLUMNS, REPORT_FORMATS, REPORT_PERIODS, REPORT_SCHEDULES, REPORT_SOURCES, type ReportSource } from '../saved-reports.ts';
import { date, Id, text, Version } from './common.ts';

/** Platform operations (issue 18): the API usage log and saved reports. */

/** Usage of API tokens over Berlin days `from`..`to` (at most a year). */
export const ApiUsageListInput = z
  .object({ from: date, to: date, tokenId: Id.optional() })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start date' });
  });
export type ApiUsageListInput = z.infer<typeof ApiUsageListInput>;

export interface ApiUsageTokenRow {
  tokenId: string;
  tokenName: string;
  prefix: string;
  ownerName: string;
  revoked: boolean;
  calls: number;
  errors: number;
  /** Average duration in whole milliseconds. */
  avgMs: number;
  maxMs: number;
  lastAt: string;
}
export interface ApiUsageProcedureRow {
  tokenId: string;
  procedure: string;
  status: number;
  calls: number;
  avgMs: number;
  maxMs: number;
  lastAt: string;
}
export interface ApiUsageDto {
  from: string;
  to: string;
  tokens: ApiUsageTokenRow[];
  /** Per procedure and status, for the token asked for (or all tokens), most calls first, at most 500 rows. */
  procedures: ApiUsageProcedureRow[];
}

const ReportFilters = z
  .object({
    period: z.enum(REPORT_PERIODS).default('all'),
    from: date.nullish(),
    to: date.nullish(),
    customerId: Id.nullish(),
    projectId: Id.nullish(),
    /** Invoices only: the statuses to include (all when empty). */
    statuses: z.array(z.enum(INVOICE_STATUSES)).max(INVOICE_STATUSES.length).nullish(),
    /** Time entries and expenses: only billable (true), only non-billable (false), or both. */
    billable: z.boolean().nullish(),
  })
  .superRefine((f, ctx) => {
    if (f.period === 'custom' && !f.from && !f.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required' });
    if (f.from && f.to && f.to < f.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start date' });
  });
export type ReportFilters = z.infer<typeof ReportFilters>;

/** Every column name of every source; checkColumns then holds each report to its own source's. */
const ALL_COLUMNS = [...new Set(Object.values(REPORT_COLUMNS).flatMap((c) => Object.keys(c)))] as [string, ...string[]];

const reportFields = {
  name: text(200),
  source: z.enum(REPORT_SOURCES),
  columns: z.array(z.enum(ALL_COLUMNS)).min(1, { error: 'select at least one column' }).max(20),
  filters: ReportFilters.default({ period: 'all' }),
  format: z.enum(REPORT_FORMATS).default('csv'),
  schedule: z.enum(REPORT_SCHEDULES).default('none'),
};

/** Columns must belong to the source, each once. */
function checkColumns(r: { source: ReportSource; columns: string[]; filters: ReportFilters }, ctx: z.RefinementCtx) {
  const known = columnsOf(r.source);
  r.columns.forEach((c, i) => {
    if (!known.includes(c)) ctx.addIssue({ code: 'custom', path: ['columns', i], message: 'is not a column of this source' });
    else if (r.columns.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['columns', i], message: 'is listed twice' });
  });
  if (r.filters.statuses?.length && r.source !== 'invoices') ctx.addIssue({ code: 'custom', path: ['filters', 'statuses'], message: 'applies to invoices only' });
  if (r.filters.billable != null && r.source === 'invoices') ctx.addIssue({ code: 'custom', path: ['filters', 'billable'], message: 'applies to time entries and expenses only' });
}

export const SavedReportCreateInput = z.object(reportFields).superRefine(checkColumns);
export type SavedReportCreateInput = z.infer<typeof SavedReportCreateInput>;

export const SavedReportUpdateInput = z.object({ id: Id, version: Version, ...reportFields }).superRefine(checkColumns);
export type SavedReportUpdateInput = z.infer<typeof SavedReportUpdateInput>;

/** Run a saved report now; the file comes back in the answer (base64) and is kept with the run. */
export const SavedReportRunInput = z.object({ id: Id, format: z.enum(REPORT_FORMATS).optional() });
export type SavedReportRunInput = z.infer<typeof SavedReportRunInput>;

export interface SavedReportDto {
  id: string;
  name: string;
  source: ReportSource;
  columns: string[];
  filters: ReportFilters;
  format: (typeof REPORT_FORMATS)[number];
  schedule: (typeof REPORT_SCHEDULES)[number];
  nextRunAt: string | null;
  lastRunAt: string | null;
  ownerId: string;
  ownerName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SavedReportRunDto {
  id: string;
  reportId: string;
  trigger: 'manual' | 'schedule';
  status: 'done' | 'failed';
  format: string;
  rowCount: number;
  fileName: string | null;
  size: number | null;
  error: string | null;
  createdAt: string;
}

export interface ReportFileDto {
  runId: string;
  fileName: string;
  contentType: string;
  /** The file's bytes, base64. */
  base64: string;
  rowCount: number;
}
