import type { MessageKey } from '../i18n/i18n.tsx';

export interface NavItem {
  href: string;
  label: MessageKey;
  /** Shown to users who hold this permission, or any one of a list; without one, to everyone signed in. */
  permission?: string | readonly string[];
  testId: string;
  /** A live count shown on the item: unread chat messages over all one's projects. */
  badge?: 'chatUnread';
}

export interface NavGroup {
  label: MessageKey;
  items: NavItem[];
}

/** Who sees the approval list: approvers, and team leads (who approve as managers of their projects). */
export const APPROVERS = ['timeTracking.approve', 'timeTracking.team'] as const;

export const NAV: NavGroup[] = [
  {
    label: 'nav.workspace',
    items: [
      { href: '/', label: 'nav.home', testId: 'nav-home' },
      { href: '/reminders', label: 'nav.reminders', testId: 'nav-reminders' },
      { href: '/documents', label: 'nav.documents', permission: 'documents.read', testId: 'nav-documents' },
    ],
  },
  {
    label: 'nav.crm',
    items: [
      { href: '/crm', label: 'nav.dashboard', permission: 'crm.read', testId: 'nav-crm-dashboard' },
      { href: '/crm/customers', label: 'nav.customers', permission: 'crm.read', testId: 'nav-customers' },
      { href: '/crm/contacts', label: 'nav.contacts', permission: 'crm.read', testId: 'nav-contacts' },
    ],
  },
  {
    label: 'nav.sales',
    items: [
      { href: '/sales', label: 'nav.pipeline', permission: 'sales.read', testId: 'nav-pipeline' },
      { href: '/sales/forecast', label: 'nav.forecast', permission: 'sales.read', testId: 'nav-forecast' },
      { href: '/service', label: 'nav.tickets', permission: 'service.read', testId: 'nav-tickets' },
      { href: '/campaigns', label: 'nav.campaigns', permission: 'campaigns.read', testId: 'nav-campaigns' },
    ],
  },
  {
    label: 'nav.projects',
    items: [
      { href: '/projects', label: 'nav.projectDashboard', permission: 'projects.read', testId: 'nav-projects-dashboard' },
      { href: '/projects/list', label: 'nav.projectList', permission: 'projects.read', testId: 'nav-projects', badge: 'chatUnread' },
    ],
  },
  {
    label: 'nav.time',
    items: [
      { href: '/time', label: 'nav.timeEntries', permission: 'timeTracking.read', testId: 'nav-time-entries' },
      { href: '/time/timesheet', label: 'nav.timesheet', permission: 'timeTracking.track', testId: 'nav-timesheet' },
      { href: '/time/approvals', label: 'nav.approvals', permission: APPROVERS, testId: 'nav-approvals' },
      { href: '/time/reports', label: 'nav.timeReports', permission: 'timeTracking.read', testId: 'nav-time-reports' },
    ],
  },
  {
    label: 'nav.invoices',
    items: [
      { href: '/invoices', label: 'nav.invoiceDashboard', permission: 'invoices.read', testId: 'nav-invoices-dashboard' },
      { href: '/invoices/list', label: 'nav.invoiceList', permission: 'invoices.read', testId: 'nav-invoices' },
      { href: '/invoices/quotes', label: 'nav.quotes', permission: 'invoices.read', testId: 'nav-quotes' },
      { href: '/invoices/dunning', label: 'nav.dunning', permission: 'dunning.read', testId: 'nav-dunning' },
      { href: '/invoices/recurring', label: 'nav.recurring', permission: 'invoices.read', testId: 'nav-recurring' },
    ],
  },
  {
    label: 'nav.finance',
    items: [
      { href: '/finance', label: 'nav.financeDashboard', permission: ['finance.read', 'finance.write'], testId: 'nav-finance-dashboard' },
      { href: '/finance/expenses', label: 'nav.expenses', permission: ['finance.read', 'finance.write'], testId: 'nav-expenses' },
      { href: '/finance/inbox', label: 'nav.einvoiceInbox', permission: 'purchases.read', testId: 'nav-einvoice-inbox' },
      { href: '/finance/bank', label: 'nav.bank', permission: 'banking.read', testId: 'nav-bank' },
    ],
  },
  {
    label: 'nav.bookkeeping',
    items: [
      { href: '/finance/bookkeeping', label: 'nav.bkJournal', permission: 'bookkeeping.read', testId: 'nav-bk-journal' },
      { href: '/bookkeeping/reports', label: 'nav.bkReports', permission: 'bookkeeping.read', testId: 'nav-bk-reports' },
      { href: '/bookkeeping/vat', label: 'nav.bkVat', permission: 'bookkeeping.read', testId: 'nav-bk-vat' },
      { href: '/bookkeeping/periods', label: 'nav.bkPeriods', permission: 'bookkeeping.read', testId: 'nav-bk-periods' },
      { href: '/bookkeeping/cost-centres', label: 'nav.bkCostCentres', permission: 'bookkeeping.read', testId: 'nav-bk-cost-centres' },
      { href: '/bookkeeping/datev', label: 'nav.bkDatev', permission: 'bookkeeping.read', testId: 'nav-bk-datev' },
    ],
  },
  {
    label: 'nav.inventory',
    items: [
      { href: '/inventory', label: 'nav.articles', permission: 'inventory.read', testId: 'nav-articles' },
      { href: '/inventory/stock', label: 'nav.stock', permission: 'inventory.read', testId: 'nav-stock' },
      { href: '/inventory/stocktakes', label: 'nav.stocktakes', permission: 'inventory.read', testId: 'nav-stocktakes' },
      { href: '/inventory/orders', label: 'nav.orders', permission: 'orders.read', testId: 'nav-orders' },
      { href: '/inventory/purchase-orders', label: 'nav.purchaseOrders', permission: 'orders.read', testId: 'nav-purchase-orders' },
    ],
  },
  {
    label: 'nav.admin',
    items: [
      { href: '/admin/employees', label: 'nav.employees', permission: 'core.read', testId: 'nav-employees' },
      { href: '/admin/departments', label: 'nav.departments', permission: 'core.read', testId: 'nav-departments' },
      { href: '/admin/roles', label: 'nav.roles', permission: 'core.read', testId: 'nav-roles' },
      { href: '/admin/settings', label: 'nav.settings', permission: 'core.admin', testId: 'nav-settings' },
      { href: '/admin/dunning', label: 'nav.dunningLevels', permission: 'dunning.read', testId: 'nav-dunning-levels' },
      { href: '/admin/audit', label: 'nav.audit', permission: 'audit.read', testId: 'nav-audit' },
      { href: '/admin/webhooks', label: 'nav.webhooks', permission: 'platform.webhooks', testId: 'nav-webhooks' },
      { href: '/admin/automation', label: 'nav.automation', permission: 'platform.automation', testId: 'nav-automation' },
      { href: '/admin/reports', label: 'nav.savedReports', permission: 'savedReports.manage', testId: 'nav-saved-reports' },
      { href: '/admin/api-usage', label: 'nav.apiUsage', permission: 'apiUsage.view', testId: 'nav-api-usage' },
      { href: '/admin/monitoring', label: 'nav.monitoring', permission: 'monitoring.view', testId: 'nav-monitoring' },
    ],
  },
];

export function isActive(href: string, location: string): boolean {
  if (href === '/' || href === '/crm' || href === '/projects' || href === '/time' || href === '/invoices' || href === '/finance' || href === '/inventory' || href === '/sales') return location === href;
  return location === href || location.startsWith(`${href}/`);
}
