import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { messagesAfter, type ChatMessageDto } from '@workmate/db/chat/messages';
import { CHAT_CHANNEL } from '@workmate/domain/jobs';

type Listener = (events: ChatMessageDto[]) => void;

interface ProjectFeed {
  /** The newest event this process has handed out for the project (undefined until the first subscriber has caught up). */
  last: number | undefined;
  listeners: Set<Listener>;
  busy: boolean;
  again: boolean;
}

/**
 * The live side of project chats in one API process. Redis pub/sub says which project changed
 * (from any API process); the hub then reads the new events from Postgres ONCE per project and
 * hands them to every local subscriber of that project. History always comes from Postgres, so
 * a lost pub/sub message only delays events until the next periodic look.
 */
export class ChatHub {
  private readonly feeds = new Map<string, ProjectFeed>();
  private readonly subscriber: Redis;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly orm: MikroORM,
    redisUrl: string,
    fallbackMs = 10_000,
  ) {
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.subscriber.on('error', (error) => console.error('[api] redis (chat):', error.message));
    void this.subscriber.subscribe(CHAT_CHANNEL).catch(() => undefined);
    this.subscriber.on('message', (_channel, message) => {
      try {
        for (const id of (JSON.parse(message) as { projectIds?: string[] }).projectIds ?? []) void this.refresh(id);
      } catch {
        // Not ours: ignore.
      }
    });
    this.timer = setInterval(() => {
      for (const id of this.feeds.keys()) void this.refresh(id);
    }, fallbackMs);
    this.timer.unref();
  }

  /** Registers a subscriber; returns how to leave. */
  listen(projectId: string, listener: Listener): () => void {
    let feed = this.feeds.get(projectId);
    if (!feed) {
      feed = { last: undefined, listeners: new Set(), busy: false, again: false };
      this.feeds.set(projectId, feed);
    }
    feed.listeners.add(listener);
    return () => {
      feed.listeners.delete(listener);
      if (feed.listeners.size === 0 && this.feeds.get(projectId) === feed) this.feeds.delete(projectId);
    };
  }

  /** A subscriber has read everything up to `eventSeq` itself: the feed continues from there. */
  caughtUp(projectId: string, eventSeq: number): void {
    const feed = this.feeds.get(projectId);
    if (!feed) return;
    if (feed.last === undefined || eventSeq > feed.last) feed.last = eventSeq;
    if (feed.again) void this.refresh(projectId);
  }

  private async refresh(projectId: string): Promise<void> {
    const feed = this.feeds.get(projectId);
    if (!feed) return;
    if (feed.busy || feed.last === undefined) {
      feed.again = true;
      return;
    }
    feed.busy = true;
    feed.again = false;
    try {
      const events = await messagesAfter(this.orm.em.fork(), projectId, feed.last);
      if (events.length) {
        feed.last = events[events.length - 1]?.eventSeq ?? feed.last;
        for (const listener of feed.listeners) listener(events);
      }
    } catch (error) {
      console.error('[api] chat feed:', (error as Error).message);
    } finally {
      feed.busy = false;
      if (feed.again) void this.refresh(projectId);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.subscriber.disconnect();
  }
}
