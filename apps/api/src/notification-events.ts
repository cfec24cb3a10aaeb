import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { AUTH_CHANNEL, NOTIFICATION_CHANNEL } from '@workmate/domain/jobs';
import { principals } from './principal-cache.ts';

/**
 * Hears "there are new notifications for these people" on Redis pub/sub, from any process (the
 * worker's sweeps, other API instances), and wakes the live subscriptions of those people in
 * this process. The notifications themselves always come from Postgres, so a missed message only
 * delays an event until the subscription's next look (at most `fallbackMs`). It also hears
 * AUTH_CHANNEL, and then forgets the principals this process has cached.
 */
export class NotificationEvents {
  private readonly emitter = new EventEmitter();
  private readonly subscriber: Redis;

  constructor(redisUrl: string) {
    this.emitter.setMaxListeners(0);
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.subscriber.on('error', (error) => console.error('[api] redis (notifications):', error.message));
    void this.subscriber.subscribe(NOTIFICATION_CHANNEL, AUTH_CHANNEL).catch(() => undefined);
    this.subscriber.on('message', (channel, message) => {
      // Another process changed sign-ins, tokens, people or roles: forget the cached principals.
      if (channel === AUTH_CHANNEL) return principals.clear();
      try {
        const { employeeIds } = JSON.parse(message) as { employeeIds?: string[] };
        for (const id of employeeIds ?? []) this.emitter.emit(id);
      } catch {
        // Not ours: ignore.
      }
    });
  }

  /** Resolves when something new may be there for this person, the signal aborts, or after `fallbackMs`. */
  wait(employeeId: string, signal: AbortSignal | undefined, fallbackMs = 30_000): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off(employeeId, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, fallbackMs);
      this.emitter.on(employeeId, done);
      signal?.addEventListener('abort', done);
    });
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}
