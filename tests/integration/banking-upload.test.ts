import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BANK_BASE64_FILE_BYTES } from '@workmate/domain/bank-statement';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { manyCreditsMt940, sampleFile, testAccount, uploadStatement } from '../helpers/banking.ts';
import { userWithRole } from '../helpers/users.ts';

/**
 * POST /api/banking/statements: the file upload of bank statements (multipart or raw body), for
 * files larger than the base64 tRPC mutation takes; the same import, counts and refusals.
 */
let app: TestApp;
let accountant: Awaited<ReturnType<typeof userWithRole>>;

beforeAll(async () => {
  app = await startTestApp();
  accountant = await userWithRole(app, 'Accountant');
});
afterAll(async () => app?.close());

const entryCount = async (account: string) => Number((await app.orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from bank_entries where account_iban = ?', [account]))[0]?.n);
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe('uploading bank statement files', () => {
  it('imports a multipart upload and a raw one (201 with the counts); the same file again adds nothing', async () => {
    const account = testAccount();
    const file = bytesOf(sampleFile('camt053-001-08.xml', account));
    const first = await uploadStatement(app.url, accountant.token, file, { name: 'dezember.xml' });
    expect(first).toMatchObject({ status: 201, body: { format: 'camt.053.001.08', entries: 7, imported: 7, skipped: 0 } });
    const again = await uploadStatement(app.url, accountant.token, file, { name: 'dezember.xml', raw: true });
    expect(again).toMatchObject({ status: 201, body: { imported: 0, skipped: 7 } });
    expect(await entryCount(account)).toBe(7);
    const statements = await accountant.client.banking.statements.list.query({});
    expect(statements.items.find((s) => s.id === first.body.statementId)).toMatchObject({ fileName: 'dezember.xml', accountIban: account });
  });

  it('takes a file larger than the tRPC mutation does', async () => {
    const account = testAccount();
    const file = manyCreditsMt940(account, 6000);
    expect(file.length).toBeGreaterThan(MAX_BANK_BASE64_FILE_BYTES);
    const answer = await uploadStatement(app.url, accountant.token, file, { name: 'jahr.sta' });
    expect(answer).toMatchObject({ status: 201, body: { format: 'MT940', entries: 6000, imported: 6000, skipped: 0 } });
    expect(await entryCount(account)).toBe(6000);
  });

  it('refuses a bad file with a coded 400 and stores nothing; refuses without sign-in or permission', async () => {
    const account = testAccount();
    const broken = new TextEncoder().encode(Buffer.from(sampleFile('camt053-001-02.xml', account), 'base64').toString('utf8').replace('>595.00<', '>595,5x<'));
    const bad = await uploadStatement(app.url, accountant.token, broken);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.data).toMatchObject({ appCode: 'bank.badAmount', params: { field: 'Amt of entry 3', value: '595,5x' } });
    const csv = await uploadStatement(app.url, accountant.token, new TextEncoder().encode('Buchungstag;Betrag\n'), { name: 'umsatz.csv' });
    expect(csv).toMatchObject({ status: 400, body: { error: { data: { appCode: 'bank.unknownFormat' } } } });
    expect(await entryCount(account)).toBe(0);
    const employee = await userWithRole(app, 'Employee');
    const manager = await userWithRole(app, 'Manager');
    const good = bytesOf(sampleFile('camt053-001-02.xml', account));
    expect((await uploadStatement(app.url, employee.token, good)).status).toBe(403);
    expect((await uploadStatement(app.url, manager.token, good)).status).toBe(403);
    expect((await uploadStatement(app.url, null, good)).status).toBe(401);
    expect(await entryCount(account)).toBe(0);
  });
});
