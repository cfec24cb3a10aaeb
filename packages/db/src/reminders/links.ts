import type { EntityManager } from '@mikro-orm/postgresql';
import type { LinkableEntity } from '@workmate/domain/enums';
import { appError } from '@workmate/domain/errors';

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
  if (!entity || !entityId) throw appError('BAD_REQUEST', 'field.bothRecordAndId', {}, { field: entity ? 'entityId' : 'entity' });
  const table = TABLES[entity as LinkableEntity];
  if (!table) throw appError('BAD_REQUEST', 'field.cannotBeLinked', {}, { field: 'entity' });
  const rows = await em.execute(`select 1 from ${table} where id = ?`, [entityId]);
  if (rows.length === 0) throw appError('BAD_REQUEST', 'record.noSuchId', { entity }, { field: 'entityId' });
}
