import { ConnectionException } from '@mikro-orm/core';

const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001']);

export const UNAVAILABLE_MESSAGE = 'The database or Redis is not reachable right now. Try again in a moment.';

/** True when an error means Postgres or Redis is down, not that the request was wrong. */
export function isUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof ConnectionException) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CODES.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && /Connection terminated|connect ECONNREFUSED|Connection is closed|Stream isn't writeable|Reached the max retries per request/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
