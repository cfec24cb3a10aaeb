import { CHARTS, VAT_METHODS } from '@workmate/domain/bookkeeping';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { updatedAtColumn } from './common.ts';

/** One row (id = 1): the company as it appears on documents, and its number patterns. */
export const CompanySettings = defineEntity({
  name: 'CompanySettings',
  tableName: 'company_settings',
  checks: [
    { name: 'company_settings_single_row', expression: 'id = 1' },
    { name: 'company_settings_time_rounding', expression: 'time_rounding_minutes in (0, 5, 15, 30)' },
    { name: 'company_settings_workday_start', expression: "workday_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'" },
    { name: 'company_settings_skonto_terms', expression: '(default_skonto_percent is null) = (default_skonto_days is null)' },
  ],
  properties: {
    id: p.integer().primary().autoincrement(false),
    companyName: p.string().length(200),
    street: p.string().length(200).nullable(),
    zipCode: p.string().length(20).nullable(),
    city: p.string().length(100).nullable(),
    country: p.string().length(100).nullable(),
    /** ISO 3166-1 alpha-2 (BT-40) for e-invoices. */
    countryCode: p.string().length(2).default('DE'),
    /** The seller contact of e-invoices (BT-41..43); phone and email fall back to the company's. */
    contactName: p.string().length(200).nullable(),
    contactPhone: p.string().length(50).nullable(),
    contactEmail: p.string().length(254).nullable(),
    /** BT-34 with its scheme; the company email (scheme EM) when empty. */
    electronicAddress: p.string().length(254).nullable(),
    electronicAddressScheme: p.string().length(10).nullable(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(50).nullable(),
    website: p.string().length(200).nullable(),
    taxNumber: p.string().length(40).nullable(),
    vatId: p.string().length(20).nullable(),
    managingDirector: p.string().length(200).nullable(),
    registerCourt: p.string().length(200).nullable(),
    registerNumber: p.string().length(60).nullable(),
    bankName: p.string().length(100).nullable(),
    iban: p.string().length(34).nullable(),
    bic: p.string().length(11).nullable(),
    logoDataUrl: p.text().nullable(),
    defaultPaymentTermsDays: p.integer().default(14),
    /** Skonto new invoices get unless the form says otherwise (null = none). */
    defaultSkontoPercent: p.decimal('string').precision(5).scale(2).nullable(),
    defaultSkontoDays: p.integer().nullable(),
    customerNumberPattern: p.string().length(60).default('CUS-{NNNNNN}'),
    invoiceNumberPattern: p.string().length(60).default('RE-{YYYY}-{NNNN}'),
    quoteNumberPattern: p.string().length(60).default('AN-{YYYY}-{NNNN}'),
    cancellationNumberPattern: p.string().length(60).default('ST-{YYYY}-{NNNN}'),
    creditNoteNumberPattern: p.string().length(60).default('GS-{YYYY}-{NNNN}'),
    projectNumberPattern: p.string().length(60).default('PRJ-{YYYY}-{NNN}'),
    /** Billing rounding of time entries in minutes: 0 (none), 5, 15 or 30. */
    timeRoundingMinutes: p.integer().default(0),
    /** Hours typed for a day (timesheet) are placed from this time (HH:MM, Europe/Berlin) on. */
    workdayStart: p.string().length(5).default('08:00'),
    /** Small business under §19 UStG: invoices carry no VAT and the legal note. */
    smallBusiness: p.boolean().default(false),
    /** A handlebars file that replaces the built-in invoice template (path on the server). */
    pdfTemplatePath: p.string().length(500).nullable(),
    /** Reminders go out this many days before an invoice is due (and again when it is overdue). */
    reminderDaysBeforeDue: p.integer().default(3),
    /** Time entries dated (Europe/Berlin) up to and including this day cannot change. */
    timeLockedUntil: p.date().nullable(),
    /** The chart of accounts the automatic postings use (SKR03 or SKR04). */
    chartOfAccounts: p.enum(CHARTS).default('SKR03'),
    /** VAT by invoice date (soll) or by payment (ist, §20 UStG). */
    vatMethod: p.enum(VAT_METHODS).default('soll'),
    version: p.integer().version(),
    updatedAt: updatedAtColumn(),
  },
});
export type CompanySettings = InferEntity<typeof CompanySettings>;
