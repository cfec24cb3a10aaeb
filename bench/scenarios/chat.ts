// Chat fan-out: one message posted on API process A reaches 1,000 live subscribers, half on A
// and half on a second API process B. Delivery latency is from the send call to the arrival at
// each subscriber. The limit: a raw Redis pub/sub round trip on the same Redis.
import { get } from 'node:http';
import { Redis } from 'ioredis';
import { createWorkmateClient } from '@workmate/api/client';
import { seedCustomer } from '@workmate/db/seeds/builders';
import type { BenchContext, Result } from '../lib/context.ts';
import { figuresOf, freePort, round, startChild } from '../lib/measure.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 30);
/** Messages that warm the path first (JIT of 1,000 fresh streams); not counted. */
const WARM_UP = 10;

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
  // Two API processes of its own, A and B, started for this scenario: what is measured is the
  // fan-out, not the garbage the load of earlier scenarios left in the shared API process.
  const [portA, port] = [await freePort(), await freePort()];
  const processA = await startChild('apps/api/src/main.ts', { ...ctx.processEnv, PORT: String(portA) }, /listening/);
  const processB = await startChild('apps/api/src/main.ts', { ...ctx.processEnv, PORT: String(port) }, /listening/);
  ctx.processes.set('chat API process A', processA);
  ctx.processes.set('chat API process B', processB);
  const urlA = `http://127.0.0.1:${portA}`;
  const a = createWorkmateClient({ url: urlA, token: ctx.token });
  const urlB = `http://127.0.0.1:${port}`;
  const customer = await seedCustomer(ctx.orm.em.fork(), { name: 'Chat-Benchmark GmbH' });
  const project = await a.projects.create.mutate({ title: `Chat-Benchmark ${Date.now()}`, customerId: customer.id });

  // The subscribers are plain HTTP readers of the same server-sent event stream the typed client
  // opens (GET /trpc/chat.onMessage, text/event-stream): the measuring side stays light, so the
  // figures are the servers' and not the parsing of 1,000 clients in one process.
  const arrivals = new Map<number, number[]>();
  let started = 0;
  const input = encodeURIComponent(JSON.stringify({ projectId: project.id }));
  const requests = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const url = `${i % 2 === 0 ? urlA : urlB}/trpc/chat.onMessage?input=${input}`;
    const req = get(url, { headers: { authorization: `Bearer ${ctx.token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) throw new Error(`Subscription answered ${res.statusCode}`);
      started++;
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffered += chunk;
        const end = buffered.lastIndexOf('\n\n');
        if (end < 0) return;
        for (const m of buffered.slice(0, end).matchAll(/Nachricht #(\d+)#/g)) {
          const n = Number(m[1]);
          const list = arrivals.get(n) ?? [];
          list.push(at);
          arrivals.set(n, list);
        }
        buffered = buffered.slice(end + 2);
      });
    });
    req.on('error', () => undefined);
    return req;
  });
  try {
    while (started < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2000)); // every subscriber has caught up and waits
    const latencies: number[] = [];
    let lost = 0;
    for (let i = 0; i < MESSAGES + WARM_UP; i++) {
      const text = `Nachricht #${i}#`;
      const t0 = performance.now();
      await a.chat.messages.send.mutate({ projectId: project.id, content: text });
      const sent = performance.now() - t0;
      const deadline = Date.now() + 15_000;
      while ((arrivals.get(i)?.length ?? 0) < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const got = arrivals.get(i) ?? [];
      if (process.env.BENCH_VERBOSE) {
        const sorted = got.map((at) => at - t0).sort((x, y) => x - y);
        log(`    #${i}: send ${sent.toFixed(1)} ms, first ${sorted[0]?.toFixed(1)}, median ${sorted[sorted.length >> 1]?.toFixed(1)}, last ${sorted.at(-1)?.toFixed(1)}`);
      }
      // The warm-up messages are not counted.
      if (i >= WARM_UP) {
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
    for (const req of requests) req.destroy();
  }
}
