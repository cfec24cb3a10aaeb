import { toCents } from './money.ts';

/**
 * Which invoice a booking of a bank statement probably belongs to. Pure rules;
 * packages/db/src/banking/matching.ts finds the candidates and a person confirms.
 *
 * A credit (incoming payment) pays an invoice with something open; a debit (money going out) pays
 * back what a customer overpaid on an invoice (a refund, most often after a credit note) or pays a
 * received invoice (kind `supplierInvoice`). The candidate's `outstanding` is what the booking can
 * settle: the open amount for a credit or a received invoice, the overpaid amount for a refund; the
 * booking's amount is compared without its sign.
 *
 * 1. `number`: the invoice number (for a refund also the number of one of its credit notes; for a
 *    received invoice the supplier's number) appears in the remittance text (Verwendungszweck),
 *    whatever the spaces and case, and not as a part of a longer number (RE-2026-1 is not in
 *    RE-2026-12).
 * 2. `amountAndCustomer`: the amount is exactly what the booking can settle and the payer or payee
 *    is the customer (or the supplier): an IBAN known for them, or the same name.
 * 3. `amount`: only the amount is the same; shown last, as a hint.
 *
 * Skonto: a credit also matches an invoice's amount when it is what settles the invoice with its
 * Skonto on the booking day (`skontoAmount`, see skontoSettlingAmount): the proposal says so
 * (`skonto`), and confirming books the payment through the payment service, which grants the
 * discount.
 */
export const MATCH_REASONS = ['number', 'amountAndCustomer', 'amount'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** What a proposal settles: one of our invoices (a payment or a refund), or a received invoice (a supplier payment). */
export const MATCH_KINDS = ['invoice', 'supplierInvoice'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface MatchCandidate {
  /** Absent: one of our invoices. For `supplierInvoice`, invoiceId is the received invoice, number the supplier's, customerName the supplier's name. */
  kind?: MatchKind;
  invoiceId: string;
  number: string;
  customerId: string;
  customerName: string;
  /** What the booking can settle, a decimal string: for a credit what is still open, for a debit what was overpaid. */
  outstanding: string;
  /** For a credit: what settles the invoice with its Skonto when paid on the booking day (null: no Skonto then). */
  skontoAmount?: string | null;
  /** For a debit: the numbers of the invoice's credit notes, which a refund's text often names instead. */
  creditNoteNumbers?: string[];
  /** The payer's IBAN paid an invoice of this customer before (a confirmed match), or is the supplier's IBAN. */
  ibanKnown: boolean;
}

export interface MatchEntry {
  amount: string;
  remittance: string | null;
  counterpartyName: string | null;
}

export interface MatchProposal {
  kind: MatchKind;
  /** Our invoice, or for kind `supplierInvoice` the received invoice (number: the supplier's; customerName: the supplier). */
  invoiceId: string;
  number: string;
  customerName: string;
  outstanding: string;
  reason: MatchReason;
  /** The amount equals what is open or overpaid (a number match may be a part of it). */
  amountMatches: boolean;
  /** The amount is what settles the invoice with its Skonto (the discount is granted on confirming). */
  skonto: boolean;
}

/**
 * The invoice number occurs in the remittance text, in any case and with spaces or line breaks
 * inside it (banks wrap the text), but not as a part of a longer reference.
 */
export function numberInText(number: string, remittance: string | null): boolean {
  const chars = [...number.replace(/\s+/g, '')];
  if (chars.length < 3 || !remittance) return false;
  const body = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('\\s*');
  return new RegExp(`(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])`, 'i').test(remittance);
}

/**
 * The words of a remittance text that could be an invoice number, for an index lookup (upper
 * case): each word and each run of two or three neighbouring words joined (banks wrap long texts,
 * which puts a space inside a number), cut at characters a number never has. numberInText decides
 * on what is found.
 */
export function numberCandidates(remittance: string | null): string[] {
  if (!remittance) return [];
  const words = remittance.toUpperCase().split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let k = 1; k <= 3 && i + k <= words.length; k++) {
      for (const part of words.slice(i, i + k).join('').split(/[^A-Z0-9\-/._#]+/)) {
        const token = part.replace(/^[-/._#]+|[-/._#]+$/g, '');
        if (token.length >= 3 && token.length <= 60) out.add(token);
      }
    }
  }
  return [...out].slice(0, 300);
}

const LEGAL_FORMS = new Set(['gmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'haftungsbeschraenkt', 'co', 'ek', 'ev', 'gbr', 'se', 'partg', 'inh', 'und']);

/** The words of a name that tell it apart: no legal form, umlauts spelled out, lower case. */
export function nameWords(name: string): string[] {
  const plain = name
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/e\.\s?k\./g, 'ek').replace(/e\.\s?v\./g, 'ev').replace(/&/g, ' ');
  return [...new Set(plain.split(/[^a-z0-9]+/).filter((w) => w.length >= 2 && !LEGAL_FORMS.has(w)))];
}

/** The payer's name is the customer's: every distinguishing word of the customer's name is in it. */
export function sameName(customerName: string, payerName: string | null): boolean {
  if (!payerName) return false;
  const want = nameWords(customerName);
  if (want.length === 0) return false;
  const have = new Set(nameWords(payerName));
  return want.every((w) => have.has(w));
}

/** The paid amount settles what is open. */
export function matchesAmount(amount: string, outstanding: string): boolean {
  return toCents(amount) === toCents(outstanding);
}

const RANK: Record<MatchReason, number> = { number: 0, amountAndCustomer: 1, amount: 2 };

/** The proposals for one entry (a credit or a debit, see above), best first; at most `limit`. */
export function proposeMatches(entry: MatchEntry, candidates: MatchCandidate[], limit = 5): MatchProposal[] {
  const cents = toCents(entry.amount);
  if (cents === 0n) return [];
  const amount = entry.amount.replace(/^-/, '');
  const proposals: MatchProposal[] = [];
  for (const c of candidates) {
    if (toCents(c.outstanding) <= 0n) continue;
    const skonto = cents > 0n && c.skontoAmount != null && matchesAmount(amount, c.skontoAmount);
    const amountMatches = skonto || matchesAmount(amount, c.outstanding);
    const named = numberInText(c.number, entry.remittance) || (cents < 0n && (c.creditNoteNumbers ?? []).some((n) => numberInText(n, entry.remittance)));
    const reason: MatchReason | null = named
      ? 'number'
      : amountMatches && (c.ibanKnown || sameName(c.customerName, entry.counterpartyName))
        ? 'amountAndCustomer'
        : amountMatches
          ? 'amount'
          : null;
    if (reason) proposals.push({ kind: c.kind ?? 'invoice', invoiceId: c.invoiceId, number: c.number, customerName: c.customerName, outstanding: c.outstanding, reason, amountMatches, skonto });
  }
  proposals.sort((a, b) => RANK[a.reason] - RANK[b.reason] || Number(b.amountMatches) - Number(a.amountMatches) || a.number.localeCompare(b.number) || a.kind.localeCompare(b.kind));
  return proposals.slice(0, limit);
}
