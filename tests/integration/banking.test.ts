import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { oneCreditMt940, sampleFile, testAccount } from '../helpers/banking.ts';
import { berlinToday, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { sampleXml, uploadEInvoice } from '../helpers/einvoices.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Bank statement import (issue 15): CAMT.053 .02/.08 and MT940 sample files (tests/fixtures/bank)
 * imported with exact amounts; the same entries again (re-import, overlapping files, two imports
 * at once) add nothing; credits are proposed invoices by number in the remittance text, then by
 * open amount and customer; a confirmed match is a payment; bad files store nothing.
 */
let app: TestApp;
let accountant: Client;
let accountantToken: string;
let admin: Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  ({ client: accountant, token: accountantToken } = await userWithRole(app, 'Accountant'));
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const entryCount = async (account: string) => Number((await sql<Array<{ n: string }>>('select count(*) as n from bank_entries where account_iban = ?', [account]))[0]?.n);

/** A finalized invoice of `net` at 19 % for a new customer called `name`. */
async function invoiceOf(name: string, net: string) {
  const customer = await invoiceCustomer(admin, { name });
  return finalizedInvoice(admin, customer.id, { lines: [{ description: 'IT-Betreuung', quantity: '1', unitPrice: net, taxRate: 19 }] });
}

/** Three customers with open invoices that the camt .02 sample pays: by number twice, by amount and name once. */
async function camt02Scenario() {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const schmitt = await invoiceOf(`Bäckerei Schmitt ${tag} GmbH`, '1000.00');
  const holzwurm = await invoiceOf(`Schreinerei Holzwurm ${tag}`, '500.00');
  const berger = await invoiceOf(`Kanzlei Berger ${tag} und Partner`, '400.00');
  const account = testAccount();
  // The sample wraps RE-2026-0102 over two remittance lines; the real number is wrapped the same way.
  const split = (n: string) => `${n.slice(0, n.lastIndexOf('-') + 1)}</Ustrd><Ustrd>${n.slice(n.lastIndexOf('-') + 1)}`;
  const file = sampleFile('camt053-001-02.xml', account, { 'RE-2026-0101': schmitt.number ?? '', 'RE-2026-</Ustrd><Ustrd>0102': split(holzwurm.number ?? ''), 'KANZLEI BERGER UND PARTNER': `KANZLEI BERGER ${tag} UND PARTNER` });
  return { schmitt, holzwurm, berger, account, file };
}

async function entriesOf(statementId: string) {
  return (await accountant.banking.entries.list.query({ statementId, pageSize: 50 })).items;
}
const byAmount = <T extends { amount: string }>(items: T[], amount: string) => {
  const found = items.find((e) => e.amount === amount);
  if (!found) throw new Error(`no entry of ${amount}`);
  return found;
};

/** A one-entry statement with money going out, booked today; the entry. */
async function debitEntry(options: { amount: string; remittance: string; name: string }) {
  const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'ausgang.sta', contentBase64: oneCreditMt940({ ...options, debit: true, day: berlinToday() }) });
  const [entry] = await entriesOf(statementId);
  if (!entry) throw new Error('no entry');
  return entry;
}

describe('importing bank statements', () => {
  it('imports a camt.053.001.02 file exactly and proposes invoices by number and by open amount and customer', async () => {
    const s = await camt02Scenario();
    const result = await accountant.banking.statements.import.mutate({ fileName: 'auszug-2026-11.xml', contentBase64: s.file });
    expect(result).toMatchObject({ format: 'camt.053.001.02', accountIban: s.account, entries: 6, imported: 6, skipped: 0, balanceDifference: '0.00' });
    const items = await entriesOf(result.statementId);
    // Newest booking first.
    expect(items.map((e) => e.bookingDate)).toEqual(['2026-11-30', '2026-11-30', '2026-11-27', '2026-11-26', '2026-11-24', '2026-11-23']);
    expect(items.map((e) => [e.bookingDate, e.amount, e.counterpartyName, e.counterpartyIban, e.status]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ['2026-11-30', '-3250.00', 'Miriam Weber', 'DE89370400440532013000', 'open'],
      ['2026-11-24', '-89.90', 'Telekom Deutschland GmbH', 'DE02500105170137075030', 'open'],
      ['2026-11-23', '1190.00', 'Bäckerei Schmitt GmbH', 'DE75512108001245126199', 'open'],
      ['2026-11-27', '476.00', expect.stringContaining('KANZLEI BERGER'), 'DE88100900001234567892', 'open'],
      ['2026-11-30', '50.00', 'Finanzamt Köln-Mitte', 'DE05370500000001234567', 'open'],
      ['2026-11-26', '595.00', 'Schreinerei Holzwurm e.K.', 'DE02100500000054540402', 'open'],
    ]);
    expect(byAmount(items, '1190.00').proposals[0]).toMatchObject({ invoiceId: s.schmitt.id, reason: 'number', amountMatches: true });
    // The number is split over two remittance lines ("RE-2026-" / "0102").
    expect(byAmount(items, '595.00').proposals[0]).toMatchObject({ invoiceId: s.holzwurm.id, reason: 'number' });
    expect(byAmount(items, '476.00').proposals[0]).toMatchObject({ invoiceId: s.berger.id, reason: 'amountAndCustomer' });
    expect(byAmount(items, '50.00').proposals.filter((p) => p.reason !== 'amount')).toEqual([]);
    expect(byAmount(items, '-3250.00').proposals).toEqual([]);
    const [statement] = (await accountant.banking.statements.list.query({})).items.filter((st) => st.id === result.statementId);
    expect(statement).toMatchObject({ fileName: 'auszug-2026-11.xml', openingBalance: '12345.67', closingBalance: '11316.77', balanceDifference: '0.00', firstBookingDate: '2026-11-23', lastBookingDate: '2026-11-30', importedCount: 6, skippedCount: 0 });
  });

  it('a confirmed match becomes a payment on the booking day and the invoice is paid; audited; the entry leaves the open list', async () => {
    const s = await camt02Scenario();
    const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'a.xml', contentBase64: s.file });
    const entry = byAmount(await entriesOf(statementId), '1190.00');
    const confirmed = await accountant.banking.entries.confirm.mutate({ id: entry.id, invoiceId: s.schmitt.id, version: entry.version });
    expect(confirmed).toMatchObject({ status: 'matched', invoice: { id: s.schmitt.id, number: s.schmitt.number } });
    const invoice = await admin.invoices.get.query({ id: s.schmitt.id });
    expect(invoice).toMatchObject({ status: 'paid', paidAmount: '1190.00' });
    const payments = await admin.invoices.payments.list.query({ invoiceId: s.schmitt.id });
    expect(payments.map((p) => [p.amount, p.paymentDate, p.method, p.reference])).toEqual([['1190.00', '2026-11-23', 'bank_transfer', `E2E-${s.schmitt.number}`]]);
    expect(confirmed.paymentId).toBe(payments[0]?.id);
    const audit = await sql<Array<{ action: string }>>(`select action from audit_log where entity = 'bankEntry' and entity_id = ? order by id`, [entry.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    // Decided once: a second confirmation is refused and records nothing.
    expect(await errorOf(accountant.banking.entries.confirm.mutate({ id: entry.id, invoiceId: s.schmitt.id }))).toMatchObject({ code: 'CONFLICT', appCode: 'bank.entryDecided' });
    const open = await accountant.banking.entries.list.query({ statementId, status: 'open', direction: 'credit' });
    expect(open.items.map((e) => e.amount).sort()).toEqual(['476.00', '50.00', '595.00']);
  });

  it('picks another invoice, refuses more than is open (409, entry stays open), refuses a debit on an invoice not overpaid, ignores and reopens', async () => {
    const s = await camt02Scenario();
    const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'a.xml', contentBase64: s.file });
    const items = await entriesOf(statementId);
    const big = byAmount(items, '595.00');
    expect(await errorOf(accountant.banking.entries.confirm.mutate({ id: big.id, invoiceId: s.berger.id }))).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.paymentExceedsOutstanding' });
    expect((await accountant.banking.entries.get.query({ id: big.id })).status).toBe('open');
    expect(await admin.invoices.payments.list.query({ invoiceId: s.berger.id })).toEqual([]);
    // Chosen by hand: the 50.00 as a part payment of the Berger invoice.
    const small = byAmount(items, '50.00');
    await accountant.banking.entries.confirm.mutate({ id: small.id, invoiceId: s.berger.id });
    expect(await admin.invoices.get.query({ id: s.berger.id })).toMatchObject({ status: 'partially_paid', paidAmount: '50.00' });
    // A debit pays money back: the Schmitt invoice was not overpaid, so there is nothing to refund.
    const debit = byAmount(items, '-89.90');
    expect(await errorOf(accountant.banking.entries.confirm.mutate({ id: debit.id, invoiceId: s.schmitt.id }))).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.nothingToRefund' });
    expect((await accountant.banking.entries.get.query({ id: debit.id })).status).toBe('open');
    const ignored = await accountant.banking.entries.ignore.mutate({ id: big.id });
    expect(ignored).toMatchObject({ status: 'ignored', proposals: [] });
    expect((await accountant.banking.entries.list.query({ statementId, status: 'open', direction: 'credit' })).items.map((e) => e.amount).sort()).toEqual(['1190.00', '476.00']);
    expect((await accountant.banking.entries.reopen.mutate({ id: big.id })).status).toBe('open');
  });

  it('re-importing a file adds nothing; an overlapping camt .08 and an MT940 of the same account add only their new entries', async () => {
    const account = testAccount();
    const first = await accountant.banking.statements.import.mutate({ fileName: 'nov.xml', contentBase64: sampleFile('camt053-001-02.xml', account) });
    expect(first).toMatchObject({ imported: 6, skipped: 0 });
    const again = await accountant.banking.statements.import.mutate({ fileName: 'nov.xml', contentBase64: sampleFile('camt053-001-02.xml', account) });
    expect(again).toMatchObject({ entries: 6, imported: 0, skipped: 6 });
    expect(await entryCount(account)).toBe(6);
    // Nov 27 – Dec 4: three bookings of the first file again, four new (a batch booking split in two).
    const dec = await accountant.banking.statements.import.mutate({ fileName: 'dez.xml', contentBase64: sampleFile('camt053-001-08.xml', account) });
    expect(dec).toMatchObject({ format: 'camt.053.001.08', entries: 7, imported: 4, skipped: 3 });
    expect((await entriesOf(dec.statementId)).map((e) => e.amount).sort()).toEqual(['-45.22', '2380.00', '300.00', '400.00']);
    const mt = await accountant.banking.statements.import.mutate({ fileName: 'umsaetze.sta', contentBase64: sampleFile('mt940.sta', account) });
    expect(mt).toMatchObject({ format: 'MT940', accountIban: account, entries: 4, imported: 4, skipped: 0 });
    const mtItems = await entriesOf(mt.statementId);
    expect(mtItems.map((e) => [e.bookingDate, e.valueDate, e.amount, e.counterpartyName])).toEqual([
      ['2026-12-31', '2027-01-02', '300.00', 'Sportverein Blau-Weiss e.V.'],
      ['2026-12-10', '2026-12-10', '250.00', 'Hans Müller'],
      ['2026-12-08', '2026-12-08', '-89.90', 'Telekom Deutschland GmbH'],
      ['2026-12-07', '2026-12-07', '1190.00', 'Elektro Wagner GmbH & Co. KG'],
    ]);
    expect(await accountant.banking.statements.import.mutate({ fileName: 'umsaetze.sta', contentBase64: sampleFile('mt940.sta', account) })).toMatchObject({ imported: 0, skipped: 4 });
    expect(await entryCount(account)).toBe(14);
  });

  it('finds the invoice named in the text even among many open invoices of the same amount', async () => {
    const customer = await invoiceCustomer(admin, { name: 'Abo Kunde GmbH' });
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const amount = `${4000 + Math.floor(Math.random() * 5000)}.37`;
    // 60 open invoices of the same amount (a monthly fee), the one paid being the oldest.
    await sql(
      `insert into invoices (id, type, status, number, customer_id, issue_date, payment_terms_days, due_date, net_total, tax_total, gross_total, tax_breakdown, paid_amount, version, created_at, updated_at)
       select gen_random_uuid(), 'invoice', 'sent', ? || '-' || g, ?, date '2026-11-01' - g, 14, date '2026-11-15' - g, ?::numeric, 0, ?::numeric, '[]'::jsonb, 0, 1, now(), now() from generate_series(1, 60) g`,
      [`AB${tag}`, customer.id, amount, amount],
    );
    const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'abo.sta', contentBase64: oneCreditMt940({ amount: amount.replace('.', ','), remittance: `Abo AB${tag}-60 danke` }) });
    const [entry] = await entriesOf(statementId);
    expect(entry?.proposals[0]).toMatchObject({ number: `AB${tag}-60`, reason: 'number', amountMatches: true });
  });

  it('checks that a file adds up: a closing balance off by a booking is imported with its difference shown; no closing balance, no check', async () => {
    const account = testAccount();
    // A booking of 89.90 missing from the file, as if a page were lost: the closing balance still counts it.
    const camt = Buffer.from(sampleFile('camt053-001-02.xml', account), 'base64').toString('utf8').replace('<Amt Ccy="EUR">11316.77</Amt>', '<Amt Ccy="EUR">11226.87</Amt>');
    const off = await accountant.banking.statements.import.mutate({ fileName: 'unvollstaendig.xml', contentBase64: Buffer.from(camt, 'utf8').toString('base64') });
    expect(off).toMatchObject({ imported: 6, balanceDifference: '-89.90' });
    expect((await accountant.banking.statements.list.query({ pageSize: 100 })).items.find((st) => st.id === off.statementId)).toMatchObject({ closingBalance: '11226.87', balanceDifference: '-89.90' });
    expect(await entryCount(account)).toBe(6);

    const mt = Buffer.from(oneCreditMt940({ amount: '5,00' }), 'base64').toString('latin1').replace(/:62F:[^\r]*\r\n/, '');
    const open = await accountant.banking.statements.import.mutate({ fileName: 'ohne-endsaldo.sta', contentBase64: Buffer.from(mt, 'latin1').toString('base64') });
    expect(open).toMatchObject({ imported: 1, balanceDifference: null });
    expect(await accountant.banking.statements.import.mutate({ fileName: 'eins.sta', contentBase64: oneCreditMt940({ amount: '5,00', debit: true }) })).toMatchObject({ balanceDifference: '0.00' });
  });

  it('two imports of the same file at once store each entry once', async () => {
    const account = testAccount();
    const file = sampleFile('camt053-001-08.xml', account);
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => accountant.banking.statements.import.mutate({ fileName: `parallel-${i}.xml`, contentBase64: file })));
    expect(results.map((r) => r.imported).reduce((a, b) => a + b, 0)).toBe(7);
    expect(results.map((r) => r.imported + r.skipped)).toEqual([7, 7, 7, 7]);
    expect(await entryCount(account)).toBe(7);
  });
});

describe('money paid back and matches undone', () => {
  /** An invoice of 119.00 paid in full, then a credit note of 11.90 finalized: 11.90 overpaid. */
  async function overpaidInvoice(name: string) {
    const customer = await invoiceCustomer(admin, { name });
    const invoice = await finalizedInvoice(admin, customer.id, { lines: [{ description: 'Wartung', quantity: '1', unitPrice: '100.00', taxRate: 19 }] });
    await admin.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '119.00', paymentDate: berlinToday() });
    const note = await admin.invoices.creditNotes.create.mutate({ invoiceId: invoice.id, lines: [{ description: 'Nachlass', quantity: '1', unitPrice: '10.00', taxRate: 19 }] });
    const finalNote = await admin.invoices.finalize.mutate({ id: note.id });
    return { invoice, creditNoteNumber: finalNote.number ?? '' };
  }

  it('proposes the overpaid invoice for a debit naming its credit note, and confirming records the refund on the booking day', async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    const { invoice, creditNoteNumber } = await overpaidInvoice(`Erstattung ${tag} GmbH`);
    const entry = await debitEntry({ amount: '11,90', remittance: `Erstattung Gutschrift ${creditNoteNumber}`, name: `Erstattung ${tag} GmbH` });
    expect(entry).toMatchObject({ amount: '-11.90', status: 'open' });
    expect(entry.proposals[0]).toMatchObject({ invoiceId: invoice.id, reason: 'number', outstanding: '11.90', amountMatches: true });
    // The open outgoing list holds it.
    expect((await accountant.banking.entries.list.query({ status: 'open', direction: 'debit', search: tag })).items.map((e) => e.id)).toEqual([entry.id]);
    const confirmed = await accountant.banking.entries.confirm.mutate({ id: entry.id, invoiceId: invoice.id, version: entry.version });
    expect(confirmed).toMatchObject({ status: 'matched', invoice: { id: invoice.id }, paymentId: null, proposals: [] });
    const refunds = await admin.invoices.refunds.list.query({ invoiceId: invoice.id });
    expect(refunds.map((r) => [r.id, r.amount, r.refundDate, r.method])).toEqual([[confirmed.refundId, '11.90', berlinToday(), 'bank_transfer']]);
    expect(await admin.invoices.get.query({ id: invoice.id })).toMatchObject({ paidAmount: '107.10', refundableAmount: '0.00' });
    // Paid back once: the refund's posting is in the journal (Dr debtor / Cr bank).
    const posted = await sql<Array<{ n: string }>>(`select count(*) as n from journal_entries where source_type = 'refund' and source_id = ?`, [confirmed.refundId]);
    expect(Number(posted[0]?.n)).toBe(1);
  });

  it('refuses a debit larger than the overpayment (409, the entry stays open, nothing refunded) and proposes by amount and payee', async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    const { invoice } = await overpaidInvoice(`Rueckzahlung ${tag} AG`);
    const big = await debitEntry({ amount: '20,00', remittance: 'Rueckzahlung', name: `Rueckzahlung ${tag} AG` });
    expect(await errorOf(accountant.banking.entries.confirm.mutate({ id: big.id, invoiceId: invoice.id }))).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.refundExceedsOverpaid' });
    expect((await accountant.banking.entries.get.query({ id: big.id })).status).toBe('open');
    expect(await admin.invoices.refunds.list.query({ invoiceId: invoice.id })).toEqual([]);
    const exact = await debitEntry({ amount: '11,90', remittance: 'Rueckzahlung', name: `Rückzahlung ${tag} AG` });
    expect(exact.proposals.find((p) => p.invoiceId === invoice.id)).toMatchObject({ reason: 'amountAndCustomer', amountMatches: true });
  });

  it('deleting the payment or refund a match became opens the entry again, audited', async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    const { invoice: paid } = await overpaidInvoice(`Rueckgaengig ${tag} GmbH`);
    const refundEntry = await debitEntry({ amount: '11,90', remittance: paid.number ?? '', name: 'x' });
    const matchedRefund = await accountant.banking.entries.confirm.mutate({ id: refundEntry.id, invoiceId: paid.id });
    await admin.invoices.refunds.delete.mutate({ id: matchedRefund.refundId ?? '' });
    expect(await accountant.banking.entries.get.query({ id: refundEntry.id })).toMatchObject({ status: 'open', invoice: null, refundId: null, decidedBy: null });

    const open = await invoiceOf(`Zahler ${tag}`, '50.00');
    const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'ein.sta', contentBase64: oneCreditMt940({ amount: '59,50', remittance: open.number ?? '', day: berlinToday() }) });
    const [credit] = await entriesOf(statementId);
    const matched = await accountant.banking.entries.confirm.mutate({ id: credit?.id ?? '', invoiceId: open.id });
    await admin.invoices.payments.delete.mutate({ id: matched.paymentId ?? '' });
    const reopened = await accountant.banking.entries.get.query({ id: matched.id });
    expect(reopened).toMatchObject({ status: 'open', invoice: null, paymentId: null });
    expect(reopened.proposals[0]).toMatchObject({ invoiceId: open.id, reason: 'number' });
    const audit = await sql<Array<{ action: string }>>(`select action from audit_log where entity = 'bankEntry' and entity_id = ? order by id`, [matched.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    // Open again, it can be matched again.
    expect((await accountant.banking.entries.confirm.mutate({ id: matched.id, invoiceId: open.id })).status).toBe('matched');
  });
});

describe('paying received invoices from the statement', () => {
  /** An approved received invoice of 1,296.99 (1,000.00 at 19 % + 99.99 at 7 %) from a supplier of its own, numbered LF-<tag>. */
  async function receivedInvoice(tag: string, approve = true) {
    const vatId = `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const upload = await uploadEInvoice(app, accountantToken, await sampleXml('UBL', { vatId, number: `LF-${tag}`, sellerName: `Papier ${tag} GmbH` }));
    const id = upload.body.invoice?.id;
    if (!id) throw new Error(`e-invoice upload failed: ${upload.status}`);
    if (approve) await accountant.purchases.inbox.approve.mutate({ id });
    return id;
  }
  const supplierPostings = (paymentId: string) =>
    sql<Array<{ kind: string; number: number; amount: string }>>(
      `select e.kind, a.number, l.amount::text as amount from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
        where e.source_type = 'supplierPayment' and e.source_id = ? order by e.entry_number, l.line_no`,
      [paymentId],
    );

  it('proposes the received invoice a debit names, and confirming records a bank payment on the booking day, posted creditor / bank', async () => {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const id = await receivedInvoice(tag);
    const entry = await debitEntry({ amount: '1296,99', remittance: `Rechnung LF-${tag} Kd 4711`, name: `Papier ${tag} GmbH` });
    expect(entry.proposals[0]).toMatchObject({ kind: 'supplierInvoice', invoiceId: id, number: `LF-${tag}`, customerName: `Papier ${tag} GmbH`, reason: 'number', outstanding: '1296.99', amountMatches: true });
    const confirmed = await accountant.banking.entries.confirmSupplierPayment.mutate({ id: entry.id, supplierInvoiceId: id, version: entry.version });
    expect(confirmed).toMatchObject({ status: 'matched', invoice: null, paymentId: null, refundId: null, supplierInvoice: { id, number: `LF-${tag}`, supplierName: `Papier ${tag} GmbH` }, proposals: [] });
    const received = await accountant.purchases.inbox.get.query({ id });
    expect(received.settlement).toMatchObject({ paidAmount: '1296.99', openAmount: '0.00' });
    expect(received.settlement.payments.map((p) => [p.id, p.amount, p.paymentDate, p.method])).toEqual([[confirmed.supplierPaymentId, '1296.99', berlinToday(), 'bank']]);
    expect((await supplierPostings(confirmed.supplierPaymentId ?? '')).map((l) => [l.number >= 70000 ? 'creditor' : l.number, l.amount])).toEqual([['creditor', '129699'], [1200, '-129699']]);
    const audit = await sql<Array<{ action: string }>>(`select action from audit_log where entity = 'bankEntry' and entity_id = ? order by id`, [entry.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('proposes by open amount and payee; refuses more than is open, a credit and an invoice not approved, leaving the entry open', async () => {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const id = await receivedInvoice(tag);
    // A part paid by hand leaves an open amount no other test has.
    const cents = 1000 + Math.floor(Math.random() * 9000);
    await accountant.purchases.inbox.payments.record.mutate({ supplierInvoiceId: id, amount: (cents / 100).toFixed(2), paymentDate: berlinToday() });
    const open = ((129699 - cents) / 100).toFixed(2);
    const byAmount = await debitEntry({ amount: open.replace('.', ','), remittance: 'Sammelueberweisung', name: `PAPIER ${tag}` });
    expect(byAmount.proposals.find((p) => p.invoiceId === id)).toMatchObject({ kind: 'supplierInvoice', reason: 'amountAndCustomer', outstanding: open, amountMatches: true });

    const tooMuch = await debitEntry({ amount: '1296,99', remittance: `LF-${tag}`, name: 'x' });
    expect(await errorOf(accountant.banking.entries.confirmSupplierPayment.mutate({ id: tooMuch.id, supplierInvoiceId: id }))).toMatchObject({ code: 'CONFLICT', appCode: 'supplierInvoice.paymentExceedsOpen', fieldErrors: { amount: expect.anything() } });
    expect(await accountant.banking.entries.get.query({ id: tooMuch.id })).toMatchObject({ status: 'open', supplierInvoice: null });

    const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'eingang.sta', contentBase64: oneCreditMt940({ amount: '10,00', remittance: `LF-${tag}`, day: berlinToday() }) });
    const [credit] = await entriesOf(statementId);
    expect(await errorOf(accountant.banking.entries.confirmSupplierPayment.mutate({ id: credit?.id ?? '', supplierInvoiceId: id }))).toMatchObject({ code: 'BAD_REQUEST', appCode: 'bank.notDebit', fieldErrors: { id: expect.anything() } });

    const draft = await receivedInvoice(`${tag}D`, false);
    const forDraft = await debitEntry({ amount: '1296,99', remittance: `LF-${tag}D`, name: 'x' });
    expect(forDraft.proposals.map((p) => p.invoiceId)).not.toContain(draft);
    expect(await errorOf(accountant.banking.entries.confirmSupplierPayment.mutate({ id: forDraft.id, supplierInvoiceId: draft }))).toMatchObject({ code: 'CONFLICT', appCode: 'supplierInvoice.notPayable' });
    const [{ n }] = (await sql<Array<{ n: string }>>(`select count(*) as n from supplier_payments where supplier_invoice_id in (?, ?)`, [id, draft])) as [{ n: string }];
    expect(Number(n)).toBe(1);
    for (const e of [tooMuch, credit, forDraft]) expect((await accountant.banking.entries.get.query({ id: e?.id ?? '' })).status).toBe('open');
    expect((await errorOf(accountant.banking.entries.confirmSupplierPayment.mutate({ id: tooMuch.id, supplierInvoiceId: 'nope' }))).fieldErrors?.supplierInvoiceId).toBeDefined();
  });

  it('deleting the supplier payment opens the entry again and reverses its posting; confirming takes the right to record supplier payments', async () => {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const id = await receivedInvoice(tag);
    const entry = await debitEntry({ amount: '500,00', remittance: `Abschlag LF-${tag}`, name: 'x' });
    const matched = await accountant.banking.entries.confirmSupplierPayment.mutate({ id: entry.id, supplierInvoiceId: id });
    expect((await accountant.purchases.inbox.get.query({ id })).settlement).toMatchObject({ paidAmount: '500.00', openAmount: '796.99' });
    await accountant.purchases.inbox.payments.delete.mutate({ id: matched.supplierPaymentId ?? '' });
    const reopened = await accountant.banking.entries.get.query({ id: entry.id });
    expect(reopened).toMatchObject({ status: 'open', supplierInvoice: null, supplierPaymentId: null, decidedBy: null });
    expect(reopened.proposals[0]).toMatchObject({ kind: 'supplierInvoice', invoiceId: id, reason: 'number', amountMatches: false });
    expect((await supplierPostings(matched.supplierPaymentId ?? '')).reduce((sum, l) => sum + Number(l.amount), 0)).toBe(0);
    expect((await supplierPostings(matched.supplierPaymentId ?? '')).length).toBe(4);

    // Banking without purchases: may ignore entries, may not pay received invoices.
    const bankOnly = await admin.core.roles.create.mutate({ name: `Bank ${tag}`, permissions: ['banking.read', 'banking.write', 'invoices.read', 'invoices.payments'] });
    const clerk = await userWithRole(app, null);
    await admin.core.employees.update.mutate({ id: clerk.employee.id, roleId: bankOnly.id });
    expect(await codeOf(clerk.client.banking.entries.confirmSupplierPayment.mutate({ id: entry.id, supplierInvoiceId: id }))).toBe('FORBIDDEN');
    expect((await accountant.banking.entries.get.query({ id: entry.id })).status).toBe('open');
  });
});

describe('refusing bad statement files', () => {
  const camt = (account: string) => Buffer.from(sampleFile('camt053-001-02.xml', account), 'base64').toString('utf8');
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

  it.each([
    ['not base64', () => '%%%not base64%%%', 'bank.notBase64'],
    ['an empty file', () => '', 'bank.emptyFile'],
    ['a CSV export', () => b64('Buchungstag;Betrag;Verwendungszweck\n01.12.2026;10,00;Test\n'), 'bank.unknownFormat'],
    ['broken XML', (a: string) => b64(camt(a).replace('</BkToCstmrStmt>', '')), 'bank.notXml'],
    ['XML with a DOCTYPE', () => b64('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>'), 'bank.doctype'],
    ['an e-invoice instead of a statement', () => b64('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>'), 'bank.unknownXml'],
    ['camt.054 (a notification, not a statement)', (a: string) => b64(camt(a).replace('camt.053.001.02"', 'camt.054.001.02"')), 'bank.unknownXml'],
    ['an amount with three places', (a: string) => b64(camt(a).replace('>476.00<', '>476.001<')), 'bank.badAmount'],
    ['an entry without booking date', (a: string) => b64(camt(a).replace('<BookgDt><Dt>2026-11-30</Dt></BookgDt>', '')), 'bank.missingField'],
    ['a date that does not exist', (a: string) => b64(camt(a).replace('<BookgDt><Dt>2026-11-24</Dt></BookgDt>', '<BookgDt><Dt>2026-11-31</Dt></BookgDt>')), 'bank.badDate'],
    ['a CHF account', (a: string) => b64(camt(a).replaceAll('Ccy="EUR"', 'Ccy="CHF"').replace('<Ccy>EUR</Ccy>', '<Ccy>CHF</Ccy>')), 'bank.currency'],
    ['MT940 without opening balance', () => b64(':20:STARTUMSE\r\n:25:DE02120300000000202051\r\n:61:2612011201C1,00NTRFNONREF\r\n-'), 'bank.missingField'],
  ])('refuses %s with a 400 and its code, storing nothing', async (_label, content, code) => {
    const account = testAccount();
    const before = await sql<Array<{ s: string; e: string }>>('select (select count(*) from bank_statements) as s, (select count(*) from bank_entries) as e');
    const error = await errorOf(accountant.banking.statements.import.mutate({ fileName: 'x', contentBase64: content(account) }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, appCode: code });
    expect(await entryCount(account)).toBe(0);
    const after = await sql<Array<{ s: string; e: string }>>('select (select count(*) from bank_statements) as s, (select count(*) from bank_entries) as e');
    // Other files run beside this one: only this file's account is certain to be empty; the totals may only grow by others.
    expect(Number(after[0]?.s)).toBeGreaterThanOrEqual(Number(before[0]?.s));
  });

  it('refuses a file over 720 KB before reading it, naming the field', async () => {
    const error = await errorOf(accountant.banking.statements.import.mutate({ fileName: 'x', contentBase64: b64('x'.repeat(720 * 1024 + 1)) }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(error.fieldErrors?.contentBase64).toEqual([expect.stringContaining('must be a file of at most 720 KB')]);
  });

  it('names the missing field', async () => {
    const error = await errorOf(accountant.banking.statements.import.mutate({ fileName: 'x', contentBase64: b64(camt(testAccount()).replace('<BookgDt><Dt>2026-11-30</Dt></BookgDt>', '')) }));
    expect(error.params).toEqual({ field: 'BookgDt of entry 5' });
  });
});

describe('who may import and match', () => {
  it('an employee may not import or list; a manager may list but not import or confirm', async () => {
    const employee = (await userWithRole(app, 'Employee')).client;
    const manager = (await userWithRole(app, 'Manager')).client;
    const account = testAccount();
    expect(await codeOf(employee.banking.statements.import.mutate({ fileName: 'x.sta', contentBase64: oneCreditMt940({ account }) }))).toBe('FORBIDDEN');
    expect(await codeOf(employee.banking.entries.list.query({}))).toBe('FORBIDDEN');
    expect(await codeOf(manager.banking.statements.import.mutate({ fileName: 'x.sta', contentBase64: oneCreditMt940({ account }) }))).toBe('FORBIDDEN');
    expect(await entryCount(account)).toBe(0);
    const { statementId } = await accountant.banking.statements.import.mutate({ fileName: 'x.sta', contentBase64: oneCreditMt940({ account }) });
    const [entry] = (await manager.banking.entries.list.query({ statementId })).items;
    expect(entry).toBeDefined();
    const invoice = await invoiceOf('Matrix Kunde', '100.00');
    expect(await codeOf(manager.banking.entries.confirm.mutate({ id: entry?.id ?? '', invoiceId: invoice.id }))).toBe('FORBIDDEN');
    expect((await accountant.banking.entries.get.query({ id: entry?.id ?? '' })).status).toBe('open');
  });
});
