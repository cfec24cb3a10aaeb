import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '@workmate/client/build';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { unique, userWithRole } from '../helpers/users.ts';

// The typed client as somebody outside this repository uses it: packed with `npm pack`, installed
// into a project of its own in the system's temp folder, type-checked with a strict tsconfig and
// run with plain Node against a running API.
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/.bin/tsc');
let app: TestApp;
let project: string;

const tsconfig = {
  compilerOptions: { target: 'ES2024', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, types: ['node'] },
  include: ['*.ts'],
};

const good = `import { createWorkmateClient, type RouterInputs, type RouterOutputs } from '@workmate/client';

const wm = createWorkmateClient({ url: process.env.WORKMATE_URL ?? '', token: process.env.WORKMATE_TOKEN });
const input: RouterInputs['crm']['customers']['create'] = { name: process.argv[2] ?? 'x', type: 'business', city: 'Leipzig' };
const created = await wm.crm.customers.create.mutate(input);
const page: RouterOutputs['crm']['customers']['list'] = await wm.crm.customers.list.query({ search: input.name });
const names: string[] = page.items.map((c) => c.name);
const total: number = page.total;
console.log(JSON.stringify({ number: created.customerNumber, names, total }));
`;

// Each line is a mistake the client's types must catch: a wrong input type, a missing procedure,
// a field used as the wrong type.
const bad = `import { createWorkmateClient } from '@workmate/client';

const wm = createWorkmateClient({ url: 'http://localhost:3000' });
await wm.crm.customers.create.mutate({ name: 42, type: 'business' });
await wm.crm.customers.nonsense.query();
const page = await wm.crm.customers.list.query({});
const wrong: number = page.items[0]!.name;
`;

beforeAll(async () => {
  app = await startTestApp();
  const dist = await buildClient();
  expect(readdirSync(dist)).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'types']));
  project = mkdtempSync(join(tmpdir(), 'workmate-client-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: join(ROOT, 'packages/client') });
  const tarball = stdout.trim().split('\n').at(-1) ?? '';
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'an-integration', private: true, type: 'module', dependencies: { '@workmate/client': `file:./${tarball}` }, devDependencies: { '@types/node': '24.19.2' } }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
}, 300_000);
afterAll(async () => {
  await app?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the typed client package (@workmate/client) outside the monorepo', () => {
  it('installs from its packed tarball with nothing of the monorepo but itself', () => {
    const installed = readdirSync(join(project, 'node_modules/@workmate'));
    expect(installed).toEqual(['client']);
  });

  it('type-checks a correct script under strict settings', async () => {
    writeFileSync(join(project, 'good.ts'), good);
    const result = await run(TSC, ['-p', '.'], { cwd: project }).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(result).toEqual({ code: 0, out: '' });
    rmSync(join(project, 'good.ts'));
  });

  it('has real types: wrong inputs, unknown procedures and wrongly typed answers are errors', async () => {
    writeFileSync(join(project, 'bad.ts'), bad);
    const failed = await run(TSC, ['-p', '.'], { cwd: project }).catch((e: { code: number; stdout: string }) => e);
    rmSync(join(project, 'bad.ts'));
    const out = (failed as { stdout: string }).stdout;
    expect((failed as { code?: number }).code ?? 0).toBeGreaterThan(0);
    // One error on each of the three wrong lines (4, 5 and 7), none elsewhere.
    const lines = [...out.matchAll(/bad\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1]));
    expect([...new Set(lines)].sort()).toEqual([4, 5, 7]);
  });

  it('runs with plain Node against the API with an API token', async () => {
    const { token } = await userWithRole(app, 'Employee');
    const name = unique('Paket GmbH');
    writeFileSync(join(project, 'good.ts'), good);
    const { stdout } = await run(process.execPath, ['good.ts', name], { cwd: project, env: { ...process.env, WORKMATE_URL: app.url, WORKMATE_TOKEN: token } });
    const answer = JSON.parse(stdout) as { number: string; names: string[]; total: number };
    expect(answer.names).toEqual([name]);
    expect(answer.total).toBe(1);
    expect(answer.number).toMatch(/\S/);
  });
});
