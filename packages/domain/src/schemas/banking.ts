import { z } from 'zod';
import { MAX_BANK_BASE64_FILE_BYTES } from '../bank-statement.ts';
import { Id, optionalText, Page, plainString, Version } from './common.ts';

/** open: waiting for a person; matched: paid an invoice (a credit, as a payment), paid a customer back (a debit, as a refund) or paid a received invoice (a debit, as a supplier payment); ignored: nothing to match. */
export const BANK_ENTRY_STATUSES = ['open', 'matched', 'ignored'] as const;
export type BankEntryStatus = (typeof BANK_ENTRY_STATUSES)[number];

/**
 * A statement file as base64, for scripts and small files (at most MAX_BANK_BASE64_FILE_BYTES;
 * base64 is 4/3 of that). The web page uploads through POST /api/banking/statements.
 */
export const BankStatementImportInput = z.object({
  fileName: plainString().trim().min(1, { error: 'is required' }).max(255, { error: 'must be at most 255 characters' }),
  contentBase64: plainString().max(Math.ceil(MAX_BANK_BASE64_FILE_BYTES / 3) * 4, { error: `must be a file of at most ${MAX_BANK_BASE64_FILE_BYTES / 1024} KB (larger ones: POST /api/banking/statements)` }),
});
export type BankStatementImportInput = z.infer<typeof BankStatementImportInput>;

export const BankStatementListInput = Page;
export type BankStatementListInput = z.infer<typeof BankStatementListInput>;

/**
 * Entries, newest booking first. `open` credits with their proposals is the work list; `unmatched`
 * is every credit still open; a statement's entries with statementId.
 */
export const BankEntryListInput = Page.extend({
  status: z.enum(BANK_ENTRY_STATUSES).optional(),
  direction: z.enum(['credit', 'debit']).optional(),
  statementId: Id.optional(),
  /** Part of the payer's name, IBAN, the remittance text or the bank reference. */
  search: optionalText(100),
});
export type BankEntryListInput = z.infer<typeof BankEntryListInput>;

/** Confirm a proposal, or pick another invoice: a credit becomes a payment of that invoice, a debit a refund on it. */
export const BankEntryConfirmInput = z.object({ id: Id, invoiceId: Id, version: Version });
export type BankEntryConfirmInput = z.infer<typeof BankEntryConfirmInput>;

/**
 * Confirm that a debit paid a received invoice (Eingangsrechnung, approved): it becomes a bank
 * payment of that invoice on the booking day, for the booking's amount (a part payment when less
 * is paid than is open; Skonto received is recorded on the received invoice's page).
 */
export const BankEntrySupplierConfirmInput = z.object({ id: Id, supplierInvoiceId: Id, version: Version });
export type BankEntrySupplierConfirmInput = z.infer<typeof BankEntrySupplierConfirmInput>;

export const BankEntryDecideInput = z.object({ id: Id, version: Version });
export type BankEntryDecideInput = z.infer<typeof BankEntryDecideInput>;
