import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Bookkeeping reports (issue 16): trial balance, account ledger, P&L, balance sheet, UStVA
 * figures and their CSV files, over manual entries in a database of its own (fixed figures).
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let accountant: Client;
let manager: Client;
let account: Record<number, string>;

type Line = { accountId: string; debit?: string; credit?: string; taxCode?: 'UST19' | 'UST7' | 'VST19' | 'RC_EU' | 'EU_SUPPLY' };
const d = (n: number, amount: string, taxCode?: Line['taxCode']): Line => ({ accountId: account[n]!, debit: amount, ...(taxCode ? { taxCode } : {}) });
const c = (n: number, amount: string, taxCode?: Line['taxCode']): Line => ({ accountId: account[n]!, credit: amount, ...(taxCode ? { taxCode } : {}) });
const post = (entryDate: string, description: string, lines: Line[], documentNumber?: string) =>
  accountant.bookkeeping.journal.post.mutate({ entryDate, description, lines, ...(documentNumber ? { documentNumber } : {}) });

beforeAll(async () => {
  db = await freshDatabase('workmate_bk_reports');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  accountant = (await userWithRole(app, 'Accountant')).client;
  manager = (await userWithRole(app, 'Manager')).client;
  const accounts = await accountant.bookkeeping.accounts.list.query({});
  account = Object.fromEntries(accounts.map((a) => [a.number, a.id]));
  // SKR03. January: capital paid in. February: the month of the VAT figures. March: one more sale.
  await post('2025-01-02', 'Einlage Stammkapital', [d(1200, '10000.00'), c(800, '10000.00')]);
  await post('2025-02-03', 'Rechnung 19 %', [d(1400, '1190.00'), c(8400, '1000.00', 'UST19'), c(1776, '190.00', 'UST19')], 'RE-2025-001');
  await post('2025-02-04', 'Barverkauf 7 %', [d(1000, '107.00'), c(8300, '100.00', 'UST7'), c(1771, '7.00', 'UST7')]);
  await post('2025-02-05', 'Wareneingang', [d(3400, '200.00', 'VST19'), d(1576, '38.00', 'VST19'), c(1600, '238.00')], 'ER-17');
  await post('2025-02-06', 'Beratung aus Österreich §13b', [d(4909, '500.00', 'RC_EU'), d(1577, '95.00', 'RC_EU'), c(1787, '95.00', 'RC_EU'), c(1600, '500.00')]);
  await post('2025-02-07', 'Lieferung nach Frankreich', [d(1400, '300.50'), c(8125, '300.50', 'EU_SUPPLY')]);
  await post('2025-02-28', 'Kleinverkauf 19 %', [d(1200, '11.89'), c(8400, '9.99', 'UST19'), c(1776, '1.90', 'UST19')]);
  await post('2025-03-10', 'Rechnung März', [d(1400, '119.00'), c(8400, '100.00', 'UST19'), c(1776, '19.00', 'UST19')], 'RE-2025-002');
  // April, Ist-Versteuerung: the VAT is not due yet (1766) and stays out of the return.
  await post('2025-04-07', 'Rechnung April (Ist)', [d(1400, '238.00'), c(8400, '200.00', 'UST19'), c(1766, '38.00', 'UST19')], 'RE-2025-003');
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('trial balance (Summen- und Saldenliste)', () => {
  it('gives per account opening, debit, credit and closing, and the totals sum to 0', async () => {
    const report = await accountant.bookkeeping.reports.trialBalance.query({ from: '2025-02-01', to: '2025-02-28' });
    const row = (n: number) => report.rows.find((r) => r.number === n);
    expect(row(1200)).toMatchObject({ opening: '10000.00', debit: '11.89', credit: '0.00', closing: '10011.89' });
    expect(row(800)).toMatchObject({ opening: '-10000.00', debit: '0.00', credit: '0.00', closing: '-10000.00' });
    expect(row(1776)).toMatchObject({ opening: '0.00', debit: '0.00', credit: '191.90', closing: '-191.90' });
    expect(row(1600)).toMatchObject({ credit: '738.00', closing: '-738.00' });
    expect(report.totals).toEqual({ opening: '0.00', debit: '2442.39', credit: '2442.39', closing: '0.00' });
    // March's entry is not in February.
    expect(row(1400)?.debit).toBe('1490.50');
  });

  it('refuses a range across fiscal years or backwards, naming the field, and needs bookkeeping.read', async () => {
    const across = await errorOf(accountant.bookkeeping.reports.trialBalance.query({ from: '2024-12-01', to: '2025-01-31' }));
    expect(across.code).toBe('BAD_REQUEST');
    expect(Object.keys(across.fieldErrors ?? {})).toEqual(['to']);
    const backwards = await errorOf(accountant.bookkeeping.reports.profitAndLoss.query({ from: '2025-03-01', to: '2025-02-01' }));
    expect(Object.keys(backwards.fieldErrors ?? {})).toEqual(['to']);
    expect(await codeOf(manager.bookkeeping.reports.trialBalance.query({ from: '2025-01-01', to: '2025-12-31' }))).toBe('FORBIDDEN');
    expect(await codeOf(manager.bookkeeping.reports.vatReturn.query({ year: 2025, month: 2 }))).toBe('FORBIDDEN');
    expect(await codeOf(manager.bookkeeping.reports.trialBalanceCsv.query({ from: '2025-01-01', to: '2025-12-31' }))).toBe('FORBIDDEN');
  });
});

describe('P&L and balance sheet', () => {
  it('P&L: revenue − expense for the range', async () => {
    const report = await accountant.bookkeeping.reports.profitAndLoss.query({ from: '2025-01-01', to: '2025-03-31' });
    expect(report.revenue.map((l) => [l.number, l.amount])).toEqual([
      [8125, '300.50'],
      [8300, '100.00'],
      [8400, '1109.99'],
    ]);
    expect(report.expense.map((l) => [l.number, l.amount])).toEqual([
      [3400, '200.00'],
      [4909, '500.00'],
    ]);
    expect([report.totalRevenue, report.totalExpense, report.result]).toEqual(['1510.49', '700.00', '810.49']);
    const february = await accountant.bookkeeping.reports.profitAndLoss.query({ from: '2025-02-01', to: '2025-02-28' });
    expect(february.result).toBe('710.49');
  });

  it('balance sheet: assets = liabilities + equity + the year’s result', async () => {
    const report = await accountant.bookkeeping.reports.balanceSheet.query({ date: '2025-03-31' });
    expect(report.result).toBe('810.49');
    expect(report.assets.find((l) => l.number === 1200)?.amount).toBe('10011.89');
    expect(report.liabilitiesAndEquity.find((l) => l.number === 800)?.amount).toBe('10000.00');
    expect(report.liabilitiesAndEquity.find((l) => l.number === 1600)?.amount).toBe('738.00');
    // 10011.89 bank + 107 cash + 1609.50 receivables + 38 + 95 input VAT
    expect(report.totalAssets).toBe('11861.39');
    expect(report.totalLiabilitiesAndEquity).toBe(report.totalAssets);
    const january = await accountant.bookkeeping.reports.balanceSheet.query({ date: '2025-01-31' });
    expect([january.totalAssets, january.result]).toEqual(['10000.00', '0.00']);
  });
});

describe('account ledger (Kontoblatt)', () => {
  it('pages by key with the running balance from the opening balance', async () => {
    const first = await accountant.bookkeeping.reports.accountLedger.query({ accountId: account[1776]!, from: '2025-01-01', to: '2025-12-31', pageSize: 2 });
    expect(first.account.number).toBe(1776);
    expect(first.opening).toBe('0.00');
    expect(first.rows.map((r) => [r.entryDate, r.credit, r.balance])).toEqual([
      ['2025-02-03', '190.00', '-190.00'],
      ['2025-02-28', '1.90', '-191.90'],
    ]);
    expect(first.rows[0]?.documentNumber).toBe('RE-2025-001');
    expect(first.nextCursor).not.toBeNull();
    const second = await accountant.bookkeeping.reports.accountLedger.query({ accountId: account[1776]!, from: '2025-01-01', to: '2025-12-31', pageSize: 2, cursor: first.nextCursor });
    expect(second.rows.map((r) => [r.entryDate, r.credit, r.balance, r.documentNumber])).toEqual([['2025-03-10', '19.00', '-210.90', 'RE-2025-002']]);
    expect(second.nextCursor).toBeNull();
    const march = await accountant.bookkeeping.reports.accountLedger.query({ accountId: account[1776]!, from: '2025-03-01', to: '2025-03-31' });
    expect(march.opening).toBe('-191.90');
    expect(march.rows.map((r) => r.balance)).toEqual(['-210.90']);
  });

  it('keeps the opening balance on later pages and on a range without lines', async () => {
    const input = { accountId: account[1776]!, from: '2025-02-15', to: '2025-12-31', pageSize: 1 };
    const first = await accountant.bookkeeping.reports.accountLedger.query(input);
    expect([first.opening, first.rows.map((r) => [r.entryDate, r.balance])]).toEqual(['-190.00', [['2025-02-28', '-191.90']]]);
    const second = await accountant.bookkeeping.reports.accountLedger.query({ ...input, cursor: first.nextCursor });
    expect([second.opening, second.rows.map((r) => [r.entryDate, r.balance]), second.nextCursor]).toEqual(['-190.00', [['2025-03-10', '-210.90']], null]);
    const april = await accountant.bookkeeping.reports.accountLedger.query({ accountId: account[1776]!, from: '2025-04-01', to: '2025-04-30' });
    expect([april.account.number, april.opening, april.rows, april.nextCursor]).toEqual([1776, '-210.90', [], null]);
  });

  it('refuses an unknown account and a forged cursor', async () => {
    const unknown = await errorOf(accountant.bookkeeping.reports.accountLedger.query({ accountId: '00000000-0000-4000-8000-000000000000', from: '2025-01-01', to: '2025-12-31' }));
    expect(unknown.code).toBe('NOT_FOUND');
    const forged = await errorOf(accountant.bookkeeping.reports.accountLedger.query({ accountId: account[1776]!, from: '2025-01-01', to: '2025-12-31', cursor: "2025-01-01'; drop" }));
    expect(forged.code).toBe('BAD_REQUEST');
    expect(Object.keys(forged.fieldErrors ?? {})).toEqual(['cursor']);
  });
});

describe('UStVA figures', () => {
  it('fills the Kennzahlen of a month from the tax lines and the tax-free net lines', async () => {
    const report = await accountant.bookkeeping.reports.vatReturn.query({ year: 2025, month: 2 });
    expect([report.from, report.to]).toEqual(['2025-02-01', '2025-02-28']);
    expect(report.fields).toEqual({
      '81': '1009', // 1009.99 cut to whole euros
      '81tax': '191.90',
      '86': '100',
      '86tax': '7.00',
      '35': '0',
      '36': '0.00',
      '41': '300',
      '43': '0',
      '60': '0',
      '46': '500',
      '47': '95.00',
      '84': '0',
      '85': '0.00',
      '66': '38.00',
      '67': '95.00',
      '83': '160.90',
    });
    // KZ 81's tax is what the 19 % VAT account received in the month.
    const ledger = await accountant.bookkeeping.reports.trialBalance.query({ from: '2025-02-01', to: '2025-02-28' });
    expect(ledger.rows.find((r) => r.number === 1776)?.credit).toBe(report.fields['81tax']);
  });

  it('leaves VAT that is not due yet (Ist-Versteuerung) out of the return', async () => {
    const april = await accountant.bookkeeping.reports.vatReturn.query({ year: 2025, month: 4 });
    expect([april.fields['81'], april.fields['81tax'], april.fields['83']]).toEqual(['0', '0.00', '0.00']);
    const tb = await accountant.bookkeeping.reports.trialBalance.query({ from: '2025-04-01', to: '2025-04-30' });
    expect(tb.rows.find((r) => r.number === 1766)?.credit).toBe('38.00');
  });

  it('covers a quarter, and wants a month or a quarter', async () => {
    const q1 = await accountant.bookkeeping.reports.vatReturn.query({ year: 2025, quarter: 1 });
    expect([q1.from, q1.to, q1.fields['81'], q1.fields['81tax'], q1.fields['83']]).toEqual(['2025-01-01', '2025-03-31', '1109', '210.90', '179.90']);
    const both = await errorOf(accountant.bookkeeping.reports.vatReturn.query({ year: 2025, month: 2, quarter: 1 }));
    expect(Object.keys(both.fieldErrors ?? {})).toEqual(['month']);
    const neither = await errorOf(accountant.bookkeeping.reports.vatReturn.query({ year: 2025 }));
    expect(neither.code).toBe('BAD_REQUEST');
  });
});

describe('CSV exports', () => {
  it('writes each report with a decimal comma, `;` and CRLF', async () => {
    const tb = await accountant.bookkeeping.reports.trialBalanceCsv.query({ from: '2025-02-01', to: '2025-02-28' });
    expect(tb.filename).toBe('summen-saldenliste_2025-02-01_bis_2025-02-28.csv');
    const lines = tb.content.replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe('Konto;Bezeichnung;Saldo Anfang;Soll;Haben;Saldo Ende');
    expect(lines).toContain('1200;Bank;10000,00;11,89;0,00;10011,89');
    expect(lines).toContain(';Summe;0,00;2442,39;2442,39;0,00');
    const vat = await accountant.bookkeeping.reports.vatReturnCsv.query({ year: 2025, month: 2 });
    expect(vat.filename).toBe('ustva_2025_02.csv');
    expect(vat.content).toContain('\r\n81;Umsätze 19 % (Bemessungsgrundlage);1009\r\n81;Umsätze 19 % (Steuer);191,90\r\n');
    expect(vat.content).toContain('\r\n83;Verbleibende Umsatzsteuer-Vorauszahlung / Überschuss;160,90\r\n');
    const ledger = await accountant.bookkeeping.reports.accountLedgerCsv.query({ accountId: account[1776]!, from: '2025-01-01', to: '2025-12-31' });
    expect(ledger.content.split('\r\n').slice(1, 5)).toEqual([
      ';;;Saldovortrag;;;;0,00',
      '2025-02-03;2;RE-2025-001;Rechnung 19 %;UST19;0,00;190,00;-190,00',
      '2025-02-28;7;;Kleinverkauf 19 %;UST19;0,00;1,90;-191,90',
      '2025-03-10;8;RE-2025-002;Rechnung März;UST19;0,00;19,00;-210,90',
    ]);
    const pnl = await accountant.bookkeeping.reports.profitAndLossCsv.query({ from: '2025-01-01', to: '2025-03-31' });
    expect(pnl.content).toContain('\r\nErgebnis;;Gewinn/Verlust;810,49\r\n');
    const bs = await accountant.bookkeeping.reports.balanceSheetCsv.query({ date: '2025-03-31' });
    expect(bs.content).toContain('\r\nPassiva;;Summe Passiva;11861,39\r\n');
  });
});
