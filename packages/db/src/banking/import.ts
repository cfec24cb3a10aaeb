import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { balanceDifference, type BankEntryRead } from '@workmate/domain/bank-statement';
import { appError } from '@workmate/domain/errors';
import { BankEntry } from '../entities/bank-entry.ts';
import { BankStatement } from '../entities/bank-statement.ts';
import { Employee } from '../entities/employee.ts';
import type { Actor } from '../shared/actor.ts';
import { readBankStatement } from './read-statement.ts';

export interface BankImportResult {
  statementId: string;
  format: string;
  accountIban: string;
  /** Entries in the file (booked ones). */
  entries: number;
  /** New entries stored. */
  imported: number;
  /** Entries already known from an earlier (or overlapping) import, or twice in this file. */
  skipped: number;
  /** Closing − opening balance − all booked entries of the file: "0.00" when it adds up, null when the file gives no balances. */
  balanceDifference: string | null;
}

const keyOf = (e: { bankReference: string; bookingDate: string; amount: string }) => `${e.bankReference}|${e.bookingDate}|${e.amount}`;

/** base64 as the web page and scripts send it; anything else is a 400, not a garbled file. */
export function decodeBase64(content: string): Uint8Array {
  const clean = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw appError('BAD_REQUEST', 'bank.notBase64', {}, { field: 'contentBase64' });
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/**
 * Imports a statement file: reads it (refusing a bad file with nothing stored), then in one
 * transaction stores the statement and those entries not already known. Whether the file adds up
 * (opening + entries = closing) is kept with the statement and answered: a file that does not is
 * still imported (its bookings happened), the difference shown for a person to look at. Known means the same
 * account, bank reference, booking date and amount; a unique index backs this, and imports of the
 * same account queue on an advisory lock, so two imports of one file at once store each entry once.
 */
export async function importBankStatement(em: EntityManager, actor: Actor, file: { fileName: string; bytes: Uint8Array }): Promise<BankImportResult> {
  const read = readBankStatement(file.bytes);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const dates = read.entries.map((e) => e.bookingDate).sort();
  const difference = balanceDifference(read);
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`bank-account:${read.accountIban}`]);
    const references = [...new Set(read.entries.map((e) => e.bankReference))];
    const known = new Set<string>();
    if (references.length) {
      const rows = await tx.execute<Array<{ ref: string; day: string; amount: string }>>(
        `select bank_reference as ref, booking_date::text as day, amount::text as amount from bank_entries where account_iban = ? and bank_reference in (?)`,
        [read.accountIban, references],
      );
      for (const r of rows) known.add(`${r.ref}|${r.day}|${r.amount}`);
    }
    const fresh: BankEntryRead[] = [];
    for (const entry of read.entries) {
      const key = keyOf(entry);
      if (known.has(key)) continue;
      known.add(key);
      fresh.push(entry);
    }
    const statement = tx.create(BankStatement, {
      fileName: file.fileName.slice(0, 255),
      format: read.format,
      formatVersion: read.version,
      accountIban: read.accountIban,
      statementIds: read.statementIds,
      openingBalance: read.openingBalance,
      closingBalance: read.closingBalance,
      balanceDifference: difference,
      firstBookingDate: dates[0] ?? null,
      lastBookingDate: dates[dates.length - 1] ?? null,
      sha256,
      entryCount: read.entries.length,
      importedCount: fresh.length,
      skippedCount: read.entries.length - fresh.length,
      importedBy: tx.getReference(Employee, actor.id),
    });
    for (const e of fresh) {
      tx.create(BankEntry, {
        statement,
        accountIban: read.accountIban,
        bankReference: e.bankReference,
        bookingDate: e.bookingDate,
        valueDate: e.valueDate,
        amount: e.amount,
        currency: e.currency,
        counterpartyName: e.counterpartyName,
        counterpartyIban: e.counterpartyIban,
        remittance: e.remittance?.slice(0, 2000) ?? null,
        endToEndId: e.endToEndId,
        transactionCode: e.transactionCode,
        status: 'open',
      });
    }
    await tx.flush();
    return { statementId: statement.id, format: read.version, accountIban: read.accountIban, entries: read.entries.length, imported: fresh.length, skipped: read.entries.length - fresh.length, balanceDifference: difference };
  });
}
