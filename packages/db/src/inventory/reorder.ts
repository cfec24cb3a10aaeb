import type { EntityManager } from '@mikro-orm/postgresql';

export interface ReorderProposal {
  articleId: string;
  number: string;
  name: string;
  baseUnit: string;
  onHand: string;
  reserved: string;
  /** On hand minus reserved, in the locations that hold goods (blocked and transit do not count as available). */
  available: string;
  reorderPoint: string;
  /** The article's reorder quantity, or what lifts the available stock above the reorder point. */
  proposedQuantity: string;
  /** The cheapest supplier price for that quantity, if any supplier prices are recorded. */
  supplierId: string | null;
  supplierName: string | null;
  netPrice: string | null;
}

/** Stock-kept articles whose available stock is at or below their reorder point, most short first. */
export async function listReorderProposals(em: EntityManager): Promise<ReorderProposal[]> {
  const rows = await em.execute<Array<{ id: string; number: string; name: string; base_unit: string; on_hand: string; reserved: string; available: string; reorder_point: string; proposed: string; supplier_id: string | null; supplier_name: string | null; net_price: string | null }>>(
    `with stock as (
       select a.id, a.number, a.name, a.base_unit, a.reorder_point, a.reorder_quantity,
              coalesce(sum(b.on_hand), 0) as on_hand,
              coalesce(sum(b.reserved), 0) as reserved,
              coalesce(sum(b.on_hand - b.reserved) filter (where l.kind in ('warehouse', 'zone', 'bin')), 0) as available
       from articles a
       left join stock_balances b on b.article_id = a.id and not b.may_go_negative
       left join stock_locations l on l.id = b.location_id
       where a.stock_kept and a.reorder_point is not null
       group by a.id
     )
     select s.id, s.number, s.name, s.base_unit, s.on_hand::text, s.reserved::text, s.available::text, s.reorder_point::text,
            coalesce(s.reorder_quantity, s.reorder_point - s.available + 1)::text as proposed,
            p.supplier_id, p.supplier_name, p.net_price::text
     from stock s
     left join lateral (
       select sp.supplier_id, su.name as supplier_name, sp.net_price from article_supplier_prices sp join suppliers su on su.id = sp.supplier_id
       where sp.article_id = s.id and sp.min_quantity <= coalesce(s.reorder_quantity, s.reorder_point - s.available + 1)
       order by sp.net_price, su.name limit 1
     ) p on true
     where s.available <= s.reorder_point
     order by s.available - s.reorder_point, s.number`,
  );
  return rows.map((r) => ({
    articleId: r.id,
    number: r.number,
    name: r.name,
    baseUnit: r.base_unit,
    onHand: r.on_hand,
    reserved: r.reserved,
    available: r.available,
    reorderPoint: r.reorder_point,
    proposedQuantity: r.proposed,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    netPrice: r.net_price,
  }));
}
