import { describe, expect, it } from 'vitest';
import { STAGE_PROBABILITY, weightedAmount } from './sales.ts';

describe('weighted amount', () => {
  it('is amount × probability with four exact places, never a float', () => {
    expect(weightedAmount('1000.00', 25)).toBe('250.0000');
    expect(weightedAmount('0.01', 33)).toBe('0.0033');
    expect(weightedAmount('12345678.99', 75)).toBe('9259259.2425');
    // In floats 0.07 × 0.29 is 0.020299999999999998; here it is exact.
    expect(weightedAmount('0.07', 29)).toBe('0.0203');
    expect(weightedAmount('99999999.99', 100)).toBe('99999999.9900');
  });

  it('each stage has a default probability between 0 and 100; won is certain, lost is nothing', () => {
    expect(STAGE_PROBABILITY.won).toBe(100);
    expect(STAGE_PROBABILITY.lost).toBe(0);
    for (const p of Object.values(STAGE_PROBABILITY)) expect(p >= 0 && p <= 100).toBe(true);
  });
});
