import type { EntityManager } from '@mikro-orm/postgresql';
import { revenueTreatment } from '@workmate/domain/bookkeeping-postings';
import { toCents } from '@workmate/domain/money';
import { Invoice } from '../entities/invoice.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { debtorAccount } from './accounts.ts';
import { postingSetup, projectCostCentre } from './auto-accounts.ts';
import { syncSettlement } from './auto-settlement.ts';
import { postEntry, type LineDraft } from './post.ts';

const LABEL: Record<string, string> = { invoice: 'Rechnung', cancellation: 'Storno', credit_note: 'Gutschrift' };

/** Whether the invoice's own posting put its VAT on a not-yet-due account (it was posted under Ist-Versteuerung). */
export async function postedUnderIst(tx: EntityManager, invoiceId: string): Promise<boolean> {
  const rows = await tx.execute<Array<{ ist: boolean }>>(
    `select exists (select 1 from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
                    where e.source_type = 'invoice' and e.source_id = ? and e.kind = 'invoice' and a.role like 'vatOutNotDue%') as ist`,
    [invoiceId],
  );
  return Boolean(rows[0]?.ist);
}

/**
 * The journal entry of a finalized invoice, cancellation or credit note, in the finalizing
 * transaction: Dr debtor gross / Cr revenue per rate / Cr output VAT per rate (Soll) or VAT not
 * yet due (Ist). A cancellation or credit note has negative totals, so the same lines mirror
 * its original, on the original's open item and with the original's VAT method. Posted once:
 * a second delivery of the event finds the entry and posts nothing.
 */
export async function postInvoice(tx: EntityManager, invoiceId: string): Promise<void> {
  const invoice = await tx.findOneOrFail(Invoice, { id: invoiceId }, { populate: ['customer'] });
  if (invoice.type === 'quote' || invoice.status === 'draft') return;
  const done = await tx.execute<Array<{ id: string }>>(`select id from journal_entries where source_type = 'invoice' and source_id = ? and kind = 'invoice'`, [invoice.id]);
  if (done[0]) return;
  const setup = await postingSetup(tx);
  const originalId = invoice.cancelsId ?? invoice.creditsId ?? null;
  const ist = originalId ? await postedUnderIst(tx, originalId) : setup.vatMethod === 'ist';
  const openItemId = originalId ?? invoice.id;
  const customerName = invoice.buyer?.name ?? invoice.customer.name;
  const debtor = await debtorAccount(tx, invoice.customer.id, customerName);
  const costCentreId = await projectCostCentre(tx, invoice.project?.id);
  const country = invoice.buyer?.countryCode ?? null;

  const lines: LineDraft[] = [];
  let gross = 0n;
  for (const row of invoice.taxBreakdown) {
    const net = toCents(moneyText(row.netAmount));
    const tax = toCents(moneyText(row.taxAmount));
    const t = revenueTreatment(invoice.taxCase, Number(row.taxRate), country);
    gross += net + tax;
    lines.push({ accountId: setup.account(t.revenue), amount: -net, taxCode: t.taxCode, costCentreId });
    const vatRole = ist ? t.vatNotDue : t.vat;
    if (vatRole && tax !== 0n) lines.push({ accountId: setup.account(vatRole), amount: -tax, taxCode: t.taxCode, isTax: true, taxBase: -net });
  }
  const total = toCents(moneyText(invoice.grossTotal));
  if (gross !== total) throw new Error(`Invoice ${invoice.number}: VAT rows add up to ${gross} cents, the gross total is ${total}`);
  lines.push({ accountId: debtor, amount: total, openItemId });
  if (lines.every((l) => l.amount === 0n)) return;
  await postEntry(
    tx,
    {
      entryDate: dateOnly(invoice.issueDate) as string,
      documentDate: dateOnly(invoice.issueDate),
      documentNumber: invoice.number ?? null,
      description: `${LABEL[invoice.type] ?? 'Rechnung'} ${invoice.number ?? ''} ${customerName}`,
      lines,
    },
    { source: { type: 'invoice', id: invoice.id, kind: 'invoice' } },
  );
  // A credit note lowers what the original's payments settle: under Ist, their VAT shares follow.
  if (invoice.type === 'credit_note' && originalId) await syncSettlement(tx, originalId);
}
