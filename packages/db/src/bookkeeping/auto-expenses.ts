import type { EntityManager } from '@mikro-orm/postgresql';
import { EXPENSE_ROLE, inputVatTreatment } from '@workmate/domain/bookkeeping-postings';
import { berlinDay } from '@workmate/domain/berlin-time';
import type { ExpenseCategory } from '@workmate/domain/enums';
import { toCents } from '@workmate/domain/money';
import { creditorAccount } from './accounts.ts';
import { departmentCostCentre, postingSetup, projectCostCentre, type PostingSetup } from './auto-accounts.ts';
import { syncPosting, type EntryDraft, type LineDraft } from './post.ts';

interface ExpenseRow {
  id: string;
  category: ExpenseCategory;
  title: string;
  net_amount: string;
  tax_rate: number;
  tax_amount: string;
  gross_amount: string;
  expense_date: string;
  project_id: string | null;
  /** The department of the employee the expense is recorded for. */
  department_id: string | null;
  reimbursed: boolean;
  reimbursed_at: Date | string | null;
  supplier_invoice_id: string | null;
}

const EXPENSE_COLUMNS = `id, category, title, net_amount::text, tax_rate, tax_amount::text, gross_amount::text, to_char(expense_date, 'YYYY-MM-DD') as expense_date, project_id,
  (select emp.department_id from employees emp where emp.id = expenses.employee_id) as department_id, reimbursed, reimbursed_at, supplier_invoice_id`;

/**
 * Dr expense account of the category and Dr input VAT of the rate. The expense line carries the
 * project's cost centre; without a project, that of the employee's department (`D-<code>`).
 */
async function costLines(tx: EntityManager, setup: PostingSetup, e: ExpenseRow): Promise<LineDraft[]> {
  const net = toCents(e.net_amount);
  const tax = toCents(e.tax_amount);
  const vat = inputVatTreatment(Number(e.tax_rate));
  const costCentreId = e.project_id ? await projectCostCentre(tx, e.project_id) : await departmentCostCentre(tx, e.department_id);
  const lines: LineDraft[] = [{ accountId: setup.account(EXPENSE_ROLE[e.category]), amount: net, taxCode: vat?.taxCode ?? null, costCentreId }];
  if (vat && tax !== 0n) lines.push({ accountId: setup.account(vat.vat), amount: tax, taxCode: vat.taxCode, isTax: true, taxBase: net });
  return lines;
}

/**
 * An expense's postings, kept in step with it (recorded, changed, deleted, reimbursed):
 * - the expense, dated on its day: Dr expense + input VAT / Cr payable to the employee (gross);
 * - the reimbursement, dated on the day it was paid back: Dr payable / Cr bank.
 * An expense booked from a received invoice is part of that invoice's posting instead.
 */
export async function syncExpense(tx: EntityManager, expenseId: string, supplierInvoiceId: string | null): Promise<void> {
  const [e] = await tx.execute<ExpenseRow[]>(`select ${EXPENSE_COLUMNS} from expenses where id = ?`, [expenseId]);
  const siId = e ? e.supplier_invoice_id : supplierInvoiceId;
  if (siId) return syncSupplierInvoice(tx, siId);
  const setup = await postingSetup(tx);
  let expense: EntryDraft | null = null;
  let reimbursement: EntryDraft | null = null;
  const gross = e ? toCents(e.gross_amount) : 0n;
  if (e && gross !== 0n) {
    const payable = setup.account('employeePayables');
    expense = { entryDate: e.expense_date, documentDate: e.expense_date, description: `Auslage ${e.title}`, lines: [...(await costLines(tx, setup, e)), { accountId: payable, amount: -gross }] };
    if (e.reimbursed) {
      const day = e.reimbursed_at ? berlinDay(new Date(e.reimbursed_at)) : berlinDay();
      reimbursement = { entryDate: day, documentDate: day, description: `Erstattung ${e.title}`, lines: [{ accountId: payable, amount: gross }, { accountId: setup.account('bank'), amount: -gross }] };
    }
  }
  await syncPosting(tx, { type: 'expense', id: expenseId, purpose: 'expense' }, expense);
  await syncPosting(tx, { type: 'expense', id: expenseId, purpose: 'reimbursement' }, reimbursement);
}

/**
 * An approved received invoice, dated on its issue date: Dr expense + input VAT per rate (its
 * expenses) / Cr the supplier's creditor account (gross), on the supplier invoice's open item.
 */
export async function syncSupplierInvoice(tx: EntityManager, supplierInvoiceId: string): Promise<void> {
  const [si] = await tx.execute<Array<{ id: string; status: string; invoice_number: string; issue_date: string; supplier_id: string; supplier_name: string }>>(
    `select si.id, si.status, si.invoice_number, to_char(si.issue_date, 'YYYY-MM-DD') as issue_date, s.id as supplier_id, s.name as supplier_name
     from supplier_invoices si join suppliers s on s.id = si.supplier_id where si.id = ?`,
    [supplierInvoiceId],
  );
  let draft: EntryDraft | null = null;
  if (si && si.status === 'approved') {
    const expenses = await tx.execute<ExpenseRow[]>(`select ${EXPENSE_COLUMNS} from expenses where supplier_invoice_id = ? order by tax_rate desc, id`, [si.id]);
    const gross = expenses.reduce((s, e) => s + toCents(e.gross_amount), 0n);
    if (gross !== 0n) {
      const setup = await postingSetup(tx);
      const lines: LineDraft[] = [];
      for (const e of expenses) lines.push(...(await costLines(tx, setup, e)));
      lines.push({ accountId: await creditorAccount(tx, si.supplier_id, si.supplier_name), amount: -gross, openItemId: si.id });
      draft = { entryDate: si.issue_date, documentDate: si.issue_date, documentNumber: si.invoice_number, description: `Eingangsrechnung ${si.invoice_number} ${si.supplier_name}`, lines };
    }
  }
  await syncPosting(tx, { type: 'supplierInvoice', id: supplierInvoiceId, purpose: 'invoice' }, draft);
}
