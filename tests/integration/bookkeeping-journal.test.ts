import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * The journal (issue 16) and the guards Postgres keeps on it: gap-free numbers per fiscal year,
 * balanced entries, posted lines that never change, locked months. Its own database: it locks
 * months and counts entry numbers.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let accountant: Client;
let manager: Client;
let account: Record<number, string>;

beforeAll(async () => {
  db = await freshDatabase('workmate_journal');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  accountant = (await userWithRole(app, 'Accountant')).client;
  manager = (await userWithRole(app, 'Manager')).client;
  const accounts = await accountant.bookkeeping.accounts.list.query({});
  account = Object.fromEntries(accounts.map((a) => [a.number, a.id]));
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

/** A raw connection of its own, as a script or psql would have. */
async function raw<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const cashSale = (entryDate: string, amount = '119.00') => ({
  entryDate,
  description: 'Barverkauf',
  lines: [
    { accountId: account[1000]!, debit: amount },
    { accountId: account[8400]!, credit: amount },
  ],
});

describe('the journal', () => {
  it('posts a balanced manual entry with the next number of its fiscal year', async () => {
    const first = await accountant.bookkeeping.journal.post.mutate(cashSale('2025-03-10'));
    const second = await accountant.bookkeeping.journal.post.mutate(cashSale('2025-03-11', '10.00'));
    expect(first.fiscalYear).toBe(2025);
    expect(second.entryNumber).toBe(first.entryNumber + 1);
    expect(first.lines.map((l) => [l.accountNumber, l.debit, l.credit])).toEqual([
      [1000, '119.00', '0.00'],
      [8400, '0.00', '119.00'],
    ]);
    const other = await accountant.bookkeeping.journal.post.mutate(cashSale('2024-12-31'));
    expect(other.fiscalYear).toBe(2024);
    const audit = await raw((c) => c.query(`select count(*)::int as n from audit_log where entity = 'JournalEntry' and entity_id = $1`, [first.id]));
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses an unbalanced entry, a line with both or neither side, and an unknown account, naming the field', async () => {
    const unbalanced = await errorOf(accountant.bookkeeping.journal.post.mutate({ ...cashSale('2025-04-01'), lines: [{ accountId: account[1000]!, debit: '10.00' }, { accountId: account[8400]!, credit: '9.99' }] }));
    expect(unbalanced.code).toBe('BAD_REQUEST');
    expect(unbalanced.appCode).toBe('bookkeeping.unbalanced');
    expect(unbalanced.params).toEqual({ difference: '1' });
    const neither = await errorOf(accountant.bookkeeping.journal.post.mutate({ ...cashSale('2025-04-01'), lines: [{ accountId: account[1000]! }, { accountId: account[8400]!, credit: '1.00' }] }));
    expect(Object.keys(neither.fieldErrors ?? {})).toContain('lines.0.debit');
    const unknown = await errorOf(accountant.bookkeeping.journal.post.mutate({ ...cashSale('2025-04-01'), lines: [{ accountId: '00000000-0000-4000-8000-000000000000', debit: '1.00' }, { accountId: account[8400]!, credit: '1.00' }] }));
    expect(unknown.fieldIssues && Object.keys(unknown.fieldIssues)).toContain('lines.0.accountId');
    const tooLong = await errorOf(accountant.bookkeeping.journal.post.mutate({ ...cashSale('2025-04-01'), description: 'x'.repeat(61) }));
    expect(Object.keys(tooLong.fieldErrors ?? {})).toContain('description');
    const [count] = (await raw((c) => c.query(`select count(*)::int as n from journal_entries where entry_date = '2025-04-01'`))).rows;
    expect(count.n).toBe(0);
  });

  it('needs bookkeeping.post to post and bookkeeping.read to read', async () => {
    expect(await codeOf(manager.bookkeeping.journal.post.mutate(cashSale('2025-05-02')))).toBe('FORBIDDEN');
    expect(await codeOf(manager.bookkeeping.journal.list.query({ year: 2025 }))).toBe('FORBIDDEN');
  });

  it('reverses a manual entry once, dated today', async () => {
    const entry = await accountant.bookkeeping.journal.post.mutate(cashSale('2025-06-02', '5.00'));
    const reversal = await accountant.bookkeeping.journal.reverse.mutate({ id: entry.id });
    expect(reversal.reversesId).toBe(entry.id);
    expect(reversal.lines.map((l) => [l.accountNumber, l.debit, l.credit])).toEqual([
      [1000, '0.00', '5.00'],
      [8400, '5.00', '0.00'],
    ]);
    expect((await errorOf(accountant.bookkeeping.journal.reverse.mutate({ id: entry.id }))).appCode).toBe('bookkeeping.alreadyReversed');
    expect((await errorOf(accountant.bookkeeping.journal.reverse.mutate({ id: reversal.id }))).appCode).toBe('bookkeeping.alreadyReversed');
  });
});

describe('what raw SQL cannot do', () => {
  it('cannot commit an unbalanced entry', async () => {
    const error = await raw(async (c) => {
      await c.query('begin');
      const { rows } = await c.query(`insert into journal_entries (fiscal_year, entry_number, entry_date, description) values (0, 0, '2025-07-01', 'schief') returning id`);
      await c.query(`insert into journal_lines (entry_id, line_no, account_id, amount, fiscal_year, entry_date, entry_number) values ($1, 1, $2, 100, 0, '2025-07-01', 0), ($1, 2, $3, -99, 0, '2025-07-01', 0)`, [rows[0].id, account[1000], account[8400]]);
      return c.query('commit').then(() => null, (e: { constraint?: string }) => e);
    });
    expect(error?.constraint).toBe('journal_entry_balanced');
    const single = await raw(async (c) => {
      await c.query('begin');
      await c.query(`insert into journal_entries (fiscal_year, entry_number, entry_date, description) values (0, 0, '2025-07-01', 'leer')`);
      return c.query('commit').then(() => null, (e: { constraint?: string }) => e);
    });
    expect(single?.constraint).toBe('journal_entry_balanced');
    const [count] = (await raw((c) => c.query(`select count(*)::int as n from journal_entries where entry_date = '2025-07-01'`))).rows;
    expect(count.n).toBe(0);
  });

  it('cannot change or delete a posted line or entry, nor add a line to it', async () => {
    const entry = await accountant.bookkeeping.journal.post.mutate(cashSale('2025-07-02', '7.00'));
    for (const statement of [
      `update journal_lines set amount = amount * 2 where entry_id = '${entry.id}'`,
      `update journal_entries set description = 'anders' where id = '${entry.id}'`,
      `delete from journal_lines where entry_id = '${entry.id}'`,
      `delete from journal_entries where id = '${entry.id}'`,
      `truncate journal_lines`,
      `insert into journal_lines (entry_id, line_no, account_id, amount, fiscal_year, entry_date, entry_number) values ('${entry.id}', 9, '${account[1000]}', 1, 0, '2025-07-02', 0), ('${entry.id}', 10, '${account[8400]}', -1, 0, '2025-07-02', 0)`,
    ]) {
      const error = await raw((c) => c.query(statement).then(() => null, (e: { constraint?: string }) => e));
      expect(error?.constraint, statement).toBe('journal_immutable');
    }
    const again = await accountant.bookkeeping.journal.get.query({ id: entry.id });
    expect(again.lines.map((l) => [l.debit, l.credit])).toEqual([
      ['7.00', '0.00'],
      ['0.00', '7.00'],
    ]);
  });

  it('cannot post into a locked month, and the API says which', async () => {
    await raw((c) => c.query(`insert into fiscal_periods (year, month) values (2023, 2)`));
    const error = await raw(async (c) => {
      await c.query('begin');
      return c.query(`insert into journal_entries (fiscal_year, entry_number, entry_date, description) values (0, 0, '2023-02-15', 'gesperrt')`).then(
        () => null,
        (e: { constraint?: string }) => e,
      );
    });
    expect(error?.constraint).toBe('journal_period_locked');
    const refused = await errorOf(accountant.bookkeeping.journal.post.mutate(cashSale('2023-02-28')));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.appCode).toBe('bookkeeping.periodLocked');
    expect(refused.params).toEqual({ period: '2023-02' });
    expect(await codeOf(accountant.bookkeeping.journal.post.mutate(cashSale('2023-03-01')))).toBe('OK');
    const unlock = await raw((c) => c.query(`delete from fiscal_periods where year = 2023`).then(() => null, (e: { constraint?: string }) => e));
    expect(unlock?.constraint).toBe('journal_immutable');
  });
});

describe('numbers under concurrency', () => {
  it('gives 50 concurrent postings gap-free numbers of their fiscal year', async () => {
    const year = 2022;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => accountant.bookkeeping.journal.post.mutate(cashSale(`${year}-08-${String((i % 28) + 1).padStart(2, '0')}`, `${i + 1}.00`))));
    const numbers = results.map((r) => r.entryNumber).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // A refused posting in between takes no number.
    await errorOf(accountant.bookkeeping.journal.post.mutate({ ...cashSale(`${year}-09-01`), lines: [{ accountId: account[1000]!, debit: '1.00' }, { accountId: account[8400]!, credit: '2.00' }] }));
    const next = await accountant.bookkeeping.journal.post.mutate(cashSale(`${year}-09-02`));
    expect(next.entryNumber).toBe(51);
  });
});
