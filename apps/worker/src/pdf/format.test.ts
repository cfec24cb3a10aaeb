import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatQuantity, formatTaxRate } from './format.ts';

describe('document formatting', () => {
  it('formats amounts exactly, with grouping and the currency where each language puts it', () => {
    expect(formatMoney('1234.56', 'de')).toBe('1.234,56 €');
    expect(formatMoney('1234.56', 'en')).toBe('€1,234.56');
    expect(formatMoney('-180.00', 'de')).toBe('-180,00 €');
    expect(formatMoney('-180.00', 'en')).toBe('-€180.00');
    expect(formatMoney('1234.5', 'de')).toBe('1.234,50 €');
    expect(formatMoney('0', 'en')).toBe('€0.00');
    // Beyond a float's 15 significant digits nothing is lost.
    expect(formatMoney('98765432109876.01', 'de')).toBe('98.765.432.109.876,01 €');
  });

  it('keeps up to four places of a unit price and rounds half away from zero beyond that', () => {
    expect(formatMoney('0.1250', 'de')).toBe('0,125 €');
    expect(formatMoney('2.00005', 'en')).toBe('€2.0001');
    expect(formatMoney('-0.00004', 'de')).toBe('0,00 €');
  });

  it('prints quantities without trailing zeros', () => {
    expect(formatQuantity('1.5000', 'de')).toBe('1,5');
    expect(formatQuantity('1.5000', 'en')).toBe('1.5');
    expect(formatQuantity('3', 'de')).toBe('3');
    expect(formatQuantity('1500.2500', 'de')).toBe('1.500,25');
    expect(formatQuantity('-0.1234', 'en')).toBe('-0.1234');
  });

  it('prints tax rates with the DIN 5008 space in German only', () => {
    expect(formatTaxRate('19.00', 'de')).toBe('19 %');
    expect(formatTaxRate('19.00', 'en')).toBe('19%');
    expect(formatTaxRate('7.5', 'de')).toBe('7,5 %');
  });

  it('formats dates from their parts, so no time zone can move the day', () => {
    expect(formatDate('2026-11-20', 'de')).toBe('20.11.2026');
    expect(formatDate('2026-11-20', 'en')).toBe('20 Nov 2026');
    expect(formatDate('2027-01-01', 'de')).toBe('01.01.2027');
    expect(formatDate('2027-01-01', 'en')).toBe('1 Jan 2027');
  });

  it('refuses what is not a decimal or a date instead of printing something wrong', () => {
    expect(() => formatMoney('1,50', 'de')).toThrow();
    expect(() => formatMoney('NaN', 'de')).toThrow();
    expect(() => formatDate('20.11.2026', 'de')).toThrow();
    expect(() => formatDate('2026-13-01', 'en')).toThrow();
  });
});
