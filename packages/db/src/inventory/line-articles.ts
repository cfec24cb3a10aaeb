import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { UNIT_LABELS } from '@workmate/domain/inventory-orders';

export interface LineDefaults {
  articleId: string;
  description: string;
  unit: string;
  /** The list price for the quantity (the entry with the highest minimum quantity reached). */
  unitPrice: string;
  taxRate: 0 | 7 | 19;
}

/** What an invoice or quote line selling this article starts with. */
export async function articleLineDefaults(em: EntityManager, articleId: string, quantity: number): Promise<LineDefaults> {
  const [a] = await em.execute<Array<{ number: string; name: string; base_unit: string; vat_rate: string; price: string | null }>>(
    `select a.number, a.name, a.base_unit, a.vat_rate::int::text as vat_rate,
       (select net_price::text from article_prices p where p.article_id = a.id and p.min_quantity <= ? order by p.min_quantity desc limit 1) as price
     from articles a where a.id = ?`,
    [quantity, articleId],
  );
  if (!a) throw appError('NOT_FOUND', 'record.notFound', { what: 'Article', id: articleId }, { field: 'articleId' });
  return { articleId, description: `${a.number} ${a.name}`, unit: UNIT_LABELS[a.base_unit] ?? a.base_unit, unitPrice: a.price ?? '0.0000', taxRate: Number(a.vat_rate) as 0 | 7 | 19 };
}
