import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ACCOUNT_TYPES } from '@workmate/domain/bookkeeping';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Customer } from './customer.ts';
import { Supplier } from './supplier.ts';

/**
 * An account of the chart (Sachkonto, chart SKR03 or SKR04) or a personal account (Personenkonto,
 * chart `personal`): one per customer (debtor, 10000–69999) or supplier (creditor, 70000–99999),
 * opened with its first posting. `role` marks the account the automatic postings use for a job
 * (at most one per chart); `automaticTax` the VAT DATEV books by itself on it.
 */
export const LedgerAccount = defineEntity({
  name: 'LedgerAccount',
  tableName: 'ledger_accounts',
  properties: {
    id: idColumn(),
    chart: p.string().length(8),
    number: p.integer(),
    name: p.string().length(100),
    type: p.enum(ACCOUNT_TYPES),
    role: p.string().length(40).nullable(),
    automaticTax: p.string().length(12).nullable(),
    customer: () => p.manyToOne(Customer).nullable().deleteRule('set null'),
    supplier: () => p.manyToOne(Supplier).nullable().deleteRule('set null'),
    active: p.boolean().default(true),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type LedgerAccount = InferEntity<typeof LedgerAccount>;
