import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountRole } from '@workmate/domain/bookkeeping';
import { appError } from '@workmate/domain/errors';
import { fromCents } from '@workmate/domain/money';
import type { FiscalYearDto, FiscalYearInput, PeriodLockInput, YearCloseResultDto } from '@workmate/domain/schemas/bookkeeping-periods';
import { AuditLog } from '../entities/audit-log.ts';
import type { Actor } from '../shared/actor.ts';
import { accountForRole } from './accounts.ts';
import { postEntry, type LineDraft } from './post.ts';

/**
 * Period locks (Festschreibung) and the year-end close. Both only ever add rows: Postgres
 * refuses to change or delete fiscal_periods and fiscal_years, and refuses postings dated in a
 * locked month or a closed year (Migration20261205110000_bookkeeping).
 */

function audit(tx: EntityManager, actor: Actor & { email?: string }, entity: string, entityId: string, key: string, after: Record<string, unknown>) {
  tx.create(AuditLog, { action: 'create', entity, entityId, actorId: actor.id, actorLabel: actor.email ?? null, changes: { [key]: { before: null, after } }, at: new Date() });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The 12 months of a year with their locks, and whether the year is closed. */
export async function fiscalYear(em: EntityManager, input: FiscalYearInput): Promise<FiscalYearDto> {
  const locks = await em.execute<Array<{ month: number; locked_at: Date; locked_by: string | null }>>(`select month, locked_at, locked_by from fiscal_periods where year = ?`, [input.year]);
  const [closed] = await em.execute<Array<{ closed_at: Date; closed_by: string | null }>>(`select closed_at, closed_by from fiscal_years where year = ?`, [input.year]);
  return {
    year: input.year,
    closedAt: closed ? new Date(closed.closed_at).toISOString() : null,
    closedBy: closed?.closed_by ?? null,
    months: Array.from({ length: 12 }, (_, i) => {
      const lock = locks.find((l) => l.month === i + 1);
      return { month: i + 1, lockedAt: lock ? new Date(lock.locked_at).toISOString() : null, lockedBy: lock?.locked_by ?? null };
    }),
  };
}

/** Locks a month for good (Festschreibung): nothing can be posted into it any more. */
export async function lockPeriod(em: EntityManager, actor: Actor & { email?: string }, input: PeriodLockInput): Promise<FiscalYearDto> {
  await em.transactional(async (tx) => {
    const inserted = await tx.execute<Array<{ year: number }>>(
      `insert into fiscal_periods (year, month, locked_by) values (?, ?, ?) on conflict (year, month) do nothing returning year`,
      [input.year, input.month, actor.id],
    );
    if (inserted.length === 0) throw appError('CONFLICT', 'bookkeeping.periodAlreadyLocked', { period: `${input.year}-${pad(input.month)}` }, { field: 'month' });
    audit(tx, actor, 'FiscalPeriod', `${input.year}-${pad(input.month)}`, 'locked', { year: input.year, month: input.month });
    await tx.flush();
  });
  return fiscalYear(em, { year: input.year });
}

interface ClosingBalance {
  account_id: string;
  type: string;
  customer_id: string | null;
  supplier_id: string | null;
  balance: string;
}

/**
 * Closes a fiscal year once all 12 months are locked: marks it closed and posts the next year's
 * opening entries on 1 January: every balance sheet account's closing balance against the
 * carried-forward account (debtors and creditors against their own), and the year's P&L result
 * to retained earnings. One entry per account, so each opening balance reads on its own.
 */
export async function closeYear(em: EntityManager, actor: Actor & { email?: string }, input: FiscalYearInput): Promise<YearCloseResultDto> {
  return em.transactional(async (tx) => {
    const [closed] = await tx.execute<Array<{ year: number }>>(`select year from fiscal_years where year = ?`, [input.year]);
    if (closed) throw appError('CONFLICT', 'bookkeeping.yearAlreadyClosed', { year: String(input.year) }, { field: 'year' });
    const locked = await tx.execute<Array<{ month: number }>>(`select month from fiscal_periods where year = ?`, [input.year]);
    const open = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !locked.some((l) => l.month === m));
    if (open.length > 0) throw appError('CONFLICT', 'bookkeeping.yearNotLocked', { year: String(input.year), months: open.map(pad).join(', ') }, { field: 'year' });
    // Concurrent closes: the primary key lets one through.
    const marked = await tx.execute<Array<{ year: number }>>(`insert into fiscal_years (year, closed_by) values (?, ?) on conflict (year) do nothing returning year`, [input.year, actor.id]);
    if (marked.length === 0) throw appError('CONFLICT', 'bookkeeping.yearAlreadyClosed', { year: String(input.year) }, { field: 'year' });

    const balances = await tx.execute<ClosingBalance[]>(
      `select a.id as account_id, a.type, a.customer_id, a.supplier_id, sum(l.amount)::text as balance
       from journal_lines l join ledger_accounts a on a.id = l.account_id
       where l.fiscal_year = ? and a.type in ('asset', 'liability', 'equity', 'revenue', 'expense')
       group by a.id, a.number, a.type, a.customer_id, a.supplier_id
       having sum(l.amount) <> 0
       order by a.number`,
      [input.year],
    );
    const contra: Record<'carryForward' | 'carryForwardDebtors' | 'carryForwardCreditors', string> = {
      carryForward: await accountForRole(tx, 'carryForward'),
      carryForwardDebtors: await accountForRole(tx, 'carryForwardDebtors'),
      carryForwardCreditors: await accountForRole(tx, 'carryForwardCreditors'),
    };
    const entryDate = `${input.year + 1}-01-01`;
    const post = (description: string, lines: LineDraft[]) => postEntry(tx, { entryDate, description, lines }, { createdBy: actor.id });
    let entries = 0;
    let profitAndLoss = 0n;
    for (const b of balances) {
      const cents = BigInt(b.balance);
      if (b.type === 'revenue' || b.type === 'expense') {
        profitAndLoss += cents;
        continue;
      }
      const role: AccountRole = b.customer_id ? 'carryForwardDebtors' : b.supplier_id ? 'carryForwardCreditors' : 'carryForward';
      await post(`Saldovortrag ${input.year}`, [
        { accountId: b.account_id, amount: cents },
        { accountId: contra[role as keyof typeof contra], amount: -cents },
      ]);
      entries++;
    }
    if (profitAndLoss !== 0n) {
      const retained = await accountForRole(tx, 'retainedEarnings');
      await post(`Ergebnisvortrag ${input.year}`, [
        { accountId: retained, amount: profitAndLoss },
        { accountId: contra.carryForward, amount: -profitAndLoss },
      ]);
      entries++;
    }
    audit(tx, actor, 'FiscalYear', String(input.year), 'closed', { year: input.year, openingEntries: entries });
    await tx.flush();
    return { year: input.year, openingEntries: entries, result: fromCents(-profitAndLoss) };
  });
}
