import { createPurchaseOrder, getPurchaseOrder, linkSupplierInvoice, listPurchaseOrders, receiveGoods } from '@workmate/db/inventory/purchasing';
import { GoodsReceiptInput, PurchaseInvoiceLinkInput, PurchaseOrderCreateInput, PurchaseOrderListInput } from '@workmate/domain/inventory-purchasing';
import { IdInput } from '@workmate/domain/schemas/common';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('orders.read');
const write = permissionProcedure('orders.write');

/** Purchase orders, goods receipts (with the quality check) and the link to the supplier's invoice. */
export const purchasingRouter = router({
  list: read.input(PurchaseOrderListInput).query(({ ctx, input }) => listPurchaseOrders(ctx.em, input)),
  get: read.input(IdInput).query(({ ctx, input }) => getPurchaseOrder(ctx.em, input.id)),
  create: write.input(PurchaseOrderCreateInput).mutation(({ ctx, input }) => createPurchaseOrder(ctx.em, input)),
  receive: write.input(GoodsReceiptInput).mutation(({ ctx, input }) => receiveGoods(ctx.em, input)),
  linkInvoice: write.input(PurchaseInvoiceLinkInput).mutation(({ ctx, input }) => linkSupplierInvoice(ctx.em, input)),
});
