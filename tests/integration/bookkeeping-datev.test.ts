import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditorAccount, debtorAccount } from '@workmate/db/bookkeeping/accounts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * DATEV export (issue 16): fixed entries in a fresh database and a fixed export time give the
 * golden Buchungsstapel byte for byte (Windows-1252, CRLF, gross amounts, BU keys only off the
 * automatic accounts, compound entries split).
 */
const GOLDEN = new URL('../golden/datev-extf-buchungsstapel.csv', import.meta.url);
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let accountant: Client;
let manager: Client;
const EXPORT = { from: '2025-01-01', to: '2025-01-31', consultantNumber: 29098, clientNumber: 55003, exportedAt: '2025-02-03T09:15:30.123Z' };

beforeAll(async () => {
  db = await freshDatabase('workmate_bk_datev');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  accountant = (await userWithRole(app, 'Accountant')).client;
  manager = (await userWithRole(app, 'Manager')).client;
  const admin = (await userWithRole(app, 'Admin')).client;
  const customer = await admin.crm.customers.create.mutate({ name: 'Müller & Söhne GmbH', street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland', vatId: 'DE123456789' });
  const em = app.orm.em.fork();
  const debtor = await em.transactional((tx) => debtorAccount(tx, customer.id, customer.name));
  const [supplier] = await em.getConnection().execute<Array<{ id: string }>>(
    `insert into suppliers (id, name, street, zip, city, country_code, vat_id, version, created_at, updated_at)
     values (gen_random_uuid(), 'Wiener Beratung GmbH', 'Ring 1', '1010', 'Wien', 'AT', 'ATU12345678', 1, now(), now()) returning id`,
  );
  const creditor = await em.transactional((tx) => creditorAccount(tx, supplier!.id, 'Wiener Beratung GmbH'));
  const a = Object.fromEntries((await accountant.bookkeeping.accounts.list.query({})).map((x) => [x.number, x.id]));
  const post = accountant.bookkeeping.journal.post.mutate;
  // Sale on account: gross onto the automatic revenue account 8400, no BU key.
  await post({ entryDate: '2025-01-10', documentNumber: 'RE-2025-0001', description: 'Rechnung Müller & Söhne GmbH', lines: [{ accountId: debtor, debit: '1190.00' }, { accountId: a[8400]!, credit: '1000.00', taxCode: 'UST19' }, { accountId: a[1776]!, credit: '190.00', taxCode: 'UST19' }] });
  // Rent with input VAT on a non-automatic account: BU 9; text with characters of Windows-1252's 0x80 block.
  await post({ entryDate: '2025-01-12', documentNumber: 'ER-77', description: 'Miete Januar – Büro „Mitte“', lines: [{ accountId: a[4210]!, debit: '1000.00', taxCode: 'VST19' }, { accountId: a[1576]!, debit: '190.00', taxCode: 'VST19' }, { accountId: a[1200]!, credit: '1190.00' }] });
  // Payment with Skonto: a compound entry with two personal/bank lines, split into two rows.
  await post({ entryDate: '2025-01-15', documentNumber: 'RE-2025-0001', description: 'Zahlung RE-2025-0001 abzgl. 2 % Skonto', lines: [{ accountId: a[1200]!, debit: '1166.20' }, { accountId: a[8736]!, debit: '20.00', taxCode: 'UST19' }, { accountId: a[1776]!, debit: '3.80', taxCode: 'UST19' }, { accountId: debtor, credit: '1190.00' }] });
  // §13b service from Austria: VAT and input VAT cancel out, BU 46 on the net.
  await post({ entryDate: '2025-01-20', documentNumber: 'W-2025/3', description: 'Beratung Wien §13b', lines: [{ accountId: a[4909]!, debit: '500.00', taxCode: 'RC_EU' }, { accountId: a[1577]!, debit: '95.00', taxCode: 'RC_EU' }, { accountId: a[1787]!, credit: '95.00', taxCode: 'RC_EU' }, { accountId: creditor, credit: '500.00' }] });
  // Transfer between two ledger accounts; a quote in the text is doubled.
  await post({ entryDate: '2025-01-31', description: 'Umbuchung "Sonstiges"', lines: [{ accountId: a[4900]!, debit: '12.34' }, { accountId: a[4210]!, credit: '12.34' }] });
  // Outside the range.
  await post({ entryDate: '2025-02-01', description: 'Februar', lines: [{ accountId: a[1000]!, debit: '1.00' }, { accountId: a[8400]!, credit: '1.00' }] });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('DATEV export', () => {
  it('writes the Buchungsstapel byte for byte as the golden file', async () => {
    const [stapel] = await accountant.bookkeeping.datevExport.mutate(EXPORT);
    expect(stapel?.filename).toBe('EXTF_Buchungsstapel_20250101_20250131.csv');
    const bytes = Buffer.from(stapel!.contentBase64, 'base64');
    expect(bytes.equals(readFileSync(GOLDEN))).toBe(true);
    // Windows-1252: ü is one byte 0xFC, the en dash 0x96; no UTF-8 sequences.
    expect(bytes.includes(Buffer.from([0x4d, 0xfc, 0x6c]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x20, 0x96, 0x20]))).toBe(true);
    expect(bytes.includes(Buffer.from('ü', 'utf8'))).toBe(false);
  });

  it('writes the debtors and creditors with their addresses', async () => {
    const [, master] = await accountant.bookkeeping.datevExport.mutate(EXPORT);
    const text = Buffer.from(master!.contentBase64, 'base64').toString('latin1');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('"EXTF";700;16;"Debitoren/Kreditoren";5;20250203101530123;;"RE";"";"";29098;55003;20250101;4;;;"";"";;;;"";;"";;;"03";;;"";""');
    // 254 columns (format version 5): the filled ones up to "Land", the other 234 empty.
    const rest = ';'.repeat(234);
    expect(lines[1]?.split(';')).toHaveLength(254);
    expect(lines[2]).toBe(`10000;"Müller & Söhne GmbH";"";"";"";"";"2";"Müller & Söhne";"DE";"123456789";"";"";"";"";"STR";"Domstraße 5";"";"50667";"Köln";"DE"${rest}`);
    expect(lines[3]).toBe(`70000;"Wiener Beratung GmbH";"";"";"";"";"2";"Wiener Beratung";"AT";"U12345678";"";"";"";"";"STR";"Ring 1";"";"1010";"Wien";"AT"${rest}`);
    expect(lines.length).toBe(5);
  });

  it('is audited, needs bookkeeping.read and a range within one year', async () => {
    const rows = await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from audit_log where entity = 'DatevExport'`);
    expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
    expect(await codeOf(manager.bookkeeping.datevExport.mutate(EXPORT))).toBe('FORBIDDEN');
    const across = await errorOf(accountant.bookkeeping.datevExport.mutate({ ...EXPORT, to: '2026-01-31' }));
    expect(Object.keys(across.fieldErrors ?? {})).toEqual(['to']);
  });
});
