import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { GoodsReceiptInput, PurchaseInvoiceLinkInput, PurchaseOrderCreateInput, PurchaseOrderListInput } from '@workmate/domain/inventory-purchasing';
import type { PageResult } from '@workmate/domain/schemas/common';
import { currentActor } from '../shared/actor.ts';
import { nextNumber } from '../shared/numbering.ts';
import { created, writeAudit } from '../audit/write.ts';
import { postMoves, type MoveRequest } from './ledger.ts';
import { virtualLocationId } from './locations.ts';

export interface PurchaseOrderDto {
  id: string;
  number: string;
  supplierId: string;
  supplierName: string;
  locationId: string;
  orderDate: string;
  lines: Array<{ id: string; position: number; articleId: string; articleNumber: string; articleName: string; unitPrice: string; quantity: string; received: string; rejected: string; invoiced: string }>;
  receipts: Array<{ id: string; number: string; receivedOn: string }>;
}

const HEAD = `select o.id, o.number, o.supplier_id, s.name as supplier_name, o.location_id, to_char(o.order_date, 'YYYY-MM-DD') as order_date from purchase_orders o join suppliers s on s.id = o.supplier_id`;
type HeadRow = { id: string; number: string; supplier_id: string; supplier_name: string; location_id: string; order_date: string };

export async function listPurchaseOrders(em: EntityManager, input: PurchaseOrderListInput): Promise<PageResult<Omit<PurchaseOrderDto, 'lines' | 'receipts'>>> {
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*)::text as n from purchase_orders`);
  const rows = await em.execute<HeadRow[]>(`${HEAD} order by o.created_at desc, o.number desc limit ? offset ?`, [input.pageSize, (input.page - 1) * input.pageSize]);
  return { items: rows.map((r) => ({ id: r.id, number: r.number, supplierId: r.supplier_id, supplierName: r.supplier_name, locationId: r.location_id, orderDate: r.order_date })), total: Number(count?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function getPurchaseOrder(em: EntityManager, id: string): Promise<PurchaseOrderDto> {
  const [r] = await em.execute<HeadRow[]>(`${HEAD} where o.id = ?`, [id]);
  if (!r) throw appError('NOT_FOUND', 'record.notFound', { what: 'Purchase order', id }, { field: 'id' });
  const lines = await em.execute<Array<{ id: string; position: number; article_id: string; number: string; name: string; unit_price: string; quantity: string; received: string; rejected: string; invoiced: string }>>(
    `select l.id, l.position, l.article_id, a.number, a.name, l.unit_price::text, l.quantity::text, l.received::text, l.rejected::text, l.invoiced::text
     from purchase_order_lines l join articles a on a.id = l.article_id where l.order_id = ? order by l.position`,
    [id],
  );
  const receipts = await em.execute<Array<{ id: string; number: string; received_on: string }>>(`select id, number, to_char(received_on, 'YYYY-MM-DD') as received_on from goods_receipts where order_id = ? order by number`, [id]);
  return {
    id: r.id,
    number: r.number,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    locationId: r.location_id,
    orderDate: r.order_date,
    lines: lines.map((l) => ({ id: l.id, position: l.position, articleId: l.article_id, articleNumber: l.number, articleName: l.name, unitPrice: l.unit_price, quantity: l.quantity, received: l.received, rejected: l.rejected, invoiced: l.invoiced })),
    receipts: receipts.map((x) => ({ id: x.id, number: x.number, receivedOn: x.received_on })),
  };
}

/** A purchase order (BE-{YYYY}-{NNNN}), priced from the supplier's prices where none is given. */
export async function createPurchaseOrder(em: EntityManager, input: PurchaseOrderCreateInput): Promise<PurchaseOrderDto> {
  const id = await em.transactional(async (tx) => {
    const [supplier] = await tx.execute<Array<{ id: string }>>(`select id from suppliers where id = ?`, [input.supplierId]);
    if (!supplier) throw appError('NOT_FOUND', 'record.notFound', { what: 'Supplier', id: input.supplierId }, { field: 'supplierId' });
    const [location] = await tx.execute<Array<{ virtual: boolean }>>(`select virtual from stock_locations where id = ?`, [input.locationId]);
    if (!location) throw appError('NOT_FOUND', 'record.notFound', { what: 'Location', id: input.locationId }, { field: 'locationId' });
    if (location.virtual) throw appError('BAD_REQUEST', 'location.notReal', {}, { field: 'locationId' });
    const priced = [];
    for (const [i, line] of input.lines.entries()) {
      const [article] = await tx.execute<Array<{ stock_kept: boolean; number: string }>>(`select stock_kept, number from articles where id = ?`, [line.articleId]);
      if (!article) throw appError('NOT_FOUND', 'record.notFound', { what: 'Article', id: line.articleId }, { field: `lines.${i}.articleId` });
      if (!article.stock_kept) throw appError('BAD_REQUEST', 'article.serviceNoStock', { number: article.number }, { field: `lines.${i}.articleId` });
      const [price] = line.unitPrice
        ? [{ net_price: line.unitPrice }]
        : await tx.execute<Array<{ net_price: string }>>(`select net_price::text from article_supplier_prices where article_id = ? and supplier_id = ? and min_quantity <= ? order by min_quantity desc limit 1`, [line.articleId, input.supplierId, line.quantity]);
      if (!price) throw appError('BAD_REQUEST', 'purchase.noPrice', {}, { field: `lines.${i}.unitPrice` });
      priced.push({ ...line, unitPrice: price.net_price });
    }
    const number = await nextNumber(tx, 'purchaseOrder', 'BE-{YYYY}-{NNNN}');
    const [row] = await tx.execute<Array<{ id: string }>>(`insert into purchase_orders (number, supplier_id, location_id, order_date, created_by) values (?, ?, ?, ?, (select id from employees where id = ?::uuid)) returning id`, [
      number,
      input.supplierId,
      input.locationId,
      input.orderDate,
      currentActor().id,
    ]);
    const orderId = (row as { id: string }).id;
    for (const [i, l] of priced.entries()) {
      await tx.execute(`insert into purchase_order_lines (order_id, position, article_id, unit_price, quantity) values (?, ?, ?, ?, ?)`, [orderId, i + 1, l.articleId, l.unitPrice, l.quantity]);
    }
    await writeAudit(tx, [{ action: 'create', entity: 'purchaseOrder', entityId: orderId, changes: created({ number, supplierId: input.supplierId, locationId: input.locationId, orderDate: input.orderDate, lines: priced }) }]);
    return orderId;
  });
  return getPurchaseOrder(em, id);
}

type LockedLine = { id: string; position: number; article_id: string; unit_price: string; quantity: string; received: string; invoiced: string };
async function lockOrder(tx: EntityManager, orderId: string): Promise<{ order: { supplier_id: string; location_id: string }; lines: LockedLine[] }> {
  const [order] = await tx.execute<Array<{ supplier_id: string; location_id: string }>>(`select supplier_id, location_id from purchase_orders where id = ? for update`, [orderId]);
  if (!order) throw appError('NOT_FOUND', 'record.notFound', { what: 'Purchase order', id: orderId }, { field: 'orderId' });
  const lines = await tx.execute<LockedLine[]>(`select id, position, article_id, unit_price::text, quantity::text, received::text, invoiced::text from purchase_order_lines where order_id = ?`, [orderId]);
  return { order, lines };
}

function lineOf(lines: LockedLine[], seen: Set<string>, orderLineId: string, i: number): LockedLine {
  const line = lines.find((l) => l.id === orderLineId);
  if (!line) throw appError('BAD_REQUEST', 'field.notALine', {}, { field: `lines.${i}.orderLineId` });
  if (seen.has(line.id)) throw appError('BAD_REQUEST', 'field.appearsTwice', {}, { field: `lines.${i}.orderLineId` });
  seen.add(line.id);
  return line;
}

/**
 * A goods receipt (WE-{YYYY}-{NNNN}), partial or complete: what passes the quality check is
 * received into the order's location, what is rejected into the blocked location, both at the
 * order's price (so both count in the moving average until the rejected goods go back).
 */
export async function receiveGoods(em: EntityManager, input: GoodsReceiptInput): Promise<PurchaseOrderDto> {
  await em.transactional(async (tx) => {
    const { order, lines } = await lockOrder(tx, input.orderId);
    const [supplierLocation, blocked] = [await virtualLocationId(tx, 'supplier'), await virtualLocationId(tx, 'blocked')];
    const seen = new Set<string>();
    const moves: Array<Omit<MoveRequest, 'movedOn' | 'sourceType'>> = [];
    for (const [i, wanted] of input.lines.entries()) {
      const line = lineOf(lines, seen, wanted.orderLineId, i);
      const open = BigInt(line.quantity) - BigInt(line.received);
      if (BigInt(wanted.quantity) > open) throw appError('CONFLICT', 'purchase.overReceipt', { open: String(open), position: line.position, requested: wanted.quantity }, { field: `lines.${i}.quantity` });
      if (wanted.rejected > wanted.quantity) throw appError('BAD_REQUEST', 'purchase.rejectedExceeds', {}, { field: `lines.${i}.rejected` });
      const accepted = wanted.quantity - wanted.rejected;
      if (accepted) moves.push({ articleId: line.article_id, fromLocationId: supplierLocation, toLocationId: order.location_id, quantity: accepted, unitCost: line.unit_price, fieldPrefix: `lines.${i}` });
      if (wanted.rejected) moves.push({ articleId: line.article_id, fromLocationId: supplierLocation, toLocationId: blocked, quantity: wanted.rejected, unitCost: line.unit_price, fieldPrefix: `lines.${i}` });
      await tx.execute(`update purchase_order_lines set received = received + ?, rejected = rejected + ? where id = ?`, [wanted.quantity, wanted.rejected, line.id]);
    }
    const number = await nextNumber(tx, 'goodsReceipt', 'WE-{YYYY}-{NNNN}');
    const [row] = await tx.execute<Array<{ id: string }>>(`insert into goods_receipts (number, order_id, received_on, created_by) values (?, ?, ?, (select id from employees where id = ?::uuid)) returning id`, [
      number,
      input.orderId,
      input.receivedOn,
      currentActor().id,
    ]);
    const receiptId = (row as { id: string }).id;
    await tx.execute(`insert into goods_receipt_lines (receipt_id, order_line_id, quantity, rejected) select ?, t."orderLineId", t.quantity, t.rejected from jsonb_to_recordset(?::jsonb) as t("orderLineId" uuid, quantity bigint, rejected bigint)`, [receiptId, JSON.stringify(input.lines)]);
    await postMoves(tx, moves.map((m) => ({ ...m, movedOn: input.receivedOn, sourceType: m.toLocationId === blocked ? ('quality' as const) : ('receipt' as const), sourceId: receiptId, note: number })));
    await writeAudit(tx, [{ action: 'create', entity: 'goodsReceipt', entityId: receiptId, changes: created({ number, orderId: input.orderId, receivedOn: input.receivedOn, lines: input.lines }) }]);
  });
  return getPurchaseOrder(em, input.orderId);
}

/** Links received quantities to the supplier's invoice (from the e-invoice inbox): invoiced ≤ received. */
export async function linkSupplierInvoice(em: EntityManager, input: PurchaseInvoiceLinkInput): Promise<PurchaseOrderDto> {
  await em.transactional(async (tx) => {
    const { order, lines } = await lockOrder(tx, input.orderId);
    const [invoice] = await tx.execute<Array<{ supplier_id: string }>>(`select supplier_id from supplier_invoices where id = ?`, [input.supplierInvoiceId]);
    if (!invoice) throw appError('NOT_FOUND', 'record.notFound', { what: 'Supplier invoice', id: input.supplierInvoiceId }, { field: 'supplierInvoiceId' });
    if (invoice.supplier_id !== order.supplier_id) throw appError('BAD_REQUEST', 'purchase.otherSupplier', {}, { field: 'supplierInvoiceId' });
    const seen = new Set<string>();
    for (const [i, wanted] of input.lines.entries()) {
      const line = lineOf(lines, seen, wanted.orderLineId, i);
      const open = BigInt(line.received) - BigInt(line.invoiced);
      if (BigInt(wanted.quantity) > open) throw appError('CONFLICT', 'purchase.overInvoiced', { open: String(open), position: line.position, requested: wanted.quantity }, { field: `lines.${i}.quantity` });
      await tx.execute(`update purchase_order_lines set invoiced = invoiced + ? where id = ?`, [wanted.quantity, line.id]);
      await tx.execute(
        `insert into purchase_invoice_lines (supplier_invoice_id, order_line_id, quantity) values (?, ?, ?) on conflict (supplier_invoice_id, order_line_id) do update set quantity = purchase_invoice_lines.quantity + excluded.quantity`,
        [input.supplierInvoiceId, line.id, wanted.quantity],
      );
    }
    await writeAudit(tx, [{ action: 'update', entity: 'purchaseOrder', entityId: input.orderId, changes: { invoiced: { before: null, after: { supplierInvoiceId: input.supplierInvoiceId, lines: input.lines } } } }]);
  });
  return getPurchaseOrder(em, input.orderId);
}
