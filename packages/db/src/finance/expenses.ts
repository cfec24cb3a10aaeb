import { EVENTS } from '@workmate/domain/events';
import { publishEvent } from '../events/publish.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TaxRate } from '@workmate/domain/enums';
import { appError, notFound } from '@workmate/domain/errors';
import { divRound, fromCents, toCents } from '@workmate/domain/money';
import { hasPermission } from '@workmate/domain/permissions';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { ExpenseCreateInput, ExpenseFilter, ExpenseListInput, ExpenseUpdateInput } from '@workmate/domain/schemas/expenses';
import { visibleWhere } from '../documents/access.ts';
import { StoredDocument } from '../entities/document.ts';
import { Employee } from '../entities/employee.ts';
import { Expense } from '../entities/expense.ts';
import { Invoice } from '../entities/invoice.ts';
import { Project } from '../entities/project.ts';
import { dateOnly, moneyText, personName } from '../shared/format.ts';
import { checkVersion, likePattern, sentFields } from '../shared/versioning.ts';
import type { Actor } from '../shared/actor.ts';

export interface ExpenseDto {
  id: string;
  employee: { id: string; name: string };
  project: { id: string; projectNumber: string; title: string } | null;
  invoice: { id: string; number: string | null } | null;
  category: Expense['category'];
  title: string;
  description: string | null;
  netAmount: string;
  taxRate: TaxRate;
  taxAmount: string;
  grossAmount: string;
  expenseDate: string;
  receipt: { id: string; fileName: string; downloadUrl: string } | null;
  notes: string | null;
  billable: boolean;
  /** Billed on an invoice draft or invoice: locked like billed time. */
  billed: boolean;
  reimbursed: boolean;
  reimbursedAt: string | null;
  /** Booked from this received e-invoice (Eingangsrechnung), one expense per VAT rate of it. */
  supplierInvoiceId: string | null;
  createdAt: string;
  version: number;
}

const can = (actor: Actor, p: string) => hasPermission(actor.permissions, p);
const POPULATE = ['employee', 'project', 'invoice', 'receipt'] as const;

/** Input VAT from the net amount and rate, rounded half up to the cent (the same rule as invoices). */
export function inputVat(net: string, rate: number): { taxAmount: string; grossAmount: string } {
  const tax = divRound(toCents(net) * BigInt(rate), 100n);
  return { taxAmount: fromCents(tax), grossAmount: fromCents(toCents(net) + tax) };
}

export function toExpenseDto(e: Expense): ExpenseDto {
  return {
    id: e.id,
    employee: { id: e.employee.id, name: personName(e.employee) as string },
    project: e.project ? { id: e.project.id, projectNumber: e.project.projectNumber, title: e.project.title } : null,
    invoice: e.invoice ? { id: e.invoice.id, number: e.invoice.number ?? null } : null,
    category: e.category,
    title: e.title,
    description: e.description ?? null,
    netAmount: moneyText(e.netAmount),
    taxRate: Number(e.taxRate) as TaxRate,
    taxAmount: moneyText(e.taxAmount),
    grossAmount: moneyText(e.grossAmount),
    expenseDate: dateOnly(e.expenseDate) as string,
    receipt: e.receipt ? { id: e.receipt.id, fileName: e.receipt.fileName, downloadUrl: `/api/documents/${e.receipt.id}/download` } : null,
    notes: e.notes ?? null,
    billable: e.billable,
    billed: Boolean(e.invoiceLine),
    reimbursed: e.reimbursed,
    reimbursedAt: e.reimbursedAt?.toISOString() ?? null,
    supplierInvoiceId: e.supplierInvoice?.id ?? null,
    createdAt: e.createdAt.toISOString(),
    version: e.version,
  };
}

/** Who sees which expenses: with finance.read all, otherwise one's own. As SQL on alias `x`. */
export function expenseVisibility(actor: Actor): { sql: string; params: unknown[] } {
  return can(actor, 'finance.read') ? { sql: 'true', params: [] } : { sql: 'x.employee_id = ?', params: [actor.id] };
}

/** The filters shared by the list and the KPIs, as SQL on alias `x`. */
export function expenseFilterSql(actor: Actor, f: ExpenseFilter): { sql: string; params: unknown[] } {
  const v = expenseVisibility(actor);
  const where = [v.sql];
  const params = [...v.params];
  const add = (cond: string, value: unknown) => {
    where.push(cond);
    params.push(value);
  };
  if (f.title) add(`lower(x.title) like ?`, likePattern(f.title));
  if (f.category) add('x.category = ?', f.category);
  if (f.projectId) add('x.project_id = ?', f.projectId);
  if (f.invoiceId) add('x.invoice_id = ?', f.invoiceId);
  if (f.employeeId) add('x.employee_id = ?', f.employeeId);
  if (f.from) add('x.expense_date >= ?::date', f.from);
  if (f.to) add('x.expense_date <= ?::date', f.to);
  if (f.billable !== undefined) add('x.billable = ?', f.billable);
  if (f.reimbursed !== undefined) add('x.reimbursed = ?', f.reimbursed);
  return { sql: where.join(' and '), params };
}

async function findVisible(em: EntityManager, actor: Actor, id: string): Promise<Expense> {
  const e = await em.findOne(Expense, { id }, { populate: POPULATE });
  if (!e || (!can(actor, 'finance.read') && e.employee.id !== actor.id)) throw notFound('Expense', id);
  return e;
}

export async function getExpense(em: EntityManager, actor: Actor, id: string): Promise<ExpenseDto> {
  return toExpenseDto(await findVisible(em, actor, id));
}

export async function listExpenses(em: EntityManager, actor: Actor, input: ExpenseListInput): Promise<PageResult<ExpenseDto> & { sums: { netAmount: string; taxAmount: string; grossAmount: string } }> {
  const f = expenseFilterSql(actor, input);
  const sort = { expenseDate: 'x.expense_date', netAmount: 'x.net_amount', title: 'x.title', category: 'x.category', createdAt: 'x.created_at' }[input.sort];
  const dir = input.direction === 'asc' ? 'asc' : 'desc';
  const [ids, totals] = await Promise.all([
    em.execute<Array<{ id: string }>>(`select x.id from expenses x where ${f.sql} order by ${sort} ${dir}, x.id ${dir} limit ? offset ?`, [...f.params, input.pageSize, (input.page - 1) * input.pageSize]),
    em.execute<Array<{ n: string; net: string; tax: string; gross: string }>>(
      `select count(*) as n, coalesce(sum(x.net_amount), 0)::text as net, coalesce(sum(x.tax_amount), 0)::text as tax, coalesce(sum(x.gross_amount), 0)::text as gross from expenses x where ${f.sql}`,
      f.params,
    ),
  ]);
  const rows = ids.length ? await em.find(Expense, { id: { $in: ids.map((r) => r.id) } }, { populate: POPULATE }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const t = totals[0];
  return {
    items: ids.map((r) => toExpenseDto(byId.get(r.id) as Expense)),
    total: Number(t?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
    sums: { netAmount: moneyText(t?.net), taxAmount: moneyText(t?.tax), grossAmount: moneyText(t?.gross) },
  };
}

/** Whose expense it is: oneself, or anyone with finance.manage. */
async function expenseEmployee(em: EntityManager, actor: Actor, employeeId: string): Promise<Employee> {
  if (employeeId !== actor.id && !can(actor, 'finance.manage')) throw appError('FORBIDDEN', 'expense.othersNeedPermission', {}, { field: 'employeeId' });
  const employee = await em.findOne(Employee, { id: employeeId, deletedAt: null });
  if (!employee) throw appError('BAD_REQUEST', 'employee.unknown', {}, { field: 'employeeId' });
  return employee;
}

/** The relations that were sent (employee, project, invoice, receipt in this order), ready to assign. */
async function relations(em: EntityManager, actor: Actor, input: Partial<ExpenseCreateInput>) {
  const out: { employee?: Employee; project?: Project | null; invoice?: Invoice | null; receipt?: StoredDocument | null } = {};
  if (input.employeeId !== undefined) out.employee = await expenseEmployee(em, actor, input.employeeId);
  if (input.projectId !== undefined) {
    const project = input.projectId === null ? null : await em.findOne(Project, { id: input.projectId, deletedAt: null });
    if (project === undefined || (input.projectId !== null && !project)) throw appError('BAD_REQUEST', 'project.unknown', {}, { field: 'projectId' });
    out.project = project;
  }
  if (input.invoiceId !== undefined) {
    const invoice = input.invoiceId === null ? null : await em.findOne(Invoice, { id: input.invoiceId });
    if (input.invoiceId !== null && !invoice) throw appError('BAD_REQUEST', 'invoice.unknown', {}, { field: 'invoiceId' });
    out.invoice = invoice;
  }
  if (input.receiptId !== undefined) {
    // Only a document the person may see: naming one as a receipt makes it visible to whoever sees the expense.
    const receipt = input.receiptId === null ? null : await em.findOne(StoredDocument, { $and: [{ id: input.receiptId }, visibleWhere(actor)] });
    if (input.receiptId !== null && !receipt) throw appError('BAD_REQUEST', 'document.unknownReceipt', {}, { field: 'receiptId' });
    out.receipt = receipt;
  }
  return out;
}

export async function createExpense(em: EntityManager, actor: Actor, input: ExpenseCreateInput): Promise<ExpenseDto> {
  const id = await em.transactional(async (tx) => {
    // The employee is required: resolved on its own (first, as before), so its type says it is there.
    const employee = await expenseEmployee(tx, actor, input.employeeId ?? actor.id);
    const rel = await relations(tx, actor, { ...input, employeeId: undefined });
    const { employeeId: _e, projectId: _p, invoiceId: _i, receiptId: _r, ...fields } = input;
    const e = tx.create(Expense, { ...fields, ...rel, employee, ...inputVat(input.netAmount, input.taxRate) });
    await tx.flush();
    await publishEvent(tx, EVENTS.expenseRecorded, { expenseId: e.id, supplierInvoiceId: e.supplierInvoice?.id ?? null });
    await tx.flush();
    return e.id;
  });
  return getExpense(em, actor, id);
}

function refuseChange(actor: Actor, e: Expense, action: string) {
  if (e.invoiceLine) throw appError('CONFLICT', 'expense.billedLocked', { action }, { field: 'id' });
  if (e.employee.id !== actor.id && !can(actor, 'finance.manage')) throw appError('FORBIDDEN', 'expense.onlyOwner', { verb: action === 'deleted' ? 'delete' : 'change' }, { field: 'id' });
  if (e.reimbursed && !can(actor, 'finance.manage')) throw appError('CONFLICT', 'expense.reimbursedLocked', { action }, { field: 'id' });
}

export async function updateExpense(em: EntityManager, actor: Actor, input: ExpenseUpdateInput): Promise<ExpenseDto> {
  await em.transactional(async (tx) => {
    const e = await findVisible(tx, actor, input.id);
    checkVersion(e, input.version, 'expense');
    refuseChange(actor, e, 'changed');
    const { id: _id, version: _v, employeeId, projectId, invoiceId, receiptId, ...rest } = input;
    const fields = sentFields(rest);
    tx.assign(e, { ...fields, ...(await relations(tx, actor, { employeeId, projectId, invoiceId, receiptId })) });
    Object.assign(e, inputVat(moneyText(e.netAmount), Number(e.taxRate)));
    await tx.flush();
    await publishEvent(tx, EVENTS.expenseChanged, { expenseId: e.id, supplierInvoiceId: e.supplierInvoice?.id ?? null });
    await tx.flush();
  });
  return getExpense(em, actor, input.id);
}

export async function deleteExpense(em: EntityManager, actor: Actor, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const e = await findVisible(tx, actor, id);
    refuseChange(actor, e, 'deleted');
    const supplierInvoiceId = e.supplierInvoice?.id ?? null;
    tx.remove(e);
    await tx.flush();
    await publishEvent(tx, EVENTS.expenseDeleted, { expenseId: id, supplierInvoiceId });
    await tx.flush();
  });
}

/** Marks an expense paid back to the person who spent it. */
export async function reimburseExpense(em: EntityManager, actor: Actor, input: { id: string; reimbursedOn?: string | null }): Promise<ExpenseDto> {
  await em.transactional(async (tx) => {
    const e = await findVisible(tx, actor, input.id);
    if (e.reimbursed) throw appError('CONFLICT', 'expense.alreadyReimbursed', {}, { field: 'id' });
    e.reimbursed = true;
    e.reimbursedAt = input.reimbursedOn ? new Date(`${input.reimbursedOn}T12:00:00Z`) : new Date();
    await tx.flush();
    await publishEvent(tx, EVENTS.expenseReimbursed, { expenseId: e.id, supplierInvoiceId: e.supplierInvoice?.id ?? null });
    await tx.flush();
  });
  return getExpense(em, actor, input.id);
}
