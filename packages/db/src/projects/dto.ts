/** What the API returns for projects. Amounts are decimal strings ("1234.50"), dates `YYYY-MM-DD`, instants ISO 8601 UTC. */
export interface ProjectStatisticsDto {
  /** Finished entries only; running timers count when stopped. */
  totalMinutes: number;
  billableMinutes: number;
  nonBillableMinutes: number;
  /** Hours with two decimals, as decimal strings ("12.50"). */
  totalHours: string;
  billableHours: string;
  /** Value of all billable time at the resolved rates, with the company's billing rounding. */
  billableAmount: string;
  /** Billable, not yet invoiced. */
  unbilledAmount: string;
  invoicedAmount: string;
  /** billableAmount / budget in percent (one decimal, may exceed 100); null without a budget. */
  budgetUtilisation: string | null;
  budgetRemaining: string | null;
  /** Deadline passed and the project is neither completed nor cancelled. */
  overdue: boolean;
  /** Days from today (Europe/Berlin) to the deadline; negative when past; null without a deadline. */
  daysUntilDeadline: number | null;
  /** Elapsed share of the planned period (start → end, or deadline), 0–100; 100 when completed; null without dates. */
  completionPercentage: number | null;
  entryCount: number;
  openEntryCount: number;
  /** Net of the project's paid invoices; null without invoices.read (as on the dashboard). */
  revenue: string | null;
  /** Net of the project's expenses; null without finance.read. */
  expenses: string | null;
  /** revenue − expenses; null unless both are shown. */
  margin: string | null;
}

export interface ProjectDto {
  id: string;
  projectNumber: string;
  title: string;
  customer: { id: string; name: string; customerNumber: string };
  department: { id: string; name: string } | null;
  projectManager: { id: string; name: string } | null;
  status: string;
  priority: string;
  startDate: string | null;
  endDate: string | null;
  deadline: string | null;
  budget: string | null;
  hourlyRate: string | null;
  billableByDefault: boolean;
  description: string | null;
  notes: string | null;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A list row carries the figures the dashboard needs. */
export interface ProjectListItemDto extends ProjectDto {
  totalMinutes: number;
  billableAmount: string;
  budgetUtilisation: string | null;
  overdue: boolean;
}
