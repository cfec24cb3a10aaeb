import type { SessionUser } from '@workmate/domain/schemas/auth';

export interface Principal {
  user: SessionUser;
  sessionId: string | null;
  apiTokenId: string | null;
}

/**
 * Who a bearer token or session cookie belongs to, remembered for a moment (AUTH_CACHE_MS, 2 s
 * unless set; 0 turns it off). Under load most requests then need no sign-in lookup in
 * Postgres. A change to sign-ins, tokens, people or roles clears it at once in the process that
 * made it and, through Redis (AUTH_CHANNEL), in every other API process; if that message is lost,
 * an entry still ends after the TTL. Only successful lookups are kept.
 */
class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private readonly ttlMs = Number(process.env.AUTH_CACHE_MS ?? 2000);
  private readonly maxEntries = 10_000;

  get(key: string): Principal | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.principal;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, principal: Principal): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { principal, until: Date.now() + this.ttlMs });
  }

  /** The remembered principal, or the lookup's answer (remembered when there is one). */
  async remember(key: string, lookup: () => Promise<Principal | null>): Promise<Principal | null> {
    const cached = this.get(key);
    if (cached) return cached;
    const found = await lookup();
    if (found) this.set(key, found);
    return found;
  }

  clear(): void {
    this.entries.clear();
  }
}

export const principals = new PrincipalCache();

/** Mutations under these paths can change who a token or session is, or what they may do. */
export const AUTH_CHANGING = /^(auth|core\.employees|core\.roles)\./;
