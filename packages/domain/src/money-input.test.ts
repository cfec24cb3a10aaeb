import { describe, expect, it } from 'vitest';
import { parseDecimalInput, parseMoneyInput, trimDecimal, type NumberLocale } from './money.ts';

const ok = (locale: NumberLocale, text: string) => {
  const r = parseMoneyInput(text, locale);
  if (!r.ok) throw new Error(`${locale} "${text}" was refused: ${r.error}`);
  return r.value;
};
const refused = (locale: NumberLocale, text: string) => {
  const r = parseMoneyInput(text, locale);
  if (r.ok) throw new Error(`${locale} "${text}" was read as ${r.value}`);
  return r.error;
};

describe('parseMoneyInput, German', () => {
  it.each([
    ['12.500,00', '12500.00'],
    ['12500,00', '12500.00'],
    ['12500', '12500.00'],
    ['1.000', '1000.00'],
    ['1.000,00', '1000.00'],
    ['1.234.567,89', '1234567.89'],
    ['12,5', '12.50'],
    ['0,5', '0.50'],
    [',5', '0.50'],
    ['0', '0.00'],
    ['007,10', '7.10'],
    // One dot that cannot group thousands is what people mean by it: a decimal point.
    ['12.5', '12.50'],
    ['12.50', '12.50'],
    ['0.50', '0.50'],
    // Spaces, a euro sign, no-break spaces copied from a PDF.
    ['  12.500,00  ', '12500.00'],
    ['12.500,00 €', '12500.00'],
    ['€ 12.500,00', '12500.00'],
    ['12 500,00', '12500.00'],
    ['12\u00A0500,00\u00A0€', '12500.00'],
    ['100 EUR', '100.00'],
  ])('"%s" → %s', (text, value) => {
    expect(ok('de', text)).toBe(value);
  });

  it.each([
    ['1.2.3,4', /thousands separators in the wrong place.*12\.500,00/],
    ['12,500,00', /at most one decimal separator/],
    ['1.00.000', /thousands separators in the wrong place/],
    ['12.50.00', /thousands separators in the wrong place/],
    ['1.0000,00', /thousands separators in the wrong place/],
    ['12.500.0', /thousands separators in the wrong place/],
    ['0.500,00', /thousands separators in the wrong place/],
    ['12,505', /at most two decimal places/],
    ['0.500', /at most two decimal places/],
    ['12,', /must be a number such as 12\.500,00/],
    ['12.', /must be a number such as 12\.500,00/],
    [',', /must be a number/],
    ['.', /must be a number/],
    ['abc', /must be a number/],
    ['12a', /must be a number/],
    ['1e5', /must be a number/],
    ['0x10', /must be a number/],
    ['12,5,', /at most one decimal separator/],
    ['Infinity', /must be a number/],
    ['-5', /must not be negative/],
    ['', /is required/],
    ['   ', /is required/],
    ['€', /is required/],
  ])('refuses "%s"', (text, message) => {
    expect(refused('de', text)).toMatch(message);
  });
});

describe('parseMoneyInput, English', () => {
  it.each([
    ['12,500.00', '12500.00'],
    ['12500.5', '12500.50'],
    ['12500', '12500.00'],
    ['1,000', '1000.00'],
    ['1,234,567.89', '1234567.89'],
    ['0.5', '0.50'],
    ['.5', '0.50'],
    ['€12,500.00', '12500.00'],
    // One comma that cannot group thousands: a decimal comma typed on a German keyboard.
    ['12,5', '12.50'],
  ])('"%s" → %s', (text, value) => {
    expect(ok('en', text)).toBe(value);
  });

  it.each([
    ['12,500,00', /thousands separators in the wrong place.*12,500\.00/],
    ['1,00,000', /thousands separators in the wrong place/],
    ['1.2.3', /at most one decimal separator/],
    ['12.500,00', /must be a number such as 12,500\.00/],
    ['1.000', /at most two decimal places/],
    ['12.', /must be a number/],
  ])('refuses "%s"', (text, message) => {
    expect(refused('en', text)).toMatch(message);
  });
});

describe('the same text in the two languages', () => {
  it('means what each language means by it', () => {
    expect(ok('de', '1.000')).toBe('1000.00');
    expect(ok('en', '1,000')).toBe('1000.00');
    expect(ok('de', '1,5')).toBe('1.50');
    expect(ok('en', '1.5')).toBe('1.50');
    expect(refused('de', '12,500')).toMatch(/at most two decimal places/);
  });
});

describe('parseDecimalInput for unit prices and quantities', () => {
  const price = (locale: NumberLocale, text: string) => parseDecimalInput(text, locale, { scale: 4, minPlaces: 2, allowNegative: true });
  const quantity = (locale: NumberLocale, text: string) => parseDecimalInput(text, locale, { scale: 4 });

  it('keeps up to four places and at least two on a price', () => {
    expect(price('de', '1,2605')).toEqual({ ok: true, value: '1.2605' });
    expect(price('en', '1.2605')).toEqual({ ok: true, value: '1.2605' });
    expect(price('de', '1.234,5')).toEqual({ ok: true, value: '1234.50' });
    expect(price('de', '-20')).toEqual({ ok: true, value: '-20.00' });
    expect(price('de', '−20,5')).toEqual({ ok: true, value: '-20.50' });
    expect(price('de', '-0')).toEqual({ ok: true, value: '0.00' });
    expect(quantity('de', '0,3333')).toEqual({ ok: true, value: '0.3333' });
    expect(quantity('de', '1.000')).toEqual({ ok: true, value: '1000' });
    expect(quantity('en', '2.5')).toEqual({ ok: true, value: '2.5' });
  });

  it('refuses a fifth place and a negative quantity', () => {
    expect(price('de', '1,26051')).toEqual({ ok: false, error: 'must be a number with at most four decimal places' });
    expect(quantity('en', '0.33333')).toEqual({ ok: false, error: 'must be a number with at most four decimal places' });
    expect(quantity('de', '-1')).toEqual({ ok: false, error: 'must not be negative' });
  });
});

describe('trimDecimal', () => {
  it('shows the places a value has, at least the minimum', () => {
    expect(trimDecimal('1.2605', 2)).toBe('1.2605');
    expect(trimDecimal('120.0000', 2)).toBe('120.00');
    expect(trimDecimal('1.5000', 2)).toBe('1.50');
    expect(trimDecimal('1.2650', 2)).toBe('1.265');
    expect(trimDecimal('-20.0000', 2)).toBe('-20.00');
    expect(trimDecimal('1.5000', 0)).toBe('1.5');
    expect(trimDecimal('3.0000', 0)).toBe('3');
  });
});
