import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { INVOICE_KINDS, INVOICE_STATUSES, INVOICE_TYPES, LANGUAGES, TAX_CASES } from '@workmate/domain/enums';
import type { FinalInvoiceDeductions } from '@workmate/domain/deposits';
import type { TaxBreakdownRow } from '@workmate/domain/invoice-totals';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Customer } from './customer.ts';
import { StoredDocument } from './document.ts';
import { Employee } from './employee.ts';
import { Project } from './project.ts';

/** The seller and buyer as printed, frozen when the document is finalized. */
export interface PartySnapshot {
  [key: string]: string | null;
}

/**
 * Invoices, quotes and cancellation invoices. A draft has no number and can change; once
 * finalized its content is frozen — by the services and by the trigger `invoices_immutable`
 * (see the migration), which refuses any change of a frozen column and any delete.
 * Links between documents (cancels, corrects, source quote) are plain ids with foreign keys in
 * the migration.
 */
export const Invoice = defineEntity({
  name: 'Invoice',
  tableName: 'invoices',
  checks: [
    { name: 'invoices_number_when_final', expression: "(status = 'draft') = (number is null)" },
    { name: 'invoices_issue_date_when_final', expression: "status = 'draft' or issue_date is not null" },
    { name: 'invoices_paid_within_total', expression: "type <> 'invoice' or (paid_amount >= 0 and paid_amount <= gross_total)" },
    { name: 'invoices_cancellation_link', expression: "(type = 'cancellation') = (cancels_id is not null)" },
    { name: 'invoices_credit_note_link', expression: "(type = 'credit_note') = (credits_id is not null)" },
    { name: 'invoices_kind_only_invoices', expression: "kind = 'standard' or type = 'invoice'" },
    { name: 'invoices_final_deductions', expression: "(kind = 'final') = (deductions is not null) or (type = 'cancellation' and deductions is not null)" },
    { name: 'invoices_credited_within_total', expression: "credited_amount >= 0 and (type <> 'invoice' or credited_amount <= gross_total)" },
    { name: 'invoices_skonto_terms', expression: '(skonto_percent is null) = (skonto_days is null) and (skonto_percent is null or (skonto_percent > 0 and skonto_percent < 100 and skonto_days between 1 and 365))' },
    { name: 'invoices_period_in_order', expression: 'service_period_to is null or service_period_from is null or service_period_to >= service_period_from' },
  ],
  properties: {
    id: idColumn(),
    type: p.enum(INVOICE_TYPES),
    status: p.enum(INVOICE_STATUSES).default('draft'),
    number: p.string().length(60).nullable().unique(),
    customer: () => p.manyToOne(Customer).index(),
    project: () => p.manyToOne(Project).nullable().index(),
    responsible: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    language: p.enum(LANGUAGES).default('de'),
    reverseCharge: p.boolean().default(false),
    taxCase: p.enum(TAX_CASES).default('standard'),
    issueDate: p.date().nullable(),
    serviceDate: p.date().nullable(),
    servicePeriodFrom: p.date().nullable(),
    servicePeriodTo: p.date().nullable(),
    paymentTermsDays: p.integer(),
    dueDate: p.date().nullable(),
    validUntil: p.date().nullable(),
    introText: p.text().nullable(),
    paymentTerms: p.text().nullable(),
    footerText: p.text().nullable(),
    notes: p.text().nullable(),
    netTotal: p.decimal('string').precision(14).scale(2).default('0'),
    taxTotal: p.decimal('string').precision(14).scale(2).default('0'),
    grossTotal: p.decimal('string').precision(14).scale(2).default('0'),
    taxBreakdown: p.json<TaxBreakdownRow[]>(),
    paidAmount: p.decimal('string').precision(14).scale(2).default('0'),
    seller: p.json<PartySnapshot>().nullable(),
    buyer: p.json<PartySnapshot>().nullable(),
    cancelsId: p.uuid().nullable().unique(),
    correctsId: p.uuid().nullable(),
    sourceQuoteId: p.uuid().nullable().unique(),
    cancellationReason: p.text().nullable(),
    /** Deposit and final invoices (see migration 20261205072000). */
    kind: p.enum(INVOICE_KINDS).default('standard'),
    /** A credit note: the invoice it corrects. */
    creditsId: p.uuid().nullable(),
    /** A deposit or final invoice: the quote it bills against. */
    basisQuoteId: p.uuid().nullable(),
    /** An invoice: the gross its finalized credit notes took back (positive). */
    creditedAmount: p.decimal('string').precision(14).scale(2).default('0'),
    /** A final invoice: the service's totals and each deposit deducted, as printed. */
    deductions: p.json<FinalInvoiceDeductions>().nullable(),
    /** Skonto: percent off (two places) when paid within `skontoDays` of the issue date; both or neither, frozen at finalize. */
    skontoPercent: p.decimal('string').precision(5).scale(2).nullable(),
    skontoDays: p.integer().nullable(),
    finalizedAt: p.datetime().columnType('timestamptz').nullable(),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    paidAt: p.datetime().columnType('timestamptz').nullable(),
    cancelledAt: p.datetime().columnType('timestamptz').nullable(),
    pdfDocument: () => p.manyToOne(StoredDocument).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    { name: 'invoices_status_due_index', properties: ['status', 'dueDate'] },
    { name: 'invoices_issue_date_index', properties: ['issueDate'] },
    { name: 'invoices_created_at_index', properties: ['createdAt', 'id'] },
    { name: 'invoices_customer_issue_index', properties: ['customer', 'issueDate'] },
    // Keyset pagination: each list sort with the id after it (shared/keyset.ts builds the matching order);
    // drafts (no number, no dates) go last in both directions, hence two indexes for each of those.
    { name: 'invoices_gross_total_id_index', properties: ['grossTotal', 'id'] },
    { name: 'invoices_number_asc_index', expression: `create index "invoices_number_asc_index" on "invoices" (("number" is null), coalesce("number", ''), "id")` },
    { name: 'invoices_number_desc_index', expression: `create index "invoices_number_desc_index" on "invoices" (("number" is not null), coalesce("number", ''), "id")` },
    { name: 'invoices_issue_date_asc_index', expression: `create index "invoices_issue_date_asc_index" on "invoices" (("issue_date" is null), coalesce("issue_date", '2000-01-01'::date), "id")` },
    { name: 'invoices_issue_date_desc_index', expression: `create index "invoices_issue_date_desc_index" on "invoices" (("issue_date" is not null), coalesce("issue_date", '2000-01-01'::date), "id")` },
    { name: 'invoices_due_date_asc_index', expression: `create index "invoices_due_date_asc_index" on "invoices" (("due_date" is null), coalesce("due_date", '2000-01-01'::date), "id")` },
    { name: 'invoices_due_date_desc_index', expression: `create index "invoices_due_date_desc_index" on "invoices" (("due_date" is not null), coalesce("due_date", '2000-01-01'::date), "id")` },
  ],
});
export type Invoice = InferEntity<typeof Invoice>;
