import { describe, expect, it } from 'vitest';
import { manualTransitionProblem, outstandingAmount, statusAfterPayments } from './invoice-lifecycle.ts';
import { mandatoryContentProblems, type MandatoryContentInput } from './invoice-mandatory.ts';

describe('invoice lifecycle', () => {
  it('allows the manual steps of each document type and refuses the rest with a reason', () => {
    expect(manualTransitionProblem('invoice', 'finalized', 'sent')).toBeNull();
    expect(manualTransitionProblem('invoice', 'sent', 'paid')).toBeNull();
    expect(manualTransitionProblem('quote', 'sent', 'accepted')).toBeNull();
    expect(manualTransitionProblem('quote', 'sent', 'rejected')).toBeNull();
    expect(manualTransitionProblem('invoice', 'paid', 'draft')).toMatch(/never become a draft/);
    expect(manualTransitionProblem('invoice', 'sent', 'cancelled')).toMatch(/cancellation invoice/);
    expect(manualTransitionProblem('invoice', 'sent', 'overdue')).toMatch(/automatically/);
    expect(manualTransitionProblem('invoice', 'finalized', 'partially_paid')).toMatch(/payments/);
    expect(manualTransitionProblem('invoice', 'draft', 'sent')).toMatch(/finalized first/);
    expect(manualTransitionProblem('invoice', 'sent', 'accepted')).toMatch(/cannot have the status/);
    expect(manualTransitionProblem('quote', 'accepted', 'sent')).toMatch(/cannot change/);
    expect(manualTransitionProblem('cancellation', 'finalized', 'paid')).toMatch(/cannot have the status/);
  });

  it('derives the status from the payments, the due date and sending', () => {
    const base = { grossTotal: '119.00', sent: true, dueDate: '2026-11-30', today: '2026-11-23' };
    expect(statusAfterPayments({ ...base, paidAmount: '0.00' })).toBe('sent');
    expect(statusAfterPayments({ ...base, paidAmount: '0.00', sent: false })).toBe('finalized');
    expect(statusAfterPayments({ ...base, paidAmount: '50.00' })).toBe('partially_paid');
    expect(statusAfterPayments({ ...base, paidAmount: '119.00' })).toBe('paid');
    expect(statusAfterPayments({ ...base, paidAmount: '50.00', today: '2026-12-01' })).toBe('overdue');
    expect(outstandingAmount('119.00', '50.50')).toBe('68.50');
    expect(outstandingAmount('119.00', '119.00')).toBe('0.00');
  });
});

describe('mandatory content (§14 Abs. 4 UStG)', () => {
  const complete: MandatoryContentInput = {
    type: 'invoice',
    taxCase: 'standard',
    seller: { companyName: 'Beispiel GmbH', street: 'Hauptstr. 1', zipCode: '10115', city: 'Berlin', taxNumber: '30/123/45678', vatId: null, iban: 'DE89370400440532013000' },
    buyer: { name: 'Kunde KG', street: 'Ring 2', zipCode: '50667', city: 'Köln', vatId: null },
    serviceDate: '2026-11-20',
    servicePeriodFrom: null,
    servicePeriodTo: null,
    lines: [{ description: 'Beratung', quantity: '2' }],
    grossTotal: '238.00',
  };
  it('accepts a complete invoice', () => {
    expect(mandatoryContentProblems(complete)).toEqual({});
  });
  it('names every missing item by field', () => {
    const problems = mandatoryContentProblems({
      ...complete,
      taxCase: 'reverse_charge',
      seller: { ...complete.seller, taxNumber: null, iban: null, street: null },
      buyer: { ...complete.buyer, city: null },
      serviceDate: null,
      lines: [],
    });
    expect(Object.keys(problems).sort()).toEqual(['customer.street', 'lines', 'reverseCharge', 'serviceDate', 'settings.iban', 'settings.street', 'settings.taxNumber'].sort());
  });
  it('asks less of a quote', () => {
    expect(mandatoryContentProblems({ ...complete, type: 'quote', serviceDate: null, seller: { ...complete.seller, iban: null } })).toEqual({});
  });
});
