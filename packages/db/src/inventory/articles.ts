import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { ArticleCreateInput, ArticleListInput, ArticleUnit, ArticleUpdateInput } from '@workmate/domain/inventory';
import type { PageResult } from '@workmate/domain/schemas/common';
import { writeAudit } from '../audit/write.ts';

export interface ArticleListItem {
  id: string;
  number: string;
  name: string;
  baseUnit: ArticleUnit;
  vatRate: string;
  stockKept: boolean;
  /** Whole base units in locations that hold goods, and of them reserved. */
  onHand: string;
  reserved: string;
  averageCost: string;
  reorderPoint: string | null;
}
export interface ArticleDto extends ArticleListItem {
  description: string | null;
  reorderQuantity: string | null;
  lastMovedOn: string | null;
  version: number;
  units: Array<{ unit: ArticleUnit; factor: number }>;
  salesPrices: Array<{ minQuantity: string; netPrice: string }>;
  supplierPrices: Array<{ supplierId: string; supplierName: string; supplierArticleNumber: string | null; minQuantity: string; netPrice: string }>;
}

const LIST_COLUMNS = `a.id, a.number, a.name, a.base_unit, a.vat_rate::int::text as vat_rate, a.stock_kept, a.average_cost::text, a.reorder_point::text,
  coalesce((select sum(on_hand) from stock_balances b where b.article_id = a.id and not b.may_go_negative), 0)::text as on_hand,
  coalesce((select sum(reserved) from stock_balances b where b.article_id = a.id and not b.may_go_negative), 0)::text as reserved`;
type ListRow = { id: string; number: string; name: string; base_unit: ArticleUnit; vat_rate: string; stock_kept: boolean; average_cost: string; reorder_point: string | null; on_hand: string; reserved: string };
const toListItem = (r: ListRow): ArticleListItem => ({
  id: r.id,
  number: r.number,
  name: r.name,
  baseUnit: r.base_unit,
  vatRate: r.vat_rate,
  stockKept: r.stock_kept,
  onHand: r.on_hand,
  reserved: r.reserved,
  averageCost: r.average_cost,
  reorderPoint: r.reorder_point,
});

export async function listArticles(em: EntityManager, input: ArticleListInput): Promise<PageResult<ArticleListItem>> {
  const search = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = search ? `where a.number ilike ? or a.name ilike ?` : '';
  const params = search ? [search, search] : [];
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*)::text as n from articles a ${where}`, params);
  const rows = await em.execute<ListRow[]>(`select ${LIST_COLUMNS} from articles a ${where} order by a.number limit ? offset ?`, [...params, input.pageSize, (input.page - 1) * input.pageSize]);
  return { items: rows.map(toListItem), total: Number(count?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function getArticle(em: EntityManager, id: string): Promise<ArticleDto> {
  const [row] = await em.execute<Array<ListRow & { description: string | null; reorder_quantity: string | null; last_moved_on: string | null; version: number }>>(
    `select ${LIST_COLUMNS}, a.description, a.reorder_quantity::text, to_char(a.last_moved_on, 'YYYY-MM-DD') as last_moved_on, a.version from articles a where a.id = ?`,
    [id],
  );
  if (!row) throw appError('NOT_FOUND', 'record.notFound', { what: 'Article', id }, { field: 'id' });
  const units = await em.execute<Array<{ unit: ArticleUnit; factor: number }>>(`select unit, factor from article_units where article_id = ? order by factor`, [id]);
  const prices = await em.execute<Array<{ min_quantity: string; net_price: string }>>(`select min_quantity::text, net_price::text from article_prices where article_id = ? order by min_quantity`, [id]);
  const supplierPrices = await em.execute<Array<{ supplier_id: string; name: string; supplier_article_number: string | null; min_quantity: string; net_price: string }>>(
    `select p.supplier_id, s.name, p.supplier_article_number, p.min_quantity::text, p.net_price::text from article_supplier_prices p join suppliers s on s.id = p.supplier_id where p.article_id = ? order by s.name, p.min_quantity`,
    [id],
  );
  return {
    ...toListItem(row),
    description: row.description,
    reorderQuantity: row.reorder_quantity,
    lastMovedOn: row.last_moved_on,
    version: row.version,
    units: units.map((u) => ({ unit: u.unit, factor: u.factor })),
    salesPrices: prices.map((p) => ({ minQuantity: p.min_quantity, netPrice: p.net_price })),
    supplierPrices: supplierPrices.map((p) => ({ supplierId: p.supplier_id, supplierName: p.name, supplierArticleNumber: p.supplier_article_number, minQuantity: p.min_quantity, netPrice: p.net_price })),
  };
}

/** The rules across fields of an article, before anything is written. */
function checkArticle(input: ArticleCreateInput): void {
  const units = new Set<string>();
  input.units.forEach((u, i) => {
    if (u.unit === input.baseUnit) throw appError('BAD_REQUEST', 'article.unitIsBase', { unit: u.unit }, { field: `units.${i}.unit` });
    if (units.has(u.unit)) throw appError('BAD_REQUEST', 'article.unitTwice', { unit: u.unit }, { field: `units.${i}.unit` });
    units.add(u.unit);
  });
  const starts = new Set<number>();
  input.salesPrices.forEach((p, i) => {
    if (starts.has(p.minQuantity)) throw appError('BAD_REQUEST', 'article.priceTwice', { quantity: p.minQuantity }, { field: `salesPrices.${i}.minQuantity` });
    starts.add(p.minQuantity);
  });
  const supplierStarts = new Set<string>();
  input.supplierPrices.forEach((p, i) => {
    const k = `${p.supplierId}/${p.minQuantity}`;
    if (supplierStarts.has(k)) throw appError('BAD_REQUEST', 'article.priceTwice', { quantity: p.minQuantity }, { field: `supplierPrices.${i}.minQuantity` });
    supplierStarts.add(k);
  });
}

async function writeLists(tx: EntityManager, id: string, input: ArticleCreateInput): Promise<void> {
  await tx.execute(`delete from article_units where article_id = ?`, [id]);
  await tx.execute(`delete from article_prices where article_id = ?`, [id]);
  await tx.execute(`delete from article_supplier_prices where article_id = ?`, [id]);
  if (input.units.length) {
    await tx.execute(`insert into article_units (article_id, unit, factor) select ?, t.unit, t.factor from jsonb_to_recordset(?::jsonb) as t(unit text, factor int)`, [id, JSON.stringify(input.units)]);
  }
  if (input.salesPrices.length) {
    await tx.execute(`insert into article_prices (article_id, min_quantity, net_price) select ?, t."minQuantity", t."netPrice" from jsonb_to_recordset(?::jsonb) as t("minQuantity" bigint, "netPrice" numeric)`, [
      id,
      JSON.stringify(input.salesPrices),
    ]);
  }
  for (const [i, p] of input.supplierPrices.entries()) {
    const [supplier] = await tx.execute<Array<{ id: string }>>(`select id from suppliers where id = ?`, [p.supplierId]);
    if (!supplier) throw appError('NOT_FOUND', 'record.notFound', { what: 'Supplier', id: p.supplierId }, { field: `supplierPrices.${i}.supplierId` });
    await tx.execute(`insert into article_supplier_prices (article_id, supplier_id, supplier_article_number, min_quantity, net_price) values (?, ?, ?, ?, ?)`, [id, p.supplierId, p.supplierArticleNumber, p.minQuantity, p.netPrice]);
  }
}

const auditValues = (input: ArticleCreateInput) => ({
  number: input.number,
  name: input.name,
  description: input.description,
  baseUnit: input.baseUnit,
  vatRate: input.vatRate,
  stockKept: input.stockKept,
  reorderPoint: input.reorderPoint,
  reorderQuantity: input.reorderQuantity,
  units: input.units,
  salesPrices: input.salesPrices,
  supplierPrices: input.supplierPrices,
});

async function numberTaken(tx: EntityManager, number: string, exceptId: string | null): Promise<void> {
  const [taken] = await tx.execute<Array<{ id: string }>>(`select id from articles where lower(number) = lower(?) and id is distinct from ?::uuid`, [number, exceptId]);
  if (taken) throw appError('CONFLICT', 'article.numberTaken', { number }, { field: 'number' });
}

export async function createArticle(em: EntityManager, input: ArticleCreateInput): Promise<ArticleDto> {
  checkArticle(input);
  const id = await em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`article:${input.number.toLowerCase()}`]);
    await numberTaken(tx, input.number, null);
    const [row] = await tx.execute<Array<{ id: string }>>(
      `insert into articles (number, name, description, base_unit, vat_rate, stock_kept, reorder_point, reorder_quantity) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [input.number, input.name, input.description, input.baseUnit, input.vatRate, input.stockKept, input.reorderPoint, input.reorderQuantity],
    );
    const articleId = (row as { id: string }).id;
    await writeLists(tx, articleId, input);
    await writeAudit(tx, [{ action: 'create', entity: 'article', entityId: articleId, changes: Object.fromEntries(Object.entries(auditValues(input)).map(([k, v]) => [k, { before: null, after: v }])) }]);
    return articleId;
  });
  return getArticle(em, id);
}

/** Replaces an article's data and lists; refused when someone saved in between (version). */
export async function updateArticle(em: EntityManager, input: ArticleUpdateInput): Promise<ArticleDto> {
  checkArticle(input);
  await em.transactional(async (tx) => {
    const before = await getArticle(tx, input.id);
    const [locked] = await tx.execute<Array<{ version: number; base_unit: string; moved: boolean }>>(
      `select version, base_unit, last_moved_on is not null as moved from articles where id = ? for update`,
      [input.id],
    );
    if (!locked) throw appError('NOT_FOUND', 'record.notFound', { what: 'Article', id: input.id }, { field: 'id' });
    if (input.version !== undefined && input.version !== locked.version) throw appError('CONFLICT', 'record.staleVersion', { what: 'article' }, { field: 'version' });
    if (locked.moved && locked.base_unit !== input.baseUnit) throw appError('CONFLICT', 'article.baseUnitMoved', { number: before.number }, { field: 'baseUnit' });
    if (locked.moved && !input.stockKept) throw appError('CONFLICT', 'article.baseUnitMoved', { number: before.number }, { field: 'stockKept' });
    await numberTaken(tx, input.number, input.id);
    await tx.execute(
      `update articles set number = ?, name = ?, description = ?, base_unit = ?, vat_rate = ?, stock_kept = ?, reorder_point = ?, reorder_quantity = ?, version = version + 1, updated_at = now() where id = ?`,
      [input.number, input.name, input.description, input.baseUnit, input.vatRate, input.stockKept, input.reorderPoint, input.reorderQuantity, input.id],
    );
    // The stock page reads the balance rows alone: they carry the article's number, name and unit.
    await tx.execute(`update stock_balances set article_number = ?, article_name = ?, base_unit = ? where article_id = ? and (article_number, article_name, base_unit) is distinct from (?, ?, ?)`, [
      input.number,
      input.name,
      input.baseUnit,
      input.id,
      input.number,
      input.name,
      input.baseUnit,
    ]);
    await writeLists(tx, input.id, input);
    const was: Record<string, unknown> = { ...before, vatRate: Number(before.vatRate) };
    const changes = Object.fromEntries(
      Object.entries(auditValues(input))
        .filter(([k, v]) => !['units', 'salesPrices', 'supplierPrices'].includes(k) && JSON.stringify(was[k] ?? null) !== JSON.stringify(v ?? null))
        .map(([k, v]) => [k, { before: was[k] ?? null, after: v }]),
    );
    for (const list of ['units', 'salesPrices', 'supplierPrices'] as const) changes[list] = { before: before[list], after: input[list] };
    await writeAudit(tx, [{ action: 'update', entity: 'article', entityId: input.id, changes }]);
  });
  return getArticle(em, input.id);
}
