import { describe, expect, it } from 'vitest';
import { isLinkToken, mayReceiveMailings, unknownPlaceholders } from './campaigns.ts';

describe('campaign rules', () => {
  it('only a confirmed address receives mailings', () => {
    expect(mayReceiveMailings('confirmed')).toBe(true);
    expect(mayReceiveMailings('pending')).toBe(false);
    expect(mayReceiveMailings('unsubscribed')).toBe(false);
    expect(mayReceiveMailings(null)).toBe(false);
  });

  it('allows only the known placeholders, never raw output or helpers', () => {
    expect(unknownPlaceholders('Hallo {{firstName}} {{ lastName }} von {{customerName}}')).toEqual([]);
    expect(unknownPlaceholders('{{{firstName}}}')).toEqual(['{{{firstName}}}']);
    expect(unknownPlaceholders('{{#if x}}a{{/if}}')).toEqual(['{{#if x}}', '{{/if}}']);
    expect(unknownPlaceholders('{{password}}')).toEqual(['{{password}}']);
  });

  it('knows a link token by its form', () => {
    expect(isLinkToken('a'.repeat(43))).toBe(true);
    expect(isLinkToken('a'.repeat(42))).toBe(false);
    expect(isLinkToken(`${'a'.repeat(42)}%`)).toBe(false);
  });
});
