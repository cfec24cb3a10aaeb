import { confirmBankEntry, confirmBankEntryAsSupplierPayment, ignoreBankEntry, reopenBankEntry } from '@workmate/db/banking/decide';
import { getBankEntry, listBankEntries, listBankStatements } from '@workmate/db/banking/entries';
import { decodeBase64, importBankStatement } from '@workmate/db/banking/import';
import { hasPermission } from '@workmate/domain/permissions';
import { IdInput } from '@workmate/domain/schemas/common';
import { BankEntryConfirmInput, BankEntryDecideInput, BankEntryListInput, BankEntrySupplierConfirmInput, BankStatementImportInput, BankStatementListInput } from '@workmate/domain/schemas/banking';
import { lacksPermission, permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('banking.read');
const write = permissionProcedure('banking.write');

/**
 * Bank statements (Kontoauszüge). A CAMT.053 (.02/.08) or MT940 file comes in as base64 through
 * `statements.import` (at most 720 KB, under 1 MB as base64), or up to 10 MB through
 * POST /api/banking/statements (statement-upload-http.ts, used by the web page); the open credits
 * are listed with the invoices they probably pay, and a person confirms one (a payment), picks
 * another invoice, or ignores the entry. Debits are proposed against overpaid invoices (a refund)
 * and approved received invoices (a supplier payment).
 */
export const bankingRouter = router({
  statements: router({
    list: read.input(BankStatementListInput).query(({ ctx, input }) => listBankStatements(ctx.em, input)),
    import: write.input(BankStatementImportInput).mutation(({ ctx, input }) => importBankStatement(ctx.em, ctx.user, { fileName: input.fileName, bytes: decodeBase64(input.contentBase64) })),
  }),
  entries: router({
    list: read.input(BankEntryListInput).query(({ ctx, input }) => listBankEntries(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getBankEntry(ctx.em, input.id)),
    /** Confirming records a payment (a credit) or a refund (a debit): it also takes the right to record them. */
    confirm: write.input(BankEntryConfirmInput).mutation(({ ctx, input }) => {
      if (!hasPermission(ctx.user.permissions, 'invoices.payments')) throw lacksPermission('invoices.payments');
      return confirmBankEntry(ctx.em, ctx.user, input);
    }),
    /** Confirming a debit as the payment of a received invoice records a supplier payment: it also takes the right to record them. */
    confirmSupplierPayment: write.input(BankEntrySupplierConfirmInput).mutation(({ ctx, input }) => {
      if (!hasPermission(ctx.user.permissions, 'purchases.write')) throw lacksPermission('purchases.write');
      return confirmBankEntryAsSupplierPayment(ctx.em, ctx.user, input);
    }),
    ignore: write.input(BankEntryDecideInput).mutation(({ ctx, input }) => ignoreBankEntry(ctx.em, ctx.user, input)),
    reopen: write.input(BankEntryDecideInput).mutation(({ ctx, input }) => reopenBankEntry(ctx.em, input)),
  }),
});
