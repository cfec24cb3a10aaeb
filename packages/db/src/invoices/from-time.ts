import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language, TaskType, TimeInvoiceGrouping } from '@workmate/domain/enums';
import { appError } from '@workmate/domain/errors';
import { divRound, formatScaled, fromCents } from '@workmate/domain/money';
import { lineNetCents, QUANTITY_SCALE } from '@workmate/domain/invoice-totals';
import { showDay } from '@workmate/domain/time-rules';
import type { CreateFromTimeEntriesInput, LineInput } from '@workmate/domain/schemas/invoices';
import { loadSettings } from '../core/settings.ts';
import { Expense } from '../entities/expense.ts';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import { Project } from '../entities/project.ts';
import { TimeEntry } from '../entities/time-entry.ts';
import type { Actor } from '../shared/actor.ts';
import { billedMinutesSql, EFFECTIVE_RATE_SQL, ENTRY_DATE_SQL } from '../shared/time-entry-sql.ts';
import { createInvoice } from './drafts.ts';
import type { InvoiceDto } from './dto.ts';
import { moneyText } from '../shared/format.ts';
import { getInvoice } from './queries.ts';

const TASK_LABELS: Record<Language, Record<TaskType, string>> = {
  de: {
    development: 'Entwicklung',
    meeting: 'Besprechung',
    support: 'Support',
    documentation: 'Dokumentation',
    consulting: 'Beratung',
    design: 'Design',
    testing: 'Test',
    travel: 'Reisezeit',
    administration: 'Verwaltung',
    other: 'Sonstiges',
  },
  en: {
    development: 'Development',
    meeting: 'Meeting',
    support: 'Support',
    documentation: 'Documentation',
    consulting: 'Consulting',
    design: 'Design',
    testing: 'Testing',
    travel: 'Travel time',
    administration: 'Administration',
    other: 'Other',
  },
};

const TEXT = {
  de: { unit: 'Std.', day: (d: string) => `Leistungen am ${d}`, total: (p: string) => `Leistungen ${p}` },
  en: { unit: 'h', day: (d: string) => `Services on ${d}`, total: (p: string) => `Services ${p}` },
} as const;


interface EntryRow {
  id: string;
  day: string;
  billed_minutes: number;
  rate: string;
  task_type: TaskType;
  note: string | null;
  employee_id: string;
  employee_name: string;
  project_id: string | null;
  billable: boolean;
  end_time: Date | null;
  is_invoiced: boolean;
  is_approved: boolean;
}

/** Hours with four decimal places from minutes: 20 → "0.3333", 90 → "1.5". */
function hoursOf(minutes: number): string {
  return formatScaled(divRound(BigInt(minutes) * 10n ** BigInt(QUANTITY_SCALE), 60n), QUANTITY_SCALE);
}

function groupKey(e: EntryRow, by: TimeInvoiceGrouping): string {
  switch (by) {
    case 'entry':
      return e.id;
    case 'day':
      return e.day;
    case 'task_type':
      return e.task_type;
    case 'employee':
      return e.employee_id;
    default:
      return 'total';
  }
}

function describe(first: EntryRow, by: TimeInvoiceGrouping, lang: Language, projectLabel: string): string {
  const task = TASK_LABELS[lang][first.task_type];
  switch (by) {
    case 'entry':
      return `${showDay(first.day, lang)} · ${task} · ${first.employee_name}${first.note ? `\n${first.note}` : ''}`;
    case 'day':
      return TEXT[lang].day(showDay(first.day, lang));
    case 'task_type':
      return task;
    case 'employee':
      return first.employee_name;
    default:
      return TEXT[lang].total(projectLabel);
  }
}

interface ExpenseRow {
  id: string;
  title: string;
  description: string | null;
  net_amount: string;
  tax_rate: number;
}

/** What a billing run would bill: the lines of the draft, the entries behind each, and the period. */
interface Billing {
  project: Project;
  rows: EntryRow[];
  expenses: ExpenseRow[];
  lines: LineInput[];
  /** Per time line, in order: the ids of its entries. Expense lines follow the time lines. */
  members: string[][];
  /** The upper bound used: the given `to`, else today in Berlin. */
  to: string | null;
}

/** Today in Berlin, as the database sees it (the same clock as the entries' dates). */
async function berlinToday(em: EntityManager): Promise<string> {
  const [row] = await em.execute<Array<{ today: string }>>(`select (now() at time zone 'Europe/Berlin')::date::text as today`);
  return row?.today as string;
}

/**
 * The unbilled, billable, finished time (and with `includeExpenses` the billable expenses) that a
 * billing run takes, grouped into lines. Without a range that is ALL of it up to today (Berlin):
 * nothing is left out because it fell before some start date. Entries of 0 billed minutes make
 * no line (a line of 0 h / 0,00 € is never created) and stay as they are. With `lock` the rows
 * are locked (FOR UPDATE), so a concurrent run waits and then no longer sees them as unbilled.
 */
async function collectBilling(tx: EntityManager, input: CreateFromTimeEntriesInput, lock: boolean): Promise<Billing> {
  const project = await tx.findOne(Project, { id: input.projectId, deletedAt: null }, { populate: ['customer'] });
  if (!project) throw appError('BAD_REQUEST', 'project.unknown', {}, { field: 'projectId' });
  const settings = await loadSettings(tx);
  const forUpdate = (alias: string) => (lock ? `for update of ${alias}` : '');
  const billed = billedMinutesSql(settings.timeRoundingMinutes);
  const select = `select e.id, ${ENTRY_DATE_SQL}::text as day, ${billed} as billed_minutes,
                         ${EFFECTIVE_RATE_SQL}::numeric(10,2)::text as rate, e.task_type, e.note, e.employee_id,
                         emp.first_name || ' ' || emp.last_name as employee_name, e.project_id, e.billable, e.end_time, e.is_invoiced, e.is_approved
                    from time_entries e join employees emp on emp.id = e.employee_id left join projects p on p.id = e.project_id`;
  let rows: EntryRow[];
  let to: string | null = null;
  if (input.entryIds) {
    const ids = [...new Set(input.entryIds)].sort();
    rows = await tx.execute<EntryRow[]>(`${select} where e.id in (?) order by e.start_time, e.id ${forUpdate('e')}`, [ids]);
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const entryId of ids) {
      const r = found.get(entryId);
      if (!r || r.project_id !== project.id) throw appError('BAD_REQUEST', 'invoice.entryNotOnProject', { id: entryId }, { field: 'entryIds' });
      if (r.end_time === null) throw appError('CONFLICT', 'time.entryRunning', { id: entryId }, { field: 'entryIds' });
      if (!r.billable) throw appError('CONFLICT', 'invoice.entryNotBillable', { id: entryId }, { field: 'entryIds' });
      if (r.is_invoiced) throw appError('CONFLICT', 'invoice.entryAlreadyInvoiced', { id: entryId }, { field: 'entryIds' });
      if (input.onlyApproved && !r.is_approved) throw appError('CONFLICT', 'invoice.entryNotApproved', { id: entryId }, { field: 'entryIds' });
    }
    rows = rows.filter((r) => Number(r.billed_minutes) > 0);
  } else {
    to = input.to ?? (await berlinToday(tx));
    rows = await tx.execute<EntryRow[]>(
      `${select} where e.project_id = ? and e.end_time is not null and e.billable and not e.is_invoiced and ${billed} > 0
                   and ${ENTRY_DATE_SQL} <= ?::date ${input.from ? `and ${ENTRY_DATE_SQL} >= ?::date` : ''} ${input.onlyApproved ? 'and e.is_approved' : ''}
                 order by e.start_time, e.id ${forUpdate('e')}`,
      [project.id, to, ...(input.from ? [input.from] : [])],
    );
  }
  // Billable expenses of the range, locked like the time, so they are billed once too.
  const expenses = input.includeExpenses && !input.entryIds
    ? await tx.execute<ExpenseRow[]>(
        `select x.id, x.title, x.description, x.net_amount::text, x.tax_rate from expenses x
          where x.project_id = ? and x.billable and x.invoice_line_id is null and x.expense_date <= ?::date ${input.from ? 'and x.expense_date >= ?::date' : ''}
          order by x.expense_date, x.id ${forUpdate('x')}`,
        [project.id, to, ...(input.from ? [input.from] : [])],
      )
    : [];

  const lang: Language = project.customer.language === 'en' ? 'en' : 'de';
  const groups = new Map<string, EntryRow[]>();
  for (const r of rows) {
    const key = `${groupKey(r, input.groupBy)}|${moneyText(r.rate)}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const members: string[][] = [];
  const lines: LineInput[] = [];
  for (const list of groups.values()) {
    const first = list[0] as EntryRow;
    const minutes = list.reduce((sum, r) => sum + Number(r.billed_minutes), 0);
    lines.push({
      description: describe(first, input.groupBy, lang, `${project.projectNumber} ${project.title}`),
      quantity: hoursOf(minutes),
      unit: TEXT[lang].unit,
      unitPrice: moneyText(first.rate),
      taxRate: input.taxRate,
    });
    members.push(list.map((r) => r.id));
  }
  for (const x of expenses) {
    lines.push({ description: x.description ? `${x.title}\n${x.description}` : x.title, quantity: '1', unit: lang === 'de' ? 'pauschal' : 'lump sum', unitPrice: moneyText(x.net_amount), taxRate: Number(x.tax_rate) as 19 | 7 | 0 });
  }
  return { project, rows, expenses, lines, members, to };
}

export interface TimeBillingPreview {
  projectId: string;
  /** The range billed: `from` is null when there is no lower bound (all unbilled time). */
  from: string | null;
  to: string | null;
  /** The first and last day that has time in it (the draft's service period). */
  firstDay: string | null;
  lastDay: string | null;
  entryCount: number;
  expenseCount: number;
  /** Billed minutes over all entries (after the company's rounding). */
  totalMinutes: number;
  /** The draft's lines, as they will be created, with their net amounts. */
  lines: Array<{ description: string; quantity: string; unit: string; unitPrice: string; taxRate: number; netAmount: string; entryCount: number; kind: 'time' | 'expense' }>;
  netTotal: string;
}

/** What `createFromTimeEntries` with the same input would put into the draft, without creating it. */
export async function previewFromTimeEntries(em: EntityManager, input: CreateFromTimeEntriesInput): Promise<TimeBillingPreview> {
  const b = await collectBilling(em, input, false);
  const nets = b.lines.map((l) => lineNetCents(l.quantity, l.unitPrice));
  const days = b.rows.map((r) => r.day).sort();
  return {
    projectId: b.project.id,
    from: input.entryIds ? null : (input.from ?? null),
    to: b.to,
    firstDay: days[0] ?? null,
    lastDay: days[days.length - 1] ?? null,
    entryCount: b.rows.length,
    expenseCount: b.expenses.length,
    totalMinutes: b.rows.reduce((sum, r) => sum + Number(r.billed_minutes), 0),
    lines: b.lines.map((l, i) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      taxRate: l.taxRate,
      netAmount: fromCents(nets[i] ?? 0n),
      entryCount: b.members[i]?.length ?? 0,
      kind: i < b.members.length ? ('time' as const) : ('expense' as const),
    })),
    netTotal: fromCents(nets.reduce((sum, n) => sum + n, 0n)),
  };
}

/**
 * Bills a project's unbilled, billable, finished time as a new invoice draft. The entries are
 * locked (FOR UPDATE) and linked to the new lines in the same transaction: a second call at the
 * same moment waits, then no longer sees them as unbilled, so no entry is ever billed twice.
 * Lines are grouped as asked and split by hourly rate, so each line has one unit price. With
 * `includeExpenses` the project's billable expenses of the range follow, one line each.
 */
export async function createFromTimeEntries(em: EntityManager, actor: Actor, input: CreateFromTimeEntriesInput): Promise<InvoiceDto> {
  const id = await em.transactional(async (tx) => {
    const { project, rows, expenses, lines, members, to } = await collectBilling(tx, input, true);
    if (rows.length === 0 && expenses.length === 0) {
      throw input.from || input.entryIds
        ? appError('CONFLICT', input.includeExpenses ? 'invoice.noUnbilledTimeOrExpense' : 'invoice.noUnbilledTime', {}, { field: input.entryIds ? 'entryIds' : 'from' })
        : appError('CONFLICT', input.includeExpenses ? 'invoice.noUnbilledTimeOrExpenseUpTo' : 'invoice.noUnbilledTimeUpTo', {}, { field: 'to' });
    }

    const days = rows.map((r) => r.day).sort();
    const draft = await createInvoice(tx, actor, {
      type: 'invoice',
      customerId: project.customer.id,
      projectId: project.id,
      reverseCharge: false,
      // The days with time in them; a draft of expenses only covers the range asked for.
      servicePeriodFrom: days[0] ?? input.from ?? to,
      servicePeriodTo: days[days.length - 1] ?? to,
      serviceDate: null,
      validUntil: null,
      introText: null,
      paymentTerms: null,
      footerText: null,
      notes: null,
      lines,
    });
    // Link every entry to its line; the trigger marks it invoiced, the audit trail records it.
    const created = await tx.find(InvoiceLine, { invoice: draft.id }, { orderBy: { position: 'asc' } });
    const entries = await tx.find(TimeEntry, { id: { $in: rows.map((r) => r.id) } });
    const byId = new Map(entries.map((e) => [e.id, e]));
    created.forEach((line, i) => {
      for (const entryId of members[i] ?? []) {
        const entry = byId.get(entryId);
        if (entry) {
          entry.invoiceLine = line;
          entry.isInvoiced = true;
        }
      }
    });
    const billedExpenses = expenses.length ? await tx.find(Expense, { id: { $in: expenses.map((x) => x.id) } }) : [];
    expenses.forEach((x, i) => {
      const expense = billedExpenses.find((e) => e.id === x.id);
      const line = created[members.length + i];
      if (expense && line) {
        expense.invoiceLine = line;
        expense.invoice = tx.getReference(Invoice, draft.id);
      }
    });
    await tx.flush();
    return draft.id;
  });
  return getInvoice(em, id);
}
