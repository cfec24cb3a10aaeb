import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountDto, AccountListInput } from '@workmate/domain/schemas/bookkeeping';
import { activeChart } from './accounts.ts';

/** The accounts of the active chart plus the personal accounts, by number. */
export async function listAccounts(em: EntityManager, input: AccountListInput): Promise<AccountDto[]> {
  const chart = await activeChart(em);
  const where = [`(a.chart = ?${input.includePersonal ? ` or a.chart = 'personal'` : ''})`];
  const params: unknown[] = [chart];
  if (input.search) (where.push(`(a.name ilike ? or a.number::text like ?)`), params.push(`%${input.search}%`, `${input.search}%`));
  if (!input.includeInactive) where.push('a.active');
  const rows = await em.execute<Array<{ id: string; chart: string; number: number; name: string; type: AccountDto['type']; role: string | null; automatic_tax: string | null; customer_id: string | null; supplier_id: string | null; active: boolean; version: number }>>(
    `select a.id, a.chart, a.number, a.name, a.type, a.role, a.automatic_tax, a.customer_id, a.supplier_id, a.active, a.version from ledger_accounts a where ${where.join(' and ')} order by a.number`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    chart: r.chart,
    number: r.number,
    name: r.name,
    type: r.type,
    role: r.role,
    automaticTax: r.automatic_tax,
    customerId: r.customer_id,
    supplierId: r.supplier_id,
    active: r.active,
    version: r.version,
  }));
}
