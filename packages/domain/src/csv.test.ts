import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvNumber } from './csv.ts';

describe('CSV cells', () => {
  it('writes CSV for German spreadsheets: ; separator, BOM, quoting', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('er sagte "ja"')).toBe('"er sagte ""ja"""');
    expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvCell('schlicht')).toBe('schlicht');
    expect(csvCell(null)).toBe('');
    expect(csvDocument([['a', 'b'], ['1;2', 3]])).toBe('\uFEFFa;b\r\n"1;2";3\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula (OWASP: a leading quote, and quoted)', () => {
    expect(csvCell('=HYPERLINK("https://evil.example";"Klick")')).toBe('"\'=HYPERLINK(""https://evil.example"";""Klick"")"');
    expect(csvCell('+49 30 1234')).toBe(`"'+49 30 1234"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    // Text that only looks like a negative number is text too (it was typed, not computed).
    expect(csvCell('-1,50')).toBe(`"'-1,50"`);
    // In the middle of a cell, nothing is run.
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('keeps numbers the app formatted as numbers, minus and all, but never lets text through that way', () => {
    expect(csvCell(csvNumber('-1,50'))).toBe('-1,50');
    expect(csvCell(csvNumber('-1.234,50'))).toBe('-1.234,50');
    expect(csvCell(csvNumber('85,50'))).toBe('85,50');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(csvNumber('-1+1'))).toBe(`"'-1+1"`);
    expect(csvCell(csvNumber('=1'))).toBe(`"'=1"`);
    expect(csvCell(csvNumber('1;2'))).toBe('"1;2"');
  });
});
