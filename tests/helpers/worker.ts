import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { testEnv } from './env.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningWorker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, and wait for the exit. */
  stop: () => Promise<number | null>;
  /** SIGKILL: the process dies on the spot, mid-job. */
  kill: () => Promise<number | null>;
}

/** The real worker process (apps/worker/src/main.ts) against the test database, Redis and file folder. */
export function startWorker(env: Record<string, string> = {}): RunningWorker {
  const { databaseUrl, redisUrl, filesDir } = testEnv();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, FILES_DIR: filesDir, HEARTBEAT_SECONDS: '1', OUTBOX_POLL_MS: '50', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const echo = Boolean(process.env.SHOW_WORKER_OUTPUT);
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
    if (echo) process.stdout.write(c);
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
    if (echo) process.stdout.write(c);
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Polls until the check passes (every 100 ms), or fails naming what it waited for. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}
