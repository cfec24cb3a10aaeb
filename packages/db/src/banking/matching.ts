import type { EntityManager } from '@mikro-orm/postgresql';
import { numberCandidates, proposeMatches, type MatchCandidate, type MatchProposal } from '@workmate/domain/bank-matching';
import { toCents } from '@workmate/domain/money';
import { moneyText } from '../shared/format.ts';

/** Invoices that can still receive money (finalized and not paid in full, not cancelled). */
export const OPEN_INVOICE_STATUSES = ['finalized', 'sent', 'partially_paid', 'overdue'] as const;

interface EntryForMatching {
  id: string;
  amount: string;
  remittance: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
}

/**
 * The candidates of one credit: open invoices whose number is one of the words of the remittance
 * text (numberCandidates; the exact rule is numberInText) or whose open amount is the entry's
 * amount, each found by an index (upper(number); the open amount of open invoices), so the cost
 * does not grow with the number of invoices. For each, whether the payer's IBAN paid this
 * customer before (a confirmed match).
 */
async function candidatesFor(em: EntityManager, entry: EntryForMatching): Promise<MatchCandidate[]> {
  const words = numberCandidates(entry.remittance);
  const statuses = OPEN_INVOICE_STATUSES.map(() => '?').join(', ');
  const rows = await em.getConnection().execute<Array<{ id: string; number: string; customer_id: string; customer_name: string; outstanding: string; iban_known: boolean }>>(
    `with found as (
       select id, number, customer_id, issue_date, gross_total - credited_amount - paid_amount as outstanding, false as by_number from invoices
        where type = 'invoice' and status in (${statuses}) and (gross_total - credited_amount - paid_amount) = ?::numeric
       ${words.length ? `union all select id, number, customer_id, issue_date, gross_total - credited_amount - paid_amount, true from invoices where upper(number) in (?) and type = 'invoice' and status in (${statuses})` : ''}
     )
     select f.id, f.number, f.customer_id, c.name as customer_name, f.outstanding::text as outstanding,
            exists (select 1 from bank_entries k join invoices ki on ki.id = k.invoice_id
                     where k.status = 'matched' and ?::text is not null and k.counterparty_iban = ? and ki.customer_id = f.customer_id) as iban_known
       from found f join customers c on c.id = f.customer_id
      order by f.by_number desc, f.issue_date desc nulls last, f.number
      limit 50`,
    [...OPEN_INVOICE_STATUSES, entry.amount, ...(words.length ? [words, ...OPEN_INVOICE_STATUSES] : []), entry.counterpartyIban, entry.counterpartyIban],
  );
  // A number match comes first, so many invoices of the same amount never push it past the limit.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ invoiceId: r.id, number: r.number, customerId: r.customer_id, customerName: r.customer_name, outstanding: moneyText(r.outstanding), ibanKnown: r.iban_known }));
}

/**
 * The candidates of one debit: invoices the customer overpaid (what a refund pays back), found by
 * their overpaid amount (a partial index of the overpaid invoices), by their number or by the
 * number of one of their credit notes in the remittance text (a refund's text often names the
 * credit note). `outstanding` is what may still be paid back: payments + Skonto − (gross − credited).
 */
async function refundCandidatesFor(em: EntityManager, entry: EntryForMatching): Promise<MatchCandidate[]> {
  const words = numberCandidates(entry.remittance);
  const rows = await em.getConnection().execute<Array<{ id: string; number: string; customer_id: string; customer_name: string; outstanding: string; credit_notes: string[]; iban_known: boolean }>>(
    `with found as (
       select id, false as by_number from invoices
        where type = 'invoice' and paid_amount > gross_total - credited_amount and (paid_amount - (gross_total - credited_amount)) = ?::numeric
       ${
         words.length
           ? `union all select id, true from invoices where upper(number) in (?) and type = 'invoice'
              union all select credits_id, true from invoices where upper(number) in (?) and type = 'credit_note'`
           : ''
       }
     ), candidates as (
       select distinct on (f.id) f.id, f.by_number from found f order by f.id, f.by_number desc
     )
     select i.id, i.number, i.customer_id, c.name as customer_name,
            greatest(i.paid_amount + coalesce((select sum(p.skonto_amount) from payments p where p.invoice_id = i.id), 0) - greatest(i.gross_total - i.credited_amount, 0), 0)::numeric(14,2)::text as outstanding,
            array(select n.number from invoices n where n.credits_id = i.id and n.type = 'credit_note' and n.number is not null order by n.number) as credit_notes,
            exists (select 1 from bank_entries k join invoices ki on ki.id = k.invoice_id
                     where k.status = 'matched' and ?::text is not null and k.counterparty_iban = ? and ki.customer_id = i.customer_id) as iban_known
       from candidates f join invoices i on i.id = f.id join customers c on c.id = i.customer_id
      where i.status <> 'cancelled'
      order by f.by_number desc, i.issue_date desc nulls last, i.number
      limit 50`,
    [entry.amount.replace(/^-/, ''), ...(words.length ? [words, words] : []), entry.counterpartyIban, entry.counterpartyIban],
  );
  return rows.map((r) => ({ invoiceId: r.id, number: r.number, customerId: r.customer_id, customerName: r.customer_name, outstanding: moneyText(r.outstanding), creditNoteNumbers: r.credit_notes, ibanKnown: r.iban_known }));
}

/** The proposals of each open entry by entry id: invoices a credit pays, or overpaid invoices a debit refunds (nothing for decided entries). */
export async function proposalsFor(em: EntityManager, entries: Array<EntryForMatching & { status: string }>): Promise<Map<string, MatchProposal[]>> {
  const out = new Map<string, MatchProposal[]>();
  for (const entry of entries) {
    const cents = toCents(entry.amount);
    if (entry.status !== 'open' || cents === 0n) continue;
    out.set(entry.id, proposeMatches(entry, await (cents > 0n ? candidatesFor(em, entry) : refundCandidatesFor(em, entry))));
  }
  return out;
}
