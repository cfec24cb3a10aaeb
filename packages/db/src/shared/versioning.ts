import { appError } from '@workmate/domain/errors';

/** A client that sends the version it saw gets CONFLICT instead of overwriting a newer save. */
export function checkVersion(entity: { version: number }, expected: number | undefined, what: string) {
  if (expected !== undefined && expected !== entity.version) {
    throw appError('CONFLICT', 'record.staleVersion', { what }, { field: 'version' });
  }
}

/** Only the keys the caller actually sent (undefined means "leave as is"). */
export function sentFields<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
