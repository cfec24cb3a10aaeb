// `npm start`: provision Postgres and Redis (or use DATABASE_URL / REDIS_URL), migrate, fill an
// empty database on the first start (demo data for the project-local database or with
// WORKMATE_DEMO=1; otherwise the company's first admin with a generated password), build the
// web app, then run the API (which serves the app) and the worker until Ctrl-C, which stops
// everything started here.
import { migrate, openOrm } from '@workmate/db/orm';
import { DEMO_SIGN_IN, isDemoInstallation, prepareFirstStart, type FirstStart } from '@workmate/db/seeds/first-start';
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
let firstStart: FirstStart;
let demo: boolean;
try {
  const applied = await migrate(orm);
  if (applied.length) log(`Migrations applied: ${applied.join(', ')}`);
  try {
    firstStart = await prepareFirstStart(orm.em.fork(), process.env);
  } catch (error) {
    // A bad ADMIN_EMAIL / ADMIN_PASSWORD: say which and stop, before anything is created.
    console.error(`Cannot create the first admin: ${(error as Error).message}`);
    services.stop();
    process.exit(1);
  }
  if (firstStart.kind === 'demo') log('Demo data loaded (first start)');
  if (firstStart.kind === 'admin') console.log(firstAdminNotice(firstStart));
  demo = await isDemoInstallation(orm.em.fork());
} finally {
  await orm.close();
}

const webDist = ensureWebBuild();
// A demo installation has a published admin password: it answers only this machine unless HOST says otherwise.
const env = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, PORT: String(port), WEB_DIST: webDist, HOST: process.env.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'), FILES_DIR: process.env.FILES_DIR ?? `${ROOT}/.data/files` };
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
${signInLines(firstStart, demo)}  Press Ctrl-C to stop.
`);

/** The first admin's sign-in, printed once, right when the account is made (the password is nowhere else). */
function firstAdminNotice(first: Extract<FirstStart, { kind: 'admin' }>): string {
  const rule = '  ' + '='.repeat(72);
  const password = first.generated
    ? `  Password: ${first.password}\n  This password is shown only this once. Sign in, then keep it safe or change it (Profile).`
    : '  Password: the one given in ADMIN_PASSWORD';
  return `\n${rule}\n  First start, no demo data: the company's administrator account was created.\n  Email:    ${first.email}\n${password}\n${rule}\n`;
}

/** How to sign in, in the closing banner. */
function signInLines(first: FirstStart, isDemo: boolean): string {
  if (first.kind === 'admin') return `  Sign in as ${first.email} with the password printed above.\n`;
  if (isDemo) {
    return `  Demo installation. Sign-in: ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}\n  (also manager@, mitarbeiter@, buchhaltung@, pruefer@workmate.demo with the same password)\n`;
  }
  return '';
}
