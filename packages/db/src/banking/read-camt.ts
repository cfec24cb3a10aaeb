import { bankAmount, compactIban, entryReference, isoDate, type BankEntryRead, type BankStatementRead } from '@workmate/domain/bank-statement';
import { appError } from '@workmate/domain/errors';
import { at, list, openXml, parseXml, text, type XmlNode } from '../shared/xml.ts';

/** The CAMT.053 versions read here: what German banks deliver (DFÜ-Abkommen Anlage 3: .02 and .08). */
export const CAMT_VERSIONS = { 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02': 'camt.053.001.02', 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08': 'camt.053.001.08' } as const;

/** Elements that may repeat, read as arrays always. */
const LISTS = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);

const fileError = (code: 'bank.notXml' | 'bank.doctype', detail?: string) =>
  code === 'bank.notXml' ? appError('BAD_REQUEST', code, { detail: detail ?? '' }, { field: 'file' }) : appError('BAD_REQUEST', code, {}, { field: 'file' });

function readXml(bytes: Uint8Array): { version: string; document: XmlNode } {
  // As for received e-invoices (shared/xml.ts): a DOCTYPE or entity declaration is refused before any parsing.
  const opened = openXml(bytes, { notXml: (detail) => fileError('bank.notXml', detail), doctype: () => fileError('bank.doctype') });
  const { root } = opened;
  const version = root.name === 'Document' && root.namespace ? CAMT_VERSIONS[root.namespace as keyof typeof CAMT_VERSIONS] : undefined;
  if (!version) throw appError('BAD_REQUEST', 'bank.unknownXml', { root: `${root.name}${root.namespace ? ` (${root.namespace})` : ''}`.slice(0, 200) }, { field: 'file' });
  const document = parseXml(opened, LISTS).Document;
  return { version, document: typeof document === 'object' && document !== null ? (document as XmlNode) : {} };
}

const missing = (field: string) => appError('BAD_REQUEST', 'bank.missingField', { field }, { field: 'file' });

function amountOf(node: unknown, negative: boolean, field: string): { amount: string; currency: string } {
  const value = text(node);
  if (value === null) throw missing(field);
  const amount = bankAmount(value, negative);
  if (!amount) throw appError('BAD_REQUEST', 'bank.badAmount', { field, value: value.slice(0, 30) }, { field: 'file' });
  const currency = typeof node === 'object' && node !== null ? text((node as XmlNode)['@Ccy']) : null;
  return { amount, currency: currency ?? '' };
}

/** A date element with Dt or DtTm (the day as the bank wrote it; DtTm carries its own offset). */
function dateOf(node: unknown, field: string, required: true): string;
function dateOf(node: unknown, field: string, required: false): string | null;
function dateOf(node: unknown, field: string, required: boolean): string | null {
  const value = text(node, 'Dt') ?? text(node, 'DtTm');
  if (value === null) {
    if (required) throw missing(field);
    return null;
  }
  const date = isoDate(value);
  if (!date) throw appError('BAD_REQUEST', 'bank.badDate', { field, value: value.slice(0, 30) }, { field: 'file' });
  return date;
}

/** The party: .02 has Dbtr/Nm, .08 Dbtr/Pty/Nm. */
const partyName = (parties: unknown, role: 'Dbtr' | 'Cdtr') => text(parties, role, 'Nm') ?? text(parties, role, 'Pty', 'Nm');
const partyIban = (parties: unknown, role: 'Dbtr' | 'Cdtr') => compactIban(text(parties, `${role}Acct`, 'Id', 'IBAN'));

function remittanceOf(tx: unknown): string | null {
  const parts = [
    ...list(tx, 'RmtInf', 'Ustrd').map((u) => text(u)),
    ...list(tx, 'RmtInf', 'Strd').map((s) => text(s, 'CdtrRefInf', 'Ref')),
  ].filter((p): p is string => Boolean(p));
  const joined = parts.join(' ').replace(/\s+/g, ' ').trim();
  return joined === '' ? null : joined;
}

function transactionCode(node: unknown): string | null {
  const domain = [text(node, 'BkTxCd', 'Domn', 'Cd'), text(node, 'BkTxCd', 'Domn', 'Fmly', 'Cd'), text(node, 'BkTxCd', 'Domn', 'Fmly', 'SubFmlyCd')].filter(Boolean).join('/');
  return (domain || text(node, 'BkTxCd', 'Prtry', 'Cd'))?.slice(0, 40) ?? null;
}

/**
 * The entries of one Ntry: usually one; a batch booking (Sammelbuchung) with several TxDtls of
 * their own amounts becomes one entry per transaction, so each payment can be matched.
 */
function entriesOf(ntry: unknown, label: string, accountCurrency: string): BankEntryRead[] {
  const mark = text(ntry, 'CdtDbtInd');
  if (mark !== 'CRDT' && mark !== 'DBIT') throw missing(`CdtDbtInd (CRDT or DBIT) of ${label}`);
  // A reversal (RvslInd) turns the sign: a reversed credit takes the money out again.
  const negative = (mark === 'DBIT') !== (text(ntry, 'RvslInd') === 'true');
  const total = amountOf(at(ntry, 'Amt'), negative, `Amt of ${label}`);
  const bookingDate = dateOf(at(ntry, 'BookgDt'), `BookgDt of ${label}`, true);
  const valueDate = dateOf(at(ntry, 'ValDt'), `ValDt of ${label}`, false);
  const txs = list(ntry, 'NtryDtls').flatMap((d) => list(d, 'TxDtls'));
  const role = mark === 'CRDT' ? 'Dbtr' : 'Cdtr';
  const ntryRef = text(ntry, 'AcctSvcrRef');
  const split = txs.length > 1 && txs.every((tx) => text(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? text(tx, 'Amt'));
  const one = (tx: unknown, amount: string, reference: string | null, index: number): BankEntryRead => {
    const parties = at(tx, 'RltdPties');
    const endToEnd = text(tx, 'Refs', 'EndToEndId');
    const remittance = remittanceOf(tx) ?? text(ntry, 'AddtlNtryInf');
    const name = partyName(parties, role)?.slice(0, 200) ?? null;
    const iban = partyIban(parties, role);
    return {
      bankReference: entryReference(reference, [bookingDate, amount, String(index), endToEnd, name, iban, remittance]),
      bookingDate,
      valueDate,
      amount,
      currency: total.currency || accountCurrency,
      counterpartyName: name,
      counterpartyIban: iban,
      remittance,
      endToEndId: endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd.slice(0, 100) : null,
      transactionCode: transactionCode(ntry) ?? transactionCode(tx),
    };
  };
  if (!split) return [one(txs[0], total.amount, ntryRef, 0)];
  return txs.map((tx, i) => {
    const amountNode = at(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? at(tx, 'Amt');
    const amount = amountOf(amountNode, negative, `Amt of transaction ${i + 1} of ${label}`).amount;
    const txRef = text(tx, 'Refs', 'AcctSvcrRef');
    return one(tx, amount, txRef ?? (ntryRef ? `${ntryRef}/${i + 1}` : null), i);
  });
}

/** Reads a CAMT.053 file (camt.053.001.02 or .08): every booked entry of every statement in it. */
export function parseCamt053(bytes: Uint8Array): BankStatementRead {
  const { version, document } = readXml(bytes);
  const statements = list(document, 'BkToCstmrStmt', 'Stmt');
  if (statements.length === 0) throw missing('BkToCstmrStmt/Stmt (the statement)');
  const first = statements[0];
  const accountIban = compactIban(text(first, 'Acct', 'Id', 'IBAN') ?? text(first, 'Acct', 'Id', 'Othr', 'Id'));
  if (!accountIban) throw missing('Acct/Id/IBAN (the account)');
  const accounts = new Set(statements.map((s) => compactIban(text(s, 'Acct', 'Id', 'IBAN') ?? text(s, 'Acct', 'Id', 'Othr', 'Id'))));
  if (accounts.size > 1) throw appError('BAD_REQUEST', 'bank.severalAccounts', { accounts: [...accounts].join(', ').slice(0, 200) }, { field: 'file' });
  const entries: BankEntryRead[] = [];
  let currency = text(first, 'Acct', 'Ccy') ?? '';
  let opening: string | null = null;
  let closing: string | null = null;
  statements.forEach((stmt, s) => {
    const balances = list(stmt, 'Bal');
    for (const bal of balances) {
      const code = text(bal, 'Tp', 'CdOrPrtry', 'Cd');
      const value = amountOf(at(bal, 'Amt'), text(bal, 'CdtDbtInd') === 'DBIT', `Bal ${code ?? ''} of statement ${s + 1}`);
      if (!currency) currency = value.currency;
      if (code === 'OPBD' || code === 'PRCD') opening ??= value.amount;
      if (code === 'CLBD') closing = value.amount;
    }
    list(stmt, 'Ntry').forEach((ntry, n) => {
      // Only booked entries: a pending one (PDNG) may still change or vanish.
      const status = text(ntry, 'Sts') ?? text(ntry, 'Sts', 'Cd');
      if (status && status !== 'BOOK') return;
      entries.push(...entriesOf(ntry, `entry ${n + 1}`, currency));
    });
  });
  return {
    format: 'camt053',
    version,
    accountIban: accountIban.slice(0, 34),
    currency,
    statementIds: statements.map((s) => text(s, 'Id') ?? '').filter(Boolean).map((id) => id.slice(0, 40)),
    openingBalance: opening,
    closingBalance: closing,
    entries,
  };
}
