import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { unique, userWithRole } from '../helpers/users.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('the example script in scripts/examples', () => {
  it('creates a customer with a primary contact and lists customers through the typed client', async () => {
    const { token, client } = await userWithRole(app, 'Employee');
    const name = unique('Skript GmbH');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/examples/create-customer.ts', name], {
      cwd: ROOT,
      env: { ...process.env, WORKMATE_URL: app.url, WORKMATE_TOKEN: token },
    });
    expect(stdout).toContain(`Created`);
    expect(stdout).toContain(name);
    const found = await client.crm.customers.list.query({ search: name });
    expect(found.total).toBe(1);
    expect(found.items[0]?.primaryContact?.name).toBe('Max Mustermann');
  });

  it('stops with a clear message without a token', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/examples/create-customer.ts'], { cwd: ROOT, env: { ...process.env, WORKMATE_TOKEN: '' } }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/WORKMATE_TOKEN/);
  });
});
