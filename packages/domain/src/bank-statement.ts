import { appError } from './errors.ts';
import { fromCents, toCents } from './money.ts';

/**
 * A bank statement read into one shape, whether it came as CAMT.053 (XML, read in
 * packages/db/src/banking/parse-camt.ts) or MT940 (text, read here). Amounts are decimal strings
 * with two places, signed: a credit (money in) is positive, a debit negative. Dates `YYYY-MM-DD`.
 */
export const BANK_FORMATS = ['camt053', 'mt940'] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

export interface BankEntryRead {
  /** The bank's own reference of the booking (CAMT AcctSvcrRef, MT940 "//" reference); see entryReference. */
  bankReference: string;
  bookingDate: string;
  valueDate: string | null;
  /** Signed: "1190.00" received, "-89.90" paid out. */
  amount: string;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** Verwendungszweck: the remittance text as the payer wrote it. */
  remittance: string | null;
  endToEndId: string | null;
  /** CAMT BkTxCd (domain/family/sub-family or proprietary), MT940 transaction type + GVC. */
  transactionCode: string | null;
}

export interface BankStatementRead {
  format: BankFormat;
  /** camt.053.001.02, camt.053.001.08 or MT940. */
  version: string;
  accountIban: string;
  currency: string;
  statementIds: string[];
  openingBalance: string | null;
  closingBalance: string | null;
  entries: BankEntryRead[];
}

/**
 * Whether a statement adds up: closing balance − opening balance − the sum of its booked entries,
 * as a decimal string ("0.00" when it does). Not zero means the file is incomplete or was read
 * wrongly (an entry missing, a pending one counted); the import keeps the entries and shows the
 * difference. Null when the file gives no opening or no closing balance.
 */
export function balanceDifference(read: Pick<BankStatementRead, 'openingBalance' | 'closingBalance' | 'entries'>): string | null {
  if (read.openingBalance === null || read.closingBalance === null) return null;
  const booked = read.entries.reduce((sum, e) => sum + toCents(e.amount), 0n);
  return fromCents(toCents(read.closingBalance) - toCents(read.openingBalance) - booked);
}

/** Files larger than this are refused before they are read (years of a small company's account are less). */
export const MAX_BANK_STATEMENT_BYTES = 10 * 1024 * 1024;

/**
 * The most a file sent as base64 through tRPC may be: about 600 CAMT or 3,000 MT940 bookings.
 * No text field takes a megabyte (the fuzz suite holds every schema to that); larger files go
 * through POST /api/banking/statements.
 */
export const MAX_BANK_BASE64_FILE_BYTES = 720 * 1024;

export type BankFileKind = 'xml' | 'mt940' | 'unknown';

/** What a file is by its first bytes: XML starts with `<`, MT940 with a SWIFT block or a `:20:` tag. */
export function bankFileKind(head: string): BankFileKind {
  const text = head.replace(/^\uFEFF|^ï»¿/, '').trimStart();
  if (text.startsWith('<')) return 'xml';
  if (/^(\{1:[^}]*\}|\{2:[^}]*\}|\{3:|\{4:|:20:)/.test(text) || /^:20:/m.test(text.slice(0, 400))) return 'mt940';
  return 'unknown';
}

/** "1190,00" / "1190." / "1190.5" (decimal comma or point) to "1190.00"; null when it is not an amount with at most two places. */
export function bankAmount(value: string, negative: boolean): string | null {
  const m = /^(\d{1,12})(?:[.,](\d{0,2}))?$/.exec(value.trim());
  if (!m) return null;
  const cents = BigInt(m[1] ?? '0') * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return fromCents(negative && cents !== 0n ? -cents : cents);
}

/** A calendar date that exists, or null. */
export function isoDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === `${m[1]}-${m[2]}-${m[3]}` ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** An IBAN without spaces, upper case; null when absent. */
export const compactIban = (value: string | null | undefined) => {
  const text = (value ?? '').replace(/\s+/g, '').toUpperCase();
  return text === '' ? null : text;
};

/**
 * The reference an entry is known by for skipping it on a later import. Banks give one
 * (AcctSvcrRef); where a bank gives none (MT940 "NONREF", a CAMT entry without it), a reference is
 * derived from what identifies the booking, so the same entry in an overlapping file is found again.
 */
export function entryReference(given: string | null, parts: Array<string | null>): string {
  const ref = (given ?? '').trim();
  if (ref !== '' && ref.toUpperCase() !== 'NONREF' && ref.toUpperCase() !== 'NOTPROVIDED') return ref.slice(0, 100);
  // FNV-1a 64 over the parts: pure and stable (no node:crypto in the domain package).
  let hash = 0xcbf29ce484222325n;
  for (const ch of parts.map((p) => p ?? '').join('\u0001')) {
    hash ^= BigInt(ch.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `derived:${hash.toString(16).padStart(16, '0')}`;
}

/**
 * MT940 names a German account as "BLZ/Kontonummer" (:25:12030000/0000202051); it is the same
 * account as the IBAN a CAMT file names, so it is turned into that IBAN (ISO 13616 check digits).
 */
export function accountIdentifier(value: string): string {
  const text = value.replace(/\s+/g, '').toUpperCase();
  const german = /^(\d{8})\/(\d{1,10})(?:[A-Z]{3})?$/.exec(text);
  if (!german) return text.slice(0, 34);
  const bban = `${german[1]}${(german[2] ?? '').padStart(10, '0')}`;
  const check = 98n - (BigInt(`${bban}131400`) % 97n);
  return `DE${check.toString().padStart(2, '0')}${bban}`;
}

const bad = (code: 'bank.missingField', field: string) => appError('BAD_REQUEST', code, { field }, { field: 'file' });

/** YYMMDD of MT940 to YYYY-MM-DD (SWIFT: years 00–79 are 20xx, 80–99 19xx). */
function mtDate(yymmdd: string, field: string): string {
  const yy = Number(yymmdd.slice(0, 2));
  const iso = isoDate(`${yy < 80 ? 2000 + yy : 1900 + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`);
  if (!iso) throw appError('BAD_REQUEST', 'bank.badDate', { field, value: yymmdd }, { field: 'file' });
  return iso;
}

/** The booking date MMDD of a :61: line lies within a few days of its value date, possibly across a year end. */
function bookingNear(valueDate: string, mmdd: string, field: string): string {
  const year = Number(valueDate.slice(0, 4));
  const options = [year - 1, year, year + 1].map((y) => isoDate(`${y}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`)).filter((d): d is string => d !== null);
  if (options.length === 0) throw appError('BAD_REQUEST', 'bank.badDate', { field, value: mmdd }, { field: 'file' });
  const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(valueDate));
  return options.reduce((best, d) => (distance(d) < distance(best) ? d : best));
}

/** The fields of an MT940 text in order: tag and value (continuation lines kept with "\n"). */
function mtFields(text: string): Array<{ tag: string; value: string }> {
  const fields: Array<{ tag: string; value: string }> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\{[1-3]:[^}]*\}/g, '').replace(/^\{4:/, '');
    if (line === '' || line === '-' || line === '-}' || line.startsWith('{5:')) continue;
    const tag = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (tag) fields.push({ tag: tag[1] ?? '', value: tag[2] ?? '' });
    else if (fields.length) (fields[fields.length - 1] as { value: string }).value += `\n${line}`;
  }
  return fields;
}

/** A balance field (:60F:, :62F:): C/D, date, currency, amount. */
function mtBalance(value: string, field: string): { amount: string; currency: string } {
  const m = /^([CD])(\d{6})([A-Z]{3})([\d,.]+)/.exec(value.trim());
  if (!m) throw bad('bank.missingField', field);
  const amount = bankAmount(m[4] ?? '', m[1] === 'D');
  if (!amount) throw appError('BAD_REQUEST', 'bank.badAmount', { field, value: (m[4] ?? '').slice(0, 30) }, { field: 'file' });
  return { amount, currency: m[3] ?? '' };
}

const SEPA_TAGS = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g;

/**
 * :86: in the German structured form (GVC `166?00Buchungstext?20…?29 Verwendungszweck?30 BLZ/BIC?31
 * Konto/IBAN?32?33 Name?60…?63 more purpose`), or free text. SEPA keywords inside the purpose
 * (EREF+, SVWZ+, …) are split out: SVWZ+ is the remittance text proper.
 */
export function mt940Details(value: string): { gvc: string | null; name: string | null; iban: string | null; remittance: string | null; endToEndId: string | null } {
  const joined = value.replace(/\r?\n/g, '');
  if (!/^\d{3}\?/.test(joined)) {
    const text = value.replace(/\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
    return { gvc: null, name: null, iban: null, remittance: text || null, endToEndId: null };
  }
  const sub = new Map<string, string>();
  for (const part of joined.slice(4).split('?')) {
    const key = part.slice(0, 2);
    if (/^\d{2}$/.test(key)) sub.set(key, (sub.get(key) ?? '') + part.slice(2));
  }
  let previousFull = false;
  const purposeKeys = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63'];
  // Purpose lines are 27 characters: a full line was wrapped (mid-word, joined as is), a shorter
  // one ended where the payer ended it (joined with a space, so "RE-2026-0001" never runs into
  // the next word).
  let purpose = '';
  for (const part of purposeKeys.map((k) => sub.get(k)).filter((p): p is string => p !== undefined)) {
    purpose = purpose === '' ? part : `${purpose}${previousFull ? '' : ' '}${part}`;
    previousFull = part.length >= 27;
  }
  const tagged = new Map<string, string>();
  const marks = [...purpose.matchAll(SEPA_TAGS)];
  marks.forEach((mark, i) => {
    const start = (mark.index ?? 0) + mark[0].length;
    tagged.set(mark[1] ?? '', purpose.slice(start, marks[i + 1]?.index ?? purpose.length).trim());
  });
  const remittance = (marks.length ? (tagged.get('SVWZ') ?? '') : purpose).replace(/\s+/g, ' ').trim();
  const name = `${sub.get('32') ?? ''}${sub.get('33') ?? ''}`.trim();
  const account = (sub.get('31') ?? '').trim();
  const eref = tagged.get('EREF') ?? null;
  return {
    gvc: joined.slice(0, 3),
    name: name || null,
    iban: /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(account.replace(/\s/g, '')) ? compactIban(account) : null,
    remittance: remittance || null,
    endToEndId: eref && eref !== 'NOTPROVIDED' ? eref.slice(0, 100) : null,
  };
}

const LINE_61 = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,12},\d{0,2})([NSF][A-Z0-9]{3})([^\n]*?)(?:\/\/([^\n]*))?(?:\n([\s\S]*))?$/;

/** Reads an MT940 statement file (one or more statements of one account). */
export function parseMt940(text: string): BankStatementRead {
  const fields = mtFields(text);
  if (!fields.some((f) => f.tag === '20')) throw bad('bank.missingField', ':20: (transaction reference)');
  const account = fields.find((f) => f.tag === '25')?.value.trim();
  if (!account) throw bad('bank.missingField', ':25: (account)');
  const accounts = new Set(fields.filter((f) => f.tag === '25').map((f) => accountIdentifier(f.value.trim())));
  if (accounts.size > 1) throw appError('BAD_REQUEST', 'bank.severalAccounts', { accounts: [...accounts].join(', ').slice(0, 200) }, { field: 'file' });
  const opening = fields.find((f) => f.tag === '60F' || f.tag === '60M');
  if (!opening) throw bad('bank.missingField', ':60F: (opening balance)');
  const open = mtBalance(opening.value, ':60F: (opening balance)');
  const closing = [...fields].reverse().find((f) => f.tag === '62F' || f.tag === '62M');
  const entries: BankEntryRead[] = [];
  const statementIds: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as { tag: string; value: string };
    if (field.tag === '28C' || field.tag === '28') statementIds.push(field.value.trim().slice(0, 40));
    if (field.tag !== '61') continue;
    const label = `:61: of entry ${entries.length + 1}`;
    const m = LINE_61.exec(field.value);
    if (!m) throw bad('bank.missingField', `${label} (value date, credit/debit mark, amount, type)`);
    const valueDate = mtDate(m[1] ?? '', label);
    const bookingDate = m[2] ? bookingNear(valueDate, m[2], label) : valueDate;
    const mark = m[3] ?? 'C';
    // RC / RD are reversals: a reversed credit takes money out, a reversed debit brings it back.
    const negative = mark === 'D' || mark === 'RC';
    const amount = bankAmount(m[5] ?? '', negative);
    if (!amount) throw appError('BAD_REQUEST', 'bank.badAmount', { field: label, value: (m[5] ?? '').slice(0, 30) }, { field: 'file' });
    const next = fields[i + 1];
    const details = next?.tag === '86' ? mt940Details(next.value) : { gvc: null, name: null, iban: null, remittance: null, endToEndId: null };
    const ownerRef = (m[7] ?? '').trim();
    entries.push({
      bankReference: entryReference(m[8]?.trim() || null, [bookingDate, amount, ownerRef, details.name, details.iban, details.remittance]),
      bookingDate,
      valueDate,
      amount,
      currency: open.currency,
      counterpartyName: details.name?.slice(0, 200) ?? null,
      counterpartyIban: details.iban,
      remittance: details.remittance,
      endToEndId: details.endToEndId ?? (ownerRef && ownerRef !== 'NONREF' ? ownerRef.slice(0, 100) : null),
      transactionCode: `${m[6] ?? ''}${details.gvc ? `/${details.gvc}` : ''}`,
    });
  }
  return {
    format: 'mt940',
    version: 'MT940',
    accountIban: accountIdentifier(account),
    currency: open.currency,
    statementIds,
    openingBalance: open.amount,
    closingBalance: closing ? mtBalance(closing.value, ':62F: (closing balance)').amount : null,
    entries,
  };
}
