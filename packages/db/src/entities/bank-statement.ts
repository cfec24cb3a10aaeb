import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { BANK_FORMATS } from '@workmate/domain/bank-statement';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';

/**
 * One imported bank statement file (CAMT.053 or MT940): what it was, which account, and how many
 * of its entries were new. Its entries that were already known are counted as skipped, not stored
 * again (see BankEntry).
 */
export const BankStatement = defineEntity({
  name: 'BankStatement',
  tableName: 'bank_statements',
  properties: {
    id: idColumn(),
    fileName: p.string().length(255),
    format: p.enum(BANK_FORMATS),
    /** camt.053.001.02, camt.053.001.08, MT940. */
    formatVersion: p.string().length(20),
    accountIban: p.string().length(34).index(),
    /** The bank's statement numbers in the file (CAMT Stmt/Id, MT940 :28C:). */
    statementIds: p.json<string[]>(),
    openingBalance: p.decimal('string').precision(14).scale(2).nullable(),
    closingBalance: p.decimal('string').precision(14).scale(2).nullable(),
    /** Closing − opening − the file's booked entries: 0.00 when it adds up; null without both balances (balanceDifference). */
    balanceDifference: p.decimal('string').precision(14).scale(2).nullable(),
    firstBookingDate: p.date().nullable(),
    lastBookingDate: p.date().nullable(),
    sha256: p.string().length(64),
    entryCount: p.integer(),
    importedCount: p.integer(),
    skippedCount: p.integer(),
    importedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [{ name: 'bank_statements_created_at_index', properties: ['createdAt', 'id'] }],
});
export type BankStatement = InferEntity<typeof BankStatement>;
