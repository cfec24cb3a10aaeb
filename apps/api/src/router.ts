import { auditRouter } from './routers/audit/router.ts';
import { bankingRouter } from './routers/banking/router.ts';
import { campaignsRouter } from './routers/campaigns/router.ts';
import { bookkeepingRouter } from './routers/bookkeeping/router.ts';
import { authRouter } from './routers/auth/router.ts';
import { chatRouter } from './routers/chat/router.ts';
import { coreRouter } from './routers/core/router.ts';
import { crmRouter } from './routers/crm/router.ts';
import { dashboardsRouter } from './routers/dashboards/router.ts';
import { documentsRouter } from './routers/documents/router.ts';
import { dunningRouter } from './routers/dunning/router.ts';
import { financeRouter } from './routers/finance/router.ts';
import { inventoryRouter } from './routers/inventory/router.ts';
import { invoicesRouter } from './routers/invoices/router.ts';
import { notificationsRouter } from './routers/notifications/router.ts';
import { platformRouter } from './routers/platform/router.ts';
import { projectsRouter } from './routers/projects/router.ts';
import { purchasesRouter } from './routers/purchases/router.ts';
import { remindersRouter } from './routers/reminders/router.ts';
import { salesRouter } from './routers/sales/router.ts';
import { serviceRouter } from './routers/service/router.ts';
import { timeTrackingRouter } from './routers/time-tracking/router.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  core: coreRouter,
  crm: crmRouter,
  projects: projectsRouter,
  timeTracking: timeTrackingRouter,
  invoices: invoicesRouter,
  documents: documentsRouter,
  finance: financeRouter,
  purchases: purchasesRouter,
  banking: bankingRouter,
  reminders: remindersRouter,
  notifications: notificationsRouter,
  dashboards: dashboardsRouter,
  chat: chatRouter,
  audit: auditRouter,
  dunning: dunningRouter,
  bookkeeping: bookkeepingRouter,
  inventory: inventoryRouter,
  sales: salesRouter,
  service: serviceRouter,
  campaigns: campaignsRouter,
  platform: platformRouter,
});

export type AppRouter = typeof appRouter;
