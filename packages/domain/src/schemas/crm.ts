import { z } from 'zod';
import { EINVOICE_FORMATS, ELECTRONIC_ADDRESS_SCHEMES } from '../einvoice-out.ts';
import { ACTIVITY_TYPES, CUSTOMER_STATUSES, CUSTOMER_TYPES, LANGUAGES } from '../enums.ts';
import { cursorField, cursorMatchesSort, type KeyKind } from './cursor.ts';
import { CountryCode, Id, optionalEmail, optionalText, Page, plainString, SortDirection, text, updateFields, Version } from './common.ts';

export const CustomerCreateInput = z.object({
  name: text(200),
  type: z.enum(CUSTOMER_TYPES).default('business'),
  status: z.enum(CUSTOMER_STATUSES).default('active'),
  email: optionalEmail,
  phone: optionalText(50),
  website: optionalText(200),
  taxId: optionalText(40),
  vatId: optionalText(20),
  street: optionalText(200),
  zipCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(100),
  /** ISO 3166-1 alpha-2, upper case (BT-55). */
  countryCode: CountryCode.default('DE'),
  /** BT-10: Leitweg-ID of a public customer, or the reference the customer asks for. */
  buyerReference: optionalText(200),
  /** BT-49: where the customer receives e-invoices, with its scheme (EM = email, 0204 = Leitweg-ID). */
  electronicAddress: optionalText(254),
  electronicAddressScheme: z.union([z.literal(''), z.enum(ELECTRONIC_ADDRESS_SCHEMES)]).nullish().transform((v) => (v ? v : null)),
  einvoiceFormat: z.enum(EINVOICE_FORMATS).default('none'),
  language: z.enum(LANGUAGES).default('de'),
  notes: optionalText(10_000),
});
export type CustomerCreateInput = z.infer<typeof CustomerCreateInput>;

export const CustomerUpdateInput = z.object({ ...updateFields(CustomerCreateInput.shape), id: Id, version: Version });
export type CustomerUpdateInput = z.infer<typeof CustomerUpdateInput>;

export const CUSTOMER_SORTS = ['name', 'customerNumber', 'city', 'status', 'createdAt'] as const;
/** A customer cursor's key per sort: the sort value, then the id. */
export const CUSTOMER_CURSOR_KEYS: Record<(typeof CUSTOMER_SORTS)[number], readonly KeyKind[]> = {
  name: ['text', 'id'],
  customerNumber: ['text', 'id'],
  city: ['text?', 'id'],
  status: ['text', 'id'],
  createdAt: ['instant', 'id'],
};
export const CustomerListInput = Page.extend({
  search: plainString().trim().max(200).optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  type: z.enum(CUSTOMER_TYPES).optional(),
  city: plainString().trim().max(100).optional(),
  /** Admins can list soft-deleted customers to restore them. */
  deleted: z.boolean().default(false),
  sort: z.enum(CUSTOMER_SORTS).default('name'),
  direction: SortDirection,
  /** The previous page's `nextCursor`: the page after it, read from an index (page is then ignored). */
  cursor: cursorField(CUSTOMER_CURSOR_KEYS),
}).superRefine(cursorMatchesSort);
export type CustomerListInput = z.infer<typeof CustomerListInput>;

export const ContactCreateInput = z.object({
  customerId: Id,
  firstName: text(100),
  lastName: text(100),
  email: optionalEmail,
  phone: optionalText(50),
  mobile: optionalText(50),
  position: optionalText(100),
  department: optionalText(100),
  isPrimary: z.boolean().default(false),
  notes: optionalText(5000),
});
export type ContactCreateInput = z.infer<typeof ContactCreateInput>;
export const ContactUpdateInput = z.object({ ...updateFields(ContactCreateInput.omit({ customerId: true }).shape), id: Id, version: Version });
export type ContactUpdateInput = z.infer<typeof ContactUpdateInput>;

export const ContactListInput = Page.extend({
  customerId: Id.optional(),
  search: plainString().trim().max(200).optional(),
  sort: z.enum(['lastName', 'firstName', 'createdAt']).default('lastName'),
  direction: SortDirection,
});

export const ActivityCreateInput = z.object({
  customerId: Id,
  contactId: Id.nullish(),
  type: z.enum(ACTIVITY_TYPES),
  subject: text(200),
  description: optionalText(10_000),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be a date and time (ISO 8601)' }),
});
export type ActivityCreateInput = z.infer<typeof ActivityCreateInput>;

export const ActivityListInput = Page.extend({
  customerId: Id.optional(),
  contactId: Id.optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
});

export const CustomerHistoryInput = z.object({ id: Id, limit: z.int().min(1).max(200).default(50) });
