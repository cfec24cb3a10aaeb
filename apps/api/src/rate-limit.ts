import type { Redis } from 'ioredis';

/**
 * Fixed-window counters in Redis: `hit` counts an attempt and says whether it is still within
 * the limit. Used for sign-in attempts per account and per IP address.
 */
export async function hit(redis: Redis, key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfter: number }> {
  const full = `workmate:ratelimit:${key}`;
  const results = await redis.multi().incr(full).expire(full, windowSeconds, 'NX').ttl(full).exec();
  const count = Number(results?.[0]?.[1] ?? 0);
  const ttl = Number(results?.[2]?.[1] ?? windowSeconds);
  return { allowed: count <= limit, retryAfter: ttl > 0 ? ttl : windowSeconds };
}

export async function reset(redis: Redis, key: string): Promise<void> {
  await redis.del(`workmate:ratelimit:${key}`);
}
