// `npm test`: type-check every workspace (turbo), provision a test Postgres and Redis (never
// the demo data), migrate a fresh test database, build the web app, then run unit,
// integration and browser tests with vitest. Extra arguments go to vitest (a file filter).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { migrate, openOrm } from '@workmate/db/orm';
import { seedSystemRoles } from '@workmate/db/seeds/roles';
import { provideServices, ROOT } from './lib/local-env.ts';
import { log, requirePackage, which } from './lib/system.ts';
import { ensureWebBuild } from './lib/web-build.ts';
import { runLint } from './lint.ts';
import { privateFolder } from './lib/services.ts';

const started = Date.now();
const filters = process.argv.slice(2);

if (!process.env.SKIP_TYPECHECK) {
  log('Type-checking every workspace');
  execFileSync('npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
}
// The import rules (a second or so): a forbidden import or an import cycle fails the run.
log('Linting the imports');
if (!runLint()) process.exit(1);

requirePackage('chromium', () => which('chromium') !== null || existsSync('/usr/bin/chromium'), 'Chromium for the browser tests and invoice PDFs');
requirePackage('poppler-utils', () => which('pdftotext') !== null, 'pdftotext, to check the text of rendered invoice PDFs');
requirePackage('libxml2-utils', () => which('xmllint') !== null, 'xmllint, to validate written e-invoices (CII) against the Factur-X XSD');
requirePackage('qpdf', () => which('qpdf') !== null, 'qpdf, to check the PDF/A-3 structure of Factur-X invoices');
requirePackage('fonts-dejavu-core', () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), 'the font invoice PDFs are set in');
const webDist = process.env.SKIP_WEB_BUILD ? `${ROOT}/apps/web/dist` : ensureWebBuild();

const services = await provideServices('test', { freshDatabase: true });
let exitCode = 1;
try {
  const orm = await openOrm(services.databaseUrl);
  await migrate(orm);
  // The built-in roles exist in every installation; tests look them up by name.
  await seedSystemRoles(orm.em.fork());
  await orm.close();
  if (!process.env.TEST_REDIS_URL) {
    // Our own test Redis: start from empty, so rate-limit counters of an earlier run do not count.
    const redis = new Redis(services.redisUrl);
    await redis.flushall();
    redis.disconnect();
  }

  // Files stored by this run (invoice PDFs) start from empty too.
  const filesDir = `${ROOT}/.data/test-files`;
  rmSync(filesDir, { recursive: true, force: true });
  privateFolder(filesDir);
  const resultsFile = `${ROOT}/.data/test-results.json`;
  rmSync(resultsFile, { force: true });
  log('Running the tests');
  const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...filters], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: services.databaseUrl, TEST_REDIS_URL: services.redisUrl, TEST_FILES_DIR: filesDir, FILES_DIR: filesDir, WEB_DIST: webDist },
  });
  exitCode = run.status ?? 1;
  if (existsSync(resultsFile)) {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numTotalTests: number;
      testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }>;
    };
    // A file that fails without a failed test (an import error, a failing beforeAll that skips its
    // tests) counts as one failure.
    const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    if (r.numTotalTests === 0) exitCode = 1;
    console.log(`\nSuite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  }
} finally {
  services.stop();
}
process.exit(exitCode);
