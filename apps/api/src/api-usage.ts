import type { MikroORM } from '@mikro-orm/postgresql';
import { addApiUsage, type ApiUsageCounter } from '@workmate/db/platform/api-usage';
import { berlinDay } from '@workmate/domain/berlin-time';

/**
 * The API usage log per token, cheaply: each call with an API token adds to a counter in memory
 * (token, Berlin day, procedure, HTTP status → calls, total and longest duration, last time), and
 * the counters go to Postgres in one upsert every `flushMs` (or sooner past `maxKeys` counters).
 * What a crashed process had not written yet is lost: at most a few seconds of counts.
 */
export class ApiUsageRecorder {
  private counters = new Map<string, Omit<ApiUsageCounter, 'lastAt'> & { lastMs: number }>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** The Berlin day of the current minute: working it out with Intl costs ~20 µs, so once a minute (a day starts on a whole minute in every time zone offset Berlin has). */
  private dayMinute = -1;
  private day = '';

  constructor(
    private readonly orm: MikroORM,
    private readonly options: { flushMs?: number; maxKeys?: number } = {},
  ) {}

  record(call: { tokenId: string; procedure: string; status: number; ms: number; at?: Date }): void {
    const at = call.at ?? new Date();
    const minute = Math.floor(at.getTime() / 60_000);
    if (minute !== this.dayMinute) {
      this.day = berlinDay(at);
      this.dayMinute = minute;
    }
    const day = this.day;
    const ms = Math.max(0, Math.round(call.ms));
    const key = `${call.tokenId}|${day}|${call.procedure}|${call.status}`;
    const counter = this.counters.get(key);
    if (counter) {
      counter.calls++;
      counter.totalMs += ms;
      counter.maxMs = Math.max(counter.maxMs, ms);
      counter.lastMs = Math.max(counter.lastMs, at.getTime());
    } else {
      this.counters.set(key, { tokenId: call.tokenId, day, procedure: call.procedure, status: call.status, calls: 1, totalMs: ms, maxMs: ms, lastMs: at.getTime() });
    }
    if (this.counters.size >= (this.options.maxKeys ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 5000).unref();
  }

  /** Writes what has been counted (a test calls it to read the log at once). Never throws: a lost batch is only a gap in the log. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch: ApiUsageCounter[] = [...this.counters.values()].map(({ lastMs, ...c }) => ({ ...c, lastAt: new Date(lastMs).toISOString() }));
    this.counters = new Map();
    this.flushing = this.flushing.then(async () => {
      if (!batch.length) return;
      await addApiUsage(this.orm.em.fork(), batch).catch((error: Error) => console.error('[api] usage log:', error.message));
    });
    return this.flushing;
  }
}
