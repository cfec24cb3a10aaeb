import type { Redis } from 'ioredis';

/**
 * Sign-in limits. Only FAILED sign-ins count, so signing in often never locks anyone out:
 *
 * - per (account, IP address): after `perAccountIp` failures that pair is locked for
 *   `lockSeconds`, and every further failure after a lock doubles the lock, up to
 *   `lockMaxSeconds`. Someone guessing from one address cannot lock the real user out of the
 *   account from their own address.
 * - per IP address: at most `perIp` failures (any accounts) per `windowSeconds`; past that the
 *   address may not try again until the window ends (stops one address spraying many accounts).
 * - per account, from anywhere: at most `perAccount` failures per hour. A safety net against
 *   guessing spread over many addresses; it is high so that it takes a large, deliberate attack
 *   to lock an account for everyone, and that lock ends with the hour.
 */
export interface LoginLimits {
  perAccountIp: number;
  perIp: number;
  windowSeconds: number;
  lockSeconds: number;
  lockMaxSeconds: number;
  perAccount: number;
}

export const ACCOUNT_WINDOW_SECONDS = 3600;
const PREFIX = 'workmate:ratelimit:login';

const keys = (email: string, ip: string) => ({
  ip: `${PREFIX}:ip:${ip}`,
  pair: `${PREFIX}:pair:${ip}:${email}`,
  lock: `${PREFIX}:lock:${ip}:${email}`,
  account: `${PREFIX}:account:${email}`,
});

export type LoginBlock = { scope: 'account-ip' | 'ip' | 'account'; retryAfter: number };

/** Whether this address may try to sign in to this account now; when not, for how long. */
export async function loginBlocked(redis: Redis, email: string, ip: string, limits: LoginLimits): Promise<LoginBlock | null> {
  const k = keys(email, ip);
  const r = await redis.multi().pttl(k.lock).get(k.ip).ttl(k.ip).get(k.account).ttl(k.account).exec();
  const value = (i: number) => Number(r?.[i]?.[1] ?? 0);
  const seconds = (ttl: number, fallback: number) => (ttl > 0 ? ttl : fallback);
  // The longest wait wins, so Retry-After is never too short.
  const blocks: LoginBlock[] = [];
  if (value(0) > 0) blocks.push({ scope: 'account-ip', retryAfter: Math.ceil(value(0) / 1000) });
  if (value(1) >= limits.perIp) blocks.push({ scope: 'ip', retryAfter: seconds(value(2), limits.windowSeconds) });
  if (value(3) >= limits.perAccount) blocks.push({ scope: 'account', retryAfter: seconds(value(4), ACCOUNT_WINDOW_SECONDS) });
  return blocks.sort((a, b) => b.retryAfter - a.retryAfter)[0] ?? null;
}

/** The lock after the n-th failure of one (account, IP) pair: none below the limit, then doubling. */
export function lockSecondsAfter(failures: number, limits: LoginLimits): number {
  if (failures < limits.perAccountIp) return 0;
  const doublings = Math.min(failures - limits.perAccountIp, 30);
  return Math.min(limits.lockSeconds * 2 ** doublings, limits.lockMaxSeconds);
}

/** Counts a failed sign-in; returns the lock it started on the (account, IP) pair (0: none). */
export async function recordLoginFailure(redis: Redis, email: string, ip: string, limits: LoginLimits): Promise<number> {
  const k = keys(email, ip);
  const r = await redis
    .multi()
    .incr(k.pair)
    .incr(k.ip)
    .expire(k.ip, limits.windowSeconds, 'NX')
    .incr(k.account)
    .expire(k.account, ACCOUNT_WINDOW_SECONDS, 'NX')
    .exec();
  const failures = Number(r?.[0]?.[1] ?? 0);
  const lock = lockSecondsAfter(failures, limits);
  // The pair's count is forgotten a window after its last failure (or after its lock ends),
  // so the backoff keeps growing only while the guessing goes on.
  const multi = redis.multi().expire(k.pair, lock + limits.windowSeconds);
  if (lock > 0) multi.set(k.lock, '1', 'EX', lock);
  await multi.exec();
  return lock;
}

/**
 * A successful sign-in clears the failures of its (account, IP) pair. The per-IP count stays:
 * otherwise someone with an account of their own could wipe it between guesses at others.
 */
export async function recordLoginSuccess(redis: Redis, email: string, ip: string): Promise<void> {
  const k = keys(email, ip);
  await redis.del(k.pair, k.lock);
}
