import { expect, it } from 'vitest';
import { errorOf } from './users.ts';

/**
 * One test per bad input: the call answers 4xx naming the field, and `snapshot` (what the
 * caller could have changed) is the same before and after.
 */
export function refusesBadInput(cases: Array<[string, () => Promise<unknown>, string]>, snapshot: () => Promise<unknown>) {
  for (const [what, call, field] of cases) {
    it(`${what}: 4xx naming ${field}, nothing changed`, async () => {
      const before = await snapshot();
      const error = await errorOf(call());
      expect(error.httpStatus).toBeGreaterThanOrEqual(400);
      expect(error.httpStatus).toBeLessThan(500);
      expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
      expect(await snapshot()).toEqual(before);
    });
  }
}
