/**
 * The mandatory content of an invoice (§14 Abs. 4 UStG), checked when a document is finalized.
 * Returns every problem at once, keyed by the field to fix, so a person can correct them in one go.
 * Quotes are not invoices: they need a customer and lines, but no tax or bank details.
 */
import type { InvoiceType, TaxCase } from './enums.ts';
import { toCents } from './money.ts';

export interface MandatoryContentInput {
  type: InvoiceType;
  taxCase: TaxCase;
  seller: { companyName: string | null; street: string | null; zipCode: string | null; city: string | null; taxNumber: string | null; vatId: string | null; iban: string | null };
  buyer: { name: string | null; street: string | null; zipCode: string | null; city: string | null; vatId: string | null };
  serviceDate: string | null;
  servicePeriodFrom: string | null;
  servicePeriodTo: string | null;
  lines: Array<{ description: string; quantity: string }>;
  grossTotal: string;
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';

export function mandatoryContentProblems(doc: MandatoryContentInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (blank(doc.buyer.name)) problems['customer.name'] = "The customer's name is missing";
  if (doc.lines.length === 0) problems.lines = 'Add at least one line item';
  doc.lines.forEach((line, i) => {
    if (blank(line.description)) problems[`lines.${i}.description`] = 'is required';
    if (/^-?0*(\.0*)?$/.test(line.quantity)) problems[`lines.${i}.quantity`] = 'must not be zero';
  });
  if (doc.type === 'quote') return problems;

  if (blank(doc.seller.companyName)) problems['settings.companyName'] = 'Company settings: the company name is missing';
  if (blank(doc.seller.street) || blank(doc.seller.zipCode) || blank(doc.seller.city)) problems['settings.street'] = 'Company settings: the full company address (street, postcode, city) is missing';
  if (blank(doc.seller.taxNumber) && blank(doc.seller.vatId)) problems['settings.taxNumber'] = 'Company settings: a tax number or VAT ID is required on invoices';
  if (blank(doc.seller.iban)) problems['settings.iban'] = 'Company settings: bank details (IBAN) are required on invoices';
  if (blank(doc.buyer.street) || blank(doc.buyer.zipCode) || blank(doc.buyer.city)) problems['customer.street'] = "The customer's full address (street, postcode, city) is missing";
  if (doc.taxCase === 'reverse_charge' && blank(doc.buyer.vatId)) problems.reverseCharge = "Reverse charge needs the customer's VAT ID";
  const period = !blank(doc.servicePeriodFrom) && !blank(doc.servicePeriodTo);
  if (blank(doc.serviceDate) && !period) problems.serviceDate = 'Give the date or the period of the service';
  if (doc.type === 'invoice' && doc.lines.length > 0 && toCents(doc.grossTotal) <= 0n) problems.lines = 'The invoice total must be greater than zero';
  return problems;
}
