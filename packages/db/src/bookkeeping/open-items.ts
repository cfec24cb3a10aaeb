import type { EntityManager } from '@mikro-orm/postgresql';
import { fromCents } from '@workmate/domain/money';
import type { OpenItemDto, OpenItemListDto, OpenItemListInput, OpenItemPartyDto } from '@workmate/domain/schemas/bookkeeping';

/**
 * Open items (Offene-Posten-Liste) straight from the journal: every line on a personal account
 * carries the invoice it opens or settles (`open_item_id`), so an item is the sum of its lines
 * and a customer's items add up to the balance of the debtor account (a supplier's to the
 * creditor account). Debtor amounts are what customers owe, creditor amounts what we owe.
 * With `asOf`, only postings dated up to that day count: the list as it stood then.
 */
export async function listOpenItems(em: EntityManager, input: OpenItemListInput): Promise<OpenItemListDto> {
  const debtor = input.side === 'debtor';
  const party = debtor ? 'customer_id' : 'supplier_id';
  const sign = debtor ? 1n : -1n;
  const partyFilter = input.partyId ? ` and a.${party} = ?` : '';
  const partyParams = input.partyId ? [input.partyId] : [];
  const asOf = input.asOf ? ' and l.entry_date <= ?' : '';
  const asOfParams = input.asOf ? [input.asOf] : [];
  const items = await em.execute<Array<{ id: string; party_id: string; account_number: number; opened: string; open: string; number: string | null; issue_date: string | null; due_date: string | null; name: string }>>(
    `select l.open_item_id as id, a.${party} as party_id, a.number as account_number,
            sum(case when e.source_type in ('invoice', 'supplierInvoice') and e.source_id = l.open_item_id then l.amount else 0 end)::text as opened,
            sum(l.amount)::text as open,
            ${debtor ? `i.number, to_char(i.issue_date, 'YYYY-MM-DD') as issue_date, to_char(i.due_date, 'YYYY-MM-DD') as due_date, c.name`
                     : `si.invoice_number as number, to_char(si.issue_date, 'YYYY-MM-DD') as issue_date, to_char(si.due_date, 'YYYY-MM-DD') as due_date, s.name`}
     from journal_lines l
     join ledger_accounts a on a.id = l.account_id and a.${party} is not null
     join journal_entries e on e.id = l.entry_id
     ${debtor ? 'left join invoices i on i.id = l.open_item_id join customers c on c.id = a.customer_id' : 'left join supplier_invoices si on si.id = l.open_item_id join suppliers s on s.id = a.supplier_id'}
     where l.open_item_id is not null${partyFilter}${asOf}
     group by l.open_item_id, a.${party}, a.number, 6, 7, 8, 9
     ${input.includeSettled ? '' : 'having sum(l.amount) <> 0'}
     order by 7 nulls last, 6`,
    [...partyParams, ...asOfParams],
  );
  // The account balance starts after the last closed year (before the as-of date's year): its
  // close carried every balance into an opening entry of the next year (without an item, since it
  // opens none), so the years up to the close are in that entry. The items are summed over all
  // years: an invoice stays open across a year-end until it is paid.
  const parties = await em.execute<Array<{ party_id: string; name: string; account_id: string; number: number; balance: string; items: string }>>(
    `select a.${party} as party_id, ${debtor ? 'c.name' : 's.name'} as name, a.id as account_id, a.number,
            coalesce(sum(l.amount) filter (where l.fiscal_year > y.closed), 0)::text as balance,
            coalesce(sum(l.amount) filter (where l.open_item_id is not null), 0)::text as items
     from ledger_accounts a ${debtor ? 'join customers c on c.id = a.customer_id' : 'join suppliers s on s.id = a.supplier_id'}
     cross join (select coalesce(max(year), 0) as closed from fiscal_years${input.asOf ? ' where year < ?' : ''}) y
     left join journal_lines l on l.account_id = a.id${asOf}
     where a.${party} is not null${partyFilter}
     group by 1, 2, 3, 4 ${input.includeSettled ? '' : 'having coalesce(sum(l.amount) filter (where l.fiscal_year > y.closed), 0) <> 0'}
     order by a.number`,
    [...(input.asOf ? [Number(input.asOf.slice(0, 4))] : []), ...asOfParams, ...partyParams],
  );
  const total = items.reduce((s, r) => s + BigInt(r.open), 0n) * sign;
  return {
    items: items.map((r) => ({
      id: r.id,
      documentNumber: r.number,
      documentDate: r.issue_date,
      dueDate: r.due_date,
      partyId: r.party_id,
      partyName: r.name,
      accountNumber: r.account_number,
      amount: fromCents(BigInt(r.opened) * sign),
      open: fromCents(BigInt(r.open) * sign),
    })),
    parties: parties.map((r) => ({
      partyId: r.party_id,
      partyName: r.name,
      accountId: r.account_id,
      accountNumber: r.number,
      balance: fromCents(BigInt(r.balance) * sign),
      openItems: fromCents(BigInt(r.items) * sign),
    })),
    total: fromCents(total),
  };
}

export interface OpenItemGroup {
  party: OpenItemPartyDto;
  items: OpenItemDto[];
}

/**
 * The list per party (in account order), each with its items and the party's account balance
 * beside their sum. A party with items but a zero balance (one item overpaid, another open) is
 * kept, so every item shows up under its party.
 */
export function groupOpenItems(list: OpenItemListDto): OpenItemGroup[] {
  const parties = new Map(list.parties.map((p) => [p.partyId, p]));
  for (const i of list.items) {
    if (!parties.has(i.partyId)) parties.set(i.partyId, { partyId: i.partyId, partyName: i.partyName, accountId: '', accountNumber: i.accountNumber, balance: '0.00', openItems: '0.00' });
  }
  return [...parties.values()]
    .sort((a, b) => a.accountNumber - b.accountNumber)
    .map((party) => ({ party, items: list.items.filter((i) => i.partyId === party.partyId) }));
}
