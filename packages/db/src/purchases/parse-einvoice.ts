import { normalizeRate, type ReceivedEInvoice } from '@workmate/domain/einvoice-in';
import { appError } from '@workmate/domain/errors';
import { formatScaled, fromCents, parseScaled } from '@workmate/domain/money';
import { at, attr, list, text, textOf, type XmlNode } from '../shared/xml.ts';
import { readEInvoiceXml } from './read-xml.ts';

/**
 * XRechnung / EN 16931 in UBL (Invoice, CreditNote) or CII, read into one shape. Only what a
 * receiver books from is read; the business term (BT-…) is named in every refusal.
 */

const missing = (field: string) => appError('BAD_REQUEST', 'einvoice.missingField', { field }, { field: 'file' });

function required(value: string | null, field: string): string {
  if (!value) throw missing(field);
  return value;
}

/** "1190" / "1190.0" / "1190.00" → "1190.00"; more than two places or not a number is refused. */
function amount(value: string | null, field: string, fallback?: string): string {
  if (value === null) {
    if (fallback !== undefined) return fallback;
    throw missing(field);
  }
  try {
    return fromCents(parseScaled(value, 2));
  } catch {
    throw appError('BAD_REQUEST', 'einvoice.badAmount', { field, value: value.slice(0, 40) }, { field: 'file' });
  }
}

function decimal(value: string | null, field: string, fallback?: string): string {
  if (value === null) {
    if (fallback !== undefined) return fallback;
    throw missing(field);
  }
  try {
    return formatScaled(parseScaled(value, 6), 6);
  } catch {
    throw appError('BAD_REQUEST', 'einvoice.badAmount', { field, value: value.slice(0, 40) }, { field: 'file' });
  }
}

function rate(value: string | null, field: string): string {
  // Categories without VAT (E, AE, Z, …) may leave the rate out: it is 0.
  return normalizeRate(decimal(value, field, '0'));
}

function date(value: string | null, field: string, optional = false): string | null {
  if (value === null) {
    if (optional) return null;
    throw missing(field);
  }
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    throw appError('BAD_REQUEST', 'einvoice.badDate', { field, value: value.slice(0, 40) }, { field: 'file' });
  }
  return iso;
}

/** The item of a list whose currency is the invoice's (a second one may be in the accounting currency). */
function inCurrency(items: unknown[], currency: string, amountOf: (item: unknown) => unknown): unknown {
  return items.find((item) => attr(amountOf(item), 'currencyID') === currency) ?? items.find((item) => attr(amountOf(item), 'currencyID') === null) ?? items[0];
}

function readUbl(root: XmlNode, creditNote: boolean): ReceivedEInvoice {
  const currency = required(text(root, 'DocumentCurrencyCode'), 'currency (BT-5)');
  const party = at(root, 'AccountingSupplierParty', 'Party');
  const vatScheme = list(party, 'PartyTaxScheme').find((s) => text(s, 'TaxScheme', 'ID') === 'VAT');
  const endpoint = at(party, 'EndpointID');
  const account = at(root, 'PaymentMeans', 'PayeeFinancialAccount');
  const taxTotal = inCurrency(list(root, 'TaxTotal'), currency, (t) => at(t, 'TaxAmount'));
  const totals = at(root, 'LegalMonetaryTotal');
  const lines = list(root, creditNote ? 'CreditNoteLine' : 'InvoiceLine');
  return {
    syntax: 'UBL',
    specification: text(root, 'CustomizationID'),
    number: required(text(root, 'ID'), 'invoice number (BT-1)'),
    typeCode: required(text(root, creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'), 'invoice type code (BT-3)'),
    issueDate: date(text(root, 'IssueDate'), 'issue date (BT-2)') as string,
    dueDate: date(text(root, 'DueDate') ?? text(root, 'PaymentMeans', 'PaymentDueDate'), 'due date (BT-9)', true),
    currency,
    buyerReference: text(root, 'BuyerReference'),
    supplier: {
      name: required(text(party, 'PartyName', 'Name') ?? text(party, 'PartyLegalEntity', 'RegistrationName'), 'seller name (BT-27)'),
      street: text(party, 'PostalAddress', 'StreetName'),
      zip: text(party, 'PostalAddress', 'PostalZone'),
      city: text(party, 'PostalAddress', 'CityName'),
      countryCode: required(text(party, 'PostalAddress', 'Country', 'IdentificationCode'), 'seller country code (BT-40)').toUpperCase(),
      vatId: text(vatScheme, 'CompanyID'),
      iban: text(account, 'ID'),
      bic: text(account, 'FinancialInstitutionBranch', 'ID'),
      electronicAddress: textOf(endpoint),
      electronicAddressScheme: attr(endpoint, 'schemeID'),
      email: text(party, 'Contact', 'ElectronicMail'),
    },
    lines: lines.map((line, i) => {
      const quantity = at(line, creditNote ? 'CreditedQuantity' : 'InvoicedQuantity');
      const where = `line ${i + 1}`;
      return {
        id: text(line, 'ID') ?? String(i + 1),
        description: text(line, 'Item', 'Name') ?? text(line, 'Item', 'Description') ?? '',
        quantity: decimal(textOf(quantity), `${where}: quantity (BT-129)`),
        unitCode: attr(quantity, 'unitCode'),
        netAmount: amount(text(line, 'LineExtensionAmount'), `${where}: net amount (BT-131)`),
        taxCategory: required(text(line, 'Item', 'ClassifiedTaxCategory', 'ID'), `${where}: VAT category (BT-151)`),
        taxRate: rate(text(line, 'Item', 'ClassifiedTaxCategory', 'Percent'), `${where}: VAT rate (BT-152)`),
      };
    }),
    taxRows: list(taxTotal, 'TaxSubtotal').map((sub) => ({
      category: required(text(sub, 'TaxCategory', 'ID'), 'VAT category (BT-118)'),
      rate: rate(text(sub, 'TaxCategory', 'Percent'), 'VAT rate (BT-119)'),
      netAmount: amount(text(sub, 'TaxableAmount'), 'VAT category taxable amount (BT-116)'),
      taxAmount: amount(text(sub, 'TaxAmount'), 'VAT category tax amount (BT-117)'),
    })),
    totals: {
      lineNet: amount(text(totals, 'LineExtensionAmount'), 'sum of line net amounts (BT-106)'),
      allowances: amount(text(totals, 'AllowanceTotalAmount'), 'allowances (BT-107)', '0.00'),
      charges: amount(text(totals, 'ChargeTotalAmount'), 'charges (BT-108)', '0.00'),
      net: amount(text(totals, 'TaxExclusiveAmount'), 'total without VAT (BT-109)'),
      tax: amount(text(taxTotal, 'TaxAmount'), 'total VAT (BT-110)', '0.00'),
      gross: amount(text(totals, 'TaxInclusiveAmount'), 'total with VAT (BT-112)'),
      prepaid: amount(text(totals, 'PrepaidAmount'), 'paid amount (BT-113)', '0.00'),
      rounding: amount(text(totals, 'PayableRoundingAmount'), 'rounding amount (BT-114)', '0.00'),
      due: amount(text(totals, 'PayableAmount'), 'amount due (BT-115)'),
    },
  };
}

function readCii(root: XmlNode): ReceivedEInvoice {
  const doc = at(root, 'ExchangedDocument');
  const trade = at(root, 'SupplyChainTradeTransaction');
  const seller = at(trade, 'ApplicableHeaderTradeAgreement', 'SellerTradeParty');
  const settlement = at(trade, 'ApplicableHeaderTradeSettlement');
  const currency = required(text(settlement, 'InvoiceCurrencyCode'), 'currency (BT-5)');
  const sums = at(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const vatRegistration = list(seller, 'SpecifiedTaxRegistration').find((r) => attr(at(r, 'ID'), 'schemeID') === 'VA');
  const means = at(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  const uri = at(seller, 'URIUniversalCommunication', 'URIID');
  const taxTotal = inCurrency(list(sums, 'TaxTotalAmount'), currency, (t) => t);
  return {
    syntax: 'CII',
    specification: text(root, 'ExchangedDocumentContext', 'GuidelineSpecifiedDocumentContextParameter', 'ID'),
    number: required(text(doc, 'ID'), 'invoice number (BT-1)'),
    typeCode: required(text(doc, 'TypeCode'), 'invoice type code (BT-3)'),
    issueDate: date(text(doc, 'IssueDateTime', 'DateTimeString'), 'issue date (BT-2)') as string,
    dueDate: date(text(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime', 'DateTimeString'), 'due date (BT-9)', true),
    currency,
    buyerReference: text(trade, 'ApplicableHeaderTradeAgreement', 'BuyerReference'),
    supplier: {
      name: required(text(seller, 'Name'), 'seller name (BT-27)'),
      street: text(seller, 'PostalTradeAddress', 'LineOne'),
      zip: text(seller, 'PostalTradeAddress', 'PostcodeCode'),
      city: text(seller, 'PostalTradeAddress', 'CityName'),
      countryCode: required(text(seller, 'PostalTradeAddress', 'CountryID'), 'seller country code (BT-40)').toUpperCase(),
      vatId: text(vatRegistration, 'ID'),
      iban: text(means, 'PayeePartyCreditorFinancialAccount', 'IBANID'),
      bic: text(means, 'PayeeSpecifiedCreditorFinancialInstitution', 'BICID'),
      electronicAddress: textOf(uri),
      electronicAddressScheme: attr(uri, 'schemeID'),
      email: text(seller, 'DefinedTradeContact', 'EmailURIUniversalCommunication', 'URIID'),
    },
    lines: list(trade, 'IncludedSupplyChainTradeLineItem').map((line, i) => {
      const quantity = at(line, 'SpecifiedLineTradeDelivery', 'BilledQuantity');
      const tax = at(line, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax');
      const where = `line ${i + 1}`;
      return {
        id: text(line, 'AssociatedDocumentLineDocument', 'LineID') ?? String(i + 1),
        description: text(line, 'SpecifiedTradeProduct', 'Name') ?? '',
        quantity: decimal(textOf(quantity), `${where}: quantity (BT-129)`),
        unitCode: attr(quantity, 'unitCode'),
        netAmount: amount(text(line, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'), `${where}: net amount (BT-131)`),
        taxCategory: required(text(tax, 'CategoryCode'), `${where}: VAT category (BT-151)`),
        taxRate: rate(text(tax, 'RateApplicablePercent'), `${where}: VAT rate (BT-152)`),
      };
    }),
    taxRows: list(settlement, 'ApplicableTradeTax').map((row) => ({
      category: required(text(row, 'CategoryCode'), 'VAT category (BT-118)'),
      rate: rate(text(row, 'RateApplicablePercent'), 'VAT rate (BT-119)'),
      netAmount: amount(text(row, 'BasisAmount'), 'VAT category taxable amount (BT-116)'),
      taxAmount: amount(text(row, 'CalculatedAmount'), 'VAT category tax amount (BT-117)'),
    })),
    totals: {
      lineNet: amount(text(sums, 'LineTotalAmount'), 'sum of line net amounts (BT-106)'),
      allowances: amount(text(sums, 'AllowanceTotalAmount'), 'allowances (BT-107)', '0.00'),
      charges: amount(text(sums, 'ChargeTotalAmount'), 'charges (BT-108)', '0.00'),
      net: amount(text(sums, 'TaxBasisTotalAmount'), 'total without VAT (BT-109)'),
      tax: amount(textOf(taxTotal), 'total VAT (BT-110)', '0.00'),
      gross: amount(text(sums, 'GrandTotalAmount'), 'total with VAT (BT-112)'),
      prepaid: amount(text(sums, 'TotalPrepaidAmount'), 'paid amount (BT-113)', '0.00'),
      rounding: amount(text(sums, 'RoundingAmount'), 'rounding amount (BT-114)', '0.00'),
      due: amount(text(sums, 'DuePayableAmount'), 'amount due (BT-115)'),
    },
  };
}

/** Reads an e-invoice's XML (UBL or CII) into the shape the inbox stores. */
export function parseEInvoiceXml(bytes: Uint8Array): ReceivedEInvoice {
  const kind = readEInvoiceXml(bytes);
  return kind.syntax === 'CII' ? readCii(kind.root) : readUbl(kind.root, kind.creditNote);
}
