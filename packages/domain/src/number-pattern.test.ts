import { describe, expect, it } from 'vitest';
import { formatNumber, patternUsesYear, validateNumberPattern } from './number-pattern.ts';

describe('number patterns', () => {
  it('pads the counter to the width of the N run', () => {
    expect(formatNumber('KIT-CUS-{NNNNNN}', 1, 2026)).toBe('KIT-CUS-000001');
    expect(formatNumber('RE-{YYYY}-{NNNN}', 42, 2026)).toBe('RE-2026-0042');
    expect(formatNumber('{YY}/{NNN}', 7, 2009)).toBe('09/007');
  });
  it('never truncates a counter that outgrows its width', () => {
    expect(formatNumber('C-{NN}', 1234, 2026)).toBe('C-1234');
  });
  it('knows when a series restarts each year', () => {
    expect(patternUsesYear('RE-{YYYY}-{NNNN}')).toBe(true);
    expect(patternUsesYear('CUS-{NNNNNN}')).toBe(false);
  });
  it('refuses patterns without exactly one counter or with unknown placeholders', () => {
    expect(validateNumberPattern('RE-{YYYY}')).toMatch(/counter/);
    expect(validateNumberPattern('{NN}-{NNN}')).toMatch(/counter/);
    expect(validateNumberPattern('RE-{MM}-{NNN}')).toMatch(/placeholder/);
    expect(validateNumberPattern('RE {NNN}')).toMatch(/letters/);
    expect(validateNumberPattern('')).not.toBeNull();
    expect(validateNumberPattern('RE-{YYYY}-{NNNN}')).toBeNull();
  });
});
