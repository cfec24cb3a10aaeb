/** What the API returns for time entries. Amounts are decimal strings, instants ISO 8601 UTC. */
export interface TimeEntryDto {
  id: string;
  employee: { id: string; name: string };
  project: { id: string; projectNumber: string; title: string; customerId: string; customerName: string; projectManagerId: string | null } | null;
  startTime: string;
  /** null while the timer runs. */
  endTime: string | null;
  /** Recorded minutes; null while running. */
  durationMinutes: number | null;
  /** Minutes after the company's billing rounding (never changes the recorded times). */
  billedMinutes: number | null;
  billable: boolean;
  /** The entry's own rate, if it has one. */
  hourlyRate: string | null;
  /** The rate that applies: entry, else project, else employee default. */
  effectiveRate: string;
  rateSource: 'entry' | 'project' | 'employee' | 'none';
  /** billedMinutes × effectiveRate when billable, else "0.00". */
  amount: string;
  taskType: string;
  note: string | null;
  isApproved: boolean;
  approvedBy: { id: string; name: string } | null;
  approvedAt: string | null;
  isInvoiced: boolean;
  /** What the signed-in user may do with it, and why not. */
  canEdit: boolean;
  lockReason: 'invoiced' | 'period' | 'approved' | 'not_yours' | null;
  canApprove: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TimeEntryPageDto {
  items: TimeEntryDto[];
  total: number;
  page: number;
  pageSize: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Sums over all filtered (finished) entries, not just this page; only when both `from` and `to` are given, else null. */
  totalMinutes: number | null;
  billableMinutes: number | null;
  billableAmount: string | null;
}

export interface SummaryRowDto {
  /** Project/employee/customer id, or the period start date (YYYY-MM-DD); null = internal time / no customer. */
  key: string | null;
  label: string;
  totalMinutes: number;
  billableMinutes: number;
  nonBillableMinutes: number;
  /** Billed minutes × rate for billable time. */
  billableAmount: string;
  entryCount: number;
}

export interface SummaryDto {
  groupBy: string;
  rows: SummaryRowDto[];
  totals: Omit<SummaryRowDto, 'key' | 'label'>;
  roundingMinutes: number;
}

export interface CsvExportDto {
  filename: string;
  /** The whole file: UTF-8 with BOM, `;` separated, decimal comma. */
  content: string;
  rowCount: number;
}

export interface TimerStopDto {
  entry: TimeEntryDto;
  /** The timer ran longer than 24 hours and was stopped at start + 24 h. */
  capped: boolean;
}
