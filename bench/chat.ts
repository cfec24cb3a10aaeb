// `npm run bench:chat`: delivery latency of chat messages to 1,000 live subscribers spread over two
// API processes (this one and a second `apps/api/src/main.ts`), on the benchmark database and
// the local Redis. A message is posted through process A; every subscriber records when it
// arrives. Prints p50 and p99 over all deliveries.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Role } from '@workmate/db/entities/role';
import { seedCustomer, seedEmployee } from '@workmate/db/seeds/builders';
import { ROOT } from '../scripts/lib/local-env.ts';
import { BENCH_FILES_DIR, BENCH_QUEUE_PREFIX, openBenchDatabase, startBenchApi } from './lib/api.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20);
const { services, benchUrl, orm } = await openBenchDatabase();

const em = orm.em.fork();
const admin = await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Admin' }) });
const { token } = await createApiToken(em, admin.id, { name: 'bench' });
const apiA = await startBenchApi(orm, benchUrl, services.redisUrl);

const port = await new Promise<number>((done) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => done(p));
  });
});
const processB = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: benchUrl, REDIS_URL: services.redisUrl, PORT: String(port), HOST: '127.0.0.1', FILES_DIR: BENCH_FILES_DIR, QUEUE_PREFIX: BENCH_QUEUE_PREFIX },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((done) => processB.stdout?.on('data', (c: Buffer) => c.toString().includes('listening') && done()));
const urlB = `http://127.0.0.1:${port}`;

const a = createWorkmateClient({ url: apiA.url, token });
const b = createWorkmateClient({ url: urlB, token });
const customer = await seedCustomer(orm.em.fork(), { name: 'Chat-Benchmark GmbH' });
const project = await a.projects.create.mutate({ title: `Chat-Benchmark ${Date.now()}`, customerId: customer.id });

// The subscribers: half on each process; each remembers when each message reached it.
const arrivals = new Map<string, number[]>();
let started = 0;
const subs = Array.from({ length: SUBSCRIBERS }, (_, i) =>
  (i % 2 === 0 ? a : b).chat.onMessage.subscribe(
    { projectId: project.id },
    {
      onStarted: () => started++,
      onData: ({ data }) => {
        const list = arrivals.get(data.content ?? '') ?? [];
        list.push(performance.now());
        arrivals.set(data.content ?? '', list);
      },
    },
  ),
);
while (started < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));
await new Promise((r) => setTimeout(r, 2000)); // every subscriber has caught up and waits

const latencies: number[] = [];
let lost = 0;
for (let i = 0; i < MESSAGES; i++) {
  const text = `Nachricht ${i}`;
  const t0 = performance.now();
  await a.chat.messages.send.mutate({ projectId: project.id, content: text });
  const deadline = Date.now() + 15_000;
  while ((arrivals.get(text)?.length ?? 0) < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const got = arrivals.get(text) ?? [];
  lost += SUBSCRIBERS - got.length;
  for (const at of got) latencies.push(at - t0);
  await new Promise((r) => setTimeout(r, 200));
}
latencies.sort((x, y) => x - y);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
console.log(`${SUBSCRIBERS} subscribers over two API processes, ${MESSAGES} messages posted on one of them:`);
console.log(`  delivery latency (send call to arrival, every subscriber): p50 ${pct(50)} ms   p99 ${pct(99)} ms   max ${pct(100)} ms   undelivered ${lost}`);

for (const s of subs) s.unsubscribe();
processB.kill('SIGTERM');
await apiA.close();
await orm.close();
services.stop();
process.exit(0);
