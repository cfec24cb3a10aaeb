// Webhook deliveries: our pipeline (a delivery row and its outbox job, relayed into the webhooks
// queue, one BullMQ job per delivery that signs the body, checks the target, posts it and logs the
// attempt) against bare HTTP POSTs of the same body to the same local receiver, at the same
// concurrency. The webhooks queue is paused while the deliveries are queued, so the clock
// measures the deliveries only: it starts when the queue resumes and stops when the receiver has
// every POST and the database has every delivery logged as succeeded.
import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES } from '@workmate/domain/jobs';
import { BENCH_QUEUE_PREFIX } from '../lib/api.ts';
import type { BenchContext, Result } from '../lib/context.ts';
import { round, startChild } from '../lib/measure.ts';

const DELIVERIES = Number(process.env.BENCH_WEBHOOKS ?? 1000);
/** The worker's WEBHOOK_CONCURRENCY default: the bare POSTs get the same number in flight. */
const CONCURRENCY = 16;

export async function webhookDeliveries(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const worker = ctx.processes.get('worker process') ?? (await startChild('apps/worker/src/main.ts', { ...ctx.processEnv, WORKER_HEARTBEAT_KEY: 'workmate:bench:heartbeat' }, /running/));
  ctx.processes.set('worker process', worker);
  const { client } = ctx;
  const sub = await client.platform.webhooks.create.mutate({ name: 'Bench receiver', url, eventTypes: ['webhook.test'] });
  const connection = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.webhooks, { connection, prefix: BENCH_QUEUE_PREFIX });
  const succeeded = async (ids: string[]) => Number((await ctx.raw.query(`select count(*) as n from webhook_deliveries where id = any($1::uuid[]) and status = 'succeeded'`, [ids])).rows[0].n);
  const queueDeliveries = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => client.platform.webhooks.sendTest.mutate({ id: sub.id })));
      ids.push(...batch.map((b) => b.deliveryId));
    }
    return ids;
  };
  const waitDone = async (ids: string[], before: number) => {
    const deadline = Date.now() + 300_000;
    while (received - before < ids.length || (await succeeded(ids)) < ids.length) {
      if (Date.now() > deadline) throw new Error('The worker did not deliver every webhook within 5 minutes');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  let ours: number;
  let body = '';
  try {
    // Warm-up: the code paths and the connections.
    const warmFrom = received;
    const warm = await queueDeliveries(50);
    await waitDone(warm, warmFrom);
    const [row] = (await ctx.raw.query(`select payload::text as body from webhook_deliveries where id = $1`, [warm[0]])).rows as Array<{ body: string }>;
    body = row?.body ?? '{}';

    await queue.pause();
    const ids = await queueDeliveries(DELIVERIES);
    while ((await queue.getWaitingCount()) < DELIVERIES) await new Promise((r) => setTimeout(r, 20));
    const before = received;
    const t0 = performance.now();
    await queue.resume();
    await waitDone(ids, before);
    ours = DELIVERIES / ((performance.now() - t0) / 1000);
  } finally {
    await queue.resume();
    await queue.close();
    connection.disconnect();
    // The bench database keeps no active subscription: later runs' changes would feed it.
    await client.platform.webhooks.delete.mutate({ id: sub.id });
  }

  // The limit: the same body POSTed to the same receiver, CONCURRENCY at a time, keep-alive as Node's default agent.
  const agent = new Agent({ keepAlive: true });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(body);
    });
  const postMany = async (n: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) await post();
    }));
  };
  await postMany(200);
  const t0 = performance.now();
  await postMany(DELIVERIES);
  const bare = DELIVERIES / ((performance.now() - t0) / 1000);
  agent.destroy();
  await new Promise<void>((r) => receiver.close(() => r()));

  const ratio = ours / bare;
  log(`  ${DELIVERIES} webhook deliveries: pipeline ${ours.toFixed(0)}/s, bare POST ${bare.toFixed(0)}/s → ${ratio.toFixed(3)}×`);
  return [
    {
      id: 'webhook-deliveries',
      scenario: `webhook deliveries: ${DELIVERIES} to a local receiver, ${CONCURRENCY} at a time`,
      ours: { what: 'worker: job → sign (Standard Webhooks) → SSRF check → POST → attempt and delivery logged', throughput: round(ours), unit: 'deliveries' },
      limit: { what: `bare node:http POSTs of the same body, ${CONCURRENCY} in flight, keep-alive`, throughput: round(bare), unit: 'POSTs' },
      compares: 'throughput',
      ratio: round(ratio, 3),
      goal: 'reported',
      met: null,
    },
  ];
}
