import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountRole } from '@workmate/domain/bookkeeping';
import { inputVatTreatment } from '@workmate/domain/bookkeeping-postings';
import { toCents } from '@workmate/domain/money';
import type { SkontoVatRow } from '@workmate/domain/skonto';
import { moneyText } from '../shared/format.ts';
import { creditorAccount } from './accounts.ts';
import { postingSetup } from './auto-accounts.ts';
import { syncPosting, type EntryDraft, type LineDraft } from './post.ts';

/** Skonto received per incoming rate (SKR03 3736 · 3731 · 3730, SKR04 5736 · 5731 · 5730). */
const SKONTO_RECEIVED: Record<number, AccountRole> = { 19: 'skontoReceived19', 7: 'skontoReceived7', 0: 'skontoReceivedFree' };

interface SupplierPaymentRow {
  id: string;
  amount: string;
  payment_date: string;
  method: 'bank' | 'cash';
  skonto_amount: string | null;
  skonto_vat: SkontoVatRow[] | null;
  created_by: string | null;
}

/**
 * The postings of a received invoice's payments, dated on the payment day, on the invoice's
 * open item: Dr creditor / Cr bank (cash for cash payments); with Skonto received also Dr
 * creditor / Cr Skonto received per rate (net) and Cr input VAT of that rate (§17 UStG: the
 * deduction shrinks with the price). Input VAT does not depend on Soll or Ist. A deleted
 * payment's posting is reversed on the correction day (`gone`).
 */
export async function syncSupplierPayments(tx: EntityManager, supplierInvoiceId: string, gone: readonly string[] = []): Promise<void> {
  for (const id of gone) await syncPosting(tx, { type: 'supplierPayment', id, purpose: 'payment' }, null);
  const [si] = await tx.execute<Array<{ invoice_number: string; supplier_id: string; supplier_name: string }>>(
    `select si.invoice_number, s.id as supplier_id, s.name as supplier_name from supplier_invoices si join suppliers s on s.id = si.supplier_id where si.id = ?`,
    [supplierInvoiceId],
  );
  if (!si) return;
  const payments = await tx.execute<SupplierPaymentRow[]>(
    `select id, amount::text, to_char(payment_date, 'YYYY-MM-DD') as payment_date, method, skonto_amount::text, skonto_vat, created_by_id as created_by
     from supplier_payments where supplier_invoice_id = ? order by payment_date, created_at, id`,
    [supplierInvoiceId],
  );
  if (payments.length === 0) return;
  const setup = await postingSetup(tx);
  const creditor = await creditorAccount(tx, si.supplier_id, si.supplier_name);
  for (const p of payments) {
    const amount = toCents(moneyText(p.amount));
    const lines: LineDraft[] = [
      { accountId: creditor, amount, openItemId: supplierInvoiceId },
      { accountId: setup.account(p.method === 'cash' ? 'cash' : 'bank'), amount: -amount },
    ];
    if (p.skonto_amount && p.skonto_vat) {
      lines.push({ accountId: creditor, amount: toCents(moneyText(p.skonto_amount)), openItemId: supplierInvoiceId });
      for (const row of p.skonto_vat) {
        const rate = Number(row.taxRate);
        const role = SKONTO_RECEIVED[rate];
        if (!role) throw new Error(`Skonto received at ${rate} % has no account`);
        const vat = inputVatTreatment(rate);
        const net = toCents(row.netAmount);
        const tax = toCents(row.taxAmount);
        lines.push({ accountId: setup.account(role), amount: -net, taxCode: vat?.taxCode ?? null });
        if (vat && tax !== 0n) lines.push({ accountId: setup.account(vat.vat), amount: -tax, taxCode: vat.taxCode, isTax: true, taxBase: -net });
      }
    }
    const draft: EntryDraft = {
      entryDate: p.payment_date,
      documentDate: p.payment_date,
      documentNumber: si.invoice_number,
      description: `Zahlung ${si.invoice_number} ${si.supplier_name}`,
      lines,
    };
    await syncPosting(tx, { type: 'supplierPayment', id: p.id, purpose: 'payment' }, draft, { createdBy: p.created_by });
  }
}
