import { describe, expect, it } from 'vitest';
import { ACCOUNT_ROLES, DEFAULT_CHARTS, type Chart } from './bookkeeping.ts';

describe('the default charts', () => {
  for (const chart of Object.keys(DEFAULT_CHARTS) as Chart[]) {
    it(`${chart} gives every role exactly one account and no number twice`, () => {
      const accounts = DEFAULT_CHARTS[chart];
      for (const role of ACCOUNT_ROLES) expect(accounts.filter((a) => a.role === role).length, role).toBe(1);
      expect(new Set(accounts.map((a) => a.number)).size).toBe(accounts.length);
      for (const a of accounts) expect(a.number).toBeLessThan(10000);
    });
  }
});
