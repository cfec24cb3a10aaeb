import type { EntityManager } from '@mikro-orm/postgresql';
import { CREDITOR_RANGE, DEBTOR_RANGE, type AccountRole, type Chart } from '@workmate/domain/bookkeeping';
import { appError } from '@workmate/domain/errors';
import { CompanySettings } from '../entities/company-settings.ts';

/** The chart the automatic postings use now (company settings). */
export async function activeChart(tx: EntityManager): Promise<Chart> {
  const settings = await tx.findOne(CompanySettings, { id: 1 });
  return settings?.chartOfAccounts ?? 'SKR03';
}

/** The id of the active chart's account for a role (e.g. `revenue19`); a 409 naming the role when an edit left none. */
export async function accountForRole(tx: EntityManager, role: AccountRole, chart?: Chart): Promise<string> {
  const c = chart ?? (await activeChart(tx));
  const rows = await tx.execute<Array<{ id: string }>>(`select id from ledger_accounts where chart = ? and role = ?`, [c, role]);
  const id = rows[0]?.id;
  if (!id) throw appError('CONFLICT', 'bookkeeping.accountRoleMissing', { role, chart: c }, { field: 'role' });
  return id;
}

async function personalAccount(tx: EntityManager, column: 'customer_id' | 'supplier_id', ownerId: string, name: string): Promise<string> {
  const found = await tx.execute<Array<{ id: string }>>(`select id from ledger_accounts where ${column} = ?`, [ownerId]);
  if (found[0]) return found[0].id;
  const range = column === 'customer_id' ? DEBTOR_RANGE : CREDITOR_RANGE;
  const series = column === 'customer_id' ? 'ledger-debtor' : 'ledger-creditor';
  // The next personal account number of the range (numbers need not be gap-free; a lost race skips one).
  const [counter] = await tx.execute<Array<{ value: number }>>(
    `insert into number_counters (series, period, value) values (?, 0, 1) on conflict (series, period) do update set value = number_counters.value + 1 returning value`,
    [series],
  );
  const number = range.from + (counter?.value ?? 1) - 1;
  if (number > range.to) throw appError('CONFLICT', 'bookkeeping.personalAccountsExhausted', { from: String(range.from), to: String(range.to) });
  const type = column === 'customer_id' ? 'asset' : 'liability';
  const inserted = await tx.execute<Array<{ id: string }>>(
    `insert into ledger_accounts (chart, number, name, type, ${column}) values ('personal', ?, ?, ?, ?) on conflict (${column}) do nothing returning id`,
    [number, name.slice(0, 100), type, ownerId],
  );
  if (inserted[0]) return inserted[0].id;
  const again = await tx.execute<Array<{ id: string }>>(`select id from ledger_accounts where ${column} = ?`, [ownerId]);
  return again[0]!.id;
}

/** The customer's debtor account (opened with its first posting). */
export function debtorAccount(tx: EntityManager, customerId: string, name: string): Promise<string> {
  return personalAccount(tx, 'customer_id', customerId, name);
}

/** The supplier's creditor account (opened with its first posting). */
export function creditorAccount(tx: EntityManager, supplierId: string, name: string): Promise<string> {
  return personalAccount(tx, 'supplier_id', supplierId, name);
}
