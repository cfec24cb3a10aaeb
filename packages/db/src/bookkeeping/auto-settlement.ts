import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountRole, TaxCode } from '@workmate/domain/bookkeeping';
import { istShare, refundVatReleases, revenueTreatment, unrefundedCreditVat } from '@workmate/domain/bookkeeping-postings';
import type { SkontoVatRow } from '@workmate/domain/skonto';
import { toCents } from '@workmate/domain/money';
import { Invoice } from '../entities/invoice.ts';
import { moneyText } from '../shared/format.ts';
import { debtorAccount } from './accounts.ts';
import { postingSetup } from './auto-accounts.ts';
import { syncPosting, type EntryDraft, type LineDraft } from './post.ts';

interface PaymentRow {
  id: string;
  amount: string;
  payment_date: string;
  method: string;
  skonto_amount: string | null;
  skonto_vat: SkontoVatRow[] | null;
  created_by: string | null;
}

/**
 * VAT not yet due (Ist) that the invoice and its credit notes posted, per account role: tax and
 * net base, positive; and the part the credit notes took back (`creditTax`, `creditBase`, positive).
 */
async function notDueOf(tx: EntityManager, invoiceId: string): Promise<Array<{ role: AccountRole; tax: bigint; base: bigint; creditTax: bigint; creditBase: bigint }>> {
  const rows = await tx.execute<Array<{ role: AccountRole; tax: string; base: string; credit_tax: string; credit_base: string }>>(
    `select a.role, (-sum(l.amount))::text as tax, (-sum(l.tax_base))::text as base,
            coalesce(sum(l.amount) filter (where e.source_id <> ?), 0)::text as credit_tax, coalesce(sum(l.tax_base) filter (where e.source_id <> ?), 0)::text as credit_base
     from journal_lines l join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
     where a.role like 'vatOutNotDue%' and e.source_type = 'invoice'
       and l.entry_id in (select d.entry_id from journal_lines d where d.open_item_id = ?)
     group by a.role`,
    [invoiceId, invoiceId, invoiceId],
  );
  return rows
    .map((r) => ({ role: r.role, tax: BigInt(r.tax), base: BigInt(r.base), creditTax: BigInt(r.credit_tax), creditBase: BigInt(r.credit_base) }))
    .filter((r) => r.tax !== 0n || r.base !== 0n || r.creditTax !== 0n);
}

const DUE_ROLE: Partial<Record<AccountRole, { vat: AccountRole; taxCode: TaxCode; rate: number }>> = {
  vatOutNotDue19: { vat: 'vatOut19', taxCode: 'UST19', rate: 19 },
  vatOutNotDue7: { vat: 'vatOut7', taxCode: 'UST7', rate: 7 },
};

/**
 * Keeps the postings of an invoice's payments in step with the payments (after one was
 * recorded, changed or deleted, or a credit note changed what is due). Per payment, dated on
 * the payment day: Dr bank (cash for cash payments) / Cr debtor; with Skonto Dr Skonto granted
 * per rate and Dr output VAT (its correction) / Cr debtor; under Ist-Versteuerung the payment's
 * share of the VAT not yet due is moved to output VAT. When a credit note leaves the invoice
 * paid beyond what is due, the VAT of that unrefunded part stays due (the last payment keeps it
 * moved), so a credit note never lowers the VAT on money that was received and not paid back.
 * A changed payment's entry is reversed on
 * the correction day and posted anew; a deleted one's only reversed (`gone`).
 * Refunds of that overpayment are posted here too (`syncRefunds`); a deleted refund's entry is
 * only reversed (`goneRefunds`).
 */
export async function syncSettlement(tx: EntityManager, invoiceId: string, gone: readonly string[] = [], goneRefunds: readonly string[] = []): Promise<void> {
  for (const id of gone) await syncPosting(tx, { type: 'payment', id, purpose: 'receipt' }, null);
  for (const id of goneRefunds) await syncPosting(tx, { type: 'refund', id, purpose: 'refund' }, null);
  const invoice = await tx.findOneOrFail(Invoice, { id: invoiceId }, { populate: ['customer'] });
  if (invoice.type !== 'invoice') return;
  const payments = await tx.execute<PaymentRow[]>(
    `select id, amount::text, to_char(payment_date, 'YYYY-MM-DD') as payment_date, method, skonto_amount::text, skonto_vat, created_by_id as created_by
     from payments where invoice_id = ? order by payment_date, created_at, id`,
    [invoiceId],
  );
  if (payments.length === 0) return;
  const setup = await postingSetup(tx);
  const customerName = invoice.buyer?.name ?? invoice.customer.name;
  const debtor = await debtorAccount(tx, invoice.customer.id, customerName);
  const country = invoice.buyer?.countryCode ?? null;
  const notDue = await notDueOf(tx, invoiceId);
  const due = toCents(moneyText(invoice.grossTotal)) - toCents(moneyText(invoice.creditedAmount));
  const settledBy = payments.reduce((s, p) => s + toCents(moneyText(p.amount)) + toCents(moneyText(p.skonto_amount ?? '0')), 0n);
  // Settled: paid (with Skonto) as far as is due; a fully credited invoice with payments is too.
  const settled = settledBy >= due && settledBy > 0n;
  // Paid beyond what is due after credit notes, before any refund. The payments keep the VAT of
  // all of it due, whatever was refunded since: each refund's own entry releases its part, dated
  // on the refund day (the period the base shrinks in, §17 Abs. 1 UStG), so recording a refund
  // never rewrites a payment's entry in an earlier, possibly filed or locked, month.
  const unrefunded = settledBy > due ? settledBy - (due > 0n ? due : 0n) : 0n;
  const credited = toCents(moneyText(invoice.creditedAmount));
  const skontoOf = (rate: number, what: 'taxAmount' | 'netAmount') =>
    payments.reduce((s, p) => s + (p.skonto_vat ?? []).filter((r) => Number(r.taxRate) === rate).reduce((t, r) => t + toCents(r[what]), 0n), 0n);

  // Under Ist, each payment's share of the not-yet-due VAT; the last one of a settled invoice takes the rest.
  const shares = payments.map(() => new Map<AccountRole, { tax: bigint; base: bigint }>());
  for (const nd of notDue) {
    const due_ = DUE_ROLE[nd.role];
    if (!due_) continue;
    let movedTax = 0n;
    let movedBase = 0n;
    const keptTax = unrefundedCreditVat({ unrefunded, credited, creditVat: nd.creditTax });
    const keptBase = unrefundedCreditVat({ unrefunded, credited, creditVat: nd.creditBase });
    payments.forEach((p, i) => {
      const last = settled && i === payments.length - 1;
      const amount = toCents(moneyText(p.amount));
      const tax = istShare({ amount, due, notDue: last ? nd.tax + keptTax : nd.tax, skontoTotal: skontoOf(due_.rate, 'taxAmount'), othersMoved: movedTax, last });
      const base = istShare({ amount, due, notDue: last ? nd.base + keptBase : nd.base, skontoTotal: skontoOf(due_.rate, 'netAmount'), othersMoved: movedBase, last });
      movedTax += tax;
      movedBase += base;
      shares[i]!.set(nd.role, { tax, base });
    });
  }
  const ist = notDue.length > 0;

  for (const [i, p] of payments.entries()) {
    const amount = toCents(moneyText(p.amount));
    const lines: LineDraft[] = [
      { accountId: setup.account(p.method === 'cash' ? 'cash' : 'bank'), amount },
      { accountId: debtor, amount: -amount, openItemId: invoice.id },
    ];
    if (p.skonto_amount && p.skonto_vat) {
      for (const row of p.skonto_vat) {
        const t = revenueTreatment(invoice.taxCase, Number(row.taxRate), country);
        const net = toCents(row.netAmount);
        const tax = toCents(row.taxAmount);
        lines.push({ accountId: setup.account(t.skonto), amount: net, taxCode: t.taxCode });
        const vatRole = ist ? t.vatNotDue : t.vat;
        if (vatRole && tax !== 0n) lines.push({ accountId: setup.account(vatRole), amount: tax, taxCode: t.taxCode, isTax: true, taxBase: net });
      }
      lines.push({ accountId: debtor, amount: -toCents(moneyText(p.skonto_amount)), openItemId: invoice.id });
    }
    for (const [role, share] of shares[i] ?? []) {
      const d = DUE_ROLE[role];
      if (!d || share.tax === 0n) continue;
      lines.push({ accountId: setup.account(role), amount: share.tax, taxCode: d.taxCode, isTax: true, taxBase: share.base });
      lines.push({ accountId: setup.account(d.vat), amount: -share.tax, taxCode: d.taxCode, isTax: true, taxBase: -share.base });
    }
    const draft: EntryDraft = {
      entryDate: p.payment_date,
      documentDate: p.payment_date,
      documentNumber: invoice.number ?? null,
      description: `Zahlung ${invoice.number ?? ''} ${customerName}`,
      lines,
    };
    await syncPosting(tx, { type: 'payment', id: p.id, purpose: 'receipt' }, draft, { createdBy: p.created_by });
  }
  await syncRefunds(tx, { invoice, customerName, debtor, setup, notDue, unrefunded, credited });
}

/**
 * Per refund, dated on the refund day: Dr debtor (on the invoice's open item) / Cr bank (cash for
 * cash refunds). Under Ist-Versteuerung it also releases the VAT the payments kept due on the
 * part paid back: Dr output VAT / Cr VAT not yet due (SKR03 1776 / 1766), its share computed in
 * refund order by `refundVatReleases`, so a full refund of the overpayment leaves the invoice's
 * not-yet-due account at 0 to the cent.
 */
async function syncRefunds(
  tx: EntityManager,
  ctx: { invoice: Invoice; customerName: string; debtor: string; setup: Awaited<ReturnType<typeof postingSetup>>; notDue: Awaited<ReturnType<typeof notDueOf>>; unrefunded: bigint; credited: bigint },
): Promise<void> {
  const refunds = await tx.execute<Array<{ id: string; amount: string; refund_date: string; method: string; created_by: string | null }>>(
    `select id, amount::text, to_char(refund_date, 'YYYY-MM-DD') as refund_date, method, created_by_id as created_by
     from refunds where invoice_id = ? order by refund_date, created_at, id`,
    [ctx.invoice.id],
  );
  if (refunds.length === 0) return;
  const { invoice, setup, debtor } = ctx;
  const amounts = refunds.map((r) => toCents(moneyText(r.amount)));
  const releases = ctx.notDue.flatMap((nd) => {
    const d = DUE_ROLE[nd.role];
    if (!d) return [];
    const tax = refundVatReleases({ unrefunded: ctx.unrefunded, credited: ctx.credited, creditVat: nd.creditTax, refunds: amounts });
    const base = refundVatReleases({ unrefunded: ctx.unrefunded, credited: ctx.credited, creditVat: nd.creditBase, refunds: amounts });
    return [{ role: nd.role, due: d, tax, base }];
  });
  for (const [i, r] of refunds.entries()) {
    const amount = amounts[i] ?? 0n;
    const lines: LineDraft[] = [
      { accountId: debtor, amount, openItemId: invoice.id },
      { accountId: setup.account(r.method === 'cash' ? 'cash' : 'bank'), amount: -amount },
    ];
    for (const rel of releases) {
      const tax = rel.tax[i] ?? 0n;
      const base = rel.base[i] ?? 0n;
      if (tax === 0n) continue;
      lines.push({ accountId: setup.account(rel.due.vat), amount: tax, taxCode: rel.due.taxCode, isTax: true, taxBase: base });
      lines.push({ accountId: setup.account(rel.role), amount: -tax, taxCode: rel.due.taxCode, isTax: true, taxBase: -base });
    }
    const draft: EntryDraft = {
      entryDate: r.refund_date,
      documentDate: r.refund_date,
      documentNumber: invoice.number ?? null,
      description: `Erstattung ${invoice.number ?? ''} ${ctx.customerName}`,
      lines,
    };
    await syncPosting(tx, { type: 'refund', id: r.id, purpose: 'refund' }, draft, { createdBy: r.created_by });
  }
}
