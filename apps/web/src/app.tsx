import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type LazyExoticComponent, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { I18nProvider } from './i18n/i18n.tsx';
import { LoginPage } from './modules/auth/login-page.tsx';
import { useCan } from './lib/session.ts';
import { FINANCE_READERS } from './modules/finance/expense-options.ts';
import { makeQueryClient } from './query-client.ts';
import { makeTrpcClient, TRPCProvider } from './trpc.ts';
import { AppShell } from './shell/app-shell.tsx';
import { APPROVERS } from './shell/nav-items.ts';
import { Loading, NoAccess, NotFound } from './ui/page.tsx';

/**
 * Each module's pages load when first opened (their own JS chunks), so the first screen only
 * downloads the shell, the sign-in page and the shared libraries.
 */
/** What React's `lazy` accepts as a component, taken from its own signature; each page keeps its props type through M[K]. */
type LazyComponent = Awaited<ReturnType<Parameters<typeof lazy>[0]>>['default'];
function page<M extends Record<K, LazyComponent>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
const AuditPage = page(() => import('./modules/audit/audit-page.tsx'), 'AuditPage');
const MonitoringPage = page(() => import('./modules/platform/monitoring-page.tsx'), 'MonitoringPage');
const ApiUsagePage = page(() => import('./modules/platform/api-usage-page.tsx'), 'ApiUsagePage');
const SavedReportsPage = page(() => import('./modules/platform/saved-reports-page.tsx'), 'SavedReportsPage');
const DepartmentsPage = page(() => import('./modules/core/departments-page.tsx'), 'DepartmentsPage');
const EmployeeEditPage = page(() => import('./modules/core/employee-edit-page.tsx'), 'EmployeeEditPage');
const EmployeesPage = page(() => import('./modules/core/employees-page.tsx'), 'EmployeesPage');
const RolesPage = page(() => import('./modules/core/roles-page.tsx'), 'RolesPage');
const SettingsPage = page(() => import('./modules/core/settings-page.tsx'), 'SettingsPage');
const ProfilePage = page(() => import('./modules/auth/profile-page.tsx'), 'ProfilePage');
const ContactsPage = page(() => import('./modules/crm/contacts-page.tsx'), 'ContactsPage');
const CustomerDetailPage = page(() => import('./modules/crm/customer-detail-page.tsx'), 'CustomerDetailPage');
const CustomersPage = page(() => import('./modules/crm/customers-page.tsx'), 'CustomersPage');
const DashboardPage = page(() => import('./modules/crm/dashboard-page.tsx'), 'DashboardPage');
const DunningPage = page(() => import('./modules/dunning/dunning-page.tsx'), 'DunningPage');
const DunningSettingsPage = page(() => import('./modules/dunning/dunning-settings-page.tsx'), 'DunningSettingsPage');
const DocumentsPage = page(() => import('./modules/documents/documents-page.tsx'), 'DocumentsPage');
const ExpenseEditPage = page(() => import('./modules/finance/expense-edit-page.tsx'), 'ExpenseEditPage');
const ExpensesPage = page(() => import('./modules/finance/expenses-page.tsx'), 'ExpensesPage');
const FinanceDashboardPage = page(() => import('./modules/finance/finance-dashboard-page.tsx'), 'FinanceDashboardPage');
const BankPage = page(() => import('./modules/banking/bank-page.tsx'), 'BankPage');
const ArticlesPage = page(() => import('./modules/inventory/articles-page.tsx'), 'ArticlesPage');
const ArticleDetailPage = page(() => import('./modules/inventory/article-detail-page.tsx'), 'ArticleDetailPage');
const OrdersPage = page(() => import('./modules/inventory/orders-page.tsx'), 'OrdersPage');
const OrderPage = page(() => import('./modules/inventory/order-page.tsx'), 'OrderPage');
const PurchaseOrdersPage = page(() => import('./modules/inventory/purchase-orders-page.tsx'), 'PurchaseOrdersPage');
const PurchaseOrderPage = page(() => import('./modules/inventory/purchase-order-page.tsx'), 'PurchaseOrderPage');
const StockPage = page(() => import('./modules/inventory/stock-page.tsx'), 'StockPage');
const StocktakesPage = page(() => import('./modules/inventory/stocktakes-page.tsx'), 'StocktakesPage');
const StocktakePage = page(() => import('./modules/inventory/stocktake-page.tsx'), 'StocktakePage');
const BookkeepingReportsPage = page(() => import('./modules/bookkeeping/reports-page.tsx'), 'BookkeepingReportsPage');
const VatReturnPage = page(() => import('./modules/bookkeeping/vat-page.tsx'), 'VatReturnPage');
const PeriodsPage = page(() => import('./modules/bookkeeping/periods-page.tsx'), 'PeriodsPage');
const DatevExportPage = page(() => import('./modules/bookkeeping/datev-page.tsx'), 'DatevExportPage');
const JournalPage = page(() => import('./modules/bookkeeping/journal-page.tsx'), 'JournalPage');
const CostCentresPage = page(() => import('./modules/bookkeeping/cost-centres-page.tsx'), 'CostCentresPage');
const InboxPage = page(() => import('./modules/purchases/inbox-page.tsx'), 'InboxPage');
const SupplierInvoicePage = page(() => import('./modules/purchases/supplier-invoice-page.tsx'), 'SupplierInvoicePage');
const SupplierPage = page(() => import('./modules/purchases/supplier-page.tsx'), 'SupplierPage');
const HomePage = page(() => import('./modules/dashboards/home-page.tsx'), 'HomePage');
const InvoiceDashboardPage = page(() => import('./modules/invoices/dashboard-page.tsx'), 'InvoiceDashboardPage');
const InvoiceDetailPage = page(() => import('./modules/invoices/invoice-detail-page.tsx'), 'InvoiceDetailPage');
const InvoiceEditPage = page(() => import('./modules/invoices/invoice-edit-page.tsx'), 'InvoiceEditPage');
const InvoicesPage = page(() => import('./modules/invoices/invoices-page.tsx'), 'InvoicesPage');
const RecurringDetailPage = page(() => import('./modules/recurring/recurring-detail-page.tsx'), 'RecurringDetailPage');
const RecurringEditPage = page(() => import('./modules/recurring/recurring-edit-page.tsx'), 'RecurringEditPage');
const RecurringPage = page(() => import('./modules/recurring/recurring-page.tsx'), 'RecurringPage');
const ProjectDashboardPage = page(() => import('./modules/projects/dashboard-page.tsx'), 'ProjectDashboardPage');
const ProjectDetailPage = page(() => import('./modules/projects/project-detail-page.tsx'), 'ProjectDetailPage');
const ProjectEditPage = page(() => import('./modules/projects/project-edit-page.tsx'), 'ProjectEditPage');
const ProjectsPage = page(() => import('./modules/projects/projects-page.tsx'), 'ProjectsPage');
const RemindersPage = page(() => import('./modules/reminders/reminders-page.tsx'), 'RemindersPage');
const ApprovalsPage = page(() => import('./modules/time-tracking/approvals-page.tsx'), 'ApprovalsPage');
const EntriesPage = page(() => import('./modules/time-tracking/entries-page.tsx'), 'EntriesPage');
const ReportsPage = page(() => import('./modules/time-tracking/reports-page.tsx'), 'ReportsPage');
const PipelinePage = page(() => import('./modules/sales/pipeline-page.tsx'), 'PipelinePage');
const ForecastPage = page(() => import('./modules/sales/forecast-page.tsx'), 'ForecastPage');
const CampaignsPage = page(() => import('./modules/campaigns/campaigns-page.tsx'), 'CampaignsPage');
const CampaignPage = page(() => import('./modules/campaigns/campaign-page.tsx'), 'CampaignPage');
const MailingPage = page(() => import('./modules/campaigns/mailing-page.tsx'), 'MailingPage');
const TicketsPage = page(() => import('./modules/service/tickets-page.tsx'), 'TicketsPage');
const TicketPage = page(() => import('./modules/service/ticket-page.tsx'), 'TicketPage');
const WebhooksPage = page(() => import('./modules/platform/webhooks-page.tsx'), 'WebhooksPage');
const AutomationPage = page(() => import('./modules/platform/automation-page.tsx'), 'AutomationPage');
const TimesheetPage = page(() => import('./modules/time-tracking/timesheet-page.tsx'), 'TimesheetPage');

function Guard({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <NoAccess />;
}

function SignedInRoutes() {
  return (
    <AppShell>
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/crm">
            <Guard permission="crm.read"><DashboardPage /></Guard>
          </Route>
          <Route path="/crm/customers">
            <Guard permission="crm.read"><CustomersPage /></Guard>
          </Route>
          <Route path="/crm/customers/:id">
            {(params) => (
              <Guard permission="crm.read"><CustomerDetailPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/crm/contacts">
            <Guard permission="crm.read"><ContactsPage /></Guard>
          </Route>
          <Route path="/sales">
            <Guard permission="sales.read"><PipelinePage /></Guard>
          </Route>
          <Route path="/sales/forecast">
            <Guard permission="sales.read"><ForecastPage /></Guard>
          </Route>
          <Route path="/campaigns">
            <Guard permission="campaigns.read"><CampaignsPage /></Guard>
          </Route>
          {/* Before /campaigns/:id, which would take "mailings" for an id. */}
          <Route path="/campaigns/mailings/:id">
            {(params) => (
              <Guard permission="campaigns.read"><MailingPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/campaigns/:id">
            {(params) => (
              <Guard permission="campaigns.read"><CampaignPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/service">
            <Guard permission="service.read"><TicketsPage /></Guard>
          </Route>
          <Route path="/service/:id">
            {(params) => (
              <Guard permission="service.read"><TicketPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/projects">
            <Guard permission="projects.read"><ProjectDashboardPage /></Guard>
          </Route>
          <Route path="/projects/list">
            <Guard permission="projects.read"><ProjectsPage /></Guard>
          </Route>
          <Route path="/projects/new">
            <Guard permission="projects.write"><ProjectEditPage id={null} /></Guard>
          </Route>
          <Route path="/projects/:id/edit">
            {(params) => (
              <Guard permission="projects.write"><ProjectEditPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/projects/:id">
            {(params) => (
              <Guard permission="projects.read"><ProjectDetailPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/time">
            <Guard permission="timeTracking.read"><EntriesPage /></Guard>
          </Route>
          <Route path="/time/timesheet">
            <Guard permission="timeTracking.track"><TimesheetPage /></Guard>
          </Route>
          <Route path="/time/approvals">
            <Guard permission={APPROVERS}><ApprovalsPage /></Guard>
          </Route>
          <Route path="/time/reports">
            <Guard permission="timeTracking.read"><ReportsPage /></Guard>
          </Route>
          <Route path="/invoices">
            <Guard permission="invoices.read"><InvoiceDashboardPage /></Guard>
          </Route>
          <Route path="/invoices/list">
            <Guard permission="invoices.read"><InvoicesPage key="list" /></Guard>
          </Route>
          <Route path="/invoices/quotes">
            <Guard permission="invoices.read"><InvoicesPage key="quotes" presetType="quote" /></Guard>
          </Route>
          <Route path="/invoices/dunning">
            <Guard permission="dunning.read"><DunningPage /></Guard>
          </Route>
          {/* Before /invoices/:id, which would take "recurring" for an id. */}
          <Route path="/invoices/recurring">
            <Guard permission="invoices.read"><RecurringPage /></Guard>
          </Route>
          <Route path="/invoices/recurring/new">
            <Guard permission="invoices.write"><RecurringEditPage id={null} /></Guard>
          </Route>
          <Route path="/invoices/recurring/:id/edit">
            {(params) => (
              <Guard permission="invoices.write"><RecurringEditPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/invoices/recurring/:id">
            {(params) => (
              <Guard permission="invoices.read"><RecurringDetailPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/invoices/new">
            <Guard permission="invoices.write"><InvoiceEditPage id={null} /></Guard>
          </Route>
          <Route path="/invoices/:id/edit">
            {(params) => (
              <Guard permission="invoices.write"><InvoiceEditPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/invoices/:id">
            {(params) => (
              <Guard permission="invoices.read"><InvoiceDetailPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/finance">
            <Guard permission={FINANCE_READERS}><FinanceDashboardPage /></Guard>
          </Route>
          <Route path="/finance/expenses">
            <Guard permission={FINANCE_READERS}><ExpensesPage /></Guard>
          </Route>
          <Route path="/finance/expenses/new">
            <Guard permission="finance.write"><ExpenseEditPage id={null} /></Guard>
          </Route>
          <Route path="/finance/expenses/:id">
            {(params) => (
              <Guard permission={FINANCE_READERS}><ExpenseEditPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/finance/bank">
            <Guard permission="banking.read"><BankPage /></Guard>
          </Route>
          <Route path="/finance/inbox">
            <Guard permission="purchases.read"><InboxPage /></Guard>
          </Route>
          <Route path="/inventory">
            <Guard permission="inventory.read"><ArticlesPage /></Guard>
          </Route>
          <Route path="/inventory/articles/:id">
            {(params) => (
              <Guard permission="inventory.read"><ArticleDetailPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/inventory/orders">
            <Guard permission="orders.read"><OrdersPage /></Guard>
          </Route>
          <Route path="/inventory/orders/:id">
            {(params) => (
              <Guard permission="orders.read"><OrderPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/inventory/purchase-orders">
            <Guard permission="orders.read"><PurchaseOrdersPage /></Guard>
          </Route>
          <Route path="/inventory/purchase-orders/:id">
            {(params) => (
              <Guard permission="orders.read"><PurchaseOrderPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/inventory/stock">
            <Guard permission="inventory.read"><StockPage /></Guard>
          </Route>
          <Route path="/finance/bookkeeping">
            <Guard permission="bookkeeping.read"><JournalPage /></Guard>
          </Route>
          <Route path="/bookkeeping/cost-centres">
            <Guard permission="bookkeeping.read"><CostCentresPage /></Guard>
          </Route>
          <Route path="/bookkeeping/reports">
            <Guard permission="bookkeeping.read"><BookkeepingReportsPage /></Guard>
          </Route>
          <Route path="/bookkeeping/vat">
            <Guard permission="bookkeeping.read"><VatReturnPage /></Guard>
          </Route>
          <Route path="/bookkeeping/periods">
            <Guard permission="bookkeeping.read"><PeriodsPage /></Guard>
          </Route>
          <Route path="/bookkeeping/datev">
            <Guard permission="bookkeeping.read"><DatevExportPage /></Guard>
          </Route>
          <Route path="/inventory/stocktakes">
            <Guard permission="inventory.read"><StocktakesPage /></Guard>
          </Route>
          <Route path="/inventory/stocktakes/:id">
            {(params) => (
              <Guard permission="inventory.read"><StocktakePage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/purchases/suppliers/:id">
            {(params) => (
              <Guard permission="purchases.read"><SupplierPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/finance/inbox/:id">
            {(params) => (
              <Guard permission="purchases.read"><SupplierInvoicePage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/documents">
            <Guard permission="documents.read"><DocumentsPage /></Guard>
          </Route>
          <Route path="/reminders" component={RemindersPage} />
          <Route path="/admin/employees">
            <Guard permission="core.read"><EmployeesPage /></Guard>
          </Route>
          <Route path="/admin/employees/new">
            <Guard permission="core.admin"><EmployeeEditPage id={null} /></Guard>
          </Route>
          <Route path="/admin/employees/:id">
            {(params) => (
              <Guard permission="core.read"><EmployeeEditPage key={params.id} id={params.id} /></Guard>
            )}
          </Route>
          <Route path="/admin/dunning">
            <Guard permission="dunning.read"><DunningSettingsPage /></Guard>
          </Route>
          <Route path="/admin/departments">
            <Guard permission="core.read"><DepartmentsPage /></Guard>
          </Route>
          <Route path="/admin/roles">
            <Guard permission="core.read"><RolesPage /></Guard>
          </Route>
          <Route path="/admin/settings">
            <Guard permission="core.admin"><SettingsPage /></Guard>
          </Route>
          <Route path="/admin/monitoring">
            <Guard permission="monitoring.view"><MonitoringPage /></Guard>
          </Route>
          <Route path="/admin/api-usage">
            <Guard permission="apiUsage.view"><ApiUsagePage /></Guard>
          </Route>
          <Route path="/admin/reports">
            <Guard permission="savedReports.manage"><SavedReportsPage /></Guard>
          </Route>
          <Route path="/admin/audit">
            <Guard permission="audit.read"><AuditPage /></Guard>
          </Route>
          <Route path="/admin/webhooks">
            <Guard permission="platform.webhooks"><WebhooksPage /></Guard>
          </Route>
          <Route path="/admin/automation">
            <Guard permission="platform.automation"><AutomationPage /></Guard>
          </Route>
          <Route path="/profile" component={ProfilePage} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </AppShell>
  );
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <I18nProvider>
          <Switch>
            <Route path="/login" component={LoginPage} />
            <Route>
              <SignedInRoutes />
            </Route>
          </Switch>
        </I18nProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
