import { approveSupplierInvoice, getSupplierInvoice, listSupplierInvoices, rejectSupplierInvoice } from '@workmate/db/purchases/inbox';
import { deleteSupplierPayment, recordSupplierPayment } from '@workmate/db/purchases/supplier-payments';
import { createSupplierContact, deleteSupplierContact, getSupplierWithContacts, listSupplierContacts, updateSupplierContact } from '@workmate/db/suppliers/contacts';
import { IdInput } from '@workmate/domain/schemas/common';
import {
  SupplierContactCreateInput,
  SupplierContactListInput,
  SupplierContactUpdateInput,
  SupplierInvoiceApproveInput,
  SupplierInvoiceListInput,
  SupplierInvoiceRejectInput,
  SupplierPaymentRecordInput,
} from '@workmate/domain/schemas/purchases';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('purchases.read');
const write = permissionProcedure('purchases.write');

/**
 * Received e-invoices (Eingangsrechnungen). Files come in through POST /api/purchases/einvoices
 * (einvoice-http.ts); here the inbox lists them, shows one, and approves (books as expenses) or
 * rejects a draft, and records what was paid on an approved one. Suppliers have a page of their own with their contacts.
 */
export const purchasesRouter = router({
  inbox: router({
    list: read.input(SupplierInvoiceListInput).query(({ ctx, input }) => listSupplierInvoices(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getSupplierInvoice(ctx.em, input.id)),
    approve: write.input(SupplierInvoiceApproveInput).mutation(({ ctx, input }) => approveSupplierInvoice(ctx.em, ctx.user, input)),
    reject: write.input(SupplierInvoiceRejectInput).mutation(({ ctx, input }) => rejectSupplierInvoice(ctx.em, ctx.user, input)),
    /** Paying an approved received invoice (posted: creditor / bank or cash, Skonto received). */
    payments: router({
      record: write.input(SupplierPaymentRecordInput).mutation(({ ctx, input }) => recordSupplierPayment(ctx.em, ctx.user, input)),
      delete: write.input(IdInput).mutation(({ ctx, input }) => deleteSupplierPayment(ctx.em, input.id)),
    }),
  }),
  suppliers: router({
    get: read.input(IdInput).query(({ ctx, input }) => getSupplierWithContacts(ctx.em, input.id)),
    contacts: router({
      list: read.input(SupplierContactListInput).query(({ ctx, input }) => listSupplierContacts(ctx.em, input.supplierId)),
      create: write.input(SupplierContactCreateInput).mutation(({ ctx, input }) => createSupplierContact(ctx.em, input)),
      update: write.input(SupplierContactUpdateInput).mutation(({ ctx, input }) => updateSupplierContact(ctx.em, input)),
      delete: write.input(IdInput).mutation(async ({ ctx, input }) => {
        await deleteSupplierContact(ctx.em, input.id);
        return { ok: true };
      }),
    }),
  }),
});
