import { describe, expect, it } from 'vitest';
import { EXPENSE_ROLE, inputVatTreatment, istShare, refundVatReleases, revenueTreatment, unrefundedCreditVat } from './bookkeeping-postings.ts';
import { EXPENSE_CATEGORIES } from './enums.ts';

describe('automatic posting rules', () => {
  it('books each outgoing rate to its revenue and VAT account, tax-free and reverse charge by the buyer’s country', () => {
    expect(revenueTreatment('standard', 19, 'DE')).toMatchObject({ taxCode: 'UST19', revenue: 'revenue19', vat: 'vatOut19', vatNotDue: 'vatOutNotDue19', skonto: 'skontoGranted19' });
    expect(revenueTreatment('standard', 7, null)).toMatchObject({ taxCode: 'UST7', revenue: 'revenue7', vat: 'vatOut7' });
    expect(revenueTreatment('standard', 0, 'DE')).toMatchObject({ taxCode: 'FREE', revenue: 'revenueFree', vat: null });
    expect(revenueTreatment('small_business', 0, 'DE')).toMatchObject({ taxCode: 'FREE', vat: null });
    expect(revenueTreatment('reverse_charge', 0, 'DE')).toMatchObject({ taxCode: 'RC_OUT', revenue: 'revenue13b', vat: null });
    expect(revenueTreatment('reverse_charge', 0, 'fr')).toMatchObject({ taxCode: 'EU_SUPPLY', revenue: 'revenueEu' });
    expect(revenueTreatment('reverse_charge', 0, 'CH')).toMatchObject({ taxCode: 'EXPORT', revenue: 'revenueExport' });
  });

  it('has an expense account for every category and input VAT for 19 and 7 % only', () => {
    for (const c of EXPENSE_CATEGORIES) expect(EXPENSE_ROLE[c]).toMatch(/^expense/);
    expect(inputVatTreatment(19)).toEqual({ taxCode: 'VST19', vat: 'vatIn19' });
    expect(inputVatTreatment(7)).toEqual({ taxCode: 'VST7', vat: 'vatIn7' });
    expect(inputVatTreatment(0)).toBeNull();
  });

  it('Ist: moves each payment’s rounded share, and the last payment of a settled invoice exactly the rest', () => {
    // 180.50 VAT on 1,237.29 gross, paid in three thirds: 60.17 + 60.17 + the rest 60.16.
    const first = istShare({ amount: 41243n, due: 123729n, notDue: 18050n, skontoTotal: 0n, othersMoved: 0n, last: false });
    expect(first).toBe(6017n);
    expect(istShare({ amount: 41243n, due: 123729n, notDue: 18050n, skontoTotal: 0n, othersMoved: 12034n, last: true })).toBe(6016n);
    // With Skonto: its VAT was corrected on the not-yet-due account, so the rest is less by it.
    expect(istShare({ amount: 120254n, due: 123729n, notDue: 18050n, skontoTotal: 361n, othersMoved: 0n, last: true })).toBe(17689n);
    expect(istShare({ amount: 100n, due: 0n, notDue: 0n, skontoTotal: 0n, othersMoved: 0n, last: false })).toBe(0n);
  });

  it('keeps the VAT of a credited part that was paid and not paid back (Ist), in proportion, never more than the credit', () => {
    // 226.10 credited (VAT 36.10), all of it paid before: all 36.10 stay due.
    expect(unrefundedCreditVat({ unrefunded: 22610n, credited: 22610n, creditVat: 3610n })).toBe(3610n);
    // Half of it paid beyond what is due: half the VAT, to the cent.
    expect(unrefundedCreditVat({ unrefunded: 11305n, credited: 22610n, creditVat: 3610n })).toBe(1805n);
    expect(unrefundedCreditVat({ unrefunded: 99999n, credited: 22610n, creditVat: 3610n })).toBe(3610n);
    expect(unrefundedCreditVat({ unrefunded: 0n, credited: 22610n, creditVat: 3610n })).toBe(0n);
    expect(unrefundedCreditVat({ unrefunded: 100n, credited: 0n, creditVat: 0n })).toBe(0n);
  });

  it('releases the kept VAT refund by refund, the refunds of the whole overpayment exactly what was kept', () => {
    // 226.10 overpaid after a credit note of 226.10 (VAT 36.10): refunded in three parts.
    const parts = refundVatReleases({ unrefunded: 22610n, credited: 22610n, creditVat: 3610n, refunds: [10000n, 10000n, 2610n] });
    expect(parts).toEqual([1597n, 1596n, 417n]);
    expect(parts.reduce((s, v) => s + v, 0n)).toBe(3610n);
    // Overpaid beyond the credit (more paid than the gross): the first refund takes the part no credit note explains, no VAT.
    expect(refundVatReleases({ unrefunded: 32610n, credited: 22610n, creditVat: 3610n, refunds: [10000n, 22610n] })).toEqual([0n, 3610n]);
    expect(refundVatReleases({ unrefunded: 22610n, credited: 22610n, creditVat: 3610n, refunds: [] })).toEqual([]);
  });
});
