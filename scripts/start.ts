// `npm start`: provision Postgres and Redis (or use DATABASE_URL / REDIS_URL), migrate, load
// demo data on the first start, build the web app, then run the API (which serves the app)
// and the worker until Ctrl-C, which stops everything started here.
import { migrate, openOrm } from '@workmate/db/orm';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from '@workmate/db/seeds/demo';
import { provideServices, ROOT } from './lib/local-env.ts';
import { startNode, stopChild, waitForHttp } from './lib/processes.ts';
import { existsSync } from 'node:fs';
import { log, requirePackage, which } from './lib/system.ts';
import { ensureWebBuild } from './lib/web-build.ts';

const started = Date.now();
// The worker renders invoice PDFs in the system Chromium, set in DejaVu Sans.
requirePackage('chromium', () => which('chromium') !== null || existsSync('/usr/bin/chromium'), 'Chromium for invoice PDFs');
requirePackage('fonts-dejavu-core', () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), 'the font invoice PDFs are set in');
const port = Number(process.env.PORT ?? 3000);
const services = await provideServices('dev');

const orm = await openOrm(services.databaseUrl);
try {
  const applied = await migrate(orm);
  if (applied.length) log(`Migrations applied: ${applied.join(', ')}`);
  const { seeded } = await seedDemo(orm.em.fork());
  if (seeded) log('Demo data loaded (first start)');
} finally {
  await orm.close();
}

const webDist = ensureWebBuild();
const env = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, PORT: String(port), WEB_DIST: webDist, HOST: process.env.HOST ?? '0.0.0.0', FILES_DIR: process.env.FILES_DIR ?? `${ROOT}/.data/files` };
const api = startNode('apps/api/src/main.ts', env, 'api');
const worker = startNode('apps/worker/src/main.ts', env, 'worker');

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  log('Stopping Workmate…');
  await Promise.all([stopChild(api), stopChild(worker)]);
  services.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
for (const [name, child] of [['API', api], ['worker', worker]] as const) {
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`The ${name} stopped unexpectedly (exit ${code}); shutting down.`);
      void stop(1);
    }
  });
}

await waitForHttp(`http://127.0.0.1:${port}/`, 60_000, (s) => s === 200);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
  Workmate is running (ready in ${seconds} s)
  → http://localhost:${port}
  Health: http://localhost:${port}/health
  Demo sign-in: ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}
  (also manager@, mitarbeiter@, buchhaltung@, pruefer@workmate.demo with the same password)
  Press Ctrl-C to stop.
`);
