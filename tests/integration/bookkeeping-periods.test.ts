import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditorAccount, debtorAccount } from '@workmate/db/bookkeeping/accounts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { invoiceCustomer } from '../helpers/invoices.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Month locks (Festschreibung) and the year-end close with its opening entries (issue 16).
 * Its own database: locks and closes are for good.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let accountant: Client;
let auditor: Client;
let account: Record<number, string>;
let debtor: string;
let creditor: string;

beforeAll(async () => {
  db = await freshDatabase('workmate_bk_periods');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  accountant = (await userWithRole(app, 'Accountant')).client;
  auditor = (await userWithRole(app, 'Auditor')).client;
  const admin = (await userWithRole(app, 'Admin')).client;
  const customer = await invoiceCustomer(admin, { name: 'Vortrag Kunde GmbH' });
  debtor = await app.orm.em.fork().transactional((tx) => debtorAccount(tx, customer.id, customer.name));
  const [supplier] = await app.orm.em.fork().getConnection().execute<Array<{ id: string }>>(
    `insert into suppliers (id, name, country_code, version, created_at, updated_at) values (gen_random_uuid(), 'Vortrag Lieferant GmbH', 'DE', 1, now(), now()) returning id`,
  );
  creditor = await app.orm.em.fork().transactional((tx) => creditorAccount(tx, supplier!.id, 'Vortrag Lieferant GmbH'));
  const accounts = await accountant.bookkeeping.accounts.list.query({});
  account = Object.fromEntries(accounts.map((a) => [a.number, a.id]));
  // 2024 (SKR03): capital, one 19 % sale to the customer, rent, an unpaid service. Result: 1000 − 300 − 100 = 600 profit.
  await accountant.bookkeeping.journal.post.mutate({ entryDate: '2024-01-05', description: 'Einlage', lines: [{ accountId: account[1200]!, debit: '5000.00' }, { accountId: account[800]!, credit: '5000.00' }] });
  await accountant.bookkeeping.journal.post.mutate({
    entryDate: '2024-03-01',
    description: 'Rechnung',
    lines: [{ accountId: debtor, debit: '1190.00' }, { accountId: account[8400]!, credit: '1000.00', taxCode: 'UST19' }, { accountId: account[1776]!, credit: '190.00', taxCode: 'UST19' }],
  });
  await accountant.bookkeeping.journal.post.mutate({ entryDate: '2024-07-01', description: 'Fremdleistung offen', lines: [{ accountId: account[4909]!, debit: '100.00' }, { accountId: creditor, credit: '100.00' }] });
  await accountant.bookkeeping.journal.post.mutate({ entryDate: '2024-06-03', description: 'Miete Juni', lines: [{ accountId: account[4210]!, debit: '300.00' }, { accountId: account[1200]!, credit: '300.00' }] });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function auditCount(entity: string, entityId: string): Promise<number> {
  const rows = await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from audit_log where entity = ? and entity_id = ?`, [entity, entityId]);
  return rows[0]?.n ?? 0;
}

describe('month locks', () => {
  it('locks a month for good, audited; the month then takes no postings', async () => {
    const year = await accountant.bookkeeping.periods.lock.mutate({ year: 2024, month: 1 });
    expect(year.months[0]?.lockedAt).not.toBeNull();
    expect(year.months[1]?.lockedAt).toBeNull();
    expect(await auditCount('FiscalPeriod', '2024-01')).toBe(1);
    const refused = await errorOf(accountant.bookkeeping.journal.post.mutate({ entryDate: '2024-01-31', description: 'zu spät', lines: [{ accountId: account[1000]!, debit: '1.00' }, { accountId: account[8400]!, credit: '1.00' }] }));
    expect(refused.appCode).toBe('bookkeeping.periodLocked');
    const twice = await errorOf(accountant.bookkeeping.periods.lock.mutate({ year: 2024, month: 1 }));
    expect([twice.code, twice.appCode, Object.keys(twice.fieldIssues ?? {})]).toEqual(['CONFLICT', 'bookkeeping.periodAlreadyLocked', ['month']]);
    const bad = await errorOf(accountant.bookkeeping.periods.lock.mutate({ year: 2024, month: 13 }));
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(['month']);
  });

  it('needs bookkeeping.manage to lock or close, bookkeeping.read to list', async () => {
    expect(await codeOf(auditor.bookkeeping.periods.list.query({ year: 2024 }))).toBe('OK');
    expect(await codeOf(auditor.bookkeeping.periods.lock.mutate({ year: 2024, month: 2 }))).toBe('FORBIDDEN');
    expect(await codeOf(auditor.bookkeeping.years.close.mutate({ year: 2024 }))).toBe('FORBIDDEN');
    expect((await accountant.bookkeeping.periods.list.query({ year: 2024 })).months[1]?.lockedAt).toBeNull();
  });
});

describe('year-end close', () => {
  it('refuses while a month is open, naming the open months', async () => {
    for (let month = 2; month <= 11; month++) await accountant.bookkeeping.periods.lock.mutate({ year: 2024, month });
    const refused = await errorOf(accountant.bookkeeping.years.close.mutate({ year: 2024 }));
    expect([refused.code, refused.appCode, refused.params]).toEqual(['CONFLICT', 'bookkeeping.yearNotLocked', { year: '2024', months: '12' }]);
    expect((await accountant.bookkeeping.periods.list.query({ year: 2024 })).closedAt).toBeNull();
  });

  it('carries the balances into 1 January of the next year and the result to retained earnings', async () => {
    await accountant.bookkeeping.periods.lock.mutate({ year: 2024, month: 12 });
    const closed = await accountant.bookkeeping.years.close.mutate({ year: 2024 });
    expect(closed).toEqual({ year: 2024, openingEntries: 6, result: '600.00' });
    expect((await accountant.bookkeeping.periods.list.query({ year: 2024 })).closedAt).not.toBeNull();
    expect(await auditCount('FiscalYear', '2024')).toBe(1);

    const tb = await accountant.bookkeeping.reports.trialBalance.query({ from: '2025-01-01', to: '2025-01-31' });
    const closing = Object.fromEntries(tb.rows.map((r) => [r.number, r.closing]));
    expect(closing).toMatchObject({ 1200: '4700.00', 800: '-5000.00', 1776: '-190.00', 860: '-600.00', 9000: '1090.00', 9008: '-1190.00', 9009: '100.00' });
    expect(tb.rows.find((r) => r.accountId === creditor)?.closing).toBe('-100.00');
    expect(tb.rows.find((r) => r.accountId === debtor)?.closing).toBe('1190.00');
    expect(tb.totals.closing).toBe('0.00');
    const sheet = await accountant.bookkeeping.reports.balanceSheet.query({ date: '2025-01-01' });
    expect([sheet.totalAssets, sheet.totalLiabilitiesAndEquity, sheet.result]).toEqual(['5890.00', '5890.00', '0.00']);
  });

  it('the open-items list shows each personal account once after the close, not its 2024 lines and the opening again', async () => {
    const debtors = await accountant.bookkeeping.openItems.list.query({ side: 'debtor' });
    expect(debtors.parties.find((p) => p.accountId === debtor)?.balance).toBe('1190.00');
    const creditors = await accountant.bookkeeping.openItems.list.query({ side: 'creditor' });
    expect(creditors.parties.find((p) => p.accountId === creditor)?.balance).toBe('100.00');
  });

  it('the open-items list as of a day: the close counts from the next year on, and nothing before the first posting', async () => {
    const balanceAsOf = async (asOf: string) => (await accountant.bookkeeping.openItems.list.query({ side: 'debtor', asOf })).parties.find((p) => p.accountId === debtor)?.balance;
    expect(await balanceAsOf('2024-12-31')).toBe('1190.00'); // the 2024 lines
    expect(await balanceAsOf('2025-01-01')).toBe('1190.00'); // the opening entry alone
    expect(await balanceAsOf('2024-02-29')).toBeUndefined(); // before the sale
    const bad = await errorOf(accountant.bookkeeping.openItems.list.query({ side: 'debtor', asOf: '2025-02-30' }));
    expect([bad.code, Object.keys(bad.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', ['asOf']]);
  });

  it('closes once, and the closed year takes no postings', async () => {
    const again = await errorOf(accountant.bookkeeping.years.close.mutate({ year: 2024 }));
    expect([again.code, again.appCode]).toEqual(['CONFLICT', 'bookkeeping.yearAlreadyClosed']);
    const late = await errorOf(accountant.bookkeeping.journal.post.mutate({ entryDate: '2024-12-31', description: 'zu spät', lines: [{ accountId: account[1000]!, debit: '1.00' }, { accountId: account[8400]!, credit: '1.00' }] }));
    expect(late.appCode).toBe('bookkeeping.yearClosed');
    const jan = await accountant.bookkeeping.journal.list.query({ year: 2025 });
    expect(jan.total).toBe(6);
  });
});
