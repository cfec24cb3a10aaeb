import { bankFileKind, MAX_BANK_STATEMENT_BYTES, parseMt940, type BankStatementRead } from '@workmate/domain/bank-statement';
import { appError } from '@workmate/domain/errors';
import { parseCamt053 } from './read-camt.ts';

/** MT940 files of German banks are ISO-8859-1 more often than UTF-8: UTF-8 when it is valid, else Latin-1. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/**
 * Reads a bank statement file whatever its format (CAMT.053 .02/.08 XML, MT940 text), told by its
 * content, not its name. Every problem is a 400 naming what is wrong; only EUR accounts.
 */
export function readBankStatement(bytes: Uint8Array): BankStatementRead {
  if (bytes.length === 0) throw appError('BAD_REQUEST', 'bank.emptyFile', {}, { field: 'file' });
  if (bytes.length > MAX_BANK_STATEMENT_BYTES) throw appError('BAD_REQUEST', 'bank.fileTooLarge', { kb: MAX_BANK_STATEMENT_BYTES / 1024 }, { field: 'file' });
  const kind = bankFileKind(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)));
  if (kind === 'unknown') throw appError('BAD_REQUEST', 'bank.unknownFormat', {}, { field: 'file' });
  const statement = kind === 'xml' ? parseCamt053(bytes) : parseMt940(decodeText(bytes));
  const currencies = new Set([statement.currency, ...statement.entries.map((e) => e.currency)]);
  for (const currency of currencies) {
    if (currency !== 'EUR') throw appError('BAD_REQUEST', 'bank.currency', { currency: currency.slice(0, 10) || '(none)' }, { field: 'file' });
  }
  return statement;
}
