import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../scripts/lib/services.ts';
import { testEnv } from './env.ts';

const ROOT = resolve(import.meta.dirname, '../..');


/**
 * A second, separate API process (apps/api/src/main.ts) on the test database and Redis, as
 * behind a load balancer; `env` overrides them (the fault tests give it their own servers).
 * `startTimeoutMs` only says how long to wait for it on a busy machine.
 */
export async function startApiProcess(env: Record<string, string> = {}, options: { startTimeoutMs?: number } = {}): Promise<{ url: string; stop: () => Promise<void>; child: ChildProcess; output: () => string }> {
  const { databaseUrl, redisUrl, filesDir } = testEnv();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, FILES_DIR: filesDir, PORT: String(port), HOST: '127.0.0.1', LOGIN_MAX_ATTEMPTS_IP: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const end = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!/listening/.test(output)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`The second API process did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
