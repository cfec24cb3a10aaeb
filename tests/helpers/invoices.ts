import type { LineInput } from '@workmate/domain/schemas/invoices';
import { unique, type Client } from './users.ts';

/** The company as every invoice test expects it: complete for §14 UStG (address, tax number, VAT ID, bank). */
export const SELLER = {
  companyName: 'Workmate Testfirma GmbH',
  street: 'Friedrichstraße 123',
  zipCode: '10117',
  city: 'Berlin',
  country: 'Deutschland',
  taxNumber: '30/123/45678',
  vatId: 'DE123456789',
  bankName: 'Testbank Berlin',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  defaultPaymentTermsDays: 14,
} as const;

/** Sets the company data invoices need (the same values from every test file, so parallel files agree). */
export async function prepareInvoicing(admin: Client) {
  await admin.core.settings.update.mutate(SELLER);
}

/** A customer with a full address, as an invoice needs it. */
export async function invoiceCustomer(client: Client, extra: { vatId?: string; language?: 'de' | 'en'; name?: string } = {}) {
  return client.crm.customers.create.mutate({ name: extra.name ?? unique('Rechnungskunde GmbH'), street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland', ...extra });
}

export const LINES: Array<Partial<LineInput> & { description: string; quantity: string; unitPrice: string }> = [
  { description: 'Beratung', quantity: '10', unit: 'Std.', unitPrice: '95.00', taxRate: 19 },
  { description: 'Fachbuch', quantity: '2', unit: 'Stk.', unitPrice: '49.90', taxRate: 7 },
];

/** A draft invoice for the customer with the given lines (by default one 19 % and one 7 % line). */
export async function draftInvoice(client: Client, customerId: string, options: { lines?: typeof LINES; serviceDate?: string | null; type?: 'invoice' | 'quote'; projectId?: string; reverseCharge?: boolean; paymentTermsDays?: number } = {}) {
  return client.invoices.create.mutate({
    type: options.type ?? 'invoice',
    customerId,
    projectId: options.projectId ?? null,
    serviceDate: options.serviceDate === undefined ? '2026-11-02' : options.serviceDate,
    reverseCharge: options.reverseCharge ?? false,
    ...(options.paymentTermsDays === undefined ? {} : { paymentTermsDays: options.paymentTermsDays }),
    lines: (options.lines ?? LINES) as LineInput[],
  });
}

/** A finalized invoice, ready for payments. */
export async function finalizedInvoice(client: Client, customerId: string, options: Parameters<typeof draftInvoice>[2] = {}) {
  const draft = await draftInvoice(client, customerId, options);
  return client.invoices.finalize.mutate({ id: draft.id });
}

export const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
