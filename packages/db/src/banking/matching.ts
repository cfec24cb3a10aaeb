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
       select id from invoices where type = 'invoice' and status in (${statuses}) and (gross_total - paid_amount) = ?::numeric
       ${words.length ? `union select id from invoices where upper(number) in (?) and type = 'invoice' and status in (${statuses})` : ''}
     )
     select i.id, i.number, i.customer_id, c.name as customer_name, (i.gross_total - i.paid_amount)::text as outstanding,
            exists (select 1 from bank_entries k join invoices ki on ki.id = k.invoice_id
                     where k.status = 'matched' and ?::text is not null and k.counterparty_iban = ? and ki.customer_id = i.customer_id) as iban_known
       from found f join invoices i on i.id = f.id join customers c on c.id = i.customer_id
      order by i.issue_date desc nulls last, i.number
      limit 50`,
    [...OPEN_INVOICE_STATUSES, entry.amount, ...(words.length ? [words, ...OPEN_INVOICE_STATUSES] : []), entry.counterpartyIban, entry.counterpartyIban],
  );
  return rows.map((r) => ({ invoiceId: r.id, number: r.number, customerId: r.customer_id, customerName: r.customer_name, outstanding: moneyText(r.outstanding), ibanKnown: r.iban_known }));
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
