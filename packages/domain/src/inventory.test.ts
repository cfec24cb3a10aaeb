import { describe, expect, it } from 'vitest';
import { ArticleCreateInput, Cost, movingAverage, StockMoveInput } from './inventory.ts';

describe('moving weighted average', () => {
  it('is the receipt cost when nothing is on hand', () => {
    expect(movingAverage({ stock: 0n, average: '0.0000', quantity: 10n, unitCost: '2.5' })).toBe('2.5000');
  });
  it('weighs stock and receipt by quantity and rounds half away from zero to four places', () => {
    // (10 × 2.00 + 5 × 3.10) / 15 = 2.366666…
    expect(movingAverage({ stock: 10n, average: '2.0000', quantity: 5n, unitCost: '3.10' })).toBe('2.3667');
    // (1 × 0.0001 + 1 × 0.0000) / 2 = 0.00005 → 0.0001
    expect(movingAverage({ stock: 1n, average: '0.0001', quantity: 1n, unitCost: '0' })).toBe('0.0001');
    // (3 × 1.0000 + 3 × 1.0001) / 6 = 1.00005 → 1.0001
    expect(movingAverage({ stock: 3n, average: '1.0000', quantity: 3n, unitCost: '1.0001' })).toBe('1.0001');
  });
  it('stays exact for large stock (no floats)', () => {
    expect(movingAverage({ stock: 999_999_999_999n, average: '123456.7891', quantity: 1n, unitCost: '0' })).toBe('123456.7891');
    expect(movingAverage({ stock: 999_999_999_999n, average: '123456.7891', quantity: 999_999_999_999n, unitCost: '0.0002' })).toBe('61728.3947');
  });
});

describe('inventory schemas', () => {
  it('keeps costs as decimal strings with four places and refuses more places', () => {
    expect(Cost.parse('12,5')).toBe('12.5000');
    expect(Cost.parse(3)).toBe('3.0000');
    expect(Cost.safeParse('1.23456').success).toBe(false);
    expect(Cost.safeParse('-1').success).toBe(false);
  });
  it('takes whole quantities only', () => {
    const base = { articleId: '00000000-0000-4000-8000-000000000001', fromLocationId: '00000000-0000-4000-8000-000000000002', toLocationId: '00000000-0000-4000-8000-000000000003', movedOn: '2026-01-01' };
    expect(StockMoveInput.safeParse({ ...base, quantity: 2 }).success).toBe(true);
    expect(StockMoveInput.safeParse({ ...base, quantity: 1.5 }).success).toBe(false);
    expect(StockMoveInput.safeParse({ ...base, quantity: 0 }).success).toBe(false);
  });
  it('knows UN/ECE unit codes and the VAT rates 0, 7 and 19 only', () => {
    expect(ArticleCreateInput.safeParse({ number: 'A-1', name: 'X', baseUnit: 'KGM', vatRate: 7 }).success).toBe(true);
    expect(ArticleCreateInput.safeParse({ number: 'A-1', name: 'X', baseUnit: 'Stk' }).success).toBe(false);
    expect(ArticleCreateInput.safeParse({ number: 'A-1', name: 'X', baseUnit: 'H87', vatRate: 16 }).success).toBe(false);
  });
});
