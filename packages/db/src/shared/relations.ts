import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@workmate/domain/errors';

/**
 * Resolves an id sent by a client to a record, or refuses it as a bad request naming the field.
 * `undefined` means "not sent" (leave as is), `null` clears the relation.
 */
export async function resolveRef<T extends object>(
  em: EntityManager,
  entity: { new?: never } | unknown,
  id: string | null | undefined,
  field: string,
  label: string,
  extra: Record<string, unknown> = {},
): Promise<T | null | undefined> {
  if (id === undefined) return undefined;
  if (id === null) return null;
  const found = await em.findOne(entity as never, { id, ...extra } as never);
  if (!found) throw new AppError('BAD_REQUEST', `Unknown ${label}`, { field });
  return found as T;
}
