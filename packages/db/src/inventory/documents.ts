import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { divRound, fromCents, parseScaled } from '@workmate/domain/money';
import { UNIT_LABELS } from '@workmate/domain/inventory-orders';
import { loadSettings } from '../core/settings.ts';
import type { FileStorage } from '../documents/storage.ts';

export type StockDocumentKind = 'orderConfirmation' | 'deliveryNote';

/** What an order confirmation or a delivery note prints (the worker renders it). */
export interface StockDocumentModel {
  kind: StockDocumentKind;
  number: string;
  date: string;
  /** The order a delivery note belongs to. */
  orderNumber: string;
  seller: { name: string; street: string | null; zipCode: string | null; city: string | null; vatId: string | null };
  buyer: { name: string; customerNumber: string; street: string | null; zipCode: string | null; city: string | null };
  lines: Array<{ position: number; description: string; quantity: string; unit: string; unitPrice: string | null; netAmount: string | null; vatRate: string | null }>;
  /** Order confirmations only: net, VAT per rate and gross, in euros. */
  totals: { net: string; vat: Array<{ rate: string; amount: string }>; gross: string } | null;
}

const TABLE: Record<StockDocumentKind, string> = { orderConfirmation: 'sales_orders', deliveryNote: 'delivery_notes' };

export async function loadStockDocument(em: EntityManager, kind: StockDocumentKind, id: string): Promise<StockDocumentModel> {
  const [head] = await em.execute<Array<{ number: string; date: string; order_id: string; order_number: string; customer_id: string }>>(
    kind === 'orderConfirmation'
      ? `select o.number, to_char(o.order_date, 'YYYY-MM-DD') as date, o.id as order_id, o.number as order_number, o.customer_id from sales_orders o where o.id = ?`
      : `select n.number, to_char(n.delivered_on, 'YYYY-MM-DD') as date, o.id as order_id, o.number as order_number, o.customer_id from delivery_notes n join sales_orders o on o.id = n.order_id where n.id = ?`,
    [id],
  );
  if (!head) throw appError('NOT_FOUND', 'record.notFound', { what: kind === 'orderConfirmation' ? 'Order' : 'Delivery note', id }, { field: 'id' });
  const [customer] = await em.execute<Array<{ name: string; customer_number: string; street: string | null; zip_code: string | null; city: string | null }>>(`select name, customer_number, street, zip_code, city from customers where id = ?`, [head.customer_id]);
  const settings = await loadSettings(em);
  const rows = await em.execute<Array<{ position: number; description: string; unit: string; unit_price: string; vat_rate: string; quantity: string }>>(
    kind === 'orderConfirmation'
      ? `select position, description, unit, unit_price::text, vat_rate::int::text as vat_rate, quantity::text from sales_order_lines where order_id = ? order by position`
      : `select l.position, l.description, l.unit, l.unit_price::text, l.vat_rate::int::text as vat_rate, d.quantity::text from delivery_note_lines d join sales_order_lines l on l.id = d.order_line_id where d.delivery_note_id = ? order by l.position`,
    [kind === 'orderConfirmation' ? head.order_id : id],
  );
  const priced = kind === 'orderConfirmation';
  // Net per line to the cent (quantity × price, rounded half away from zero), VAT per rate from the summed nets.
  const lineCents = rows.map((r) => divRound(BigInt(r.quantity) * parseScaled(r.unit_price, 4), 100n));
  const perRate = new Map<string, bigint>();
  rows.forEach((r, i) => perRate.set(r.vat_rate, (perRate.get(r.vat_rate) ?? 0n) + (lineCents[i] ?? 0n)));
  const vat = [...perRate].map(([rate, net]) => ({ rate, amount: divRound(net * BigInt(rate), 100n) }));
  const net = lineCents.reduce((a, b) => a + b, 0n);
  return {
    kind,
    number: head.number,
    date: head.date,
    orderNumber: head.order_number,
    seller: { name: settings.companyName, street: settings.street ?? null, zipCode: settings.zipCode ?? null, city: settings.city ?? null, vatId: settings.vatId ?? null },
    buyer: { name: customer?.name ?? '', customerNumber: customer?.customer_number ?? '', street: customer?.street ?? null, zipCode: customer?.zip_code ?? null, city: customer?.city ?? null },
    lines: rows.map((r, i) => ({
      position: r.position,
      description: r.description,
      quantity: r.quantity,
      unit: UNIT_LABELS[r.unit] ?? r.unit,
      unitPrice: priced ? r.unit_price : null,
      netAmount: priced ? fromCents(lineCents[i] ?? 0n) : null,
      vatRate: priced ? r.vat_rate : null,
    })),
    totals: priced ? { net: fromCents(net), vat: vat.map((v) => ({ rate: v.rate, amount: fromCents(v.amount) })), gross: fromCents(net + vat.reduce((a, v) => a + v.amount, 0n)) } : null,
  };
}

/** Archives the rendered PDF once; a second rendering (a retried job) is thrown away. */
export async function storeStockDocumentPdf(em: EntityManager, storage: FileStorage, kind: StockDocumentKind, id: string, pdf: Buffer): Promise<{ stored: boolean }> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const key = `inventory/${kind}/${id}/${sha256}.pdf`;
  await storage.put(key, pdf);
  const updated = await em.execute<Array<{ id: string }>>(`update ${TABLE[kind]} set pdf_storage_key = ?, pdf_sha256 = ? where id = ? and pdf_storage_key is null returning id`, [key, sha256, id]);
  if (!updated.length) await storage.remove(key).catch(() => undefined);
  return { stored: updated.length > 0 };
}

/** Whether the PDF is archived already (the job then has nothing to do). */
export async function stockDocumentArchived(em: EntityManager, kind: StockDocumentKind, id: string): Promise<boolean> {
  const [row] = await em.execute<Array<{ key: string | null }>>(`select pdf_storage_key as key from ${TABLE[kind]} where id = ?`, [id]);
  return Boolean(row?.key);
}

/** The archived PDF for download (small), or null while the worker has not rendered it yet. */
export async function stockDocumentPdf(em: EntityManager, storage: FileStorage, kind: StockDocumentKind, id: string): Promise<{ fileName: string; sha256: string; base64: string } | null> {
  const [row] = await em.execute<Array<{ number: string; key: string | null; sha256: string | null }>>(`select number, pdf_storage_key as key, pdf_sha256 as sha256 from ${TABLE[kind]} where id = ?`, [id]);
  if (!row) throw appError('NOT_FOUND', 'record.notFound', { what: kind === 'orderConfirmation' ? 'Order' : 'Delivery note', id }, { field: 'id' });
  if (!row.key || !row.sha256) return null;
  const bytes = await storage.get(row.key);
  return { fileName: `${kind === 'orderConfirmation' ? 'Auftragsbestaetigung' : 'Lieferschein'}-${row.number}.pdf`, sha256: row.sha256, base64: bytes.toString('base64') };
}
