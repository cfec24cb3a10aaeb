import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Client } from './users.ts';

/** The account the sample files in tests/fixtures/bank are of. */
export const SAMPLE_ACCOUNT = 'DE02120300000000202051';
/** The invoice numbers the sample files' remittance texts name. */
export const SAMPLE_NUMBERS = ['RE-2026-0101', 'RE-2026-0102', 'RE-2026-0103', 'RE-2026-0104', 'RE-2026-0105', 'RE-2026-0106'] as const;

/** An account of the caller's own (so files of parallel tests never share entries): "DE" and 20 digits. */
export const testAccount = () => `DE${String(randomInt(10, 99))}${Array.from({ length: 18 }, () => randomInt(0, 10)).join('')}`;

/**
 * A sample file with its account replaced by `account` and the invoice numbers of its remittance
 * texts replaced by real ones (`numbers[RE-2026-0101] = 'RE-2026-0042'`). The MT940 sample names
 * the account as BLZ/Kontonummer; it is replaced by the IBAN there.
 */
export function sampleFile(name: 'camt053-001-02.xml' | 'camt053-001-08.xml' | 'mt940.sta', account: string, numbers: Partial<Record<string, string>> = {}): string {
  const encoding = name.endsWith('.sta') ? 'latin1' : 'utf8';
  let text = readFileSync(new URL(`../fixtures/bank/${name}`, import.meta.url)).toString(encoding);
  text = text.replaceAll('DE02 1203 0000 0000 2020 51', account).replaceAll(SAMPLE_ACCOUNT, account).replace(':25:12030000/0000202051', `:25:${account}`);
  for (const [from, to] of Object.entries(numbers)) if (to) text = text.replaceAll(from, to).replaceAll(from.toLowerCase(), to.toLowerCase());
  return Buffer.from(text, encoding).toString('base64');
}

/**
 * A one-entry MT940 file: a credit of `amount` ("1,00") on a fresh account, with the remittance
 * text given; `debit` makes it money going out, `day` ("2026-12-01", the default) its booking day.
 */
export function oneCreditMt940(options: { amount?: string; remittance?: string; name?: string; account?: string; debit?: boolean; day?: string } = {}): string {
  const reference = randomUUID().replace(/-/g, '').slice(0, 16);
  const [, yy, mm, dd] = /^\d\d(\d\d)-(\d\d)-(\d\d)$/.exec(options.day ?? '2026-12-01') ?? [];
  const mark = options.debit ? 'D' : 'C';
  const text = [
    ':20:STARTUMSE',
    `:25:${options.account ?? testAccount()}`,
    ':28C:00001/001',
    `:60F:C${yy}${mm}${dd}EUR0,00`,
    `:61:${yy}${mm}${dd}${mm}${dd}${mark}${options.amount ?? '1,00'}NTRFNONREF//${reference}`,
    `:86:${options.debit ? '177?00UEBERWEISUNG' : '166?00GUTSCHRIFT'}?20SVWZ+${options.remittance ?? 'Zahlung'}?32${options.name ?? 'Testzahler GmbH'}`,
    `:62F:${mark}${yy}${mm}${dd}EUR${options.amount ?? '1,00'}`,
    '-',
  ].join('\r\n');
  return Buffer.from(text, 'latin1').toString('base64');
}

/** Imports a one-entry file as `client` and returns the entry's id. */
export async function openCreditEntry(client: Client, options: Parameters<typeof oneCreditMt940>[0] = {}): Promise<string> {
  const account = options.account ?? testAccount();
  const result = await client.banking.statements.import.mutate({ fileName: 'umsatz.sta', contentBase64: oneCreditMt940({ ...options, account }) });
  const { items } = await client.banking.entries.list.query({ statementId: result.statementId });
  const entry = items[0];
  if (!entry) throw new Error('the one-entry statement stored no entry');
  return entry.id;
}

export interface StatementUploadAnswer {
  status: number;
  body: { statementId?: string; format?: string; entries?: number; imported?: number; skipped?: number; error?: { message: string; data?: { appCode?: string; params?: Record<string, string | number> } } };
}

/** `POST /api/banking/statements` with an API token: multipart (field `file`) or the raw body. */
export async function uploadStatement(url: string, token: string | null, bytes: Uint8Array, options: { name?: string; raw?: boolean } = {}): Promise<StatementUploadAnswer> {
  const name = options.name ?? 'auszug.xml';
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : { 'x-workmate-client': 'web' };
  let init: RequestInit;
  if (options.raw) {
    init = { method: 'POST', body: new Uint8Array(bytes), headers: { ...auth, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) } };
  } else {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    init = { method: 'POST', body: form, headers: auth };
  }
  const res = await fetch(`${url}/api/banking/statements`, init);
  return { status: res.status, body: (await res.json()) as StatementUploadAnswer['body'] };
}

/** An MT940 file of `count` credits of 1.00 each on `account` (for a file larger than the tRPC limit). */
export function manyCreditsMt940(account: string, count: number): Uint8Array {
  const lines = [':20:STARTUMSE', `:25:${account}`, ':28C:00001/001', ':60F:C261201EUR0,00'];
  for (let i = 0; i < count; i++) {
    lines.push(`:61:2612011201C1,00NTRFNONREF//M${String(i).padStart(10, '0')}`, `:86:166?00GUTSCHRIFT?20SVWZ+Mitgliedsbeitrag Dezember 2026 Nr ${i}?32Mitglied ${i}`);
  }
  lines.push(`:62F:C261201EUR${count},00`, '-');
  return new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'));
}
