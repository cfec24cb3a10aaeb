// Chat fan-out: one message posted on API process A reaches 1,000 live subscribers, half on A
// and half on a second API process B. Delivery latency is from the send call to the arrival at
// each subscriber. The limit: a raw Redis pub/sub round trip on the same Redis.
import { Redis } from 'ioredis';
import { createWorkmateClient } from '@workmate/api/client';
import { seedCustomer } from '@workmate/db/seeds/builders';
import type { BenchContext, Result } from '../lib/context.ts';
import { figuresOf, freePort, round, startChild } from '../lib/measure.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 30);

async function redisRoundTrip(redisUrl: string, n = 300) {
  const pub = new Redis(redisUrl);
  const sub = new Redis(redisUrl);
  await sub.subscribe('workmate:bench:roundtrip');
  let resolve: (() => void) | undefined;
  sub.on('message', () => resolve?.());
  const times: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const t0 = performance.now();
    await new Promise<void>((done) => {
      resolve = done;
      void pub.publish('workmate:bench:roundtrip', JSON.stringify({ projectIds: [String(i)] }));
    });
    if (i >= 20) times.push(performance.now() - t0);
  }
  pub.disconnect();
  sub.disconnect();
  return figuresOf(times);
}

export async function chatFanOut(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  const port = await freePort();
  const processB = await startChild('apps/api/src/main.ts', { ...ctx.processEnv, PORT: String(port) }, /listening/);
  ctx.processes.set('second API process', processB);
  const a = ctx.client;
  const b = createWorkmateClient({ url: `http://127.0.0.1:${port}`, token: ctx.token });
  const customer = await seedCustomer(ctx.orm.em.fork(), { name: 'Chat-Benchmark GmbH' });
  const project = await a.projects.create.mutate({ title: `Chat-Benchmark ${Date.now()}`, customerId: customer.id });

  const arrivals = new Map<string, number[]>();
  let started = 0;
  const subs = Array.from({ length: SUBSCRIBERS }, (_, i) =>
    (i % 2 === 0 ? a : b).chat.onMessage.subscribe(
      { projectId: project.id },
      {
        onStarted: () => started++,
        onData: ({ data }) => {
          const at = performance.now();
          const list = arrivals.get(data.content ?? '') ?? [];
          list.push(at);
          arrivals.set(data.content ?? '', list);
        },
      },
    ),
  );
  try {
    while (started < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2000)); // every subscriber has caught up and waits
    const latencies: number[] = [];
    let lost = 0;
    for (let i = 0; i < MESSAGES + 3; i++) {
      const text = `Nachricht ${i}`;
      const t0 = performance.now();
      await a.chat.messages.send.mutate({ projectId: project.id, content: text });
      const deadline = Date.now() + 15_000;
      while ((arrivals.get(text)?.length ?? 0) < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const got = arrivals.get(text) ?? [];
      // The first three warm the path; they are not counted.
      if (i >= 3) {
        lost += SUBSCRIBERS - got.length;
        for (const at of got) latencies.push(at - t0);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const ours = figuresOf(latencies);
    const limit = await redisRoundTrip(ctx.redisUrl);
    log(`  ${SUBSCRIBERS} subscribers: p50 ${ours.p50.toFixed(1)} ms, p99 ${ours.p99.toFixed(1)} ms, undelivered ${lost}; Redis round trip p99 ${limit.p99.toFixed(2)} ms`);
    return [
      {
        id: 'chat-fan-out',
        scenario: `chat: one message to ${SUBSCRIBERS} subscribers over 2 API processes (${MESSAGES} messages)`,
        ours: { what: `send call → arrival at every subscriber${lost ? `, ${lost} undelivered` : ''}`, p50: round(ours.p50), p99: round(ours.p99) },
        limit: { what: 'raw Redis pub/sub round trip', p50: round(limit.p50, 2), p99: round(limit.p99, 2) },
        compares: 'p99',
        ratio: round(ours.p99 / limit.p99, 1),
        goal: 'p99 ≤ 100 ms',
        met: ours.p99 <= 100 && lost === 0,
      },
    ];
  } finally {
    for (const s of subs) s.unsubscribe();
  }
}
