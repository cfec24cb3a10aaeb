import type { EntityManager } from '@mikro-orm/postgresql';
import { numberCandidates, proposeMatches, type MatchCandidate, type MatchProposal } from '@workmate/domain/bank-matching';
import { toCents } from '@workmate/domain/money';
import { skontoSettlingAmount } from '@workmate/domain/skonto';
import { moneyText } from '../shared/format.ts';

/** Invoices that can still receive money (finalized and not paid in full, not cancelled). */
export const OPEN_INVOICE_STATUSES = ['finalized', 'sent', 'partially_paid', 'overdue'] as const;

interface EntryForMatching {
  id: string;
  amount: string;
  /** YYYY-MM-DD: the day a confirmed payment is dated (Skonto depends on it). */
  bookingDate: string;
  remittance: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
}

/** The invoices `found` (ids with by_number), each once, a number match winning: the CTE `candidates`. */
const ONE_PER_INVOICE = `candidates as (select distinct on (f.id) f.id, f.by_number from found f order by f.id, f.by_number desc)`;

/** Whether the payer's IBAN (bound twice) paid an invoice of the customer of invoice `i` before: a confirmed match. */
const IBAN_KNOWN = `exists (select 1 from bank_entries k join invoices ki on ki.id = k.invoice_id
                     where k.status = 'matched' and ?::text is not null and k.counterparty_iban = ? and ki.customer_id = i.customer_id) as iban_known`;

/**
 * The candidates of one credit: open invoices whose number is one of the words of the remittance
 * text (numberCandidates; the exact rule is numberInText), whose open amount is the entry's
 * amount, or which have Skonto terms still running on the booking day and an open amount a little
 * above the entry's (at most the discount above; skontoSettlingAmount decides exactly). The first
 * two are found by an index (upper(number); the open amount of open invoices), the third among the
 * open invoices above the amount; so the cost does not grow with the number of paid invoices. For
 * each, whether the payer's IBAN paid this customer before (a confirmed match).
 */
async function candidatesFor(em: EntityManager, entry: EntryForMatching): Promise<MatchCandidate[]> {
  const words = numberCandidates(entry.remittance);
  const statuses = OPEN_INVOICE_STATUSES.map(() => '?').join(', ');
  const open = `type = 'invoice' and status in (${statuses})`;
  const rows = await em.getConnection().execute<Array<CreditCandidateRow>>(
    `with found as (
       select id, false as by_number from invoices where ${open} and (gross_total - credited_amount - paid_amount) = ?::numeric
       union all select id, false from invoices
        where ${open} and skonto_percent is not null and (gross_total - credited_amount - paid_amount) > ?::numeric
          and (gross_total - credited_amount - paid_amount) - ?::numeric <= (gross_total - credited_amount) * skonto_percent / 100 + 0.01
          and issue_date + skonto_days >= ?::date
       ${words.length ? `union all select id, true from invoices where upper(number) in (?) and ${open}` : ''}
     ), ${ONE_PER_INVOICE}
     select i.id, i.number, i.customer_id, c.name as customer_name, (i.gross_total - i.credited_amount - i.paid_amount)::text as outstanding,
            (i.gross_total - i.credited_amount)::text as due, i.paid_amount::text as paid, i.skonto_percent::text as skonto_percent, i.skonto_days, i.issue_date::text as issue_date,
            exists (select 1 from payments p where p.invoice_id = i.id and p.skonto_amount is not null) as skonto_taken,
            ${IBAN_KNOWN}
       from candidates f join invoices i on i.id = f.id join customers c on c.id = i.customer_id
      order by f.by_number desc, i.issue_date desc nulls last, i.number
      limit 50`,
    [
      ...OPEN_INVOICE_STATUSES,
      entry.amount,
      ...OPEN_INVOICE_STATUSES,
      entry.amount,
      entry.amount,
      entry.bookingDate,
      ...(words.length ? [words, ...OPEN_INVOICE_STATUSES] : []),
      entry.counterpartyIban,
      entry.counterpartyIban,
    ],
  );
  return rows.map((r) => ({
    invoiceId: r.id,
    number: r.number,
    customerId: r.customer_id,
    customerName: r.customer_name,
    outstanding: moneyText(r.outstanding),
    skontoAmount: r.skonto_taken
      ? null
      : skontoSettlingAmount({
          terms: r.skonto_percent === null || r.skonto_days === null ? null : { percent: r.skonto_percent, days: r.skonto_days },
          issueDate: r.issue_date,
          due: moneyText(r.due),
          paidBefore: moneyText(r.paid),
          paymentDate: entry.bookingDate,
        }),
    ibanKnown: r.iban_known,
  }));
}

type CreditCandidateRow = {
  id: string;
  number: string;
  customer_id: string;
  customer_name: string;
  outstanding: string;
  due: string;
  paid: string;
  skonto_percent: string | null;
  skonto_days: number | null;
  issue_date: string | null;
  skonto_taken: boolean;
  iban_known: boolean;
};

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
     ), ${ONE_PER_INVOICE}
     select i.id, i.number, i.customer_id, c.name as customer_name,
            greatest(i.paid_amount + coalesce((select sum(p.skonto_amount) from payments p where p.invoice_id = i.id), 0) - greatest(i.gross_total - i.credited_amount, 0), 0)::numeric(14,2)::text as outstanding,
            array(select n.number from invoices n where n.credits_id = i.id and n.type = 'credit_note' and n.number is not null order by n.number) as credit_notes,
            ${IBAN_KNOWN}
       from candidates f join invoices i on i.id = f.id join customers c on c.id = i.customer_id
      where i.status <> 'cancelled'
      order by f.by_number desc, i.issue_date desc nulls last, i.number
      limit 50`,
    [entry.amount.replace(/^-/, ''), ...(words.length ? [words, words] : []), entry.counterpartyIban, entry.counterpartyIban],
  );
  return rows.map((r) => ({ invoiceId: r.id, number: r.number, customerId: r.customer_id, customerName: r.customer_name, outstanding: moneyText(r.outstanding), creditNoteNumbers: r.credit_notes, ibanKnown: r.iban_known }));
}

/**
 * The received invoices debits can pay: approved ones with something open (gross booked −
 * payments − Skonto received), with their supplier. Read once per list of entries (one pass over
 * received invoices, their expenses and payments: about 30 ms at 10,000 approved received
 * invoices, measured 2026-12-06); few are open at any time, and
 * proposeMatches picks per entry those named in the text or of its amount. `ibanKnown` per payee
 * IBAN: the supplier's own IBAN, or one that paid this supplier before (a confirmed match).
 */
async function openReceivedInvoices(em: EntityManager, payeeIbans: string[]): Promise<(entry: EntryForMatching) => MatchCandidate[]> {
  const rows = await em.getConnection().execute<Array<{ id: string; number: string; supplier_id: string; supplier_name: string; supplier_iban: string | null; outstanding: string }>>(
    `select si.id, si.invoice_number as number, si.supplier_id, s.name as supplier_name, upper(replace(s.iban, ' ', '')) as supplier_iban,
            (coalesce(x.gross, 0) - coalesce(p.settled, 0))::numeric(14,2)::text as outstanding
       from supplier_invoices si join suppliers s on s.id = si.supplier_id
       left join (select supplier_invoice_id, sum(gross_amount) as gross from expenses where supplier_invoice_id is not null group by 1) x on x.supplier_invoice_id = si.id
       left join (select supplier_invoice_id, sum(amount + coalesce(skonto_amount, 0)) as settled from supplier_payments group by 1) p on p.supplier_invoice_id = si.id
      where si.status = 'approved' and coalesce(x.gross, 0) - coalesce(p.settled, 0) > 0
      order by si.issue_date desc, si.invoice_number`,
  );
  const known = payeeIbans.length
    ? await em.getConnection().execute<Array<{ iban: string; supplier_id: string }>>(
        `select distinct k.counterparty_iban as iban, ks.supplier_id from bank_entries k join supplier_invoices ks on ks.id = k.supplier_invoice_id where k.status = 'matched' and k.counterparty_iban in (?)`,
        [payeeIbans],
      )
    : [];
  const paid = new Set(known.map((k) => `${k.iban}|${k.supplier_id}`));
  return (entry) => {
    const iban = entry.counterpartyIban?.replace(/\s+/g, '').toUpperCase() ?? null;
    return rows.map((r) => ({
      kind: 'supplierInvoice' as const,
      invoiceId: r.id,
      number: r.number,
      customerId: r.supplier_id,
      customerName: r.supplier_name,
      outstanding: moneyText(r.outstanding),
      ibanKnown: iban !== null && (r.supplier_iban === iban || paid.has(`${entry.counterpartyIban}|${r.supplier_id}`)),
    }));
  };
}

/**
 * The proposals of each open entry by entry id: invoices a credit pays; for a debit overpaid
 * invoices it refunds and received invoices it pays (nothing for decided entries).
 */
export async function proposalsFor(em: EntityManager, entries: Array<EntryForMatching & { status: string }>): Promise<Map<string, MatchProposal[]>> {
  const out = new Map<string, MatchProposal[]>();
  const open = entries.filter((e) => e.status === 'open' && toCents(e.amount) !== 0n);
  const debits = open.filter((e) => toCents(e.amount) < 0n);
  const received = debits.length ? await openReceivedInvoices(em, [...new Set(debits.flatMap((e) => (e.counterpartyIban ? [e.counterpartyIban] : [])))]) : null;
  for (const entry of open) {
    const candidates = received && toCents(entry.amount) < 0n ? [...(await refundCandidatesFor(em, entry)), ...received(entry)] : await candidatesFor(em, entry);
    out.set(entry.id, proposeMatches(entry, candidates));
  }
  return out;
}
