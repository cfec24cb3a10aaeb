import type { SkontoVatRow } from '@workmate/domain/skonto';
import type { SkontoOffer } from './skonto.ts';
import type { ErrorCode } from '@workmate/domain/error-codes';
import type { FinalInvoiceDeductions } from '@workmate/domain/deposits';
import type { InvoiceKind, InvoiceStatus, InvoiceType, Language, PaymentMethod, TaxCase, TaxRate } from '@workmate/domain/enums';
import type { TaxBreakdownRow } from '@workmate/domain/invoice-totals';

/** What the API returns for invoices. Amounts are decimal strings ("1234.50"), dates YYYY-MM-DD, instants ISO 8601 UTC. */
export interface InvoiceLineDto {
  id: string;
  position: number;
  description: string;
  /** Without trailing zeros ("1.5"). */
  quantity: string;
  unit: string;
  unitPrice: string;
  taxRate: TaxRate;
  netAmount: string;
  /** Time entries this line bills. */
  timeEntryCount: number;
  /** The article the line sells, if any. */
  articleId: string | null;
}

export interface DocumentRefDto {
  id: string;
  type: InvoiceType;
  number: string | null;
  status: InvoiceStatus;
  issueDate: string | null;
}

export interface PaymentDto {
  id: string;
  invoiceId: string;
  amount: string;
  paymentDate: string;
  method: PaymentMethod;
  reference: string | null;
  notes: string | null;
  createdBy: { id: string; name: string } | null;
  /** The Skonto this payment settled the invoice with (gross), null when none. */
  skontoAmount: string | null;
  /** That discount per VAT rate: net and VAT correction (§17 UStG). */
  skontoVat: SkontoVatRow[];
  createdAt: string;
  version: number;
}

/** Money paid back to the customer for the invoice (Erstattung). */
export interface RefundDto {
  id: string;
  invoiceId: string;
  amount: string;
  refundDate: string;
  method: PaymentMethod;
  reference: string | null;
  notes: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

export interface InvoiceHistoryDto {
  at: string;
  actorLabel: string | null;
  action: string;
  entity: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

export interface InvoiceDto {
  id: string;
  type: InvoiceType;
  status: InvoiceStatus;
  number: string | null;
  customer: { id: string; name: string; customerNumber: string; vatId: string | null };
  project: { id: string; projectNumber: string; title: string } | null;
  responsible: { id: string; name: string } | null;
  language: Language;
  reverseCharge: boolean;
  taxCase: TaxCase;
  issueDate: string | null;
  serviceDate: string | null;
  servicePeriodFrom: string | null;
  servicePeriodTo: string | null;
  paymentTermsDays: number;
  dueDate: string | null;
  validUntil: string | null;
  introText: string | null;
  paymentTerms: string | null;
  footerText: string | null;
  notes: string | null;
  lines: InvoiceLineDto[];
  taxBreakdown: TaxBreakdownRow[];
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
  paidAmount: string;
  outstandingAmount: string;
  /** Skonto terms (both or neither) and, on an invoice, what they offer: last day, discount, reduced amount. */
  skontoPercent: string | null;
  skontoDays: number | null;
  skontoOffer: SkontoOffer | null;
  /** The Skonto granted by a payment (gross, '0.00' when none) and its VAT correction per rate. */
  skontoGranted: string;
  skontoVat: SkontoVatRow[];
  /** The seller and buyer as printed (frozen at finalizing); null on drafts. */
  seller: Record<string, string | null> | null;
  buyer: Record<string, string | null> | null;
  cancels: DocumentRefDto | null;
  cancelledBy: DocumentRefDto | null;
  corrects: DocumentRefDto | null;
  correctedBy: DocumentRefDto[];
  sourceQuote: DocumentRefDto | null;
  convertedTo: DocumentRefDto | null;
  cancellationReason: string | null;
  /** Standard, deposit (Abschlagsrechnung) or final invoice (Schlussrechnung). */
  kind: InvoiceKind;
  /** The gross the finalized credit notes took back (positive). */
  creditedAmount: string;
  /** A credit note: the invoice it corrects. */
  credits: DocumentRefDto | null;
  /** An invoice: its credit notes, drafts included. */
  creditNotes: Array<DocumentRefDto & { grossTotal: string }>;
  /** A deposit or final invoice: the quote it bills against. */
  basisQuote: DocumentRefDto | null;
  /** A final invoice: the service's totals and the deposits deducted. */
  deductions: FinalInvoiceDeductions | null;
  finalizedAt: string | null;
  sentAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  hasPdf: boolean;
  payments: PaymentDto[];
  /** Money paid back to the customer; `paidAmount` is the payments less these. */
  refunds: RefundDto[];
  /** What the customer has overpaid and may get back: paid + Skonto granted − due after credit notes ('0.00' when none). */
  refundableAmount: string;
  history: InvoiceHistoryDto[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface InvoiceListItemDto {
  id: string;
  type: InvoiceType;
  kind: InvoiceKind;
  status: InvoiceStatus;
  number: string | null;
  customer: { id: string; name: string };
  project: { id: string; projectNumber: string; title: string } | null;
  issueDate: string | null;
  dueDate: string | null;
  netTotal: string;
  grossTotal: string;
  paidAmount: string;
  outstandingAmount: string;
  createdAt: string;
}

export interface InvoiceStatisticsDto {
  year: number;
  /** Payments received per month of the year (1–12), gross. */
  paidByMonth: Array<{ month: number; amount: string }>;
  paidThisYear: string;
  /** Net amount invoiced (finalized invoices less cancellations) per month of the year. */
  invoicedByMonth: Array<{ month: number; netAmount: string }>;
  invoicedThisYear: string;
  /** Open invoices: still owed, all years. */
  outstandingAmount: string;
  outstandingCount: number;
  overdueCount: number;
  overdueAmount: string;
  /** Average days from issue date to the date of the last payment, over invoices paid this year; null if none. */
  averageDaysToPayment: string | null;
  /** The five customers with the most net invoiced in the year, with the payments they made in it. */
  topCustomers: Array<{ id: string; name: string; paidAmount: string; invoicedNet: string }>;
  draftCount: number;
}

export type BulkStatusResult = { id: string; ok: true; status: InvoiceStatus } | { id: string; ok: false; code: string; message: string; appCode?: ErrorCode; params?: Record<string, string | number> };
