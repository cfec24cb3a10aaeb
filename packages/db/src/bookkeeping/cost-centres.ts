import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { fromCents, toCents } from '@workmate/domain/money';
import type { CostCentreBudgetInput, CostCentreDto, CostCentreListInput } from '@workmate/domain/schemas/bookkeeping';
import { AuditLog } from '../entities/audit-log.ts';
import type { Actor } from '../shared/actor.ts';
import { moneyText } from '../shared/format.ts';

/**
 * Cost centres with their budget for a fiscal year and the consumption: the net of the lines on
 * expense accounts carrying the centre in that year, straight from the journal (so reversals
 * and corrections count as they are posted).
 */
export async function listCostCentres(em: EntityManager, input: CostCentreListInput): Promise<CostCentreDto[]> {
  const rows = await em.execute<Array<{ id: string; code: string; name: string; project_id: string | null; budget: string | null; consumed: string }>>(
    `select c.id, c.code, c.name, c.project_id, b.amount::text as budget,
            coalesce((select sum(l.amount) from journal_lines l join ledger_accounts a on a.id = l.account_id
                      where l.cost_centre_id = c.id and l.fiscal_year = ? and a.type = 'expense'), 0)::text as consumed
     from cost_centres c left join cost_centre_budgets b on b.cost_centre_id = c.id and b.year = ?
     where c.active order by c.code`,
    [input.year, input.year],
  );
  return rows.map((r) => {
    const consumed = BigInt(r.consumed);
    const budget = r.budget === null ? null : toCents(moneyText(r.budget));
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      projectId: r.project_id,
      year: input.year,
      budget: budget === null ? null : fromCents(budget),
      consumed: fromCents(consumed),
      remaining: budget === null ? null : fromCents(budget - consumed),
    };
  });
}

/** Sets a cost centre's budget for a year (null removes it); audited. */
export async function setCostCentreBudget(em: EntityManager, actor: Actor & { email?: string }, input: CostCentreBudgetInput): Promise<CostCentreDto> {
  await em.transactional(async (tx) => {
    const [centre] = await tx.execute<Array<{ id: string; before: string | null }>>(
      `select c.id, b.amount::text as before from cost_centres c left join cost_centre_budgets b on b.cost_centre_id = c.id and b.year = ? where c.id = ? for update of c`,
      [input.year, input.costCentreId],
    );
    if (!centre) throw appError('BAD_REQUEST', 'record.noSuchId', { entity: 'cost centre' }, { field: 'costCentreId' });
    if (input.amount === null) await tx.execute(`delete from cost_centre_budgets where cost_centre_id = ? and year = ?`, [input.costCentreId, input.year]);
    else {
      await tx.execute(
        `insert into cost_centre_budgets (cost_centre_id, year, amount) values (?, ?, ?) on conflict (cost_centre_id, year) do update set amount = excluded.amount, updated_at = now()`,
        [input.costCentreId, input.year, input.amount],
      );
    }
    tx.create(AuditLog, {
      action: 'update',
      entity: 'CostCentreBudget',
      entityId: `${input.costCentreId}:${input.year}`,
      actorId: actor.id,
      actorLabel: actor.email ?? null,
      changes: { budget: { before: centre.before === null ? null : moneyText(centre.before), after: input.amount } },
      at: new Date(),
    });
    await tx.flush();
  });
  const found = (await listCostCentres(em, { year: input.year })).find((c) => c.id === input.costCentreId);
  if (!found) throw appError('NOT_FOUND', 'record.notFound', { what: 'Cost centre', id: input.costCentreId }, { field: 'costCentreId' });
  return found;
}
