import { CHARTS, VAT_METHODS } from '../bookkeeping.ts';
import { z } from 'zod';
import { SkontoDays, SkontoPercent } from './skonto.ts';
import { EMPLOYEE_STATUSES, EMPLOYMENT_TYPES, GENDERS, LANGUAGES } from '../enums.ts';
import { PERMISSION_PATTERN } from '../permissions.ts';
import { validateNumberPattern } from '../number-pattern.ts';
import { ELECTRONIC_ADDRESS_SCHEMES } from '../einvoice-out.ts';
import { CountryCode, Id, optionalDate, optionalEmail, optionalMoney, optionalText, Page, plainString, SortDirection, text, updateFields, Version } from './common.ts';
import { Password } from './auth.ts';

export const DepartmentCreateInput = z.object({
  name: text(100),
  code: plainString().trim().min(1, { error: 'is required' }).max(20).regex(/^[A-Za-z0-9_-]+$/, { error: 'may only contain letters, digits, - and _' }).transform((v) => v.toUpperCase()),
  description: optionalText(2000),
  managerId: Id.nullish(),
});
export const DepartmentUpdateInput = z.object({ ...updateFields(DepartmentCreateInput.shape), id: Id, version: Version });

export const RoleCreateInput = z.object({
  name: text(60),
  description: optionalText(500),
  permissions: z
    .array(plainString().trim().max(80).regex(PERMISSION_PATTERN, { error: 'is not a valid permission (e.g. crm.read, crm.*, *)' }))
    .max(100)
    .default([]),
});
export const RoleUpdateInput = z.object({ ...updateFields(RoleCreateInput.shape), id: Id, version: Version });

const employeeFields = {
  employeeCode: plainString().trim().min(1, { error: 'is required' }).max(30).regex(/^[A-Za-z0-9_-]+$/, { error: 'may only contain letters, digits, - and _' }),
  firstName: text(100),
  lastName: text(100),
  email: z.email({ error: 'must be a valid email address' }).max(254).transform((v) => v.toLowerCase()),
  phone: optionalText(50),
  gender: z.enum(GENDERS).nullish(),
  birthDate: optionalDate,
  nationality: optionalText(60),
  bio: optionalText(5000),
  addressStreet: optionalText(200),
  addressZip: optionalText(20),
  addressCity: optionalText(100),
  addressCountry: optionalText(100),
  departmentId: Id.nullish(),
  roleId: Id.nullish(),
  reportsToId: Id.nullish(),
  employmentType: z.enum(EMPLOYMENT_TYPES).default('fulltime'),
  hireDate: optionalDate,
  terminationDate: optionalDate,
  status: z.enum(EMPLOYEE_STATUSES).default('active'),
  timezone: plainString().trim().max(60).default('Europe/Berlin'),
  language: z.enum(LANGUAGES).default('de'),
  notificationsEnabled: z.boolean().default(true),
  /** The hourly rate used for this employee's time when neither the entry nor the project has one. */
  defaultHourlyRate: optionalMoney(100_000),
};

export const EmployeeCreateInput = z.object({ ...employeeFields, password: Password.nullish() });
export type EmployeeCreateInput = z.infer<typeof EmployeeCreateInput>;

export const EmployeeUpdateInput = z.object({ ...updateFields(employeeFields), id: Id, version: Version, password: Password.nullish() });
export type EmployeeUpdateInput = z.infer<typeof EmployeeUpdateInput>;

export const EmployeeListInput = Page.extend({
  search: plainString().trim().max(200).optional(),
  status: z.enum(EMPLOYEE_STATUSES).optional(),
  departmentId: Id.optional(),
  roleId: Id.optional(),
  includeDeleted: z.boolean().default(false),
  sort: z.enum(['lastName', 'employeeCode', 'email', 'hireDate', 'createdAt']).default('lastName'),
  direction: SortDirection,
});

const patternField = plainString()
  .trim()
  .superRefine((value, ctx) => {
    const problem = validateNumberPattern(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const SettingsUpdateInput = z
  .object({
    companyName: text(200),
    street: optionalText(200),
    zipCode: optionalText(20),
    city: optionalText(100),
    country: optionalText(100),
    /** ISO 3166-1 alpha-2 (BT-40). */
    countryCode: CountryCode,
    /** The seller contact of e-invoices (BT-41..43). */
    contactName: optionalText(200),
    contactPhone: optionalText(50),
    contactEmail: optionalEmail,
    /** BT-34 with its scheme (EM = email, …); the company email when empty. */
    electronicAddress: optionalText(254),
    electronicAddressScheme: z.union([z.literal(''), z.enum(ELECTRONIC_ADDRESS_SCHEMES)]).nullish().transform((v) => (v ? v : null)),
    email: optionalEmail,
    phone: optionalText(50),
    website: optionalText(200),
    taxNumber: optionalText(40),
    vatId: z
      .union([z.literal(''), plainString().trim().toUpperCase().regex(/^[A-Z]{2}[A-Z0-9+*]{2,13}$/, { error: 'must be a VAT ID such as DE123456789' })])
      .nullish()
      .transform((v) => (v === '' || v === undefined ? null : v)),
    managingDirector: optionalText(200),
    registerCourt: optionalText(200),
    registerNumber: optionalText(60),
    bankName: optionalText(100),
    iban: z
      .union([z.literal(''), plainString().trim().toUpperCase().transform((v) => v.replace(/\s+/g, '')).pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, { error: 'must be an IBAN' }))])
      .nullish()
      .transform((v) => (v === '' || v === undefined ? null : v)),
    bic: optionalText(11),
    /** A small logo as a data URL (PNG, JPEG or SVG), shown on documents. */
    logoDataUrl: z
      .union([z.literal(''), plainString().max(700_000, { error: 'logo must be at most 500 KB' }).regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/, { error: 'must be a PNG, JPEG or SVG image' })])
      .nullish()
      .transform((v) => (v === '' || v === undefined ? null : v)),
    defaultPaymentTermsDays: z.int().min(0).max(365),
    /** Skonto new invoices get (both or neither, null = none). */
    defaultSkontoPercent: SkontoPercent.nullable(),
    defaultSkontoDays: SkontoDays.nullable(),
    customerNumberPattern: patternField,
    invoiceNumberPattern: patternField,
    quoteNumberPattern: patternField,
    cancellationNumberPattern: patternField,
    creditNoteNumberPattern: patternField,
    projectNumberPattern: patternField,
    /** Billing rounding of time entries in minutes (0 = none); recorded times are never changed. */
    timeRoundingMinutes: z.union([z.literal(0), z.literal(5), z.literal(15), z.literal(30)], { error: 'must be 0, 5, 15 or 30 minutes' }),
    /** Where hours typed for a day start (HH:MM, Europe/Berlin), e.g. in the weekly timesheet. */
    workdayStart: plainString()
      .trim()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'must be a time of day such as 08:00' }),
    /** Small business under §19 UStG: no VAT on invoices, with the legal note. Changing it recalculates every draft. */
    smallBusiness: z.boolean(),
    /** A handlebars file on the server that replaces the built-in invoice template. */
    pdfTemplatePath: z
      .union([z.literal(''), plainString().trim().max(500).regex(/^\/.+\.(hbs|handlebars)$/, { error: 'must be an absolute path to a .hbs file' })])
      .nullish()
      .transform((v) => (v === '' || v === undefined ? null : v)),
    /** Days before the due date when the responsible person is reminded. */
    reminderDaysBeforeDue: z.int().min(0).max(60),
    /** The chart of accounts the automatic postings use (bookkeeping). */
    chartOfAccounts: z.enum(CHARTS, { error: 'must be SKR03 or SKR04' }),
    /** Soll-Versteuerung (VAT owed with the invoice) or Ist-Versteuerung (with the payment); applies to invoices finalized from now on. */
    vatMethod: z.enum(VAT_METHODS, { error: 'must be soll or ist' }),
  })
  .partial()
  .extend({ version: Version });
export type SettingsUpdateInput = z.infer<typeof SettingsUpdateInput>;
