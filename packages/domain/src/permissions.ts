/**
 * Permission strings are dotted names (`crm.write`). A role grants a list of patterns where a
 * `*` segment matches any one segment and a trailing `*` matches the rest: `*` is everything,
 * `crm.*` is all of CRM, `*.read` is reading everywhere (the auditor).
 */
export const PERMISSIONS = [
  'crm.read',
  'crm.write',
  'crm.delete',
  'crm.restore',
  'core.read',
  'core.admin',
  /** See colleagues' personal data (birth date, gender, nationality, phone, home address); everyone sees their own. */
  'core.employees.manage',
  'audit.read',
  'projects.read',
  'projects.write',
  'projects.delete',
  'projects.restore',
  /** Open time tracking; see one's own entries (and those of projects one manages). */
  'timeTracking.read',
  /** Record one's own time: timer and manual entries. */
  'timeTracking.track',
  /** Also see the entries of one's own department. */
  'timeTracking.team',
  /** See every entry. */
  'timeTracking.readAll',
  /** Approve and unapprove any entry (a project's manager may for their project without it). */
  'timeTracking.approve',
  /** Create, edit and delete entries of other employees. */
  'timeTracking.manage',
  /** Lock a period: entries dated up to the lock date cannot change. */
  'timeTracking.lock',
  /** Set or change the hourly rate of a time entry (without it entries take the project's or employee's rate). */
  'timeTracking.rates',
  /** Invoices, quotes, cancellation invoices and their payments, statistics and PDFs. */
  'invoices.read',
  /** Create and change drafts (also from time entries and accepted quotes), recalculate totals. */
  'invoices.write',
  /** Finalize (number and freeze), mark sent, and set statuses along the lifecycle. */
  'invoices.finalize',
  /** Cancel a finalized invoice with a cancellation invoice. */
  'invoices.cancel',
  /** Delete drafts (finalized documents can never be deleted). */
  'invoices.delete',
  /** Record, change and delete payments, and record and delete refunds (money paid back). */
  'invoices.payments',
  /**
   * Documents: list, read and download those one may see. A document follows the record it is
   * linked to (an expense's receipt is seen by whoever sees the expense); an unlinked one is seen
   * by its uploader and holders of documents.readAll. Confidential ones only their owner, or with
   * documents.confidential.
   */
  'documents.read',
  /** Upload documents; change and add versions to one's own. */
  'documents.write',
  /** Delete, change and add versions to anyone's documents one can see. */
  'documents.delete',
  /** See every document, whatever it is linked to (or unlinked). */
  'documents.readAll',
  /** See every confidential document (each access is written to the audit trail). */
  'documents.confidential',
  /** Expenses: read all, with KPIs. */
  'finance.read',
  /** Record expenses (one's own). */
  'finance.write',
  /** Record and change anyone's expenses, delete, and reimburse. */
  'finance.manage',
  /** Received e-invoices (Eingangsrechnungen): the inbox, the suppliers, the original files. */
  'purchases.read',
  /** Upload e-invoices, approve them (booked as expenses) or reject them. */
  'purchases.write',
  /** Dunning (Mahnwesen): the proposed and sent notices, the levels and base rates. */
  'dunning.read',
  /** Send and discard notices, start a dunning run, change the levels and the automatic sending. */
  'dunning.write',
  /** Bank statements (Kontoauszüge): the imported files, their entries and the proposed matches. */
  'banking.read',
  /** Import statement files; confirm a match (records a payment), pick another invoice or ignore an entry. */
  'banking.write',
  /** Bookkeeping (FiBu): accounts, journal, open items, reports, UStVA, cost centres and budgets. */
  'bookkeeping.read',
  /** Post manual journal entries and reverse entries. */
  'bookkeeping.post',
  /** Chart of accounts, VAT method, cost centres and budgets, locking months, closing years, DATEV export. */
  'bookkeeping.manage',
  /** Inventory: articles, locations, stock by location, the stock ledger, stocktakes and the reorder list. */
  'inventory.read',
  /** Create and change articles, post stock moves, enter counts of a stocktake. */
  'inventory.write',
  /** Create locations, start and close stocktakes (closing posts the differences to the loss location). */
  'inventory.manage',
  /** Sales orders (Auftragsbestätigungen), their reservations and delivery notes. */
  'orders.read',
  /** Confirm orders, deliver (posts the stock moves), and make invoice drafts of what was delivered (with invoices.write). */
  'orders.write',
  /** Sales pipeline: opportunities, the board and the weighted forecast. */
  'sales.read',
  /** Create, change and move opportunities; make a quote of a won one (with invoices.write). */
  'sales.write',
  /** Service tickets with their replies and SLA clocks, and the service settings. */
  'service.read',
  /** Create tickets, change them and their status, reply (internal notes and replies to the customer). */
  'service.write',
  /** The service calendar (working hours, holidays) and the SLA targets per priority. */
  'service.manage',
  /** Marketing campaigns: campaigns, members, mailings with their statistics, and the marketing consent of contacts. */
  'campaigns.read',
  /** Create and change campaigns and members, write and send mailings, ask contacts for consent (double opt-in). */
  'campaigns.write',
  /** Reminders of other people: create for them, list everyone's. */
  'reminders.manage',
  /** Read and post in every project's chat, member or not. */
  'chat.all',
  /** Delete anyone's chat messages. */
  'chat.moderate',
  /** Outgoing webhooks: subscriptions (and their secrets), the delivery log, test events and redelivery. Admins only by default. */
  'platform.webhooks',
  /** Automation rules: create, edit (a new version), switch on and off, and read their run log. Admins only by default. */
  'platform.automation',
  /** Operations (issue 18): /metrics, the queue view (read-only) and the monitoring alerts. Admin-only by default. */
  'monitoring.view',
  /** The API usage log: calls per API token, procedure, status and day. Admin-only by default. */
  'apiUsage.view',
  /** Saved reports: define, schedule, run and download them (running one also needs the source's read permission). Admin-only by default. */
  'savedReports.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_PATTERN = /^(\*|[a-zA-Z][a-zA-Z0-9]*)(\.(\*|[a-zA-Z][a-zA-Z0-9]*))*$/;

function matches(pattern: string, permission: string): boolean {
  const want = permission.split('.');
  const have = pattern.split('.');
  for (let i = 0; i < have.length; i++) {
    const segment = have[i];
    // A trailing `*` covers every remaining segment.
    if (segment === '*' && i === have.length - 1) return want.length >= i + 1;
    if (i >= want.length) return false;
    if (segment !== '*' && segment !== want[i]) return false;
  }
  return have.length === want.length;
}

export function hasPermission(granted: readonly string[], permission: string): boolean {
  return granted.some((pattern) => matches(pattern, permission));
}

/** The roles every installation starts with. */
export const SYSTEM_ROLES = {
  Admin: { description: 'Full access, including administration', permissions: ['*'] },
  Manager: {
    description: 'Runs customers and teams; no system administration',
    permissions: [
      'crm.read',
      'crm.write',
      'crm.delete',
      'core.read',
      'projects.read',
      'projects.write',
      'projects.delete',
      'timeTracking.read',
      'timeTracking.track',
      'timeTracking.team',
      'timeTracking.rates',
      'invoices.read',
      'invoices.write',
      'invoices.finalize',
      'invoices.delete',
      'documents.read',
      'documents.write',
      'finance.read',
      'finance.write',
      'purchases.read',
      'purchases.write',
      'dunning.read',
      'banking.read',
      'inventory.read',
      'inventory.write',
      'inventory.manage',
      'orders.read',
      'orders.write',
      'sales.read',
      'sales.write',
      'service.read',
      'service.write',
      'service.manage',
      'campaigns.read',
      'campaigns.write',
    ],
  },
  Employee: {
    description: 'Daily work with customers; records own time',
    permissions: ['crm.read', 'crm.write', 'core.read', 'projects.read', 'timeTracking.read', 'timeTracking.track', 'documents.read', 'documents.write', 'finance.write', 'inventory.read', 'inventory.write', 'orders.read', 'sales.read', 'sales.write', 'service.read', 'service.write', 'campaigns.read'],
  },
  Accountant: {
    description: 'Finance: invoices and payments; reads customers, projects, all time entries and the audit trail',
    permissions: ['crm.read', 'core.read', 'audit.read', 'projects.read', 'timeTracking.read', 'timeTracking.readAll', 'timeTracking.rates', 'invoices.*', 'documents.read', 'documents.write', 'documents.readAll', 'documents.confidential', 'finance.*', 'purchases.*', 'dunning.*', 'banking.*', 'bookkeeping.*', 'inventory.*', 'orders.*', 'sales.read', 'service.read'],
  },
  Auditor: { description: 'Read-only everywhere', permissions: ['*.read', 'timeTracking.readAll', 'documents.readAll'] },
} as const satisfies Record<string, { description: string; permissions: readonly string[] }>;
export type SystemRoleName = keyof typeof SYSTEM_ROLES;
