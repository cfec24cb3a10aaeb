import { describe, expect, it } from 'vitest';
import { defaultInterest, isConsumer, noticeAmounts, type BaseRate } from './dunning.ts';

// Bundesbank base rates (the same values as the seed migration).
const RATES: BaseRate[] = [
  { from: '2016-07-01', rate: '-0.88' },
  { from: '2023-01-01', rate: '1.62' },
  { from: '2023-07-01', rate: '3.12' },
  { from: '2024-01-01', rate: '3.62' },
  { from: '2024-07-01', rate: '3.37' },
  { from: '2025-01-01', rate: '2.27' },
  { from: '2025-07-01', rate: '1.27' },
];

describe('default interest (§288 BGB), computed by hand', () => {
  it('splits at the base-rate change of 2024-07-01 (business: base + 9 points)', () => {
    // 16.06.–30.06.2024: 15 days × 12.62 %; 01.07.–15.07.2024: 15 days × 12.37 %.
    // 1000.00 × (12.62 % × 15 + 12.37 % × 15) / 365 = 1000 × 0.037485 / 365 = 10.26986… → 10.27
    const r = defaultInterest({ outstanding: '1000.00', dueDate: '2024-06-15', until: '2024-07-15', consumer: false, baseRates: RATES });
    expect(r.interest).toBe('10.27');
    expect(r.periods).toEqual([
      { from: '2024-06-16', to: '2024-06-30', days: 15, ratePercent: '12.62', principal: '1000.00' },
      { from: '2024-07-01', to: '2024-07-15', days: 15, ratePercent: '12.37', principal: '1000.00' },
    ]);
  });

  it('uses base + 5 points for a consumer', () => {
    // 1000.00 × (8.62 % × 15 + 8.37 % × 15) / 365 = 25.485 / 3.65 = 6.98219… → 6.98
    const r = defaultInterest({ outstanding: '1000.00', dueDate: '2024-06-15', until: '2024-07-15', consumer: true, baseRates: RATES });
    expect(r.interest).toBe('6.98');
    expect(r.periods.map((p) => p.ratePercent)).toEqual(['8.62', '8.37']);
  });

  it('crosses the turn of the year 2024/2025', () => {
    // 21.12.–31.12.2024: 11 days × 12.37 %; 01.01.–10.01.2025: 10 days × 11.27 %.
    // 2500.00 × (0.1237 × 11 + 0.1127 × 10) / 365 = 2500 × 2.4877 / 365 = 17.03904… → 17.04
    const r = defaultInterest({ outstanding: '2500.00', dueDate: '2024-12-20', until: '2025-01-10', consumer: false, baseRates: RATES });
    expect(r.interest).toBe('17.04');
    expect(r.periods.map((p) => p.days)).toEqual([11, 10]);
  });

  it('crosses from the negative base rate of 2022 into 2023', () => {
    // 16.12.–31.12.2022: 16 days × (−0.88 + 9) = 8.12 %; 01.01.–05.01.2023: 5 days × 10.62 %.
    // 1000.00 × (0.0812 × 16 + 0.1062 × 5) / 365 = 1000 × 1.8302 / 365 = 5.01424… → 5.01
    const r = defaultInterest({ outstanding: '1000.00', dueDate: '2022-12-15', until: '2023-01-05', consumer: false, baseRates: RATES });
    expect(r.interest).toBe('5.01');
    expect(r.periods.map((p) => p.ratePercent)).toEqual(['8.12', '10.62']);
  });

  it('rounds an exact half cent up, once, after summing every day', () => {
    // 365.00 × 10.27 % × 50 days / 365 = 5.135 exactly → 5.14 (half up; rounding down would give 5.13).
    const r = defaultInterest({ outstanding: '365.00', dueDate: '2025-07-01', until: '2025-08-20', consumer: false, baseRates: RATES });
    expect(r.periods).toEqual([{ from: '2025-07-02', to: '2025-08-20', days: 50, ratePercent: '10.27', principal: '365.00' }]);
    expect(r.interest).toBe('5.14');
    // Rounding every day to the cent would give 50 × 0.10 = 5.00 (365 × 10.27 % / 365 = 0.1027 per day).
  });

  it('charges nothing before the first day after the due date, or on nothing owed', () => {
    expect(defaultInterest({ outstanding: '1000.00', dueDate: '2024-06-15', until: '2024-06-15', consumer: false, baseRates: RATES }).interest).toBe('0.00');
    expect(defaultInterest({ outstanding: '0.00', dueDate: '2024-06-15', until: '2024-07-15', consumer: false, baseRates: RATES }).interest).toBe('0.00');
    // One day: 1000 × 12.62 % / 365 = 0.34575… → 0.35
    expect(defaultInterest({ outstanding: '1000.00', dueDate: '2024-06-15', until: '2024-06-16', consumer: false, baseRates: RATES }).interest).toBe('0.35');
  });

  it('charges a late payment\'s amount only until the day before it arrived', () => {
    // 1000.00 owed, 500.00 paid on 01.07.2024, 500.00 still open on 15.07.2024 (business):
    // 16.06.–30.06.: 15 days × 12.62 % on 1000.00 = 18.93; 01.07.–15.07.: 15 days × 12.37 % on 500.00 = 9.2775
    // (18.93 + 9.2775) / 365 = 28.2075 / 3.65 = 7.7281… → 7.73
    const r = defaultInterest({
      outstanding: '500.00',
      dueDate: '2024-06-15',
      until: '2024-07-15',
      consumer: false,
      baseRates: RATES,
      latePayments: [{ date: '2024-07-01', amount: '500.00' }],
    });
    expect(r.interest).toBe('7.73');
    expect(r.periods.map((p) => [p.from, p.to, p.ratePercent, p.principal])).toEqual([
      ['2024-06-16', '2024-06-30', '12.62', '1000.00'],
      ['2024-07-01', '2024-07-15', '12.37', '500.00'],
    ]);
    // A payment in the middle of a rate period splits it too: 500.00 on 10.07.2024.
    const mid = defaultInterest({ outstanding: '500.00', dueDate: '2024-06-15', until: '2024-07-15', consumer: false, baseRates: RATES, latePayments: [{ date: '2024-07-10', amount: '500.00' }] });
    // 1000 × (0.1262 × 15 + 0.1237 × 9) / 365 + 500 × 0.1237 × 6 / 365 = (18.93 + 11.133 + 3.711) / 365 = 33.774 / 365 = 0.092531… → 9.25
    expect(mid.interest).toBe('9.25');
    expect(mid.periods.map((p) => p.days)).toEqual([15, 9, 6]);
    // Paid before the due date: not late, changes nothing.
    expect(defaultInterest({ outstanding: '1000.00', dueDate: '2024-06-15', until: '2024-07-15', consumer: false, baseRates: RATES, latePayments: [{ date: '2024-06-01', amount: '200.00' }] }).interest).toBe('10.27');
    // Everything paid late: interest only until the payment.
    // 1000 × 12.62 % × 15 / 365 = 5.18630… → 5.19
    expect(defaultInterest({ outstanding: '0.00', dueDate: '2024-06-15', until: '2024-07-15', consumer: false, baseRates: RATES, latePayments: [{ date: '2024-07-01', amount: '1000.00' }] }).interest).toBe('5.19');
  });

  it('refuses a day that has no base rate rather than guessing one', () => {
    expect(() => defaultInterest({ outstanding: '10.00', dueDate: '2015-01-01', until: '2015-02-01', consumer: false, baseRates: RATES })).toThrow(/No base rate/);
  });
});

describe('notice amounts and the €40 flat fee (§288(5) BGB)', () => {
  const base = { outstanding: '1000.00', dueDate: '2024-06-15', until: '2024-07-15', baseRates: RATES, levelFee: '5.00' };

  it('adds the flat fee for a business that has not been charged it yet', () => {
    const a = noticeAmounts({ ...base, consumer: false, flatFeeAlreadyCharged: false });
    expect(a).toEqual({ outstanding: '1000.00', interest: '10.27', levelFee: '5.00', flatFee: '40.00', total: '1055.27' });
  });

  it('never adds it twice to one invoice', () => {
    const a = noticeAmounts({ ...base, consumer: false, flatFeeAlreadyCharged: true });
    expect(a.flatFee).toBe('0.00');
    expect(a.total).toBe('1015.27');
  });

  it('never charges a consumer', () => {
    const a = noticeAmounts({ ...base, consumer: true, flatFeeAlreadyCharged: false });
    expect(a.flatFee).toBe('0.00');
    expect(a.total).toBe('1011.98');
  });

  it('treats only the individual customer type as a consumer', () => {
    expect(isConsumer('individual')).toBe(true);
    expect(['business', 'government', 'creator'].map((t) => isConsumer(t as 'business'))).toEqual([false, false, false]);
  });
});

describe('levels that charge no flat fee or interest', () => {
  it('leaves the flat fee for the first level that charges it', () => {
    const a = noticeAmounts({ outstanding: '100.00', dueDate: '2024-06-15', until: '2024-07-15', baseRates: RATES, levelFee: '0.00', consumer: false, flatFeeAlreadyCharged: false, chargeFlatFee: false, chargeInterest: false });
    expect(a).toEqual({ outstanding: '100.00', interest: '0.00', levelFee: '0.00', flatFee: '0.00', total: '100.00' });
  });
});
