import type { EntityManager } from '@mikro-orm/postgresql';
import type { LinkableEntity } from '@workmate/domain/enums';
import { AppError } from '@workmate/domain/errors';

const TABLES: Record<LinkableEntity, string> = {
  invoice: 'invoices',
  expense: 'expenses',
  project: 'projects',
  employee: 'employees',
  customer: 'customers',
};

/** A link to "any record" must point at one that exists (answered as a bad request naming entityId). */
export async function requireLinkedRecord(em: EntityManager, entity: string | null, entityId: string | null): Promise<void> {
  if (!entity && !entityId) return;
  if (!entity || !entityId) throw new AppError('BAD_REQUEST', 'give both the kind of record and its id', { field: entity ? 'entityId' : 'entity' });
  const table = TABLES[entity as LinkableEntity];
  if (!table) throw new AppError('BAD_REQUEST', 'cannot be linked', { field: 'entity' });
  const rows = await em.execute(`select 1 from ${table} where id = ?`, [entityId]);
  if (rows.length === 0) throw new AppError('BAD_REQUEST', `No ${entity} has this id`, { field: 'entityId' });
}
