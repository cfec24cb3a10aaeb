/**
 * Everything a printed invoice, quote or cancellation invoice shows, already resolved and
 * formatted-ready (amounts as decimal strings "1234.50", dates as YYYY-MM-DD). The PDF
 * renderer turns this into HTML with a handlebars template; it does no arithmetic of its own.
 */
export interface InvoiceDocumentModel {
  kind: 'invoice' | 'quote' | 'cancellation' | 'credit_note';
  language: 'de' | 'en';
  number: string;
  issueDate: string;
  /** Date of supply, or the service period (§14 Abs. 4 Nr. 6 UStG). */
  serviceDate: string | null;
  servicePeriod: { from: string; to: string } | null;
  dueDate: string | null;
  /** Quotes: valid until. */
  validUntil: string | null;
  /** For a cancellation invoice: the cancelled invoice's number and date. */
  cancels: { number: string; issueDate: string } | null;
  seller: {
    name: string;
    street: string | null;
    zipCode: string | null;
    city: string | null;
    country: string | null;
    email: string | null;
    phone: string | null;
    website: string | null;
    taxNumber: string | null;
    vatId: string | null;
    managingDirector: string | null;
    registerCourt: string | null;
    registerNumber: string | null;
    bankName: string | null;
    iban: string | null;
    bic: string | null;
    /** data: URL of the logo, or null. */
    logoDataUrl: string | null;
  };
  buyer: {
    name: string;
    contactName: string | null;
    street: string | null;
    zipCode: string | null;
    city: string | null;
    country: string | null;
    vatId: string | null;
    customerNumber: string;
  };
  projectTitle: string | null;
  introText: string | null;
  items: Array<{
    position: number;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: string;
    taxRate: string;
    netAmount: string;
  }>;
  /** One row per tax rate: the summed nets, the rate and the VAT on them. */
  taxBreakdown: Array<{ taxRate: string; netAmount: string; taxAmount: string }>;
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
  currency: 'EUR';
  taxCase: 'standard' | 'small_business' | 'reverse_charge';
  /** The legal note for §19 UStG or reverse charge, in the document's language; null otherwise. */
  taxNote: string | null;
  paymentTerms: string | null;
  /** Skonto offered on an invoice: the last day, percent ("2.00"), discount and the reduced amount to pay. */
  skonto?: { percent: string; until: string; discount: string; reducedAmount: string } | null;
  footerText: string | null;
  /**
   * GiroCode (EPC QR code): the text the code carries, or null when the document is not payable
   * by it (a draft, quote or cancellation, nothing open, or no valid IBAN in the settings).
   */
  girocode: string | null;
  /** Deposit (Abschlagsrechnung) or final invoice (Schlussrechnung); absent or standard otherwise. */
  invoiceKind?: 'standard' | 'deposit' | 'final';
  /** For a credit note (Rechnungskorrektur): the corrected invoice's number and date. */
  credits?: { number: string; issueDate: string } | null;
  /**
   * For a final invoice (Schlussrechnung, §14(5) UStG): the full service's totals and each deposit
   * deducted with its net and VAT per rate; `netTotal`… above are then what is left to pay.
   */
  finalInvoice?: {
    service: { netTotal: string; taxTotal: string; grossTotal: string; taxBreakdown: Array<{ taxRate: string; netAmount: string; taxAmount: string }> };
    deductions: Array<{ number: string; issueDate: string; netTotal: string; taxTotal: string; grossTotal: string; taxBreakdown: Array<{ taxRate: string; netAmount: string; taxAmount: string }> }>;
  } | null;
}
