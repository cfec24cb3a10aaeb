import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';

/** The refusal for an id that names no record, by what the record is. */
const UNKNOWN = { customer: 'customer.unknown', department: 'department.unknown', 'project manager': 'projectManager.unknown' } as const;

/**
 * Resolves an id sent by a client to a record, or refuses it as a bad request naming the field.
 * `undefined` means "not sent" (leave as is), `null` clears the relation. An id that was sent
 * (a string) always yields the record, so callers need no null check for required relations.
 */
export async function resolveRef<T extends { id: string }>(em: EntityManager, entity: EntityName<T>, id: string, field: string, label: keyof typeof UNKNOWN, extra?: FilterQuery<T>): Promise<T>;
export async function resolveRef<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string | null | undefined,
  field: string,
  label: keyof typeof UNKNOWN,
  extra?: FilterQuery<T>,
): Promise<T | null | undefined>;
export async function resolveRef<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string | null | undefined,
  field: string,
  label: keyof typeof UNKNOWN,
  extra: FilterQuery<T> = {},
): Promise<T | null | undefined> {
  if (id === undefined) return undefined;
  if (id === null) return null;
  // TypeScript cannot check a spread into a filter of a generic entity; `id` is on every entity (T extends { id }).
  const found = await em.findOne(entity, { id, ...(extra as object) } as FilterQuery<T>);
  if (!found) throw appError('BAD_REQUEST', UNKNOWN[label], {}, { field });
  return found;
}
