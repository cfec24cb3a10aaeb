import type { EntityManager } from '@mikro-orm/postgresql';
import { fromCents } from '@workmate/domain/money';
import type { VatReturnDto, VatReturnField, VatReturnInput } from '@workmate/domain/schemas/bookkeeping-reports';

/**
 * UStVA (Umsatzsteuer-Voranmeldung) figures for a month or quarter, from the journal lines'
 * tax codes (entry date in the period):
 * - codes with VAT: from the VAT lines (their base and amount). Output VAT lines (accounts with
 *   a `vatOut…` role) give 81/86 (19/7 %), 46/47 (§13b EU) and 84/85 (other §13b); input VAT
 *   lines (`vatIn…`) give 66 (VST19/VST7) and 67 (§13b). VAT not yet due (Ist-Versteuerung,
 *   `vatOutNotDue…`) is not in the return until it is moved to the VAT account.
 * - tax-free codes: from the net (revenue) lines: 41 (EU supply), 43 (export), 60 (§13b, the
 *   customer owes the VAT).
 * No tax code carries a rate other than 19 or 7 %, so 35/36 stay 0.
 * Bases are cut to whole euros (the form has no cents); taxes are exact to the cent.
 */

/** First and last day of the month or quarter. */
export function vatPeriod(input: VatReturnInput): { from: string; to: string } {
  const firstMonth = input.month ?? ((input.quarter ?? 1) - 1) * 3 + 1;
  const lastMonth = input.month ?? firstMonth + 2;
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(input.year, lastMonth, 0)).getUTCDate();
  return { from: `${input.year}-${pad(firstMonth)}-01`, to: `${input.year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

interface SumRow {
  tax_code: string;
  side: 'out' | 'in' | 'notDue' | 'net' | 'other';
  amount: string;
  base: string;
}

/** Whole euros of a base in cents, cut toward zero ("abgerundet" for the usual positive base). */
const wholeEuros = (cents: bigint) => (cents / 100n).toString();

export async function vatReturn(em: EntityManager, input: VatReturnInput): Promise<VatReturnDto> {
  const { from, to } = vatPeriod(input);
  const rows = await em.execute<SumRow[]>(
    `select l.tax_code,
            case when not l.is_tax then (case when a.type = 'revenue' then 'net' else 'other' end)
                 when a.role like 'vatOutNotDue%' then 'notDue'
                 when a.role like 'vatOut%' then 'out'
                 when a.role like 'vatIn%' then 'in'
                 else 'other' end as side,
            sum(l.amount)::text as amount,
            -- A VAT line's base has the sign of its net line; counted in the direction of the tax.
            coalesce(sum(case when l.amount < 0 then abs(l.tax_base) else -abs(l.tax_base) end), 0)::text as base
     from journal_lines l join ledger_accounts a on a.id = l.account_id
     where l.entry_date >= ? and l.entry_date <= ? and l.tax_code is not null
     group by 1, 2`,
    [from, to],
  );
  const get = (side: SumRow['side'], codes: string[], what: 'amount' | 'base') =>
    rows.filter((r) => r.side === side && codes.includes(r.tax_code)).reduce((s, r) => s + BigInt(r[what]), 0n);
  // Output VAT is credit (negative amount): shown positive. Input VAT is debit: positive as it is.
  const base81 = get('out', ['UST19'], 'base');
  const tax81 = -get('out', ['UST19'], 'amount');
  const base86 = get('out', ['UST7'], 'base');
  const tax86 = -get('out', ['UST7'], 'amount');
  const base46 = get('out', ['RC_EU'], 'base');
  const tax47 = -get('out', ['RC_EU'], 'amount');
  const base84 = get('out', ['RC_DOM'], 'base');
  const tax85 = -get('out', ['RC_DOM'], 'amount');
  const tax66 = get('in', ['VST19', 'VST7'], 'amount');
  const tax67 = get('in', ['RC_EU', 'RC_DOM'], 'amount');
  const net = (code: string) => -get('net', [code], 'amount');
  const tax83 = tax81 + tax86 + tax47 + tax85 - tax66 - tax67;
  const fields: Record<VatReturnField, string> = {
    '81': wholeEuros(base81),
    '81tax': fromCents(tax81),
    '86': wholeEuros(base86),
    '86tax': fromCents(tax86),
    '35': '0',
    '36': '0.00',
    '41': wholeEuros(net('EU_SUPPLY')),
    '43': wholeEuros(net('EXPORT')),
    '60': wholeEuros(net('RC_OUT')),
    '46': wholeEuros(base46),
    '47': fromCents(tax47),
    '84': wholeEuros(base84),
    '85': fromCents(tax85),
    '66': fromCents(tax66),
    '67': fromCents(tax67),
    '83': fromCents(tax83),
  };
  return { year: input.year, from, to, fields };
}
