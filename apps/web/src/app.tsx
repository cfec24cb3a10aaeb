import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { I18nProvider } from './i18n/i18n.tsx';
import { AuditPage } from './modules/admin/audit-page.tsx';
import { DepartmentsPage } from './modules/admin/departments-page.tsx';
import { EmployeeEditPage } from './modules/admin/employee-edit-page.tsx';
import { EmployeesPage } from './modules/admin/employees-page.tsx';
import { RolesPage } from './modules/admin/roles-page.tsx';
import { SettingsPage } from './modules/admin/settings-page.tsx';
import { LoginPage } from './modules/auth/login-page.tsx';
import { ProfilePage } from './modules/auth/profile-page.tsx';
import { useCan } from './modules/auth/session.ts';
import { ContactsPage } from './modules/crm/contacts-page.tsx';
import { CustomerDetailPage } from './modules/crm/customer-detail-page.tsx';
import { CustomersPage } from './modules/crm/customers-page.tsx';
import { DashboardPage } from './modules/crm/dashboard-page.tsx';
import { DocumentsPage } from './modules/documents/documents-page.tsx';
import { ExpenseEditPage } from './modules/finance/expense-edit-page.tsx';
import { FINANCE_READERS } from './modules/finance/expense-options.ts';
import { ExpensesPage } from './modules/finance/expenses-page.tsx';
import { FinanceDashboardPage } from './modules/finance/finance-dashboard-page.tsx';
import { HomePage } from './modules/home/home-page.tsx';
import { InvoiceDashboardPage } from './modules/invoices/dashboard-page.tsx';
import { InvoiceDetailPage } from './modules/invoices/invoice-detail-page.tsx';
import { InvoiceEditPage } from './modules/invoices/invoice-edit-page.tsx';
import { InvoicesPage } from './modules/invoices/invoices-page.tsx';
import { ProjectDashboardPage } from './modules/projects/dashboard-page.tsx';
import { ProjectDetailPage } from './modules/projects/project-detail-page.tsx';
import { ProjectEditPage } from './modules/projects/project-edit-page.tsx';
import { ProjectsPage } from './modules/projects/projects-page.tsx';
import { RemindersPage } from './modules/reminders/reminders-page.tsx';
import { ApprovalsPage } from './modules/time/approvals-page.tsx';
import { EntriesPage } from './modules/time/entries-page.tsx';
import { ReportsPage } from './modules/time/reports-page.tsx';
import { TimesheetPage } from './modules/time/timesheet-page.tsx';
import { makeQueryClient } from './query-client.ts';
import { makeTrpcClient, TRPCProvider } from './trpc.ts';
import { AppShell } from './ui/app-shell.tsx';
import { APPROVERS } from './ui/nav-items.ts';
import { NoAccess, NotFound } from './ui/page.tsx';

function Guard({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <NoAccess />;
}

function SignedInRoutes() {
  return (
    <AppShell>
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
        <Route path="/admin/departments">
          <Guard permission="core.read"><DepartmentsPage /></Guard>
        </Route>
        <Route path="/admin/roles">
          <Guard permission="core.read"><RolesPage /></Guard>
        </Route>
        <Route path="/admin/settings">
          <Guard permission="core.admin"><SettingsPage /></Guard>
        </Route>
        <Route path="/admin/audit">
          <Guard permission="audit.read"><AuditPage /></Guard>
        </Route>
        <Route path="/profile" component={ProfilePage} />
        <Route component={NotFound} />
      </Switch>
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
