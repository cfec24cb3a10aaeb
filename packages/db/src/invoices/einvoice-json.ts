import type { Invoice as UblInvoice } from '@e-invoice-eu/core';
import { exemptionOf, unitCodeOf, vatCategoryOf, type EInvoiceFormat } from '@workmate/domain/einvoice-out';
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';
import { formatScaled, fromCents, parseScaled } from '@workmate/domain/money';
import { correctionPaymentNote, deductionLines, isCreditDocument, precedingInvoicesOf, typeCodeOf } from './einvoice-references.ts';

/**
 * What an e-invoice shows: the print model (the same data as the PDF) and the e-invoice fields
 * of seller and buyer frozen at finalize.
 */
export interface EInvoiceModel extends InvoiceDocumentModel {
  draft: boolean;
  format: EInvoiceFormat;
  publicAuthority: boolean;
  sellerExtra: { countryCode: string | null; contactName: string | null; contactPhone: string | null; contactEmail: string | null; electronicAddress: string | null; electronicAddressScheme: string | null };
  buyerExtra: { countryCode: string | null; buyerReference: string | null; email: string | null; electronicAddress: string | null; electronicAddressScheme: string | null };
  /** BT-20 additions (Skonto terms in the #SKONTO# form), appended to the payment terms. */
  skontoText: string;
}

type Party = UblInvoice['ubl:Invoice']['cac:AccountingSupplierParty']['cac:Party'];
type Line = UblInvoice['ubl:Invoice']['cac:InvoiceLine'][number];
type TaxSubtotal = UblInvoice['ubl:Invoice']['cac:TaxTotal'][0]['cac:TaxSubtotal'];

const EUR = 'EUR' as const;
const neg = (v: string, flip: boolean) => (flip ? fromCents(-parseScaled(v, 2)) : fromCents(parseScaled(v, 2)));
const negScaled = (v: string, flip: boolean) => formatScaled((flip ? -1n : 1n) * parseScaled(v, 4), 4);
const present = <T>(v: T | null | undefined | ''): v is T => v !== null && v !== undefined && v !== '';

/**
 * BT-146 with at most two places: the library's schema refuses more (EN 16931 allows them), so a
 * price such as 1.2605 per unit is written as 126.05 per 100 units (BT-149 base quantity) —
 * the same price, exactly: the line net stays quantity × price / base quantity.
 */
export function priceOf(price: string): Line['cac:Price'] {
  const units = parseScaled(price, 4);
  for (const base of [1n, 10n, 100n]) {
    if ((units * base) % 100n === 0n) {
      const amount = fromCents((units * base) / 100n);
      return base === 1n ? { 'cbc:PriceAmount': amount, 'cbc:PriceAmount@currencyID': EUR } : { 'cbc:PriceAmount': amount, 'cbc:PriceAmount@currencyID': EUR, 'cbc:BaseQuantity': String(base) };
    }
  }
  throw new Error(`The unit price ${price} has more than four decimal places`);
}

/**
 * Our invoice as the UBL-shaped JSON @e-invoice-eu/core writes XRechnung (CII/UBL) and Factur-X
 * from. Pure and exact: every amount is the decimal string the invoice already holds.
 * - A cancellation or credit note (Rechnungskorrektur) is a credit note (381, BT-25/26 name the
 *   corrected invoice): its amounts, stored negative, are written positive, as EN 16931 wants.
 * - A deposit invoice is a partial invoice (326); a final invoice (380) lists the full service
 *   and takes each deposit back per rate in lines of its own (see einvoice-references.ts).
 * - Prices are never negative (BR-27): a discount line moves its sign to the quantity.
 * Throws when a line's unit has no UN/ECE code (finalize refuses such invoices for customers who
 * want e-invoices; for the others the archive skips the XML).
 */
export function toEInvoiceJson(m: EInvoiceModel): UblInvoice {
  const credit = isCreditDocument(m);
  const seller = m.seller;
  const sx = m.sellerExtra;
  const bx = m.buyerExtra;
  const sellerTax: NonNullable<Party['cac:PartyTaxScheme']> = present(seller.vatId)
    ? present(seller.taxNumber)
      ? [{ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }, { 'cbc:CompanyID': seller.taxNumber, 'cac:TaxScheme': { 'cbc:ID': 'FC' } }]
      : [{ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }]
    : present(seller.taxNumber)
      ? [{ 'cbc:CompanyID': seller.taxNumber, 'cac:TaxScheme': { 'cbc:ID': 'FC' } }]
      : [];
  const category = (rate: string) => vatCategoryOf(m.taxCase, Number(rate));
  const taxCategory = (rate: string) => {
    const cat = category(rate);
    const exemption = exemptionOf(cat);
    return {
      'cbc:ID': cat,
      'cbc:Percent': cat === 'S' ? rate : '0',
      ...(exemption?.code ? { 'cbc:TaxExemptionReasonCode': exemption.code } : {}),
      ...(exemption ? { 'cbc:TaxExemptionReason': exemption.reason } : {}),
      'cac:TaxScheme': { 'cbc:ID': 'VAT' },
    };
  };
  const subtotals = m.taxBreakdown.map((row) => ({
    'cbc:TaxableAmount': neg(row.netAmount, credit),
    'cbc:TaxableAmount@currencyID': EUR,
    'cbc:TaxAmount': neg(row.taxAmount, credit),
    'cbc:TaxAmount@currencyID': EUR,
    'cac:TaxCategory': taxCategory(row.taxRate),
  })) as TaxSubtotal;
  const lines = m.items.map((item): Line => {
    const unitCode = unitCodeOf(item.unit);
    if (unitCode === null) throw new Error(`Line ${item.position}: the unit "${item.unit}" has no UN/ECE Rec 20 code`);
    const negativePrice = item.unitPrice.startsWith('-');
    const cat = category(item.taxRate);
    return {
      'cbc:ID': String(item.position),
      'cbc:InvoicedQuantity': negScaled(item.quantity, credit !== negativePrice),
      'cbc:InvoicedQuantity@unitCode': unitCode as Line['cbc:InvoicedQuantity@unitCode'],
      'cbc:LineExtensionAmount': neg(item.netAmount, credit),
      'cbc:LineExtensionAmount@currencyID': EUR,
      'cac:Item': { 'cbc:Name': item.description.split('\n')[0]?.slice(0, 200) || item.description, ...(item.description.includes('\n') ? { 'cbc:Description': item.description } : {}), 'cac:ClassifiedTaxCategory': { 'cbc:ID': cat, 'cbc:Percent': cat === 'S' ? item.taxRate : '0', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } },
      'cac:Price': priceOf(negativePrice ? item.unitPrice.slice(1) : item.unitPrice),
    };
  });
  lines.push(...deductionLines(m, lines.length + 1, (rate) => {
    const cat = category(rate);
    return { 'cbc:ID': cat, 'cbc:Percent': cat === 'S' ? rate : '0', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } };
  }));
  const [first, ...rest] = lines;
  if (!first) throw new Error('An e-invoice needs at least one line');
  const paymentNote = [m.paymentTerms ?? correctionPaymentNote(m), m.skontoText || null].filter(present).join('\n');
  const deliveryDate = m.serviceDate ?? m.servicePeriod?.to ?? m.issueDate;
  const notes = [m.taxNote, m.introText].filter(present);
  const preceding = precedingInvoicesOf(m);
  return {
    'ubl:Invoice': {
      'cbc:ID': m.number,
      'cbc:IssueDate': m.issueDate,
      ...(m.dueDate && !credit ? { 'cbc:DueDate': m.dueDate } : {}),
      'cbc:InvoiceTypeCode': typeCodeOf(m),
      ...(notes.length > 0 ? { 'cbc:Note': notes } : {}),
      'cbc:DocumentCurrencyCode': EUR,
      // BT-10 is mandatory in XRechnung: the Leitweg-ID (public customers) or the customer's own reference, else our customer number.
      'cbc:BuyerReference': bx.buyerReference ?? m.buyer.customerNumber,
      ...(m.servicePeriod ? { 'cac:InvoicePeriod': { 'cbc:StartDate': m.servicePeriod.from, 'cbc:EndDate': m.servicePeriod.to } } : {}),
      ...(preceding.length > 0 ? { 'cac:BillingReference': preceding } : {}),
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          ...(present(sx.electronicAddress) ? { 'cbc:EndpointID': sx.electronicAddress, 'cbc:EndpointID@schemeID': (sx.electronicAddressScheme ?? 'EM') as Party['cbc:EndpointID@schemeID'] } : {}),
          'cac:PartyName': { 'cbc:Name': seller.name },
          'cac:PostalAddress': {
            ...(present(seller.street) ? { 'cbc:StreetName': seller.street } : {}),
            ...(present(seller.city) ? { 'cbc:CityName': seller.city } : {}),
            ...(present(seller.zipCode) ? { 'cbc:PostalZone': seller.zipCode } : {}),
            'cac:Country': { 'cbc:IdentificationCode': (sx.countryCode ?? 'DE') as Party['cac:PostalAddress']['cac:Country']['cbc:IdentificationCode'] },
          },
          'cac:PartyTaxScheme': sellerTax,
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': seller.name, ...(present(seller.registerNumber) ? { 'cbc:CompanyID': seller.registerNumber } : {}) },
          'cac:Contact': {
            'cbc:Name': sx.contactName ?? seller.managingDirector ?? seller.name,
            ...(present(sx.contactPhone) ? { 'cbc:Telephone': sx.contactPhone } : {}),
            ...(present(sx.contactEmail) ? { 'cbc:ElectronicMail': sx.contactEmail } : {}),
          },
        },
      },
      'cac:AccountingCustomerParty': {
        'cac:Party': {
          ...(present(bx.electronicAddress) ? { 'cbc:EndpointID': bx.electronicAddress, 'cbc:EndpointID@schemeID': (bx.electronicAddressScheme ?? 'EM') as Party['cbc:EndpointID@schemeID'] } : {}),
          'cac:PartyIdentification': { 'cbc:ID': m.buyer.customerNumber },
          'cac:PostalAddress': {
            ...(present(m.buyer.street) ? { 'cbc:StreetName': m.buyer.street } : {}),
            ...(present(m.buyer.city) ? { 'cbc:CityName': m.buyer.city } : {}),
            ...(present(m.buyer.zipCode) ? { 'cbc:PostalZone': m.buyer.zipCode } : {}),
            'cac:Country': { 'cbc:IdentificationCode': (bx.countryCode ?? 'DE') as Party['cac:PostalAddress']['cac:Country']['cbc:IdentificationCode'] },
          },
          ...(present(m.buyer.vatId) ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': m.buyer.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } } : {}),
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': m.buyer.name },
          ...(present(m.buyer.contactName) ? { 'cac:Contact': { 'cbc:Name': m.buyer.contactName } } : {}),
        },
      },
      // Without cac:Delivery the library leaves out the CII's mandatory ApplicableHeaderTradeDelivery.
      'cac:Delivery': { 'cbc:ActualDeliveryDate': deliveryDate },
      ...(present(seller.iban)
        ? {
            'cac:PaymentMeans': [
              {
                'cbc:PaymentMeansCode': '58',
                'cbc:PaymentID': m.number,
                'cac:PayeeFinancialAccount': { 'cbc:ID': seller.iban.replace(/\s+/g, ''), 'cbc:Name': seller.name, ...(present(seller.bic) ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': seller.bic } } : {}) },
              },
            ],
          }
        : {}),
      ...(paymentNote ? { 'cac:PaymentTerms': { 'cbc:Note': paymentNote } } : {}),
      'cac:TaxTotal': [{ 'cbc:TaxAmount': neg(m.taxTotal, credit), 'cbc:TaxAmount@currencyID': EUR, 'cac:TaxSubtotal': subtotals }],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': neg(m.netTotal, credit),
        'cbc:LineExtensionAmount@currencyID': EUR,
        'cbc:TaxExclusiveAmount': neg(m.netTotal, credit),
        'cbc:TaxExclusiveAmount@currencyID': EUR,
        'cbc:TaxInclusiveAmount': neg(m.grossTotal, credit),
        'cbc:TaxInclusiveAmount@currencyID': EUR,
        'cbc:PayableAmount': neg(m.grossTotal, credit),
        'cbc:PayableAmount@currencyID': EUR,
      },
      'cac:InvoiceLine': [first, ...rest],
    },
  };
}
