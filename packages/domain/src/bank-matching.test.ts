import { describe, expect, it } from 'vitest';
import { nameWords, numberCandidates, numberInText, proposeMatches, sameName, type MatchCandidate } from './bank-matching.ts';

const candidate = (over: Partial<MatchCandidate>): MatchCandidate => ({ invoiceId: over.number ?? 'x', number: 'RE-2026-0001', customerId: 'c', customerName: 'Kunde GmbH', outstanding: '100.00', ibanKnown: false, ...over });

describe('matching a payment to invoices', () => {
  it('finds the invoice number in the remittance text, across spaces, case and line breaks, not inside a longer number', () => {
    expect(numberInText('RE-2026-0102', 'Rechnung RE-2026- 0102 vom 05.11.2026')).toBe(true);
    expect(numberInText('RE-2026-0104', 'Teilzahlung re-2026-0104')).toBe(true);
    expect(numberInText('RE-2026-0101', 'RE-2026-0101 Wartung')).toBe(true);
    expect(numberInText('RE-2026-1', 'RE-2026-12')).toBe(false);
    expect(numberInText('RE-2026-12', 'XRE-2026-12')).toBe(false);
    expect(numberInText('RE-2026-12', null)).toBe(false);
  });

  it('offers the words that could be a number for the lookup, also when a wrap split it', () => {
    const found = numberCandidates('Rechnung RE-2026- 0102 vom 05.11.2026, Danke');
    expect(found).toContain('RE-2026-0102');
    expect(found).toContain('RECHNUNG');
    expect(numberCandidates('Teilzahlung re-2026-0104.')).toContain('RE-2026-0104');
    expect(numberCandidates(null)).toEqual([]);
  });

  it('compares names without legal form, umlauts or case', () => {
    expect(nameWords('Bäckerei Schmitt GmbH & Co. KG')).toEqual(['baeckerei', 'schmitt']);
    expect(sameName('Kanzlei Berger und Partner', 'KANZLEI BERGER UND PARTNER')).toBe(true);
    expect(sameName('Sportverein Blau-Weiß e.V.', 'Sportverein Blau-Weiss e.V.')).toBe(true);
    expect(sameName('Kanzlei Berger', 'Kanzlei Bergmann')).toBe(false);
    expect(sameName('GmbH', 'Irgendwer GmbH')).toBe(false);
  });

  it('proposes by number first, then by open amount and customer, then by amount only', () => {
    const entry = { amount: '476.00', remittance: 'Zahlung Oktober RE-2026-0009', counterpartyName: 'Kanzlei Berger' };
    const proposals = proposeMatches(entry, [
      candidate({ number: 'RE-2026-0007', outstanding: '476.00', customerName: 'Andere AG' }),
      candidate({ number: 'RE-2026-0008', outstanding: '476.00', customerName: 'Kanzlei Berger' }),
      candidate({ number: 'RE-2026-0009', outstanding: '500.00' }),
      candidate({ number: 'RE-2026-0010', outstanding: '475.99', customerName: 'Kanzlei Berger' }),
    ]);
    expect(proposals.map((p) => [p.number, p.reason, p.amountMatches])).toEqual([
      ['RE-2026-0009', 'number', false],
      ['RE-2026-0008', 'amountAndCustomer', true],
      ['RE-2026-0007', 'amount', true],
    ]);
  });

  it('takes a known IBAN of the customer as the customer, whatever the name', () => {
    const [first] = proposeMatches({ amount: '10.00', remittance: null, counterpartyName: 'M. Schmitt' }, [candidate({ outstanding: '10.00', customerName: 'Bäckerei Schmitt', ibanKnown: true })]);
    expect(first?.reason).toBe('amountAndCustomer');
  });

  it('never proposes an invoice with nothing to settle, nor anything for a booking of 0', () => {
    expect(proposeMatches({ amount: '100.00', remittance: 'RE-2026-0001', counterpartyName: null }, [candidate({ outstanding: '0.00' })])).toEqual([]);
    expect(proposeMatches({ amount: '0.00', remittance: 'RE-2026-0001', counterpartyName: null }, [candidate({})])).toEqual([]);
  });

  it('proposes overpaid invoices for a debit by its amount without the sign, and by a credit note number in the text', () => {
    const refund = proposeMatches({ amount: '-11.90', remittance: 'Erstattung Gutschrift GS-2026-0003', counterpartyName: 'Kunde GmbH' }, [
      candidate({ number: 'RE-2026-0001', outstanding: '11.90' }),
      candidate({ number: 'RE-2026-0002', outstanding: '20.00', creditNoteNumbers: ['GS-2026-0003'] }),
      candidate({ number: 'RE-2026-0004', outstanding: '11.90', customerName: 'Andere AG' }),
    ]);
    expect(refund.map((p) => [p.number, p.reason, p.amountMatches])).toEqual([
      ['RE-2026-0002', 'number', false],
      ['RE-2026-0001', 'amountAndCustomer', true],
      ['RE-2026-0004', 'amount', true],
    ]);
    // A credit note number names an invoice only for money going out.
    expect(proposeMatches({ amount: '20.00', remittance: 'GS-2026-0003', counterpartyName: null }, [candidate({ outstanding: '5.00', creditNoteNumbers: ['GS-2026-0003'] })])).toEqual([]);
  });

  it('proposes a received invoice for a debit by the supplier number in the text or its open amount with the supplier, marked as such', () => {
    const out = proposeMatches({ amount: '-238.00', remittance: 'Rechnung LF-77/2026 Kd 4711', counterpartyName: 'Papier Schulz GmbH' }, [
      candidate({ kind: 'supplierInvoice', number: 'LF-77/2026', customerName: 'Papier Schulz GmbH', outstanding: '238.00' }),
      candidate({ kind: 'supplierInvoice', number: 'LF-80/2026', customerName: 'Papier Schulz GmbH', outstanding: '238.00' }),
      candidate({ number: 'RE-2026-0009', customerName: 'Kunde GmbH', outstanding: '238.00' }),
    ]);
    expect(out.map((p) => [p.kind, p.number, p.reason])).toEqual([
      ['supplierInvoice', 'LF-77/2026', 'number'],
      ['supplierInvoice', 'LF-80/2026', 'amountAndCustomer'],
      ['invoice', 'RE-2026-0009', 'amount'],
    ]);
  });

  it('matches a credit of the Skonto amount and says so; a debit never takes Skonto', () => {
    const [byName] = proposeMatches({ amount: '1166.20', remittance: 'Zahlung', counterpartyName: 'Bäckerei Schmitt' }, [candidate({ outstanding: '1190.00', skontoAmount: '1166.20', customerName: 'Bäckerei Schmitt GmbH' })]);
    expect(byName).toMatchObject({ reason: 'amountAndCustomer', amountMatches: true, skonto: true });
    const [full] = proposeMatches({ amount: '1190.00', remittance: 'Zahlung', counterpartyName: null }, [candidate({ outstanding: '1190.00', skontoAmount: '1166.20' })]);
    expect(full).toMatchObject({ reason: 'amount', amountMatches: true, skonto: false });
    expect(proposeMatches({ amount: '1166.21', remittance: 'Zahlung', counterpartyName: null }, [candidate({ outstanding: '1190.00', skontoAmount: '1166.20' })])).toEqual([]);
    expect(proposeMatches({ amount: '-1166.20', remittance: 'Zahlung', counterpartyName: null }, [candidate({ outstanding: '1190.00', skontoAmount: '1166.20' })])).toEqual([]);
  });
});
