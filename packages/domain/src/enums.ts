export const CUSTOMER_TYPES = ['business', 'individual', 'government', 'creator'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const CUSTOMER_STATUSES = ['lead', 'active', 'inactive', 'blocked'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const ACTIVITY_TYPES = ['call', 'meeting', 'email', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const EMPLOYEE_STATUSES = ['active', 'inactive', 'on_leave'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

export const EMPLOYMENT_TYPES = ['fulltime', 'parttime', 'intern', 'external'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const GENDERS = ['male', 'female', 'diverse', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** How a session was opened: with a password, or at an OpenID provider. */
export const SIGN_IN_METHODS = ['password', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `access`: a confidential document was read or downloaded. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'login', 'logout', 'access'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const PROJECT_STATUSES = ['planning', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type ProjectPriority = (typeof PROJECT_PRIORITIES)[number];

export const TASK_TYPES = ['development', 'meeting', 'support', 'documentation', 'consulting', 'design', 'testing', 'travel', 'administration', 'other'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Billing rounding of time entries: none, or up to the next 5, 15 or 30 minutes. */
export const TIME_ROUNDING_STEPS = [0, 5, 15, 30] as const;
export type TimeRoundingStep = (typeof TIME_ROUNDING_STEPS)[number];

/**
 * Invoice documents: invoices, quotes, cancellation invoices (Stornorechnungen) that reverse an
 * invoice, and credit notes (Rechnungskorrekturen) that correct part of one.
 */
export const INVOICE_TYPES = ['invoice', 'quote', 'cancellation', 'credit_note'] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];

/** What kind of invoice: a plain one, a deposit (Abschlagsrechnung) or a final invoice (Schlussrechnung) deducting deposits. */
export const INVOICE_KINDS = ['standard', 'deposit', 'final'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/**
 * One status column for all document types. Invoices: draft → finalized → sent → partially_paid
 * → paid, overdue set by the daily sweep, cancelled by a cancellation invoice. Quotes: draft →
 * finalized → sent → accepted | rejected | expired. See invoice-lifecycle.ts.
 */
export const INVOICE_STATUSES = ['draft', 'finalized', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled', 'accepted', 'rejected', 'expired'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** standard VAT; §19 UStG small business (no VAT); reverse charge (§13b UStG, the customer owes the VAT). */
export const TAX_CASES = ['standard', 'small_business', 'reverse_charge'] as const;
export type TaxCase = (typeof TAX_CASES)[number];

/** German VAT rates in percent. */
export const TAX_RATES = [19, 7, 0] as const;
export type TaxRate = (typeof TAX_RATES)[number];

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'paypal', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** How `createFromTimeEntries` turns time entries into invoice lines. */
export const TIME_INVOICE_GROUPINGS = ['entry', 'day', 'task_type', 'employee', 'total'] as const;
export type TimeInvoiceGrouping = (typeof TIME_INVOICE_GROUPINGS)[number];

/** Expense categories (the union of both product documents). */
export const EXPENSE_CATEGORIES = ['travel', 'material', 'software', 'personnel', 'service', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export const REMINDER_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ReminderPriority = (typeof REMINDER_PRIORITIES)[number];

export const REMINDER_STATUSES = ['open', 'done', 'overdue'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** Records a document or reminder can be linked to. */
export const LINKABLE_ENTITIES = ['invoice', 'expense', 'project', 'employee', 'customer'] as const;
export type LinkableEntity = (typeof LINKABLE_ENTITIES)[number];

export const DASHBOARD_WIDGETS = ['running_timer', 'upcoming_reminders', 'kpi_cards', 'revenue_chart', 'overdue_invoices', 'project_budgets', 'expenses_by_category'] as const;
export type DashboardWidget = (typeof DASHBOARD_WIDGETS)[number];
