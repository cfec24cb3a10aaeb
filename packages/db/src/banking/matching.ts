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

/** The proposals of each open credit entry, by entry id (nothing for debits and decided entries). */
export async function proposalsFor(em: EntityManager, entries: Array<EntryForMatching & { status: string }>): Promise<Map<string, MatchProposal[]>> {
  const out = new Map<string, MatchProposal[]>();
  for (const entry of entries) {
    if (entry.status !== 'open' || toCents(entry.amount) <= 0n) continue;
    out.set(entry.id, proposeMatches(entry, await candidatesFor(em, entry)));
  }
  return out;
}
