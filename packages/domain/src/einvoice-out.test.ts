import { describe, expect, it } from 'vitest';
import { codeOfText } from './error-codes.ts';
import { einvoiceProblems, exemptionOf, FINAL_VAT_ROUNDING, finalVatRoundingProblem, skontoTermsText, UNIT_CODES, unitCodeOf, vatCategoryOf, type EInvoiceRequirementsInput } from './einvoice-out.ts';

describe('UN/ECE Rec 20 unit codes', () => {
  it('maps the German unit names we print, case-insensitively', () => {
    expect(unitCodeOf('Std.')).toBe('HUR');
    expect(unitCodeOf('Stunde')).toBe('HUR');
    expect(unitCodeOf('Stk.')).toBe('C62');
    expect(unitCodeOf('Stück')).toBe('C62');
    expect(unitCodeOf('Tag')).toBe('DAY');
    expect(unitCodeOf('Monat')).toBe('MON');
    expect(unitCodeOf('pauschal')).toBe('LS');
    expect(unitCodeOf(' Pauschal ')).toBe('LS');
    expect(unitCodeOf('km')).toBe('KMT');
    expect(unitCodeOf('kg')).toBe('KGM');
    expect(unitCodeOf('m')).toBe('MTR');
  });

  it('has no silent fallback: an unknown unit has no code', () => {
    expect(unitCodeOf('Leistung')).toBeNull();
    expect(unitCodeOf('')).toBeNull();
    // Every code in the table is a Rec 20 shape (2–3 upper-case letters or digits).
    for (const code of Object.values(UNIT_CODES)) expect(code).toMatch(/^[A-Z0-9]{2,3}$/);
  });
});

describe('VAT categories', () => {
  it('S for normal rates, Z for 0 %, E under §19, AE for reverse charge', () => {
    expect(vatCategoryOf('standard', 19)).toBe('S');
    expect(vatCategoryOf('standard', 7)).toBe('S');
    expect(vatCategoryOf('standard', 0)).toBe('Z');
    expect(vatCategoryOf('small_business', 19)).toBe('E');
    expect(vatCategoryOf('reverse_charge', 19)).toBe('AE');
    expect(exemptionOf('E')?.reason).toBe('Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG');
    expect(exemptionOf('AE')?.code).toBe('VATEX-EU-AE');
    expect(exemptionOf('S')).toBeNull();
  });
});

describe('Skonto terms (BT-20)', () => {
  it('writes the XRechnung #SKONTO# form, one line per term', () => {
    expect(skontoTermsText([{ days: 14, percent: '2' }])).toBe('#SKONTO#TAGE=14#PROZENT=2.00#\n');
    expect(skontoTermsText([{ days: 7, percent: '3' }, { days: 14, percent: '1.5', baseAmount: '100' }])).toBe('#SKONTO#TAGE=7#PROZENT=3.00#\n#SKONTO#TAGE=14#PROZENT=1.50#BASISBETRAG=100.00#\n');
    expect(skontoTermsText([])).toBe('');
  });

  it('refuses nonsense terms', () => {
    expect(() => skontoTermsText([{ days: 0, percent: '2' }])).toThrow(/days/);
    expect(() => skontoTermsText([{ days: 14, percent: '2.345' }])).toThrow();
  });
});

const complete: EInvoiceRequirementsInput = {
  format: 'xrechnung-cii',
  taxCase: 'standard',
  publicAuthority: false,
  seller: { countryCode: 'DE', electronicAddress: null, email: 'rechnung@firma.example', phone: '+49 30 1', vatId: 'DE123456789', iban: 'DE02120300000000202051' },
  buyer: { countryCode: 'DE', buyerReference: null, electronicAddress: null, email: 'einkauf@kunde.example', vatId: null },
  lines: [{ unit: 'Std.' }],
};

describe('what an e-invoice requires', () => {
  it('complete data has no problems', () => {
    expect(einvoiceProblems(complete)).toEqual({});
  });

  it('names each missing field, and every text has an error code', () => {
    const problems = einvoiceProblems({
      format: 'xrechnung-ubl',
      taxCase: 'reverse_charge',
      publicAuthority: true,
      seller: { countryCode: null, electronicAddress: null, email: null, phone: null, vatId: null, iban: null },
      buyer: { countryCode: '', buyerReference: null, electronicAddress: null, email: null, vatId: null },
      lines: [{ unit: 'Std.' }, { unit: 'Leistung' }],
    });
    expect(Object.keys(problems).sort()).toEqual(
      ['customer.buyerReference', 'customer.countryCode', 'customer.electronicAddress', 'customer.vatId', 'lines.1.unit', 'settings.countryCode', 'settings.electronicAddress', 'settings.email', 'settings.iban', 'settings.phone', 'settings.vatId'].sort(),
    );
    for (const [field, text] of Object.entries(problems)) expect(codeOfText(text), `${field}: ${text}`).toBeDefined();
  });

  it('a Leitweg-ID only for public customers, VAT IDs only for reverse charge', () => {
    expect(einvoiceProblems({ ...complete, publicAuthority: true })).toHaveProperty(['customer.buyerReference']);
    expect(einvoiceProblems({ ...complete, publicAuthority: true, buyer: { ...complete.buyer, buyerReference: '04011000-12345-34' } })).toEqual({});
    expect(einvoiceProblems({ ...complete, taxCase: 'reverse_charge' })).toEqual({ 'customer.vatId': "Reverse charge needs the customer's VAT ID" });
  });

  it('a final invoice whose VAT left after the deposits is a cent off net × rate is refused at "lines" (BR-CO-17)', () => {
    // Service 10,000.00 at 19 % (1,900.00); deposit 1,234.50 (234.555 → 234.56). Left: 8,765.50 with
    // VAT 1,900.00 − 234.56 = 1,665.44, whereas 8,765.50 × 19 % = 1,665.445 → 1,665.45.
    const off = [{ taxRate: 19, netAmount: '8765.50', taxAmount: '1665.44' }];
    expect(finalVatRoundingProblem('standard', off)).toBe(true);
    expect(einvoiceProblems({ ...complete, finalVatRows: off })).toEqual({ lines: FINAL_VAT_ROUNDING });
    expect(codeOfText(FINAL_VAT_ROUNDING)?.code).toBe('invoice.einvoice.finalVatRounding');
    // 5,745.74 × 19 % = 1,091.6906 → 1,091.69 and 1,436.43 × 7 % = 100.5501 → 100.55: fine.
    expect(einvoiceProblems({ ...complete, finalVatRows: [{ taxRate: '19', netAmount: '5745.74', taxAmount: '1091.69' }, { taxRate: '7', netAmount: '1436.43', taxAmount: '100.55' }] })).toEqual({});
    // §19 and §13b charge no VAT: nothing to compare.
    expect(finalVatRoundingProblem('small_business', off)).toBe(false);
  });

  it('an English deposit line ("lump sum") has the code LS', () => {
    expect(unitCodeOf('lump sum')).toBe('LS');
  });
});
