import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { DeliveryCreateInput, SalesOrderCreateInput } from '@workmate/domain/inventory-orders';
import { UNIT_LABELS } from '@workmate/domain/inventory-orders';
import { InvoiceCreateInput } from '@workmate/domain/schemas/invoices';
import { createInvoice } from '../invoices/drafts.ts';
import { can, currentActor, type Actor } from '../shared/actor.ts';
import { JOBS } from '@workmate/domain/jobs';
import { enqueue } from '../outbox/outbox.ts';
import { nextNumber } from '../shared/numbering.ts';
import { created, writeAudit } from '../audit/write.ts';
import { postMoves, reserveStock } from './ledger.ts';
import { virtualLocationId } from './locations.ts';
import { getSalesOrder, type SalesOrderDto } from './order-queries.ts';


/** The best list price of an article for a quantity: the entry with the highest minimum quantity reached. */
async function listPrice(tx: EntityManager, articleId: string, quantity: number): Promise<string> {
  const [row] = await tx.execute<Array<{ net_price: string }>>(`select net_price::text from article_prices where article_id = ? and min_quantity <= ? order by min_quantity desc limit 1`, [articleId, quantity]);
  return row?.net_price ?? '0.0000';
}

/**
 * Confirms an order (Auftragsbestätigung): numbers it AB-{YYYY}-{NNNN}, takes prices, units and
 * VAT from the articles, and reserves what is available at the shipping location (the rest stays
 * unreserved and is delivered once stock arrives).
 */
export async function createSalesOrder(em: EntityManager, input: SalesOrderCreateInput): Promise<SalesOrderDto> {
  const id = await em.transactional(async (tx) => {
    const [customer] = await tx.execute<Array<{ id: string }>>(`select id from customers where id = ? and deleted_at is null`, [input.customerId]);
    if (!customer) throw appError('NOT_FOUND', 'record.notFound', { what: 'Customer', id: input.customerId }, { field: 'customerId' });
    const [location] = await tx.execute<Array<{ virtual: boolean }>>(`select virtual from stock_locations where id = ?`, [input.locationId]);
    if (!location) throw appError('NOT_FOUND', 'record.notFound', { what: 'Location', id: input.locationId }, { field: 'locationId' });
    if (location.virtual) throw appError('BAD_REQUEST', 'location.notReal', {}, { field: 'locationId' });
    let wanted: Array<{ articleId: string; quantity: number; unitPrice?: string | undefined }> = input.lines;
    if (input.sourceQuoteId) {
      const [quote] = await tx.execute<Array<{ id: string }>>(`select id from invoices where id = ? and type = 'quote' and customer_id = ?`, [input.sourceQuoteId, input.customerId]);
      if (!quote) throw appError('BAD_REQUEST', 'sales.notAQuote', {}, { field: 'sourceQuoteId' });
      if (!wanted.length) {
        const fromQuote = await tx.execute<Array<{ article_id: string; quantity: string; unit_price: string }>>(
          `select article_id, quantity::bigint::text as quantity, unit_price::text from invoice_lines where invoice_id = ? and article_id is not null and quantity = trunc(quantity) and quantity > 0 and unit_price >= 0 order by position`,
          [input.sourceQuoteId],
        );
        wanted = fromQuote.map((l) => ({ articleId: l.article_id, quantity: Number(l.quantity), unitPrice: l.unit_price }));
        if (!wanted.length) throw appError('BAD_REQUEST', 'sales.quoteWithoutArticles', {}, { field: 'sourceQuoteId' });
      }
    }
    if (!wanted.length) throw appError('BAD_REQUEST', 'field.selectEntry', {}, { field: 'lines' });
    const lines = [];
    for (const [i, line] of wanted.entries()) {
      const [article] = await tx.execute<Array<{ id: string; number: string; name: string; base_unit: string; vat_rate: string; stock_kept: boolean }>>(
        `select id, number, name, base_unit, vat_rate::int::text as vat_rate, stock_kept from articles where id = ?`,
        [line.articleId],
      );
      if (!article) throw appError('NOT_FOUND', 'record.notFound', { what: 'Article', id: line.articleId }, { field: `lines.${i}.articleId` });
      lines.push({ ...line, article, unitPrice: line.unitPrice ?? (await listPrice(tx, article.id, line.quantity)) });
    }
    const number = await nextNumber(tx, 'salesOrder', 'AB-{YYYY}-{NNNN}');
    const [order] = await tx.execute<Array<{ id: string }>>(
      `insert into sales_orders (number, customer_id, location_id, source_quote_id, order_date, created_by) values (?, ?, ?, ?, ?, (select id from employees where id = ?::uuid)) returning id`,
      [number, input.customerId, input.locationId, input.sourceQuoteId, input.orderDate, currentActor().id],
    );
    const orderId = (order as { id: string }).id;
    const stocked = lines.filter((l) => l.article.stock_kept);
    const reserved = await reserveStock(tx, stocked.map((l) => ({ articleId: l.articleId, locationId: input.locationId, quantity: l.quantity })));
    for (const [i, l] of lines.entries()) {
      const r = l.article.stock_kept ? (reserved[stocked.indexOf(l)] ?? 0) : 0;
      await tx.execute(
        `insert into sales_order_lines (order_id, position, article_id, description, unit, unit_price, vat_rate, quantity, reserved) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [orderId, i + 1, l.articleId, `${l.article.number} ${l.article.name}`, l.article.base_unit, l.unitPrice, l.article.vat_rate, l.quantity, r],
      );
    }
    enqueue(tx, JOBS.renderStockDocumentPdf, { kind: 'orderConfirmation', id: orderId });
    await writeAudit(tx, [{ action: 'create', entity: 'salesOrder', entityId: orderId, changes: created({ number, customerId: input.customerId, locationId: input.locationId, orderDate: input.orderDate, lines: lines.map((l) => ({ articleId: l.articleId, quantity: l.quantity, unitPrice: l.unitPrice })) }) }]);
    return orderId;
  });
  return getSalesOrder(em, id);
}

/**
 * A delivery note (LS-{YYYY}-{NNNN}) for part or all of an order: the order row is locked, so
 * concurrent partial deliveries queue and never deliver more than ordered; the goods move from
 * the shipping location to the customer location, consuming the line's reservation first.
 */
export async function createDelivery(em: EntityManager, input: DeliveryCreateInput): Promise<SalesOrderDto> {
  await em.transactional(async (tx) => {
    const [order] = await tx.execute<Array<{ id: string; location_id: string }>>(`select id, location_id from sales_orders where id = ? for update`, [input.orderId]);
    if (!order) throw appError('NOT_FOUND', 'record.notFound', { what: 'Order', id: input.orderId }, { field: 'orderId' });
    const lines = await tx.execute<Array<{ id: string; position: number; article_id: string; quantity: string; delivered: string; reserved: string; stock_kept: boolean }>>(
      `select l.id, l.position, l.article_id, l.quantity::text, l.delivered::text, l.reserved::text, a.stock_kept from sales_order_lines l join articles a on a.id = l.article_id where l.order_id = ?`,
      [input.orderId],
    );
    const seen = new Set<string>();
    const customer = await virtualLocationId(tx, 'customer');
    const moves = [];
    for (const [i, wanted] of input.lines.entries()) {
      const line = lines.find((l) => l.id === wanted.orderLineId);
      if (!line) throw appError('BAD_REQUEST', 'field.notALine', {}, { field: `lines.${i}.orderLineId` });
      if (seen.has(line.id)) throw appError('BAD_REQUEST', 'field.appearsTwice', {}, { field: `lines.${i}.orderLineId` });
      seen.add(line.id);
      const open = BigInt(line.quantity) - BigInt(line.delivered);
      if (BigInt(wanted.quantity) > open) throw appError('CONFLICT', 'sales.overDelivery', { open: String(open), position: line.position, requested: wanted.quantity }, { field: `lines.${i}.quantity` });
      const release = Math.min(Number(line.reserved), wanted.quantity);
      if (line.stock_kept) moves.push({ articleId: line.article_id, fromLocationId: order.location_id, toLocationId: customer, quantity: wanted.quantity, releaseReserved: release, fieldPrefix: `lines.${i}` });
      await tx.execute(`update sales_order_lines set delivered = delivered + ?, reserved = reserved - ? where id = ?`, [wanted.quantity, line.stock_kept ? release : 0, line.id]);
    }
    const number = await nextNumber(tx, 'deliveryNote', 'LS-{YYYY}-{NNNN}');
    const [note] = await tx.execute<Array<{ id: string }>>(`insert into delivery_notes (number, order_id, delivered_on, created_by) values (?, ?, ?, (select id from employees where id = ?::uuid)) returning id`, [
      number,
      input.orderId,
      input.deliveredOn,
      currentActor().id,
    ]);
    const noteId = (note as { id: string }).id;
    await tx.execute(`insert into delivery_note_lines (delivery_note_id, order_line_id, quantity) select ?, t."orderLineId", t.quantity from jsonb_to_recordset(?::jsonb) as t("orderLineId" uuid, quantity bigint)`, [noteId, JSON.stringify(input.lines)]);
    await postMoves(tx, moves.map((m) => ({ ...m, movedOn: input.deliveredOn, sourceType: 'delivery' as const, sourceId: noteId, note: number })));
    enqueue(tx, JOBS.renderStockDocumentPdf, { kind: 'deliveryNote', id: noteId });
    await writeAudit(tx, [{ action: 'create', entity: 'deliveryNote', entityId: noteId, changes: created({ number, orderId: input.orderId, deliveredOn: input.deliveredOn, lines: input.lines }) }]);
  });
  return getSalesOrder(em, input.orderId);
}

/** An invoice draft of everything delivered and not yet invoiced (per line: invoiced ≤ delivered). */
export async function invoiceSalesOrder(em: EntityManager, actor: Actor, orderId: string): Promise<{ invoiceId: string; order: SalesOrderDto }> {
  if (!can(actor, 'invoices.write')) throw appError('FORBIDDEN', 'auth.permissionMissing', { permission: 'invoices.write' });
  const invoiceId = await em.transactional(async (tx) => {
    const [order] = await tx.execute<Array<{ number: string; customer_id: string; last: string | null }>>(
      `select o.number, o.customer_id, (select to_char(max(delivered_on), 'YYYY-MM-DD') from delivery_notes where order_id = o.id) as last from sales_orders o where o.id = ? for update`,
      [orderId],
    );
    if (!order) throw appError('NOT_FOUND', 'record.notFound', { what: 'Order', id: orderId }, { field: 'id' });
    const lines = await tx.execute<Array<{ id: string; description: string; unit: string; unit_price: string; vat_rate: string; open: string }>>(
      `select id, description, unit, unit_price::text, vat_rate::int::text as vat_rate, (delivered - invoiced)::text as open from sales_order_lines where order_id = ? and delivered > invoiced order by position`,
      [orderId],
    );
    if (!lines.length) throw appError('CONFLICT', 'sales.nothingToInvoice', { number: order.number }, { field: 'id' });
    const draft = InvoiceCreateInput.parse({
      customerId: order.customer_id,
      serviceDate: order.last,
      introText: `Auftrag ${order.number}`,
      lines: lines.map((l) => ({ description: l.description, quantity: l.open, unit: UNIT_LABELS[l.unit] ?? l.unit, unitPrice: l.unit_price, taxRate: Number(l.vat_rate) })),
    });
    const invoice = await createInvoice(tx, actor, draft);
    for (const l of lines) {
      await tx.execute(`update sales_order_lines set invoiced = invoiced + ? where id = ?`, [l.open, l.id]);
      await tx.execute(`insert into sales_order_invoice_lines (invoice_id, order_line_id, quantity) values (?, ?, ?)`, [invoice.id, l.id, l.open]);
    }
    await writeAudit(tx, [{ action: 'update', entity: 'salesOrder', entityId: orderId, changes: { invoiced: { before: null, after: { invoiceId: invoice.id, lines: lines.map((l) => ({ id: l.id, quantity: l.open })) } } } }]);
    return invoice.id;
  });
  return { invoiceId, order: await getSalesOrder(em, orderId) };
}

/**
 * Tops up an order's reservations to what is still to deliver, as far as stock is available now
 * (`release`: frees them all instead, e.g. when the customer no longer wants the rest).
 */
export async function changeOrderReservations(em: EntityManager, orderId: string, mode: 'reserve' | 'release'): Promise<SalesOrderDto> {
  await em.transactional(async (tx) => {
    const [order] = await tx.execute<Array<{ location_id: string }>>(`select location_id from sales_orders where id = ? for update`, [orderId]);
    if (!order) throw appError('NOT_FOUND', 'record.notFound', { what: 'Order', id: orderId }, { field: 'id' });
    const lines = await tx.execute<Array<{ id: string; article_id: string; wanted: string; reserved: string }>>(
      `select l.id, l.article_id, (l.quantity - l.delivered - l.reserved)::text as wanted, l.reserved::text from sales_order_lines l join articles a on a.id = l.article_id
       where l.order_id = ? and a.stock_kept order by l.position`,
      [orderId],
    );
    const items = lines.map((l) => ({ articleId: l.article_id, locationId: order.location_id, quantity: mode === 'reserve' ? Number(l.wanted) : -Number(l.reserved) })).filter((i) => i.quantity !== 0);
    const changed = await reserveStock(tx, items);
    const touched = lines.filter((l) => (mode === 'reserve' ? Number(l.wanted) : -Number(l.reserved)) !== 0);
    for (const [i, l] of touched.entries()) await tx.execute(`update sales_order_lines set reserved = reserved + ? where id = ?`, [changed[i] ?? 0, l.id]);
    await writeAudit(tx, [{ action: 'update', entity: 'salesOrder', entityId: orderId, changes: { reserved: { before: null, after: touched.map((l, i) => ({ lineId: l.id, change: changed[i] ?? 0 })) } } }]);
  });
  return getSalesOrder(em, orderId);
}
