import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@workmate/api/router';
import { runDunning } from '@workmate/db/dunning/run';
import { Employee } from '@workmate/db/entities/employee';
import { OidcLink } from '@workmate/db/entities/oidc-link';
import { addDays } from '@workmate/domain/berlin-time';
import type { SystemRoleName } from '@workmate/domain/permissions';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { openCreditEntry, oneCreditMt940 } from '../helpers/banking.ts';
import { documentFixture } from '../helpers/documents.ts';
import { sampleXml, uploadEInvoice } from '../helpers/einvoices.ts';
import { draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { code, makeArticle, makeWarehouse } from '../helpers/inventory.ts';
import { anonymousClient, codeOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * The permission matrix: every procedure of the router, called by a role that may (must not be
 * refused) and by a role that may not (FORBIDDEN), and without signing in (UNAUTHORIZED).
 */
type Who = SystemRoleName | 'none';
interface Row {
  allowed: Who;
  denied: Who | null;
  call: (c: Client, f: Fixtures) => Promise<unknown>;
}
interface Fixtures {
  customerId: () => Promise<string>;
  contactId: () => Promise<string>;
  activityId: () => Promise<string>;
  deletedCustomerId: () => Promise<string>;
  departmentId: () => Promise<string>;
  roleId: () => Promise<string>;
  employeeId: () => Promise<string>;
  deletedEmployeeId: () => Promise<string>;
  projectId: () => Promise<string>;
  deletedProjectId: () => Promise<string>;
  /** A finished entry of the calling client (or, when it may not record time, of an admin). */
  entryFor: (c: Client) => Promise<string>;
  /** A finished entry of some employee. */
  entryId: () => Promise<string>;
  draftInvoiceId: () => Promise<string>;
  finalizedInvoiceId: () => Promise<string>;
  paymentId: () => Promise<string>;
  /** An invoice paid in full, then corrected by a credit note: 5.95 overpaid, to be refunded. */
  overpaidInvoiceId: () => Promise<string>;
  /** A refund of 1.00 on such an invoice. */
  refundId: () => Promise<string>;
  acceptedQuoteId: () => Promise<string>;
  /** A project with one unbilled billable entry in January 2025. */
  projectWithTimeId: () => Promise<string>;
  /** A recurring invoice template (made by an admin). */
  recurringId: () => Promise<string>;
  /** A received e-invoice in draft (uploaded by an accountant). */
  supplierInvoiceId: () => Promise<string>;
  /** The same, approved (by an admin). */
  approvedSupplierInvoiceId: () => Promise<string>;
  /** A payment of 1.00 on such an approved invoice (recorded by an admin). */
  supplierPaymentId: () => Promise<string>;
  /** An open credit of 1.00 on a bank statement of its own (imported by an admin). */
  bankEntryId: () => Promise<string>;
  /** The same, ignored. */
  ignoredBankEntryId: () => Promise<string>;
  /** An open debit of 1.00 on a bank statement of its own (imported by an admin). */
  debitBankEntryId: () => Promise<string>;
  /** An expense of the admin's. */
  expenseId: () => Promise<string>;
  /** An expense of the caller's (when it may record one). */
  expenseFor: (c: Client) => Promise<string>;
  reminderFor: (c: Client) => Promise<string>;
  dashboardFor: (c: Client) => Promise<string>;
  /** A manual journal entry (cash sale), posted by an admin. */
  journalEntryId: () => Promise<string>;
  /** The cost centre of a new project, opened by an expense of the admin's on it. */
  costCentreId: () => Promise<string>;
  /** A dunning notice proposed by a run (for a finalized invoice of its own). */
  dunningNoticeId: () => Promise<string>;
  /** Inventory: an article with 5 pieces in a bin of its own (stocked by an admin). */
  stockedArticle: () => Promise<{ articleId: string; binId: string }>;
  /** An open stocktake of such a bin, its one line counted when `counted`. */
  stocktake: (counted: boolean) => Promise<{ id: string; articleId: string; binId: string }>;
  /** A sales order of 2 of a stocked article, one of them delivered when `delivered`. */
  salesOrder: (delivered: boolean) => Promise<{ id: string; lineId: string }>;
  /** A purchase order of 2 of an article from the supplier of a received e-invoice. */
  purchaseOrder: () => Promise<{ id: string; lineId: string; supplierId: string; supplierInvoiceId: string; articleId: string; binId: string }>;
  /** An ordinary (not confidential) document uploaded by an admin. */
  documentId: () => Promise<string>;
  /** A project whose chat only the admin reaches (through chat.all); Employees are no members. */
  chatProjectId: () => Promise<string>;
  /** A message of the admin's in such a chat. */
  chatMessageId: () => Promise<string>;
  /** A saved invoice report of the admin's. */
  savedReportId: () => Promise<string>;
  /** A run of such a report (its file kept). */
  savedReportRunId: () => Promise<string>;
}

/**
 * Resolves when a subscription is up and no error follows (a refusal arrives as the stream's
 * first event, right after it opened), rejects with the error.
 */
function subscribed(start: (handlers: { onStarted: () => void; onError: (e: unknown) => void }) => { unsubscribe: () => void }): Promise<true> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = start({
      onStarted: () => {
        timer = setTimeout(() => {
          sub.unsubscribe();
          resolve(true);
        }, 500);
      },
      onError: (e) => {
        clearTimeout(timer);
        sub.unsubscribe();
        reject(e);
      },
    });
  });
}

const expense = { category: 'material' as const, title: 'Matrix-Ausgabe', netAmount: '10.00', expenseDate: '2025-01-02' };

/** An opportunity of the admin's (in the given stage). */
async function opportunityId(f: Fixtures, stage: 'lead' | 'won' = 'lead'): Promise<string> {
  return (await clients.Admin.sales.opportunities.create.mutate({ customerId: await f.customerId(), title: unique('Matrix-Deal'), amount: '100.00', expectedCloseDate: '2027-01-15', stage })).id;
}
/** A ticket made by the admin. */
async function ticketId(f: Fixtures): Promise<string> {
  return (await clients.Admin.service.tickets.create.mutate({ customerId: await f.customerId(), subject: unique('Matrix-Ticket') })).id;
}
/** Platform fixtures (issue 18), made by an admin: switched off, so no worker of another file delivers or runs them. */
/** A campaign of the admin's whose filter matches nobody; with `member`, one contact with an email address in it. */
async function campaignId(f: Fixtures, member = false): Promise<string> {
  const id = (await clients.Admin.campaigns.create.mutate({ name: unique('Matrix-Kampagne'), filter: { city: unique('Matrixstadt') } })).id;
  if (member) await clients.Admin.campaigns.members.add.mutate({ campaignId: id, contactId: await emailContactId(f) });
  return id;
}
async function emailContactId(f: Fixtures): Promise<string> {
  return (await clients.Admin.crm.contacts.create.mutate({ customerId: await f.customerId(), firstName: 'Matrix', lastName: 'Empfänger', email: `${unique('matrix').replace(/\W/g, '')}@example.test` })).id;
}
/** A draft mailing of such a campaign (with one member). */
async function mailingId(f: Fixtures): Promise<string> {
  return (await clients.Admin.campaigns.mailings.create.mutate({ campaignId: await campaignId(f, true), subject: 'Matrix', body: 'Hallo {{firstName}}' })).id;
}

const hookUrl = 'http://127.0.0.1:9/matrix';
/** An OIDC link of an employee, made the way a first OIDC sign-in makes it (the provider's issuer differs per call). */
const oidcLink = async (employeeId: string) => {
  const em = app.orm.em.fork();
  const link = em.create(OidcLink, { employee: em.getReference(Employee, employeeId), issuer: `https://id.example.test/${randomUUID()}`, subject: randomUUID() });
  await em.flush();
  return link.id;
};
const offSubscription = async () => (await clients.Admin.platform.webhooks.create.mutate({ name: unique('Matrix hook'), url: hookUrl, eventTypes: ['webhook.test'], active: false })).id;
const offRule = async () =>
  (await clients.Admin.platform.automation.create.mutate({ name: unique('Matrix rule'), active: false, trigger: { type: 'recordCreated', entity: 'customer' }, actions: [{ type: 'createActivity', activityType: 'note', subject: 'x' }] })).id;
/** A test event of a subscription that is deleted right after (its delivery goes with it): the call, then the cleanup. */
async function testEventThen<T>(fn: (subscriptionId: string, deliveryId: string) => Promise<T>): Promise<T> {
  const id = (await clients.Admin.platform.webhooks.create.mutate({ name: unique('Matrix hook'), url: hookUrl, eventTypes: ['webhook.test'] })).id;
  try {
    const { deliveryId } = await clients.Admin.platform.webhooks.sendTest.mutate({ id });
    return await fn(id, deliveryId);
  } finally {
    await clients.Admin.platform.webhooks.delete.mutate({ id });
  }
}

const matrix: Record<string, Row> = {
  'core.departments.list': { allowed: 'Employee', denied: 'none', call: (c) => c.core.departments.list.query() },
  'core.departments.get': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.core.departments.get.query({ id: await f.departmentId() }) },
  'core.departments.create': { allowed: 'Admin', denied: 'Manager', call: (c) => c.core.departments.create.mutate({ name: unique('Dep'), code: unique('D').replace(/\W/g, '') }) },
  'core.departments.update': { allowed: 'Admin', denied: 'Employee', call: async (c, f) => c.core.departments.update.mutate({ id: await f.departmentId(), description: 'x' }) },
  'core.departments.delete': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.core.departments.delete.mutate({ id: await f.departmentId() }) },
  'core.roles.list': { allowed: 'Employee', denied: 'none', call: (c) => c.core.roles.list.query() },
  'core.roles.get': { allowed: 'Accountant', denied: 'none', call: async (c, f) => c.core.roles.get.query({ id: await f.roleId() }) },
  'core.roles.create': { allowed: 'Admin', denied: 'Manager', call: (c) => c.core.roles.create.mutate({ name: unique('Role'), permissions: ['crm.read'] }) },
  'core.roles.update': { allowed: 'Admin', denied: 'Manager', call: async (c, f) => c.core.roles.update.mutate({ id: await f.roleId(), description: 'x' }) },
  'core.roles.delete': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.core.roles.delete.mutate({ id: await f.roleId() }) },
  'core.employees.list': { allowed: 'Employee', denied: 'none', call: (c) => c.core.employees.list.query({}) },
  'core.employees.get': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.core.employees.get.query({ id: await f.employeeId() }) },
  'core.employees.create': {
    allowed: 'Admin',
    denied: 'Manager',
    call: (c) => c.core.employees.create.mutate({ employeeCode: unique('E').replace(/\W/g, ''), firstName: 'A', lastName: 'B', email: `${unique('e').replace(/\W/g, '')}@example.test` }),
  },
  'core.employees.update': { allowed: 'Admin', denied: 'Employee', call: async (c, f) => c.core.employees.update.mutate({ id: await f.employeeId(), phone: '123' }) },
  'core.employees.delete': { allowed: 'Admin', denied: 'Manager', call: async (c, f) => c.core.employees.delete.mutate({ id: await f.employeeId() }) },
  'core.employees.restore': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.core.employees.restore.mutate({ id: await f.deletedEmployeeId() }) },
  'core.settings.get': { allowed: 'Employee', denied: 'none', call: (c) => c.core.settings.get.query() },
  'core.settings.update': { allowed: 'Admin', denied: 'Accountant', call: (c) => c.core.settings.update.mutate({ defaultPaymentTermsDays: 14 }) },
  'crm.customers.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.crm.customers.list.query({}) },
  'crm.customers.get': { allowed: 'Accountant', denied: 'none', call: async (c, f) => c.crm.customers.get.query({ id: await f.customerId() }) },
  'crm.customers.create': { allowed: 'Employee', denied: 'Auditor', call: (c) => c.crm.customers.create.mutate({ name: unique('Kunde') }) },
  'crm.customers.update': { allowed: 'Employee', denied: 'Accountant', call: async (c, f) => c.crm.customers.update.mutate({ id: await f.customerId(), city: 'Köln' }) },
  'crm.customers.delete': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.crm.customers.delete.mutate({ id: await f.customerId() }) },
  'crm.customers.restore': { allowed: 'Admin', denied: 'Manager', call: async (c, f) => c.crm.customers.restore.mutate({ id: await f.deletedCustomerId() }) },
  'crm.customers.history': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.crm.customers.history.query({ id: await f.customerId() }) },
  'crm.customers.overview': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.crm.customers.overview.query({ id: await f.customerId() }) },
  'crm.contacts.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.crm.contacts.list.query({}) },
  'crm.contacts.get': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.crm.contacts.get.query({ id: await f.contactId() }) },
  'crm.contacts.create': { allowed: 'Employee', denied: 'Auditor', call: async (c, f) => c.crm.contacts.create.mutate({ customerId: await f.customerId(), firstName: 'A', lastName: 'B' }) },
  'crm.contacts.update': { allowed: 'Manager', denied: 'Accountant', call: async (c, f) => c.crm.contacts.update.mutate({ id: await f.contactId(), phone: '1' }) },
  'crm.contacts.delete': { allowed: 'Employee', denied: 'Auditor', call: async (c, f) => c.crm.contacts.delete.mutate({ id: await f.contactId() }) },
  'crm.activities.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.crm.activities.list.query({}) },
  'crm.activities.create': {
    allowed: 'Employee',
    denied: 'Auditor',
    call: async (c, f) => c.crm.activities.create.mutate({ customerId: await f.customerId(), type: 'call', subject: 'Anruf', occurredAt: new Date().toISOString() }),
  },
  'crm.activities.delete': { allowed: 'Employee', denied: 'Accountant', call: async (c, f) => c.crm.activities.delete.mutate({ id: await f.activityId() }) },
  'crm.stats': { allowed: 'Auditor', denied: 'none', call: (c) => c.crm.stats.query() },
  'projects.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.projects.list.query({}) },
  'projects.get': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.projects.get.query({ id: await f.projectId() }) },
  'projects.create': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.projects.create.mutate({ title: unique('Projekt'), customerId: await f.customerId() }) },
  'projects.update': { allowed: 'Manager', denied: 'Accountant', call: async (c, f) => c.projects.update.mutate({ id: await f.projectId(), priority: 'high' }) },
  'projects.delete': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.projects.delete.mutate({ id: await f.projectId() }) },
  'projects.restore': { allowed: 'Admin', denied: 'Manager', call: async (c, f) => c.projects.restore.mutate({ id: await f.deletedProjectId() }) },
  'projects.statistics': { allowed: 'Accountant', denied: 'none', call: async (c, f) => c.projects.statistics.query({ id: await f.projectId() }) },
  'timeTracking.entries.list': { allowed: 'Employee', denied: 'none', call: (c) => c.timeTracking.entries.list.query({}) },
  'timeTracking.entries.get': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.timeTracking.entries.get.query({ id: await f.entryFor(c) }) },
  'timeTracking.entries.create': { allowed: 'Employee', denied: 'Auditor', call: (c) => c.timeTracking.entries.create.mutate({ startTime: nextSlot(), endTime: nextSlot(1) }) },
  'timeTracking.entries.update': { allowed: 'Manager', denied: 'Accountant', call: async (c, f) => c.timeTracking.entries.update.mutate({ id: await f.entryFor(c), note: 'geändert' }) },
  'timeTracking.entries.delete': { allowed: 'Employee', denied: 'Auditor', call: async (c, f) => c.timeTracking.entries.delete.mutate({ id: await f.entryFor(c) }) },
  'timeTracking.start': {
    allowed: 'Employee',
    denied: 'Accountant',
    call: async (c) => {
      const started = await c.timeTracking.start.mutate({});
      await c.timeTracking.stop.mutate({});
      return started;
    },
  },
  'timeTracking.stop': {
    allowed: 'Manager',
    denied: 'Auditor',
    call: async (c) => {
      await c.timeTracking.start.mutate({}).catch(() => undefined);
      return c.timeTracking.stop.mutate({});
    },
  },
  'timeTracking.current': { allowed: 'Employee', denied: 'none', call: (c) => c.timeTracking.current.query() },
  'timeTracking.approve': { allowed: 'Admin', denied: 'Accountant', call: async (c, f) => c.timeTracking.approve.mutate({ ids: [await f.entryId()] }) },
  'timeTracking.unapprove': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.timeTracking.unapprove.mutate({ ids: [await f.entryId()] }) },
  'timeTracking.summary': { allowed: 'Auditor', denied: 'none', call: (c) => c.timeTracking.summary.query({ groupBy: 'month' }) },
  'timeTracking.exportCsv': { allowed: 'Accountant', denied: 'none', call: (c) => c.timeTracking.exportCsv.query({ from: '2025-01-01', to: '2025-01-31' }) },
  'timeTracking.lockPeriod': {
    allowed: 'Admin',
    denied: 'Manager',
    // Re-applies the current lock date, so tests of the period lock running in parallel are not disturbed.
    call: async (c) => c.timeTracking.lockPeriod.mutate({ lockedUntil: (await clients.Admin.core.settings.get.query()).timeLockedUntil ?? null }),
  },
  'audit.list': { allowed: 'Auditor', denied: 'Employee', call: (c) => c.audit.list.query({}) },
  'invoices.list': { allowed: 'Auditor', denied: 'Employee', call: (c) => c.invoices.list.query({}) },
  'invoices.get': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.invoices.get.query({ id: await f.draftInvoiceId() }) },
  'invoices.byNumber': {
    allowed: 'Auditor',
    denied: 'Employee',
    call: async (c, f) => c.invoices.byNumber.query({ number: (await clients.Admin.invoices.get.query({ id: await f.finalizedInvoiceId() })).number as string }),
  },
  'invoices.create': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.invoices.create.mutate({ customerId: await f.customerId() }) },
  'invoices.update': { allowed: 'Accountant', denied: 'Employee', call: async (c, f) => c.invoices.update.mutate({ id: await f.draftInvoiceId(), notes: 'x' }) },
  'invoices.delete': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.invoices.delete.mutate({ id: await f.draftInvoiceId() }) },
  'invoices.finalize': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.invoices.finalize.mutate({ id: await f.draftInvoiceId() }) },
  'invoices.markSent': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.invoices.markSent.mutate({ id: await f.finalizedInvoiceId() }) },
  'invoices.cancel': { allowed: 'Accountant', denied: 'Manager', call: async (c, f) => c.invoices.cancel.mutate({ id: await f.finalizedInvoiceId() }) },
  'invoices.setStatus': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.invoices.setStatus.mutate({ id: await f.finalizedInvoiceId(), status: 'sent' }) },
  'invoices.bulkSetStatus': { allowed: 'Accountant', denied: 'Employee', call: async (c, f) => c.invoices.bulkSetStatus.mutate({ ids: [await f.finalizedInvoiceId()], status: 'sent' }) },
  'invoices.recalculate': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.invoices.recalculate.mutate({ ids: [await f.draftInvoiceId()] }) },
  'invoices.statistics': { allowed: 'Auditor', denied: 'Employee', call: (c) => c.invoices.statistics.query({}) },
  'invoices.createFromTimeEntries': {
    allowed: 'Manager',
    denied: 'Auditor',
    call: async (c, f) => c.invoices.createFromTimeEntries.mutate({ projectId: await f.projectWithTimeId(), from: '2025-01-01', to: '2025-01-31' }),
  },
  'invoices.previewFromTimeEntries': {
    allowed: 'Manager',
    denied: 'Auditor',
    call: async (c, f) => c.invoices.previewFromTimeEntries.query({ projectId: await f.projectWithTimeId(), from: '2025-01-01', to: '2025-01-31' }),
  },
  'invoices.convertQuote': { allowed: 'Accountant', denied: 'Employee', call: async (c, f) => c.invoices.convertQuote.mutate({ id: await f.acceptedQuoteId() }) },
  'invoices.creditNotes.create': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c, f) => c.invoices.creditNotes.create.mutate({ invoiceId: await f.finalizedInvoiceId(), lines: [{ description: 'Nachlass', quantity: '1', unitPrice: '10.00', taxRate: 19 }] }),
  },
  'invoices.deposits.create': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.invoices.deposits.create.mutate({ quoteId: await f.acceptedQuoteId(), percent: '10' }) },
  'invoices.deposits.list': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.deposits.list.query({ quoteId: await f.acceptedQuoteId() }) },
  'invoices.final.create': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.invoices.final.create.mutate({ quoteId: await f.acceptedQuoteId() }) },
  'invoices.send': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.invoices.send.mutate({ id: await f.finalizedInvoiceId(), to: ['kunde@example.test'] }) },
  'invoices.sendOptions': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.sendOptions.query({ id: await f.finalizedInvoiceId() }) },
  'invoices.pdf': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.pdf.query({ id: await f.draftInvoiceId() }) },
  // Just finalized: the answer is the "being rendered" state (the e-invoice comes with the archived PDF).
  'invoices.einvoice': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.einvoice.query({ id: await f.finalizedInvoiceId(), format: 'xrechnung-ubl' }) },
  'invoices.payments.list': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.payments.list.query({ invoiceId: await f.finalizedInvoiceId() }) },
  'invoices.payments.add': {
    allowed: 'Accountant',
    denied: 'Manager',
    call: async (c, f) => c.invoices.payments.add.mutate({ invoiceId: await f.finalizedInvoiceId(), amount: '1.00', paymentDate: '2025-01-02' }),
  },
  'invoices.payments.update': { allowed: 'Accountant', denied: 'Manager', call: async (c, f) => c.invoices.payments.update.mutate({ id: await f.paymentId(), reference: 'Ref' }) },
  'invoices.payments.delete': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.invoices.payments.delete.mutate({ id: await f.paymentId() }) },
  'invoices.refunds.list': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.refunds.list.query({ invoiceId: await f.overpaidInvoiceId() }) },
  'invoices.refunds.record': {
    allowed: 'Accountant',
    denied: 'Manager',
    call: async (c, f) => c.invoices.refunds.record.mutate({ invoiceId: await f.overpaidInvoiceId(), amount: '1.00', refundDate: '2025-01-03' }),
  },
  'invoices.refunds.delete': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.invoices.refunds.delete.mutate({ id: await f.refundId() }) },
  'invoices.recurring.list': { allowed: 'Auditor', denied: 'Employee', call: (c) => c.invoices.recurring.list.query({}) },
  'invoices.recurring.get': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.recurring.get.query({ id: await f.recurringId() }) },
  'invoices.recurring.invoices': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.invoices.recurring.invoices.query({ id: await f.recurringId() }) },
  'invoices.recurring.create': {
    allowed: 'Manager',
    denied: 'Auditor',
    call: async (c, f) => c.invoices.recurring.create.mutate({ name: 'Matrix', customerId: await f.customerId(), interval: 'monthly', startDate: '2090-01-01', lines: [{ description: 'X', quantity: '1', unitPrice: '1' }] }),
  },
  'invoices.recurring.update': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.invoices.recurring.update.mutate({ id: await f.recurringId(), name: 'Matrix 2' }) },
  'invoices.recurring.pause': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.invoices.recurring.pause.mutate({ id: await f.recurringId() }) },
  'invoices.recurring.resume': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.invoices.recurring.resume.mutate({ id: await f.recurringId() }) },
  'invoices.recurring.delete': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.invoices.recurring.delete.mutate({ id: await f.recurringId() }) },
  'documents.list': { allowed: 'Employee', denied: 'none', call: (c) => c.documents.list.query({}) },
  'documents.get': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.documents.get.query({ id: await f.documentId() }) },
  'documents.versions': { allowed: 'Accountant', denied: 'none', call: async (c, f) => c.documents.versions.query({ id: await f.documentId() }) },
  // Someone else's document (the admin's): changing it needs documents.delete; one's own is in documents.test.ts.
  'documents.update': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.documents.update.mutate({ id: await f.documentId(), title: 'Geändert' }) },
  'documents.delete': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.documents.delete.mutate({ id: await f.documentId() }) },
  // A non-member is refused the chat: history, posting and the live stream alike.
  'chat.messages.list': { allowed: 'Admin', denied: 'Employee', call: async (c, f) => c.chat.messages.list.query({ projectId: await f.chatProjectId() }) },
  'chat.messages.send': { allowed: 'Admin', denied: 'Employee', call: async (c, f) => c.chat.messages.send.mutate({ projectId: await f.chatProjectId(), content: 'Hallo' }) },
  'chat.messages.edit': { allowed: 'Admin', denied: 'Manager', call: async (c, f) => c.chat.messages.edit.mutate({ id: await f.chatMessageId(), content: 'Geändert' }) },
  'chat.messages.delete': { allowed: 'Admin', denied: 'Accountant', call: async (c, f) => c.chat.messages.delete.mutate({ id: await f.chatMessageId() }) },
  'chat.onMessage': { allowed: 'Admin', denied: 'Employee', call: async (c, f) => { const projectId = await f.chatProjectId(); return subscribed((h) => c.chat.onMessage.subscribe({ projectId }, h)); } },
  'chat.members.list': { allowed: 'Admin', denied: 'Employee', call: async (c, f) => c.chat.members.list.query({ projectId: await f.chatProjectId() }) },
  'chat.members.add': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.chat.members.add.mutate({ projectId: await f.chatProjectId(), employeeId: await f.employeeId() }) },
  'chat.members.remove': { allowed: 'Admin', denied: 'Accountant', call: async (c, f) => c.chat.members.remove.mutate({ projectId: await f.chatProjectId(), employeeId: await f.employeeId() }) },
  'chat.unread': { allowed: 'none', denied: null, call: (c) => c.chat.unread.query() },
  'chat.markRead': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.chat.markRead.mutate({ projectId: await f.chatProjectId() }) },
  'finance.expenses.list': { allowed: 'Employee', denied: 'none', call: (c) => c.finance.expenses.list.query({}) },
  'finance.expenses.get': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.finance.expenses.get.query({ id: await f.expenseId() }) },
  'finance.expenses.create': { allowed: 'Employee', denied: 'Auditor', call: (c) => c.finance.expenses.create.mutate(expense) },
  'finance.expenses.update': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.finance.expenses.update.mutate({ id: await f.expenseId(), notes: 'x' }) },
  'finance.expenses.delete': { allowed: 'Employee', denied: 'Auditor', call: async (c, f) => c.finance.expenses.delete.mutate({ id: await f.expenseFor(c) }) },
  'finance.expenses.reimburse': { allowed: 'Accountant', denied: 'Manager', call: async (c, f) => c.finance.expenses.reimburse.mutate({ id: await f.expenseId() }) },
  'finance.expenses.kpis': { allowed: 'Auditor', denied: 'none', call: (c) => c.finance.expenses.kpis.query({}) },
  'purchases.inbox.list': { allowed: 'Auditor', denied: 'Employee', call: (c) => c.purchases.inbox.list.query({}) },
  'purchases.inbox.get': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.purchases.inbox.get.query({ id: await f.supplierInvoiceId() }) },
  'purchases.inbox.approve': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.purchases.inbox.approve.mutate({ id: await f.supplierInvoiceId() }) },
  'purchases.inbox.reject': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.purchases.inbox.reject.mutate({ id: await f.supplierInvoiceId() }) },
  'purchases.inbox.payments.record': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c, f) => c.purchases.inbox.payments.record.mutate({ supplierInvoiceId: await f.approvedSupplierInvoiceId(), amount: '1.00', paymentDate: '2026-07-01' }),
  },
  'purchases.inbox.payments.delete': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.purchases.inbox.payments.delete.mutate({ id: await f.supplierPaymentId() }) },
  'purchases.suppliers.get': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.purchases.suppliers.get.query({ id: (await f.purchaseOrder()).supplierId }) },
  'purchases.suppliers.contacts.list': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.purchases.suppliers.contacts.list.query({ supplierId: (await f.purchaseOrder()).supplierId }) },
  'purchases.suppliers.contacts.create': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c, f) => c.purchases.suppliers.contacts.create.mutate({ supplierId: (await f.purchaseOrder()).supplierId, name: 'Erika Einkauf' }),
  },
  'purchases.suppliers.contacts.update': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c, f) => {
      const contact = await clients.Admin.purchases.suppliers.contacts.create.mutate({ supplierId: (await f.purchaseOrder()).supplierId, name: 'Erika Einkauf' });
      return c.purchases.suppliers.contacts.update.mutate({ id: contact.id, phone: '030 1234' });
    },
  },
  'purchases.suppliers.contacts.delete': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c, f) => {
      const contact = await clients.Admin.purchases.suppliers.contacts.create.mutate({ supplierId: (await f.purchaseOrder()).supplierId, name: 'Erika Einkauf' });
      return c.purchases.suppliers.contacts.delete.mutate({ id: contact.id });
    },
  },
  // Sales pipeline and service tickets (issue 18)
  'sales.opportunities.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.sales.opportunities.list.query({}) },
  'sales.opportunities.get': { allowed: 'Accountant', denied: 'none', call: async (c, f) => c.sales.opportunities.get.query({ id: await opportunityId(f) }) },
  'sales.opportunities.create': {
    allowed: 'Employee',
    denied: 'Auditor',
    call: async (c, f) => c.sales.opportunities.create.mutate({ customerId: await f.customerId(), title: 'Matrix-Deal', amount: '100.00', expectedCloseDate: '2027-01-15' }),
  },
  'sales.opportunities.update': { allowed: 'Employee', denied: 'Accountant', call: async (c, f) => c.sales.opportunities.update.mutate({ id: await opportunityId(f), title: 'Matrix-Deal 2' }) },
  'sales.opportunities.move': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.sales.opportunities.move.mutate({ id: await opportunityId(f), stage: 'proposal' }) },
  'sales.opportunities.createQuote': { allowed: 'Manager', denied: 'Accountant', call: async (c, f) => c.sales.opportunities.createQuote.mutate({ id: await opportunityId(f, 'won') }) },
  'sales.forecast': { allowed: 'Auditor', denied: 'none', call: (c) => c.sales.forecast.query({ from: '2027-01', to: '2027-12' }) },
  'service.tickets.list': { allowed: 'Accountant', denied: 'none', call: (c) => c.service.tickets.list.query({}) },
  'service.tickets.get': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.service.tickets.get.query({ id: await ticketId(f) }) },
  'service.tickets.create': { allowed: 'Employee', denied: 'Auditor', call: async (c, f) => c.service.tickets.create.mutate({ customerId: await f.customerId(), subject: 'Matrix-Ticket' }) },
  'service.tickets.update': { allowed: 'Employee', denied: 'Accountant', call: async (c, f) => c.service.tickets.update.mutate({ id: await ticketId(f), priority: 'high' }) },
  'service.tickets.setStatus': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.service.tickets.setStatus.mutate({ id: await ticketId(f), status: 'open' }) },
  'service.tickets.reply': { allowed: 'Employee', denied: 'Auditor', call: async (c, f) => c.service.tickets.reply.mutate({ ticketId: await ticketId(f), kind: 'internal', body: 'Notiz' }) },
  'service.ingestEmail': {
    allowed: 'Employee',
    denied: 'Accountant',
    call: (c) => c.service.ingestEmail.mutate({ messageId: `<${unique('matrix').replace(/\W/g, '')}@example.test>`, from: 'niemand@example.test', subject: 'Matrix', text: 'x' }),
  },
  'service.settings.get': { allowed: 'Auditor', denied: 'none', call: (c) => c.service.settings.get.query() },
  'service.settings.update': {
    allowed: 'Manager',
    denied: 'Employee',
    // Saves the settings as they are (other files read them at the same time).
    call: async (c) => c.service.settings.update.mutate({ ...(await clients.Admin.service.settings.get.query()), version: undefined }),
  },
  'campaigns.list': { allowed: 'Auditor', denied: 'Accountant', call: (c) => c.campaigns.list.query({}) },
  'campaigns.get': { allowed: 'Employee', denied: 'Accountant', call: async (c, f) => c.campaigns.get.query({ id: await campaignId(f) }) },
  'campaigns.create': { allowed: 'Manager', denied: 'Employee', call: (c) => c.campaigns.create.mutate({ name: 'Matrix-Kampagne', filter: { city: 'Matrixstadt ohne Kunden' } }) },
  'campaigns.update': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.campaigns.update.mutate({ id: await campaignId(f), description: 'geändert' }) },
  'campaigns.members.list': { allowed: 'Auditor', denied: 'Accountant', call: async (c, f) => c.campaigns.members.list.query({ campaignId: await campaignId(f, true) }) },
  'campaigns.members.addFromFilter': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.campaigns.members.addFromFilter.mutate({ id: await campaignId(f) }) },
  'campaigns.members.add': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.campaigns.members.add.mutate({ campaignId: await campaignId(f), contactId: await emailContactId(f) }) },
  'campaigns.members.remove': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.campaigns.members.remove.mutate({ campaignId: await campaignId(f), contactId: await f.contactId() }) },
  'campaigns.mailings.list': { allowed: 'Employee', denied: 'Accountant', call: async (c, f) => c.campaigns.mailings.list.query({ campaignId: await campaignId(f) }) },
  'campaigns.mailings.get': { allowed: 'Auditor', denied: 'Accountant', call: async (c, f) => c.campaigns.mailings.get.query({ id: await mailingId(f) }) },
  'campaigns.mailings.recipients': { allowed: 'Manager', denied: 'Accountant', call: async (c, f) => c.campaigns.mailings.recipients.query({ id: await mailingId(f) }) },
  'campaigns.mailings.create': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.campaigns.mailings.create.mutate({ campaignId: await campaignId(f), subject: 'Matrix', body: 'Text' }) },
  'campaigns.mailings.update': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.campaigns.mailings.update.mutate({ id: await mailingId(f), subject: 'Matrix 2' }) },
  // Its one member has no consent: the send records it as skipped and mails nobody.
  'campaigns.mailings.send': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.campaigns.mailings.send.mutate({ id: await mailingId(f) }) },
  'campaigns.consent.get': { allowed: 'Employee', denied: 'Accountant', call: async (c, f) => c.campaigns.consent.get.query({ contactId: await f.contactId() }) },
  'campaigns.consent.request': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.campaigns.consent.request.mutate({ contactId: await emailContactId(f) }) },
  'dunning.notices.list': { allowed: 'Auditor', denied: 'Employee', call: (c) => c.dunning.notices.list.query({}) },
  'dunning.notices.get': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.dunning.notices.get.query({ id: await f.dunningNoticeId() }) },
  'dunning.notices.pdf': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.dunning.notices.pdf.query({ id: await f.dunningNoticeId() }) },
  'dunning.notices.send': { allowed: 'Accountant', denied: 'Manager', call: async (c, f) => c.dunning.notices.send.mutate({ id: await f.dunningNoticeId() }) },
  'dunning.notices.discard': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.dunning.notices.discard.mutate({ id: await f.dunningNoticeId() }) },
  'dunning.run': { allowed: 'Accountant', denied: 'Manager', call: (c) => c.dunning.run.mutate() },
  'dunning.settings.get': { allowed: 'Manager', denied: 'Employee', call: (c) => c.dunning.settings.get.query() },
  'dunning.settings.update': {
    allowed: 'Accountant',
    denied: 'Manager',
    call: async (c) => {
      const s = await clients.Admin.dunning.settings.get.query();
      return c.dunning.settings.update.mutate({ autoSend: s.autoSend, numberPattern: s.numberPattern });
    },
  },
  'dunning.settings.updateLevel': {
    allowed: 'Accountant',
    denied: 'Auditor',
    // The level as it is: other files running beside this one rely on the levels' days and fees.
    call: async (c) => {
      const { id: _id, version: _version, ...level } = (await clients.Admin.dunning.settings.get.query()).levels[2] as NonNullable<Awaited<ReturnType<Client['dunning']['settings']['get']['query']>>['levels'][number]>;
      return c.dunning.settings.updateLevel.mutate(level);
    },
  },
  'banking.statements.list': { allowed: 'Auditor', denied: 'Employee', call: (c) => c.banking.statements.list.query({}) },
  'banking.statements.import': { allowed: 'Accountant', denied: 'Manager', call: (c) => c.banking.statements.import.mutate({ fileName: 'umsatz.sta', contentBase64: oneCreditMt940() }) },
  'banking.entries.list': { allowed: 'Manager', denied: 'Employee', call: (c) => c.banking.entries.list.query({ status: 'open' }) },
  'banking.entries.get': { allowed: 'Auditor', denied: 'Employee', call: async (c, f) => c.banking.entries.get.query({ id: await f.bankEntryId() }) },
  'banking.entries.confirm': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.banking.entries.confirm.mutate({ id: await f.bankEntryId(), invoiceId: await f.finalizedInvoiceId() }) },
  'banking.entries.confirmSupplierPayment': {
    allowed: 'Accountant',
    denied: 'Manager',
    call: async (c, f) => c.banking.entries.confirmSupplierPayment.mutate({ id: await f.debitBankEntryId(), supplierInvoiceId: await f.approvedSupplierInvoiceId() }),
  },
  'banking.entries.ignore': { allowed: 'Accountant', denied: 'Manager', call: async (c, f) => c.banking.entries.ignore.mutate({ id: await f.bankEntryId() }) },
  'banking.entries.reopen': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.banking.entries.reopen.mutate({ id: await f.ignoredBankEntryId() }) },
  'inventory.articles.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.inventory.articles.list.query({}) },
  'inventory.articles.get': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.inventory.articles.get.query({ id: (await f.stockedArticle()).articleId }) },
  'inventory.articles.lineDefaults': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.inventory.articles.lineDefaults.query({ articleId: (await f.stockedArticle()).articleId, quantity: 3 }) },
  'inventory.articles.create': { allowed: 'Employee', denied: 'Auditor', call: (c) => makeArticle(c) },
  'inventory.articles.update': {
    allowed: 'Manager',
    denied: 'Auditor',
    call: async (c, f) => {
      const article = await clients.Admin.inventory.articles.get.query({ id: (await f.stockedArticle()).articleId });
      return c.inventory.articles.update.mutate({ id: article.id, number: article.number, name: 'Neu', baseUnit: article.baseUnit });
    },
  },
  'inventory.locations.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.inventory.locations.list.query() },
  'inventory.locations.create': { allowed: 'Manager', denied: 'Employee', call: (c) => c.inventory.locations.create.mutate({ kind: 'warehouse', code: code('W'), name: 'Lager' }) },
  'inventory.suppliers': { allowed: 'Employee', denied: 'none', call: (c) => c.inventory.suppliers.query() },
  'inventory.stock.list': { allowed: 'Employee', denied: 'none', call: (c) => c.inventory.stock.list.query({}) },
  'inventory.stock.onHand': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.inventory.stock.onHand.query({ articleId: (await f.stockedArticle()).articleId }) },
  'inventory.stock.moves': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.inventory.stock.moves.query({ articleId: (await f.stockedArticle()).articleId }) },
  'inventory.stock.move': {
    allowed: 'Employee',
    denied: 'Auditor',
    call: async (c, f) => {
      const { articleId, binId } = await f.stockedArticle();
      const customer = (await clients.Admin.inventory.locations.list.query()).find((l) => l.kind === 'customer')?.id as string;
      return c.inventory.stock.move.mutate({ articleId, fromLocationId: binId, toLocationId: customer, quantity: 1, movedOn: '2026-07-01' });
    },
  },
  'inventory.stock.reorder': { allowed: 'Accountant', denied: 'none', call: (c) => c.inventory.stock.reorder.query() },
  'inventory.stocktakes.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.inventory.stocktakes.list.query({}) },
  'inventory.stocktakes.get': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.inventory.stocktakes.get.query({ id: (await f.stocktake(false)).id }) },
  'inventory.stocktakes.start': { allowed: 'Accountant', denied: 'Employee', call: async (c, f) => c.inventory.stocktakes.start.mutate({ locationIds: [(await f.stockedArticle()).binId], countedOn: '2026-07-01' }) },
  'inventory.stocktakes.count': {
    allowed: 'Employee',
    denied: 'Auditor',
    call: async (c, f) => {
      const { id, articleId, binId } = await f.stocktake(false);
      return c.inventory.stocktakes.count.mutate({ stocktakeId: id, locationId: binId, articleId, countedQuantity: 5 });
    },
  },
  'inventory.stocktakes.close': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.inventory.stocktakes.close.mutate({ id: (await f.stocktake(true)).id }) },
  'inventory.orders.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.inventory.orders.list.query({}) },
  'inventory.orders.get': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.inventory.orders.get.query({ id: (await f.salesOrder(false)).id }) },
  'inventory.orders.pdf': { allowed: 'Auditor', denied: 'none', call: async (c, f) => c.inventory.orders.pdf.query({ id: (await f.salesOrder(false)).id }) },
  'inventory.orders.deliveryPdf': {
    allowed: 'Employee',
    denied: 'none',
    call: async (c, f) => c.inventory.orders.deliveryPdf.query({ id: (await clients.Admin.inventory.orders.get.query({ id: (await f.salesOrder(true)).id })).deliveries[0]?.id as string }),
  },
  'inventory.orders.create': {
    allowed: 'Manager',
    denied: 'Employee',
    call: async (c, f) => {
      const { articleId, binId } = await f.stockedArticle();
      return c.inventory.orders.create.mutate({ customerId: await f.customerId(), locationId: binId, orderDate: '2026-07-01', lines: [{ articleId, quantity: 1 }] });
    },
  },
  'inventory.orders.reserve': { allowed: 'Manager', denied: 'Auditor', call: async (c, f) => c.inventory.orders.reserve.mutate({ id: (await f.salesOrder(false)).id }) },
  'inventory.orders.release': { allowed: 'Accountant', denied: 'Employee', call: async (c, f) => c.inventory.orders.release.mutate({ id: (await f.salesOrder(false)).id }) },
  'inventory.orders.deliver': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c, f) => {
      const { id, lineId } = await f.salesOrder(false);
      return c.inventory.orders.deliver.mutate({ orderId: id, deliveredOn: '2026-07-01', lines: [{ orderLineId: lineId, quantity: 1 }] });
    },
  },
  'inventory.orders.invoice': { allowed: 'Manager', denied: 'Employee', call: async (c, f) => c.inventory.orders.invoice.mutate({ id: (await f.salesOrder(true)).id }) },
  'inventory.purchasing.list': { allowed: 'Auditor', denied: 'none', call: (c) => c.inventory.purchasing.list.query({}) },
  'inventory.purchasing.get': { allowed: 'Employee', denied: 'none', call: async (c, f) => c.inventory.purchasing.get.query({ id: (await f.purchaseOrder()).id }) },
  'inventory.purchasing.create': {
    allowed: 'Accountant',
    denied: 'Employee',
    call: async (c, f) => {
      const { supplierId, articleId, binId } = await f.purchaseOrder();
      return c.inventory.purchasing.create.mutate({ supplierId, locationId: binId, orderDate: '2026-07-01', lines: [{ articleId, quantity: 1, unitPrice: '1' }] });
    },
  },
  'inventory.purchasing.receive': {
    allowed: 'Manager',
    denied: 'Auditor',
    call: async (c, f) => {
      const { id, lineId } = await f.purchaseOrder();
      return c.inventory.purchasing.receive.mutate({ orderId: id, receivedOn: '2026-07-01', lines: [{ orderLineId: lineId, quantity: 1 }] });
    },
  },
  'inventory.purchasing.linkInvoice': {
    allowed: 'Accountant',
    denied: 'Employee',
    call: async (c, f) => {
      const { id, lineId, supplierInvoiceId } = await f.purchaseOrder();
      await clients.Admin.inventory.purchasing.receive.mutate({ orderId: id, receivedOn: '2026-07-01', lines: [{ orderLineId: lineId, quantity: 1 }] });
      return c.inventory.purchasing.linkInvoice.mutate({ orderId: id, supplierInvoiceId, lines: [{ orderLineId: lineId, quantity: 1 }] });
    },
  },
  // Reminders, notifications and dashboards are personal: every signed-in user has their own.
  'reminders.list': { allowed: 'none', denied: null, call: (c) => c.reminders.list.query({}) },
  'reminders.get': { allowed: 'Employee', denied: null, call: async (c, f) => c.reminders.get.query({ id: await f.reminderFor(c) }) },
  'reminders.create': { allowed: 'Auditor', denied: null, call: (c) => c.reminders.create.mutate({ title: 'Matrix', dueDate: '2026-12-01' }) },
  'reminders.update': { allowed: 'Employee', denied: null, call: async (c, f) => c.reminders.update.mutate({ id: await f.reminderFor(c), priority: 'high' }) },
  'reminders.delete': { allowed: 'Accountant', denied: null, call: async (c, f) => c.reminders.delete.mutate({ id: await f.reminderFor(c) }) },
  'reminders.complete': { allowed: 'Manager', denied: null, call: async (c, f) => c.reminders.complete.mutate({ id: await f.reminderFor(c) }) },
  'notifications.list': { allowed: 'none', denied: null, call: (c) => c.notifications.list.query({}) },
  'notifications.markRead': { allowed: 'Employee', denied: null, call: (c) => c.notifications.markRead.mutate({}) },
  'notifications.onNew': { allowed: 'Auditor', denied: null, call: (c) => subscribed((h) => c.notifications.onNew.subscribe(undefined, h)) },
  'dashboards.list': { allowed: 'none', denied: null, call: (c) => c.dashboards.list.query() },
  'dashboards.get': { allowed: 'Employee', denied: null, call: async (c, f) => c.dashboards.get.query({ id: await f.dashboardFor(c) }) },
  'dashboards.create': { allowed: 'Auditor', denied: null, call: (c) => c.dashboards.create.mutate({ name: 'Matrix', config: { widgets: [] } }) },
  'dashboards.update': { allowed: 'Employee', denied: null, call: async (c, f) => c.dashboards.update.mutate({ id: await f.dashboardFor(c), name: 'Neu' }) },
  'dashboards.delete': { allowed: 'Manager', denied: null, call: async (c, f) => c.dashboards.delete.mutate({ id: await f.dashboardFor(c) }) },
  // Platform (issue 18): webhooks and automation rules are for admins only.
  'platform.webhooks.eventTypes': { allowed: 'Admin', denied: 'Manager', call: (c) => c.platform.webhooks.eventTypes.query() },
  'platform.webhooks.list': { allowed: 'Admin', denied: 'Auditor', call: (c) => c.platform.webhooks.list.query() },
  'platform.webhooks.get': { allowed: 'Admin', denied: 'Accountant', call: async (c) => c.platform.webhooks.get.query({ id: await offSubscription() }) },
  'platform.webhooks.create': { allowed: 'Admin', denied: 'Manager', call: (c) => c.platform.webhooks.create.mutate({ name: unique('Matrix hook'), url: hookUrl, eventTypes: ['customer.created'], active: false }) },
  'platform.webhooks.update': { allowed: 'Admin', denied: 'Manager', call: async (c) => c.platform.webhooks.update.mutate({ id: await offSubscription(), version: 1, name: unique('Renamed') }) },
  'platform.webhooks.delete': { allowed: 'Admin', denied: 'Employee', call: async (c) => c.platform.webhooks.delete.mutate({ id: await offSubscription() }) },
  'platform.webhooks.rotateSecret': { allowed: 'Admin', denied: 'Manager', call: async (c) => c.platform.webhooks.rotateSecret.mutate({ id: await offSubscription() }) },
  'platform.webhooks.sendTest': {
    allowed: 'Admin',
    denied: 'Manager',
    call: async (c) => {
      const id = (await clients.Admin.platform.webhooks.create.mutate({ name: unique('Matrix hook'), url: hookUrl, eventTypes: ['webhook.test'] })).id;
      try {
        return await c.platform.webhooks.sendTest.mutate({ id });
      } finally {
        await clients.Admin.platform.webhooks.delete.mutate({ id });
      }
    },
  },
  'platform.webhooks.deliveries': { allowed: 'Admin', denied: 'Auditor', call: (c) => c.platform.webhooks.deliveries.query({}) },
  'platform.webhooks.attempts': { allowed: 'Admin', denied: 'Auditor', call: (c) => testEventThen((_s, deliveryId) => c.platform.webhooks.attempts.query({ deliveryId })) },
  'platform.webhooks.redeliver': { allowed: 'Admin', denied: 'Manager', call: (c) => testEventThen((_s, deliveryId) => c.platform.webhooks.redeliver.mutate({ deliveryId })) },
  'platform.automation.list': { allowed: 'Admin', denied: 'Auditor', call: (c) => c.platform.automation.list.query() },
  'platform.automation.get': { allowed: 'Admin', denied: 'Manager', call: async (c) => c.platform.automation.get.query({ id: await offRule() }) },
  'platform.automation.create': {
    allowed: 'Admin',
    denied: 'Manager',
    call: (c) => c.platform.automation.create.mutate({ name: unique('Matrix rule'), active: false, trigger: { type: 'schedule', everyMinutes: 60 }, actions: [{ type: 'sendEmail', to: 'ops@example.test', subject: 'S', body: 'B' }] }),
  },
  'platform.automation.update': {
    allowed: 'Admin',
    denied: 'Employee',
    call: async (c) => c.platform.automation.update.mutate({ id: await offRule(), version: 1, name: unique('Matrix rule'), active: false, trigger: { type: 'recordCreated', entity: 'customer' }, condition: { all: [] }, actions: [{ type: 'createActivity', activityType: 'call', subject: 'y' }] }),
  },
  'platform.automation.setActive': { allowed: 'Admin', denied: 'Manager', call: async (c) => c.platform.automation.setActive.mutate({ id: await offRule(), version: 1, active: false }) },
  'platform.automation.delete': { allowed: 'Admin', denied: 'Accountant', call: async (c) => c.platform.automation.delete.mutate({ id: await offRule() }) },
  'platform.automation.runs': { allowed: 'Admin', denied: 'Auditor', call: (c) => c.platform.automation.runs.query({}) },
  'dashboards.kpis': { allowed: 'Employee', denied: null, call: (c) => c.dashboards.kpis.query() },
  // Signed-in users manage only their own password and tokens; no role restricts them.
  'auth.me': { allowed: 'none', denied: null, call: (c) => c.auth.me.query() },
  // Public: the sign-in page asks whether this is a demo installation.
  'auth.instance': { allowed: 'none', denied: null, call: (c) => c.auth.instance.query() },
  'auth.logout': { allowed: 'Employee', denied: null, call: (c) => c.auth.logout.mutate() },
  'auth.changePassword': { allowed: 'Auditor', denied: null, call: (c) => c.auth.changePassword.mutate({ currentPassword: 'correct horse battery', newPassword: 'another long secret' }) },
  'auth.apiTokens.list': { allowed: 'Auditor', denied: null, call: (c) => c.auth.apiTokens.list.query() },
  'auth.apiTokens.create': { allowed: 'Employee', denied: null, call: (c) => c.auth.apiTokens.create.mutate({ name: 'script', expiresInDays: 7 }) },
  'auth.oidcLinks.list': { allowed: 'Admin', denied: 'Manager', call: async (c, f) => c.auth.oidcLinks.list.query({ id: await f.employeeId() }) },
  'auth.oidcLinks.remove': { allowed: 'Admin', denied: 'Manager', call: async (c, f) => c.auth.oidcLinks.remove.mutate({ id: await oidcLink(await f.employeeId()) }) },
  'auth.apiTokens.revoke': {
    allowed: 'Employee',
    denied: null,
    call: async (c) => c.auth.apiTokens.revoke.mutate({ id: (await c.auth.apiTokens.create.mutate({ name: 'to revoke', expiresInDays: 7 })).apiToken.id }),
  },
  'bookkeeping.accounts.list': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.accounts.list.query({}) },
  'bookkeeping.journal.list': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.journal.list.query({ year: 2025 }) },
  'bookkeeping.journal.get': { allowed: 'Auditor', denied: 'Manager', call: async (c, f) => c.bookkeeping.journal.get.query({ id: await f.journalEntryId() }) },
  'bookkeeping.journal.post': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c, f) => c.bookkeeping.journal.post.mutate({ ...(await c.bookkeeping.journal.get.query({ id: await f.journalEntryId() }).then((e) => ({ entryDate: e.entryDate, description: 'Matrix', lines: e.lines.map((l) => ({ accountId: l.accountId, ...(l.debit !== '0.00' ? { debit: l.debit } : { credit: l.credit }) })) }))) }),
  },
  'bookkeeping.journal.reverse': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.bookkeeping.journal.reverse.mutate({ id: await f.journalEntryId() }) },
  'bookkeeping.costCentres.list': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.costCentres.list.query({ year: 2026 }) },
  'bookkeeping.costCentres.budget': { allowed: 'Accountant', denied: 'Auditor', call: async (c, f) => c.bookkeeping.costCentres.budget.mutate({ costCentreId: await f.costCentreId(), year: 2026, amount: '500.00' }) },
  'bookkeeping.openItems.list': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.openItems.list.query({ side: 'debtor' }) },
  'bookkeeping.openItems.csv': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.openItems.csv.query({ side: 'debtor' }) },
  'bookkeeping.reports.trialBalance': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.trialBalance.query({ from: '2025-01-01', to: '2025-12-31' }) },
  'bookkeeping.reports.trialBalanceCsv': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.trialBalanceCsv.query({ from: '2025-01-01', to: '2025-12-31' }) },
  'bookkeeping.reports.accountLedger': { allowed: 'Auditor', denied: 'Manager', call: async (c) => c.bookkeeping.reports.accountLedger.query({ accountId: (await c.bookkeeping.accounts.list.query({}))[0]!.id, from: '2025-01-01', to: '2025-12-31' }) },
  'bookkeeping.reports.accountLedgerCsv': { allowed: 'Auditor', denied: 'Manager', call: async (c) => c.bookkeeping.reports.accountLedgerCsv.query({ accountId: (await c.bookkeeping.accounts.list.query({}))[0]!.id, from: '2025-01-01', to: '2025-12-31' }) },
  'bookkeeping.reports.profitAndLoss': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.profitAndLoss.query({ from: '2025-01-01', to: '2025-12-31' }) },
  'bookkeeping.reports.profitAndLossCsv': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.profitAndLossCsv.query({ from: '2025-01-01', to: '2025-12-31' }) },
  'bookkeeping.reports.balanceSheet': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.balanceSheet.query({ date: '2025-12-31' }) },
  'bookkeeping.reports.balanceSheetCsv': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.balanceSheetCsv.query({ date: '2025-12-31' }) },
  'bookkeeping.reports.vatReturn': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.vatReturn.query({ year: 2025, quarter: 1 }) },
  'bookkeeping.reports.vatReturnCsv': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.vatReturnCsv.query({ year: 2025, quarter: 1 }) },
  'bookkeeping.reports.pdf.request': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.reports.pdf.request.mutate({ report: 'trialBalance', from: '2025-01-01', to: '2025-12-31' }) },
  'bookkeeping.reports.pdf.get': {
    allowed: 'Auditor',
    denied: 'Manager',
    // The caller's own request; one who may not request asks for some id (refused before any lookup).
    call: async (c) => {
      const requestId = await c.bookkeeping.reports.pdf.request.mutate({ report: 'vatReturn', year: 2025, quarter: 1 }).then((r) => r.requestId, () => crypto.randomUUID());
      return c.bookkeeping.reports.pdf.get.query({ requestId });
    },
  },
  'bookkeeping.periods.list': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.periods.list.query({ year: 2004 }) },
  'bookkeeping.periods.lock': { allowed: 'Accountant', denied: 'Auditor', call: (c) => c.bookkeeping.periods.lock.mutate({ year: 2004, month: 1 }) },
  'bookkeeping.years.close': {
    allowed: 'Accountant',
    denied: 'Auditor',
    call: async (c) => {
      for (let month = 1; month <= 12; month++) await c.bookkeeping.periods.lock.mutate({ year: 2003, month });
      return c.bookkeeping.years.close.mutate({ year: 2003 });
    },
  },
  'bookkeeping.datevExport': { allowed: 'Auditor', denied: 'Manager', call: (c) => c.bookkeeping.datevExport.mutate({ from: '2025-01-01', to: '2025-01-31', consultantNumber: 1001, clientNumber: 1 }) },
  'platform.monitoring.status': { allowed: 'Admin', denied: 'Accountant', call: (c) => c.platform.monitoring.status.query() },
  'platform.apiUsage.list': { allowed: 'Admin', denied: 'Auditor', call: (c) => c.platform.apiUsage.list.query({ from: '2026-01-01', to: '2026-01-31' }) },
  'platform.savedReports.list': { allowed: 'Admin', denied: 'Auditor', call: (c) => c.platform.savedReports.list.query() },
  'platform.savedReports.get': { allowed: 'Admin', denied: 'Accountant', call: async (c, f) => c.platform.savedReports.get.query({ id: await f.savedReportId() }) },
  'platform.savedReports.create': { allowed: 'Admin', denied: 'Accountant', call: (c) => c.platform.savedReports.create.mutate({ name: 'Matrix', source: 'invoices', columns: ['number'] }) },
  'platform.savedReports.update': {
    allowed: 'Admin',
    denied: 'Accountant',
    call: async (c, f) => c.platform.savedReports.update.mutate({ id: await f.savedReportId(), name: 'Matrix 2', source: 'invoices', columns: ['number', 'gross'] }),
  },
  'platform.savedReports.delete': { allowed: 'Admin', denied: 'Accountant', call: async (c, f) => c.platform.savedReports.delete.mutate({ id: await f.savedReportId() }) },
  'platform.savedReports.run': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.platform.savedReports.run.mutate({ id: await f.savedReportId() }) },
  'platform.savedReports.runs': { allowed: 'Admin', denied: 'Auditor', call: async (c, f) => c.platform.savedReports.runs.query({ id: await f.savedReportId() }) },
  'platform.savedReports.downloadRun': { allowed: 'Admin', denied: 'Accountant', call: async (c, f) => c.platform.savedReports.downloadRun.query({ id: await f.savedReportRunId() }) },
};

/** An article with 5 pieces received into a bin of its own. */
async function stockedArticle(admin: Client): Promise<{ articleId: string; binId: string }> {
  const article = await makeArticle(admin);
  const { bins } = await makeWarehouse(admin);
  const binId = bins[0]?.id as string;
  const supplier = (await admin.inventory.locations.list.query()).find((l) => l.kind === 'supplier')?.id as string;
  await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: supplier, toLocationId: binId, quantity: 5, unitCost: '1', movedOn: '2026-07-01' });
  return { articleId: article.id, binId };
}

/** Distinct one-minute slots in January 2025, so entries created by the matrix never overlap. */
let slot = 0;
function nextSlot(plusMinutes = 0): string {
  if (plusMinutes === 0) slot++;
  return new Date(Date.UTC(2025, 0, 1, 0, slot * 2 + plusMinutes)).toISOString();
}

let app: TestApp;
const clients = {} as Record<Who, Client>;
let fixtures: Fixtures;

beforeAll(async () => {
  // Sending by email is set up (invoices.send refuses without it); nothing here runs its jobs.
  app = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:9', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  for (const who of ['Admin', 'Manager', 'Employee', 'Accountant', 'Auditor', 'none'] as const) {
    clients[who] = (await userWithRole(app, who === 'none' ? null : who)).client;
  }
  const admin = clients.Admin;
  const customerId = async () => (await admin.crm.customers.create.mutate({ name: unique('Matrix') })).id;
  fixtures = {
    customerId,
    contactId: async () => (await admin.crm.contacts.create.mutate({ customerId: await customerId(), firstName: 'K', lastName: 'L' })).id,
    activityId: async () => (await admin.crm.activities.create.mutate({ customerId: await customerId(), type: 'note', subject: 'N', occurredAt: new Date().toISOString() })).id,
    deletedCustomerId: async () => {
      const id = await customerId();
      await admin.crm.customers.delete.mutate({ id });
      return id;
    },
    departmentId: async () => (await admin.core.departments.create.mutate({ name: unique('Dep'), code: unique('D').replace(/\W/g, '') })).id,
    roleId: async () => (await admin.core.roles.create.mutate({ name: unique('Role'), permissions: [] })).id,
    employeeId: async () => (await userWithRole(app, 'Employee')).employee.id,
    deletedEmployeeId: async () => {
      const { employee } = await userWithRole(app, 'Employee');
      await admin.core.employees.delete.mutate({ id: employee.id });
      return employee.id;
    },
    projectId: async () => (await admin.projects.create.mutate({ title: unique('Matrixprojekt'), customerId: await customerId() })).id,
    deletedProjectId: async () => {
      const { id } = await admin.projects.create.mutate({ title: unique('Gelöscht'), customerId: await customerId() });
      await admin.projects.delete.mutate({ id });
      return id;
    },
    entryFor: async (c) => {
      const input = { startTime: nextSlot(), endTime: nextSlot(1) };
      try {
        return (await c.timeTracking.entries.create.mutate(input)).id;
      } catch {
        return (await admin.timeTracking.entries.create.mutate(input)).id;
      }
    },
    entryId: async () => (await clients.Employee.timeTracking.entries.create.mutate({ startTime: nextSlot(), endTime: nextSlot(1) })).id,
    draftInvoiceId: async () => (await draftInvoice(admin, (await invoiceCustomer(admin)).id)).id,
    finalizedInvoiceId: async () => (await admin.invoices.finalize.mutate({ id: (await draftInvoice(admin, (await invoiceCustomer(admin)).id)).id })).id,
    paymentId: async () => {
      const invoice = await admin.invoices.finalize.mutate({ id: (await draftInvoice(admin, (await invoiceCustomer(admin)).id)).id });
      return (await admin.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '5.00', paymentDate: '2025-01-02' })).id;
    },
    overpaidInvoiceId: async () => {
      const invoice = await admin.invoices.finalize.mutate({ id: (await draftInvoice(admin, (await invoiceCustomer(admin)).id)).id });
      await admin.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: invoice.grossTotal, paymentDate: '2025-01-02' });
      const note = await admin.invoices.creditNotes.create.mutate({ invoiceId: invoice.id, lines: [{ description: 'Nachlass', quantity: '1', unitPrice: '5.00', taxRate: 19 }] });
      await admin.invoices.finalize.mutate({ id: note.id });
      return invoice.id;
    },
    refundId: async () => (await admin.invoices.refunds.record.mutate({ invoiceId: await fixtures.overpaidInvoiceId(), amount: '1.00', refundDate: '2025-01-03' })).id,
    acceptedQuoteId: async () => {
      const quote = await draftInvoice(admin, (await invoiceCustomer(admin)).id, { type: 'quote' });
      await admin.invoices.markSent.mutate({ id: quote.id });
      return (await admin.invoices.setStatus.mutate({ id: quote.id, status: 'accepted' })).id;
    },
    projectWithTimeId: async () => {
      const project = await admin.projects.create.mutate({ title: unique('Zeitprojekt'), customerId: (await invoiceCustomer(admin)).id, hourlyRate: '80' });
      await admin.timeTracking.entries.create.mutate({ projectId: project.id, startTime: nextSlot(), endTime: nextSlot(1) });
      return project.id;
    },
    recurringId: async () =>
      (await admin.invoices.recurring.create.mutate({ name: unique('Matrix'), customerId: await customerId(), interval: 'monthly', startDate: '2090-01-01', lines: [{ description: 'X', quantity: '1', unitPrice: '1' }] })).id,
    supplierInvoiceId: async () => {
      const { token } = await userWithRole(app, 'Accountant');
      const answer = await uploadEInvoice(app, token, await sampleXml('UBL', { vatId: `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` }));
      if (!answer.body.invoice) throw new Error(`e-invoice upload failed: ${answer.status}`);
      return answer.body.invoice.id;
    },
    approvedSupplierInvoiceId: async () => {
      const id = await fixtures.supplierInvoiceId();
      await admin.purchases.inbox.approve.mutate({ id });
      return id;
    },
    supplierPaymentId: async () => {
      const paid = await admin.purchases.inbox.payments.record.mutate({ supplierInvoiceId: await fixtures.approvedSupplierInvoiceId(), amount: '1.00', paymentDate: '2026-07-01' });
      return paid.payments[0]?.id as string;
    },
    bankEntryId: () => openCreditEntry(admin),
    debitBankEntryId: () => openCreditEntry(admin, { debit: true }),
    ignoredBankEntryId: async () => {
      const id = await openCreditEntry(admin);
      await admin.banking.entries.ignore.mutate({ id });
      return id;
    },
    expenseId: async () => (await admin.finance.expenses.create.mutate(expense)).id,
    expenseFor: async (c) => (await c.finance.expenses.create.mutate(expense).catch(() => admin.finance.expenses.create.mutate(expense))).id,
    reminderFor: async (c) => (await c.reminders.create.mutate({ title: 'Matrix', dueDate: '2026-12-01' }).catch(() => admin.reminders.create.mutate({ title: 'Matrix', dueDate: '2026-12-01' }))).id,
    documentId: documentFixture(app),
    stockedArticle: () => stockedArticle(admin),
    purchaseOrder: async () => {
      const supplierInvoiceId = await fixtures.supplierInvoiceId();
      const [row] = await app.orm.em.fork().getConnection().execute<Array<{ supplier_id: string }>>(`select supplier_id from supplier_invoices where id = ?`, [supplierInvoiceId]);
      const supplierId = (row as { supplier_id: string }).supplier_id;
      const { articleId, binId } = await stockedArticle(admin);
      const order = await admin.inventory.purchasing.create.mutate({ supplierId, locationId: binId, orderDate: '2026-07-01', lines: [{ articleId, quantity: 2, unitPrice: '1' }] });
      return { id: order.id, lineId: order.lines[0]?.id as string, supplierId, supplierInvoiceId, articleId, binId };
    },
    salesOrder: async (delivered) => {
      const { articleId, binId } = await stockedArticle(admin);
      const order = await admin.inventory.orders.create.mutate({ customerId: (await invoiceCustomer(admin)).id, locationId: binId, orderDate: '2026-07-01', lines: [{ articleId, quantity: 2 }] });
      const lineId = order.lines[0]?.id as string;
      if (delivered) await admin.inventory.orders.deliver.mutate({ orderId: order.id, deliveredOn: '2026-07-01', lines: [{ orderLineId: lineId, quantity: 1 }] });
      return { id: order.id, lineId };
    },
    stocktake: async (counted) => {
      const { articleId, binId } = await stockedArticle(admin);
      const { id } = await admin.inventory.stocktakes.start.mutate({ locationIds: [binId], countedOn: '2026-07-01' });
      if (counted) await admin.inventory.stocktakes.count.mutate({ stocktakeId: id, locationId: binId, articleId, countedQuantity: 4 });
      return { id, articleId, binId };
    },
    chatProjectId: async () => (await admin.projects.create.mutate({ title: unique('Chatprojekt'), customerId: await customerId() })).id,
    chatMessageId: async () => (await admin.chat.messages.send.mutate({ projectId: (await admin.projects.create.mutate({ title: unique('Chatprojekt'), customerId: await customerId() })).id, content: 'Matrix' })).id,
    dunningNoticeId: async () => {
      const invoice = await admin.invoices.finalize.mutate({ id: (await draftInvoice(admin, (await invoiceCustomer(admin)).id)).id });
      await runDunning(app.orm.em.fork(), addDays(invoice.dueDate as string, 10), 'worker', [invoice.id]);
      const [row] = await app.orm.em.fork().getConnection().execute<Array<{ id: string }>>(`select id from dunning_notices where invoice_id = ?`, [invoice.id]);
      if (!row) throw new Error('the run proposed no notice');
      return row.id;
    },
    dashboardFor: async (c) => (await c.dashboards.create.mutate({ name: 'Matrix', config: { widgets: [] } }).catch(() => admin.dashboards.create.mutate({ name: 'Matrix', config: { widgets: [] } }))).id,
    savedReportId: async () => (await admin.platform.savedReports.create.mutate({ name: 'Matrix', source: 'invoices', columns: ['number'] })).id,
    savedReportRunId: async () => (await admin.platform.savedReports.run.mutate({ id: (await admin.platform.savedReports.create.mutate({ name: 'Matrix', source: 'invoices', columns: ['number'] })).id })).runId,
    journalEntryId: async () => {
      const accounts = Object.fromEntries((await admin.bookkeeping.accounts.list.query({})).map((a) => [a.number, a.id]));
      const entry = await admin.bookkeeping.journal.post.mutate({ entryDate: '2025-06-15', description: 'Matrix', lines: [{ accountId: accounts[1000]!, debit: '1.00' }, { accountId: accounts[8400]!, credit: '1.00' }] });
      return entry.id;
    },
    costCentreId: async () => {
      const project = await admin.projects.create.mutate({ title: unique('Kostenstellenprojekt'), customerId: await customerId() });
      await admin.finance.expenses.create.mutate({ category: 'travel', title: 'Matrix', netAmount: '10.00', taxRate: 19, expenseDate: '2026-06-15', projectId: project.id });
      const [row] = await app.orm.em.fork().getConnection().execute<Array<{ id: string }>>(`select id from cost_centres where project_id = ?`, [project.id]);
      if (!row) throw new Error('the expense opened no cost centre');
      return row.id;
    },
  };
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

describe('permission matrix', () => {
  it('covers every procedure of the router', () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p !== 'auth.login');
    expect(Object.keys(matrix).sort()).toEqual(procedures.sort());
  });

  for (const [path, row] of Object.entries(matrix)) {
    it(`${path}: ${row.allowed} may call it`, async () => {
      // Fresh users per call where the call changes the caller (logout, password).
      const client = path.startsWith('auth.') && row.allowed !== 'none' ? (await userWithRole(app, row.allowed as SystemRoleName)).client : clients[row.allowed];
      expect(await codeOf(row.call(client, fixtures))).toBe('OK');
    });
    if (row.denied) {
      const denied = row.denied;
      it(`${path}: ${denied} is refused with FORBIDDEN`, async () => {
        expect(await codeOf(row.call(clients[denied], fixtures))).toBe('FORBIDDEN');
      });
    }
    if (path !== 'auth.me' && path !== 'auth.instance') {
      it(`${path}: without signing in it is UNAUTHORIZED`, async () => {
        expect(await codeOf(row.call(anonymousClient(app), fixtures))).toBe('UNAUTHORIZED');
      });
    }
  }

  it('auth.me answers null without signing in', async () => {
    expect(await anonymousClient(app).auth.me.query()).toBeNull();
  });

  it('auth.instance answers without signing in (the test database has no demo data)', async () => {
    expect(await anonymousClient(app).auth.instance.query()).toEqual({ demo: false, demoSignIn: null, oidc: null });
  });
});
