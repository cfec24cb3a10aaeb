import { getSalesOrder, listSalesOrders } from '@workmate/db/inventory/order-queries';
import { stockDocumentPdf } from '@workmate/db/inventory/documents';
import { changeOrderReservations, createDelivery, createSalesOrder, invoiceSalesOrder } from '@workmate/db/inventory/orders';
import { DeliveryCreateInput, SalesOrderCreateInput, SalesOrderListInput } from '@workmate/domain/inventory-orders';
import { IdInput } from '@workmate/domain/schemas/common';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('orders.read');
const write = permissionProcedure('orders.write');

/** Sales orders: confirmation (reserves stock), partial delivery notes, invoice drafts from deliveries. */
export const ordersRouter = router({
  list: read.input(SalesOrderListInput).query(({ ctx, input }) => listSalesOrders(ctx.em, input)),
  get: read.input(IdInput).query(({ ctx, input }) => getSalesOrder(ctx.em, input.id)),
  create: write.input(SalesOrderCreateInput).mutation(({ ctx, input }) => createSalesOrder(ctx.em, input)),
  /** The order confirmation's PDF (base64), or null while the worker has not rendered it yet. */
  pdf: read.input(IdInput).query(({ ctx, input }) => stockDocumentPdf(ctx.em, ctx.deps.storage, 'orderConfirmation', input.id)),
  /** A delivery note's PDF (by the delivery note's id), or null while it is being rendered. */
  deliveryPdf: read.input(IdInput).query(({ ctx, input }) => stockDocumentPdf(ctx.em, ctx.deps.storage, 'deliveryNote', input.id)),
  /** Reserves what is still to deliver as far as stock is available now (after goods arrived). */
  reserve: write.input(IdInput).mutation(({ ctx, input }) => changeOrderReservations(ctx.em, input.id, 'reserve')),
  /** Frees the order's reservations (the rest will not be delivered soon). */
  release: write.input(IdInput).mutation(({ ctx, input }) => changeOrderReservations(ctx.em, input.id, 'release')),
  deliver: write.input(DeliveryCreateInput).mutation(({ ctx, input }) => createDelivery(ctx.em, input)),
  /** Needs invoices.write besides: it makes an invoice draft. */
  invoice: write.input(IdInput).mutation(({ ctx, input }) => invoiceSalesOrder(ctx.em, ctx.user, input.id)),
});
