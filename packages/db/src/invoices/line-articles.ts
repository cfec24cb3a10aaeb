import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';

/** The articles invoice or quote lines refer to must exist: a 400 naming the line otherwise (not a foreign-key 409). */
export async function checkLineArticles(em: EntityManager, lines: ReadonlyArray<{ articleId?: string | null | undefined }>): Promise<void> {
  const ids = [...new Set(lines.map((l) => l.articleId).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return;
  const found = new Set((await em.execute<Array<{ id: string }>>(`select id from articles where id = any(?::uuid[])`, [`{${ids.join(',')}}`])).map((r) => r.id));
  lines.forEach((l, i) => {
    if (l.articleId && !found.has(l.articleId)) throw appError('BAD_REQUEST', 'record.noSuchId', { entity: 'article' }, { field: `lines.${i}.articleId` });
  });
}
