import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { SalesOrderListInput } from '@workmate/domain/inventory-orders';
import type { PageResult } from '@workmate/domain/schemas/common';

export interface SalesOrderListItem {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  orderDate: string;
  ordered: string;
  delivered: string;
  invoiced: string;
}
export interface SalesOrderDto extends SalesOrderListItem {
  locationId: string;
  locationCode: string;
  sourceQuoteId: string | null;
  lines: Array<{ id: string; position: number; articleId: string; description: string; unit: string; unitPrice: string; vatRate: string; quantity: string; reserved: string; delivered: string; invoiced: string }>;
  deliveries: Array<{ id: string; number: string; deliveredOn: string; lines: Array<{ orderLineId: string; quantity: string }> }>;
  invoiceIds: string[];
}

const HEAD = `select o.id, o.number, o.customer_id, c.name as customer_name, to_char(o.order_date, 'YYYY-MM-DD') as order_date,
  (select coalesce(sum(quantity), 0)::text from sales_order_lines where order_id = o.id) as ordered,
  (select coalesce(sum(delivered), 0)::text from sales_order_lines where order_id = o.id) as delivered,
  (select coalesce(sum(invoiced), 0)::text from sales_order_lines where order_id = o.id) as invoiced,
  o.location_id, l.code as location_code, o.source_quote_id
  from sales_orders o join customers c on c.id = o.customer_id join stock_locations l on l.id = o.location_id`;
type HeadRow = { id: string; number: string; customer_id: string; customer_name: string; order_date: string; ordered: string; delivered: string; invoiced: string; location_id: string; location_code: string; source_quote_id: string | null };
const toItem = (r: HeadRow): SalesOrderListItem => ({ id: r.id, number: r.number, customerId: r.customer_id, customerName: r.customer_name, orderDate: r.order_date, ordered: r.ordered, delivered: r.delivered, invoiced: r.invoiced });

export async function listSalesOrders(em: EntityManager, input: SalesOrderListInput): Promise<PageResult<SalesOrderListItem>> {
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*)::text as n from sales_orders`);
  const rows = await em.execute<HeadRow[]>(`${HEAD} order by o.created_at desc, o.number desc limit ? offset ?`, [input.pageSize, (input.page - 1) * input.pageSize]);
  return { items: rows.map(toItem), total: Number(count?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function getSalesOrder(em: EntityManager, id: string): Promise<SalesOrderDto> {
  const [head] = await em.execute<HeadRow[]>(`${HEAD} where o.id = ?`, [id]);
  if (!head) throw appError('NOT_FOUND', 'record.notFound', { what: 'Order', id }, { field: 'id' });
  const lines = await em.execute<Array<{ id: string; position: number; article_id: string; description: string; unit: string; unit_price: string; vat_rate: string; quantity: string; reserved: string; delivered: string; invoiced: string }>>(
    `select id, position, article_id, description, unit, unit_price::text, vat_rate::int::text as vat_rate, quantity::text, reserved::text, delivered::text, invoiced::text from sales_order_lines where order_id = ? order by position`,
    [id],
  );
  const notes = await em.execute<Array<{ id: string; number: string; delivered_on: string; lines: Array<{ orderLineId: string; quantity: string }> }>>(
    `select n.id, n.number, to_char(n.delivered_on, 'YYYY-MM-DD') as delivered_on,
       (select coalesce(jsonb_agg(jsonb_build_object('orderLineId', order_line_id, 'quantity', quantity::text)), '[]') from delivery_note_lines where delivery_note_id = n.id) as lines
     from delivery_notes n where n.order_id = ? order by n.number`,
    [id],
  );
  const invoices = await em.execute<Array<{ invoice_id: string }>>(`select distinct i.invoice_id from sales_order_invoice_lines i join sales_order_lines l on l.id = i.order_line_id where l.order_id = ?`, [id]);
  return {
    ...toItem(head),
    locationId: head.location_id,
    locationCode: head.location_code,
    sourceQuoteId: head.source_quote_id,
    lines: lines.map((l) => ({ id: l.id, position: l.position, articleId: l.article_id, description: l.description, unit: l.unit, unitPrice: l.unit_price, vatRate: l.vat_rate, quantity: l.quantity, reserved: l.reserved, delivered: l.delivered, invoiced: l.invoiced })),
    deliveries: notes.map((n) => ({ id: n.id, number: n.number, deliveredOn: n.delivered_on, lines: n.lines })),
    invoiceIds: invoices.map((i) => i.invoice_id),
  };
}
