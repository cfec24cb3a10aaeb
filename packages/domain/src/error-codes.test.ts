import { describe, expect, it } from 'vitest';
import { codeOfText, englishMessage, ERROR_MESSAGES, placeholdersOf } from './error-codes.ts';
import { appError } from './errors.ts';
import { manualTransitionIssue } from './invoice-lifecycle.ts';
import { mandatoryContentProblems } from './invoice-mandatory.ts';

describe('error codes', () => {
  it('fills a code’s parameters into its English text', () => {
    expect(englishMessage('invoice.alreadyPaid', { number: 'RE-2026-0001' })).toBe('RE-2026-0001 is already paid in full');
    const error = appError('CONFLICT', 'time.periodLocked', { locked: '2026-10-31', date: '2026-10-02' }, { field: 'startTime' });
    expect(error.message).toBe('Time up to 2026-10-31 is locked; entries dated 2026-10-02 cannot be created, changed or deleted');
    expect(error.issue).toEqual({ code: 'time.periodLocked', params: { locked: '2026-10-31', date: '2026-10-02' } });
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'startTime' });
  });

  it('finds the code of a text without parameters, never of a text with them', () => {
    expect(codeOfText('Time entries cannot be in the future')).toEqual({ code: 'time.entryInFuture', params: {} });
    expect(codeOfText('{number} is already paid in full')).toBeUndefined();
    expect(codeOfText('Something else')).toBeUndefined();
  });

  it('no two codes share a text (a text finds exactly one code)', () => {
    const texts = Object.values(ERROR_MESSAGES);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('every problem the finalize check can name has a code', () => {
    const problems = mandatoryContentProblems({
      type: 'invoice',
      taxCase: 'reverse_charge',
      seller: { companyName: null, street: null, zipCode: null, city: null, taxNumber: null, vatId: null, iban: null },
      buyer: { name: null, street: null, zipCode: null, city: null, vatId: null },
      serviceDate: null,
      servicePeriodFrom: null,
      servicePeriodTo: null,
      lines: [{ description: '', quantity: '0' }],
      grossTotal: '0.00',
    });
    expect(Object.keys(problems).length).toBeGreaterThan(8);
    for (const [field, text] of Object.entries(problems)) expect(codeOfText(text), `${field}: ${text}`).toBeDefined();
    const noLines = mandatoryContentProblems({ ...{ type: 'invoice', taxCase: 'standard' }, seller: { companyName: 'A', street: 'B', zipCode: '1', city: 'C', taxNumber: '1', vatId: null, iban: 'DE1' }, buyer: { name: 'K', street: 'S', zipCode: '1', city: 'C', vatId: null }, serviceDate: '2026-01-01', servicePeriodFrom: null, servicePeriodTo: null, lines: [], grossTotal: '0.00' } as const);
    expect(codeOfText(noLines.lines ?? '')).toEqual({ code: 'invoice.noLines', params: {} });
  });

  it('a refused status change carries the document number and the reason’s own parameters', () => {
    expect(manualTransitionIssue('quote', 'accepted', 'sent', 'AN-2026-0001')).toEqual({ code: 'invoice.status.transition', params: { number: 'AN-2026-0001', from: 'accepted', to: 'sent' } });
    expect(manualTransitionIssue('invoice', 'finalized', 'sent', 'RE-1')).toBeNull();
    // Each status code's text starts with its number, as the API's message always has.
    for (const [code, text] of Object.entries(ERROR_MESSAGES)) if (code.startsWith('invoice.status.')) expect(text.startsWith('{number}: '), code).toBe(true);
    expect(placeholdersOf(ERROR_MESSAGES['invoice.status.transition'])).toEqual(['from', 'number', 'to']);
  });
});
