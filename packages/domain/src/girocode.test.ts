import { describe, expect, it } from 'vitest';
import { GirocodeError, epcAmount, girocodeAmount, girocodePayload, ibanProblem } from './girocode.ts';

const base = { bic: 'COBADEFFXXX', name: 'Workmate Testfirma GmbH', iban: 'DE89370400440532013000', amount: '1897.03', text: 'RE-2026-0042' };

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof GirocodeError) return error.field;
    throw error;
  }
  throw new Error('expected a GirocodeError');
};

describe('GiroCode payload (EPC069-12 version 002)', () => {
  it('writes the fields in order, LF-separated, with nothing after the remittance text', () => {
    expect(girocodePayload(base)).toBe('BCD\n002\n1\nSCT\nCOBADEFFXXX\nWorkmate Testfirma GmbH\nDE89370400440532013000\nEUR1897.03\n\n\nRE-2026-0042');
  });

  it('leaves the BIC line empty when none is known, and normalises IBAN and BIC', () => {
    expect(girocodePayload({ ...base, bic: null, iban: 'de89 3704 0044 0532 0130 00' })).toBe('BCD\n002\n1\nSCT\n\nWorkmate Testfirma GmbH\nDE89370400440532013000\nEUR1897.03\n\n\nRE-2026-0042');
    expect(girocodePayload({ ...base, bic: 'cobadeff' }).split('\n')[4]).toBe('COBADEFF');
  });

  it('writes the amount exactly from the decimal string', () => {
    expect(epcAmount('12.3')).toBe('EUR12.30');
    expect(epcAmount('12')).toBe('EUR12.00');
    expect(epcAmount('0.01')).toBe('EUR0.01');
    expect(epcAmount('999999999.99')).toBe('EUR999999999.99');
    // 0.1 + 0.2 as floats would print 0.30000000000000004; strings stay exact.
    expect(epcAmount('1234567.89')).toBe('EUR1234567.89');
  });

  it('refuses amount zero, negative, too large, or with more than two decimals', () => {
    expect(refusal(() => epcAmount('0.00'))).toBe('amount');
    expect(refusal(() => epcAmount('-5.00'))).toBe('amount');
    expect(refusal(() => epcAmount('1000000000.00'))).toBe('amount');
    expect(refusal(() => epcAmount('12.345'))).toBe('amount');
    expect(refusal(() => epcAmount('12,34'))).toBe('amount');
    expect(refusal(() => girocodePayload({ ...base, amount: '0' }))).toBe('amount');
  });

  it('checks the IBAN: country, length and the mod-97 check digits', () => {
    expect(ibanProblem('DE89370400440532013000')).toBeNull();
    expect(ibanProblem('AT61 1904 3002 3457 3201')).toBeNull();
    expect(ibanProblem('GB82WEST12345698765432')).toBeNull();
    expect(ibanProblem('DE89370400440532013001')).toMatch(/check digits/);
    expect(ibanProblem('DE8937040044053201300')).toMatch(/22 characters/);
    expect(ibanProblem('US89370400440532013000')).toMatch(/not in the SEPA/);
    expect(ibanProblem('not an iban')).toMatch(/must be an IBAN/);
    expect(refusal(() => girocodePayload({ ...base, iban: 'DE89370400440532013001' }))).toBe('iban');
  });

  it('refuses a malformed BIC and a missing name', () => {
    expect(refusal(() => girocodePayload({ ...base, bic: 'COBA' }))).toBe('bic');
    expect(refusal(() => girocodePayload({ ...base, name: '  ' }))).toBe('name');
  });

  it('cuts a name over 70 characters to 70, and keeps line breaks out of every field', () => {
    const long = `${'A'.repeat(60)} Beratung und Entwicklung GmbH`;
    const lines = girocodePayload({ ...base, name: long }).split('\n');
    expect(lines[5]).toBe(`${'A'.repeat(60)} Beratung`);
    expect(lines[5]).toHaveLength(69);
    expect([...(girocodePayload({ ...base, name: 'Ä'.repeat(80) }).split('\n')[5] ?? '')]).toHaveLength(70);
    const broken = girocodePayload({ ...base, name: 'Workmate\nTestfirma GmbH', text: 'RE-2026\n0042' }).split('\n');
    expect(broken).toHaveLength(11);
    expect(broken[5]).toBe('Workmate Testfirma GmbH');
    expect(broken[10]).toBe('RE-2026 0042');
  });

  it('refuses a remittance text over 140 characters, and a payload over 331 bytes', () => {
    expect(girocodePayload({ ...base, text: 'R'.repeat(140) }).endsWith('R'.repeat(140))).toBe(true);
    expect(refusal(() => girocodePayload({ ...base, text: 'R'.repeat(141) }))).toBe('text');
    // 70 four-byte characters in the name and 140 in the text: within the field limits, over the byte limit.
    expect(refusal(() => girocodePayload({ ...base, name: '😀'.repeat(70), text: '€'.repeat(140) }))).toBe('payload');
  });
});

describe('whether a printed invoice is payable by GiroCode', () => {
  const invoice = { type: 'invoice', status: 'finalized', grossTotal: '1897.03', paidAmount: '0.00' } as const;

  it('asks for the gross total of a finalized invoice with something open', () => {
    expect(girocodeAmount(invoice)).toBe('1897.03');
    expect(girocodeAmount({ ...invoice, status: 'sent' })).toBe('1897.03');
    expect(girocodeAmount({ ...invoice, status: 'overdue' })).toBe('1897.03');
  });

  it('is null for drafts, quotes, cancellations, cancelled, paid, zero and credit amounts', () => {
    expect(girocodeAmount({ ...invoice, status: 'draft' })).toBeNull();
    expect(girocodeAmount({ ...invoice, type: 'quote' })).toBeNull();
    expect(girocodeAmount({ ...invoice, type: 'cancellation', grossTotal: '-1897.03' })).toBeNull();
    expect(girocodeAmount({ ...invoice, status: 'cancelled' })).toBeNull();
    expect(girocodeAmount({ ...invoice, status: 'paid', paidAmount: '1897.03' })).toBeNull();
    expect(girocodeAmount({ ...invoice, status: 'partially_paid', paidAmount: '1897.03' })).toBeNull();
    expect(girocodeAmount({ ...invoice, grossTotal: '0.00' })).toBeNull();
    expect(girocodeAmount({ ...invoice, grossTotal: '-50.00' })).toBeNull();
  });
});
