/**
 * GiroCode: the EPC QR code for a SEPA credit transfer (EPC069-12, version 002). A banking app
 * scans it and fills in payee, IBAN, amount and reference, so the customer does not type them.
 * This module builds the text the QR code carries; drawing it is the PDF template's business.
 */
import { fromCents, isMoneyString, toCents } from './money.ts';

/** Why a GiroCode cannot be built; the field names the input that is wrong. */
export class GirocodeError extends Error {
  constructor(
    readonly field: 'iban' | 'bic' | 'name' | 'amount' | 'text' | 'payload',
    message: string,
  ) {
    super(`GiroCode ${field}: ${message}`);
    this.name = 'GirocodeError';
  }
}

/**
 * IBAN lengths of the countries in the SEPA credit transfer scheme (EPC list of SEPA
 * countries, 2025). The QR code starts a SEPA credit transfer, so an IBAN from elsewhere
 * could not be paid with it anyway. French overseas departments and Åland use FR and FI IBANs.
 */
const SEPA_IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AL: 28, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
  FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  RS: 22, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** What is wrong with an IBAN (spaces allowed, any case), or null when it is a valid SEPA IBAN. */
export function ibanProblem(raw: string): string | null {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return 'must be an IBAN: two letters, two check digits, then letters and digits';
  const country = iban.slice(0, 2);
  const length = SEPA_IBAN_LENGTHS[country];
  if (length === undefined) return `country ${country} is not in the SEPA credit transfer scheme`;
  if (iban.length !== length) return `an IBAN from ${country} has ${length} characters, this one has ${iban.length}`;
  // ISO 13616: the first four characters go to the end, letters become 10..35, and the number
  // must leave 1 when divided by 97. Done piecewise so it never leaves the exact integer range.
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  return rest === 1 ? null : 'check digits do not match (mistyped IBAN?)';
}

/** Largest amount EPC069-12 allows: 999,999,999.99 EUR, in cents. */
const MAX_CENTS = 99_999_999_999n;

/**
 * "EUR12.34" from a decimal string ("12.34", "12.3", "12"), exact: the digits are read as
 * integer cents, never as a float. More than two decimals is refused rather than rounded, so
 * the code never asks for a different amount than the invoice shows.
 */
export function epcAmount(amount: string): string {
  if (!isMoneyString(amount)) throw new GirocodeError('amount', `must be a decimal amount with at most two decimals, got "${amount}"`);
  const cents = toCents(amount);
  if (cents < 1n) throw new GirocodeError('amount', 'must be at least 0.01 EUR');
  if (cents > MAX_CENTS) throw new GirocodeError('amount', 'must be at most 999999999.99 EUR');
  return `EUR${fromCents(cents)}`;
}

export interface GirocodeInput {
  /** Payee's BIC; optional in version 002 (inside the EEA), written when known. */
  bic?: string | null;
  /** Payee's name as the bank knows the account holder. */
  name: string;
  iban: string;
  /** Decimal string, e.g. "1897.03". */
  amount: string;
  /** Unstructured remittance text shown to the payee's bank statement: the invoice number. */
  text: string;
}

export const GIROCODE_NAME_MAX = 70;
export const GIROCODE_TEXT_MAX = 140;
export const GIROCODE_PAYLOAD_MAX_BYTES = 331;

// A line break inside a field would shift every following field; tabs and runs of spaces
// are of no use on a bank statement either.
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * The EPC069-12 version 002 payload, lines separated by LF:
 * BCD, 002, 1 (UTF-8), SCT, BIC, name, IBAN, amount, purpose (empty), structured reference
 * (empty), unstructured text. Nothing follows the last field (no trailing line break).
 *
 * Choices where the standard leaves room: a name longer than 70 characters is cut to 70 (the
 * standard's field limit; company names in the settings may be longer, and the bank matches the
 * payee by IBAN), while a remittance text longer than 140 is refused, because a cut invoice
 * number would no longer identify the payment. Throws GirocodeError naming the field.
 */
export function girocodePayload(input: GirocodeInput): string {
  const iban = input.iban.replace(/\s+/g, '').toUpperCase();
  const ibanIssue = ibanProblem(iban);
  if (ibanIssue) throw new GirocodeError('iban', ibanIssue);
  const bic = (input.bic ?? '').replace(/\s+/g, '').toUpperCase();
  if (bic && !/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) throw new GirocodeError('bic', 'must be a BIC of 8 or 11 characters');
  const name = [...oneLine(input.name)].slice(0, GIROCODE_NAME_MAX).join('').trim();
  if (!name) throw new GirocodeError('name', 'is required');
  const text = oneLine(input.text);
  if ([...text].length > GIROCODE_TEXT_MAX) throw new GirocodeError('text', `must be at most ${GIROCODE_TEXT_MAX} characters`);
  const payload = ['BCD', '002', '1', 'SCT', bic, name, iban, epcAmount(input.amount), '', '', text].join('\n').replace(/\n+$/, '');
  if (new TextEncoder().encode(payload).length > GIROCODE_PAYLOAD_MAX_BYTES) throw new GirocodeError('payload', `must be at most ${GIROCODE_PAYLOAD_MAX_BYTES} bytes`);
  return payload;
}

/** What decides whether a printed invoice carries a GiroCode. */
export interface PayableDocument {
  type: 'invoice' | 'quote' | 'cancellation' | 'credit_note';
  status: string;
  grossTotal: string;
  paidAmount: string;
}

/**
 * The amount a GiroCode asks for, or null when the document is not payable: only a finalized
 * invoice (not a draft, quote or cancellation invoice, not cancelled) with something still
 * open. The amount is the gross total, as printed on the invoice; the PDF is rendered once at
 * finalize, when nothing is paid yet.
 */
export function girocodeAmount(doc: PayableDocument): string | null {
  if (doc.type !== 'invoice') return null;
  if (doc.status === 'draft' || doc.status === 'cancelled' || doc.status === 'paid') return null;
  if (!isMoneyString(doc.grossTotal) || !isMoneyString(doc.paidAmount)) return null;
  const gross = toCents(doc.grossTotal);
  if (gross <= 0n || gross - toCents(doc.paidAmount) <= 0n) return null;
  return doc.grossTotal;
}
