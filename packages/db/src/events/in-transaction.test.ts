import { describe, expect, it } from 'vitest';
import { EVENTS } from '@workmate/domain/events';
import { IN_TRANSACTION_HANDLERS } from './in-transaction.ts';

describe('in-transaction event subscribers', () => {
  it('have exactly one handler for every subscriber an event lists, and none it does not list', () => {
    for (const [key, event] of Object.entries(EVENTS)) {
      const handlers = IN_TRANSACTION_HANDLERS[key as keyof typeof EVENTS];
      expect(Object.keys(handlers).sort(), event.name).toEqual([...event.inTransaction].sort());
    }
    expect(Object.keys(IN_TRANSACTION_HANDLERS).sort()).toEqual(Object.keys(EVENTS).sort());
  });
});
