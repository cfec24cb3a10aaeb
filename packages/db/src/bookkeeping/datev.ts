import type { EntityManager } from '@mikro-orm/postgresql';
import type { TaxCode } from '@workmate/domain/bookkeeping';
import { buchungsstapel, type DatevEntry, type DatevHeader } from '@workmate/domain/datev';
import { masterDataFile } from '@workmate/domain/datev-master';
import type { DatevExportInput, DatevFileDto } from '@workmate/domain/schemas/bookkeeping-datev';
import { encodeWindows1252 } from '@workmate/domain/windows-1252';
import { AuditLog } from '../entities/audit-log.ts';
import type { Actor } from '../shared/actor.ts';
import { activeChart } from './accounts.ts';

/** The DATEV export (EXTF) of a date range: the Buchungsstapel and the debtor/creditor master data, as Windows-1252 bytes. */

const BERLIN = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

function berlinStamp(at: Date): DatevHeader['createdAt'] {
  const parts = Object.fromEntries(BERLIN.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}`, millis: at.getUTCMilliseconds() };
}

interface LineRow {
  entry_id: string;
  entry_date: string;
  document_number: string | null;
  description: string;
  number: number;
  amount: string;
  tax_code: TaxCode | null;
  is_tax: boolean;
  automatic_tax: string | null;
  anchor: boolean;
  vat_account: boolean;
}

async function header(em: EntityManager, input: DatevExportInput): Promise<DatevHeader> {
  return {
    createdAt: berlinStamp(input.exportedAt ? new Date(input.exportedAt) : new Date()),
    consultantNumber: input.consultantNumber,
    clientNumber: input.clientNumber,
    from: input.from,
    to: input.to,
    chart: await activeChart(em),
  };
}

export async function datevBuchungsstapel(em: EntityManager, input: DatevExportInput): Promise<string> {
  const rows = await em.execute<LineRow[]>(
    `select l.entry_id, to_char(l.entry_date, 'YYYY-MM-DD') as entry_date, e.document_number, e.description, a.number, l.amount::text as amount,
            l.tax_code, l.is_tax, a.automatic_tax,
            (a.chart = 'personal' or a.role in ('bank', 'cash')) as anchor, coalesce(a.role like 'vat%', false) as vat_account
     from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
     where l.entry_date >= ? and l.entry_date <= ?
     order by l.entry_date, l.entry_number, l.line_no`,
    [input.from, input.to],
  );
  // Rows come in entry order: group them by entry.
  const byEntry = new Map<string, DatevEntry>();
  for (const r of rows) {
    let entry = byEntry.get(r.entry_id);
    if (!entry) {
      entry = { entryDate: r.entry_date, documentNumber: r.document_number, description: r.description, lines: [] };
      byEntry.set(r.entry_id, entry);
    }
    entry.lines.push({ accountNumber: r.number, amount: BigInt(r.amount), taxCode: r.tax_code, isTax: r.is_tax, automaticTax: r.automatic_tax, anchor: r.anchor, vatAccount: r.vat_account });
  }
  const entries = [...byEntry.values()];
  return buchungsstapel(await header(em, input), entries);
}

export async function datevMasterData(em: EntityManager, input: DatevExportInput): Promise<string> {
  const accounts = await em.execute<Array<{ number: number; name: string; vat_id: string | null; street: string | null; zip: string | null; city: string | null; country_code: string | null }>>(
    `select a.number, coalesce(c.name, s.name, a.name) as name, coalesce(c.vat_id, s.vat_id) as vat_id, coalesce(c.street, s.street) as street,
            coalesce(c.zip_code, s.zip) as zip, coalesce(c.city, s.city) as city, coalesce(c.country_code, s.country_code) as country_code
     from ledger_accounts a left join customers c on c.id = a.customer_id left join suppliers s on s.id = a.supplier_id
     where a.chart = 'personal' order by a.number`,
  );
  return masterDataFile(await header(em, input), accounts.map((a) => ({ number: a.number, name: a.name, vatId: a.vat_id, street: a.street, zip: a.zip, city: a.city, countryCode: a.country_code })));
}

/** Both files, audited (an export hands the books to someone outside). */
export async function datevExport(em: EntityManager, actor: Actor & { email?: string }, input: DatevExportInput): Promise<DatevFileDto[]> {
  const stapel = await datevBuchungsstapel(em, input);
  const master = await datevMasterData(em, input);
  const period = `${input.from.replaceAll('-', '')}_${input.to.replaceAll('-', '')}`;
  const files = [
    { filename: `EXTF_Buchungsstapel_${period}.csv`, contentBase64: Buffer.from(encodeWindows1252(stapel)).toString('base64') },
    { filename: `EXTF_Debitoren_Kreditoren_${period}.csv`, contentBase64: Buffer.from(encodeWindows1252(master)).toString('base64') },
  ];
  await em.transactional(async (tx) => {
    tx.create(AuditLog, { action: 'access', entity: 'DatevExport', entityId: period, actorId: actor.id, actorLabel: actor.email ?? null, changes: { exported: { before: null, after: { from: input.from, to: input.to } } }, at: new Date() });
    await tx.flush();
  });
  return files;
}
