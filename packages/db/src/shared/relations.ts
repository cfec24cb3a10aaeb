import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';

/** The refusal for an id that names no record, by what the record is. */
const UNKNOWN = { customer: 'customer.unknown', department: 'department.unknown', 'project manager': 'projectManager.unknown' } as const;

/**
 * Resolves an id sent by a client to a record, or refuses it as a bad request naming the field.
 * `undefined` means "not sent" (leave as is), `null` clears the relation.
 */
export async function resolveRef<T extends object>(
  em: EntityManager,
  entity: { new?: never } | unknown,
  id: string | null | undefined,
  field: string,
  label: keyof typeof UNKNOWN,
  extra: Record<string, unknown> = {},
): Promise<T | null | undefined> {
  if (id === undefined) return undefined;
  if (id === null) return null;
  const found = await em.findOne(entity as never, { id, ...extra } as never);
  if (!found) throw appError('BAD_REQUEST', UNKNOWN[label], {}, { field });
  return found as T;
}
