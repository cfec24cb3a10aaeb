import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENTS, type EventContract, type EventPayload } from '@workmate/domain/events';
import { postInvoice } from '../bookkeeping/auto-invoice.ts';
import { syncExpense, syncSupplierInvoice } from '../bookkeeping/auto-expenses.ts';
import { syncSettlement } from '../bookkeeping/auto-settlement.ts';
import { syncSupplierPayments } from '../bookkeeping/auto-supplier-payments.ts';
import { postSystemMessage } from '../chat/system.ts';
import { BankEntry } from '../entities/bank-entry.ts';
import { Invoice } from '../entities/invoice.ts';

type Handler<E extends EventContract> = (tx: EntityManager, payload: EventPayload<E>) => Promise<void>;

/**
 * A bank entry matched to a payment, refund or supplier payment that was just deleted (on the
 * invoice's or received invoice's page) is open again, to be matched anew or ignored: the foreign
 * key has already set its link to null, so it is the invoice's matched entry without one. Loaded
 * through the ORM, so the change is audited.
 */
async function reopenBankEntries(tx: EntityManager, on: { invoice: string } | { supplierInvoice: string }): Promise<void> {
  const unlinked = 'invoice' in on ? { payment: null, refund: null } : { supplierPayment: null };
  const orphans = await tx.find(BankEntry, { ...on, ...unlinked, status: 'matched' }, { refresh: true });
  for (const entry of orphans) tx.assign(entry, { status: 'open', invoice: null, supplierInvoice: null, decidedBy: null, decidedAt: null });
  if (orphans.length) await tx.flush();
}

/**
 * The handlers of the in-transaction subscribers, per event and stable subscriber name (the
 * names are listed in packages/domain/src/events.ts; the type makes this list complete). They
 * run inside the publishing transaction, so they see its unflushed changes and commit or roll
 * back with it.
 */
export const IN_TRANSACTION_HANDLERS: { [K in keyof typeof EVENTS]: { [S in (typeof EVENTS)[K]['inTransaction'][number]]: Handler<(typeof EVENTS)[K]> } } = {
  invoiceFinalized: {
    /** The project chat says that an invoice of the project was finalized, with its number and gross total. */
    'chat-message': async (tx, { invoiceId }) => {
      // The invoice being finalized is already loaded in this transaction: no query.
      const invoice = await tx.findOneOrFail(Invoice, { id: invoiceId });
      if (invoice.type !== 'invoice' || !invoice.project) return;
      await postSystemMessage(tx, invoice.project.id, { code: 'invoice.finalized', params: { number: invoice.number ?? '', gross: String(invoice.grossTotal) } });
    },
    /** Debtor / revenue / VAT (packages/db/src/bookkeeping/auto-invoice.ts); a locked month refuses the finalization. */
    bookkeeping: (tx, { invoiceId }) => postInvoice(tx, invoiceId),
  },
  // Payments, expenses and received invoices: their postings follow them (auto-settlement.ts, auto-expenses.ts).
  paymentRecorded: { bookkeeping: (tx, { invoiceId }) => syncSettlement(tx, invoiceId) },
  paymentChanged: { bookkeeping: (tx, { invoiceId }) => syncSettlement(tx, invoiceId) },
  paymentDeleted: { bookkeeping: (tx, { invoiceId, paymentId }) => syncSettlement(tx, invoiceId, [paymentId]), banking: (tx, { invoiceId }) => reopenBankEntries(tx, { invoice: invoiceId }) },
  // Refunds post with the payments of their invoice: their VAT release depends on what the payments kept due.
  refundRecorded: { bookkeeping: (tx, { invoiceId }) => syncSettlement(tx, invoiceId) },
  refundDeleted: { bookkeeping: (tx, { invoiceId, refundId }) => syncSettlement(tx, invoiceId, [], [refundId]), banking: (tx, { invoiceId }) => reopenBankEntries(tx, { invoice: invoiceId }) },
  expenseRecorded: { bookkeeping: (tx, { expenseId, supplierInvoiceId }) => syncExpense(tx, expenseId, supplierInvoiceId) },
  expenseChanged: { bookkeeping: (tx, { expenseId, supplierInvoiceId }) => syncExpense(tx, expenseId, supplierInvoiceId) },
  expenseDeleted: { bookkeeping: (tx, { expenseId, supplierInvoiceId }) => syncExpense(tx, expenseId, supplierInvoiceId) },
  expenseReimbursed: { bookkeeping: (tx, { expenseId, supplierInvoiceId }) => syncExpense(tx, expenseId, supplierInvoiceId) },
  supplierInvoiceApproved: { bookkeeping: (tx, { supplierInvoiceId }) => syncSupplierInvoice(tx, supplierInvoiceId) },
  supplierPaymentRecorded: { bookkeeping: (tx, { supplierInvoiceId }) => syncSupplierPayments(tx, supplierInvoiceId) },
  supplierPaymentDeleted: {
    bookkeeping: (tx, { supplierInvoiceId, supplierPaymentId }) => syncSupplierPayments(tx, supplierInvoiceId, [supplierPaymentId]),
    banking: (tx, { supplierInvoiceId }) => reopenBankEntries(tx, { supplierInvoice: supplierInvoiceId }),
  },
  recordChanged: {},
  automationIncoming: {},
};

/** Runs an event's in-transaction subscribers, in the order they are listed in the event's contract. */
export async function runInTransactionSubscribers(tx: EntityManager, event: EventContract, payload: Record<string, unknown>): Promise<void> {
  const key = (Object.keys(EVENTS) as Array<keyof typeof EVENTS>).find((k) => EVENTS[k] === event);
  if (!key) throw new Error(`Unknown event ${event.name}`);
  const handlers = IN_TRANSACTION_HANDLERS[key] as Record<string, Handler<EventContract>>;
  for (const name of event.inTransaction) {
    const handler = handlers[name];
    if (!handler) throw new Error(`No handler for the in-transaction subscriber ${event.name}/${name}`);
    await handler(tx, payload);
  }
}
