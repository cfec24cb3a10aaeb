import { describe, expect, it } from 'vitest';
import { creditNoteProblem, outstandingAfterCredits, overpaidAfterCredits } from './credit-notes.ts';

// The original: 1,000.00 at 19 % and 200.00 at 7 %; an earlier credit note took back 300.00 at 19 %.
const original = [
  { taxRate: 19 as const, netAmount: '1000.00', taxAmount: '190.00' },
  { taxRate: 7 as const, netAmount: '200.00', taxAmount: '14.00' },
];
const earlier = [[{ taxRate: 19 as const, netAmount: '-300.00', taxAmount: '-57.00' }]];
const row = (taxRate: 19 | 7 | 0, netAmount: string) => ({ taxRate, netAmount, taxAmount: '0.00' });

describe('credit notes', () => {
  it('may take back exactly what remains per rate', () => {
    expect(creditNoteProblem(original, earlier, [row(19, '-700.00'), row(7, '-200.00')])).toBeNull();
  });

  it('refuses one cent beyond what remains, naming the rate and the rest', () => {
    expect(creditNoteProblem(original, earlier, [row(19, '-700.01')])).toEqual({ kind: 'beyondRemaining', taxRate: 19, remaining: '700.00', requested: '700.01' });
  });

  it('refuses a rate the original does not have, positive amounts and an empty note', () => {
    expect(creditNoteProblem(original, earlier, [row(0, '-1.00')])).toMatchObject({ kind: 'beyondRemaining', taxRate: 0, remaining: '0.00' });
    expect(creditNoteProblem(original, earlier, [row(7, '10.00')])).toEqual({ kind: 'notNegative', taxRate: 7 });
    expect(creditNoteProblem(original, earlier, [])).toEqual({ kind: 'empty' });
  });

  it('lowers what is owed; a credit beyond the unpaid rest leaves nothing owed', () => {
    expect(outstandingAfterCredits('1428.00', '357.00', '0.00')).toBe('1071.00');
    expect(outstandingAfterCredits('1428.00', '357.00', '1071.00')).toBe('0.00');
    expect(outstandingAfterCredits('1428.00', '357.00', '1428.00')).toBe('0.00');
  });

  it('the overpayment a refund may pay back: paid and Skonto beyond what is due after credit notes', () => {
    expect(overpaidAfterCredits('1428.00', '357.00', '1428.00')).toBe('357.00');
    expect(overpaidAfterCredits('1428.00', '357.00', '1071.00')).toBe('0.00');
    expect(overpaidAfterCredits('1428.00', '0.00', '500.00')).toBe('0.00');
    expect(overpaidAfterCredits('1000.00', '100.00', '980.00', '20.00')).toBe('100.00');
    // Fully credited: all of it was paid beyond what is due.
    expect(overpaidAfterCredits('1000.00', '1000.00', '1000.00')).toBe('1000.00');
  });
});
