import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from '../../scripts/lib/local-env.ts';
import { freePort } from '../../scripts/lib/services.ts';

export { freePort };

/** Latency percentiles in milliseconds and throughput in operations per second. */
export interface Figures {
  p50: number;
  p99: number;
  throughput: number;
}

export function figuresOf(times: number[], totalMs = times.reduce((a, b) => a + b, 0)): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return { p50: pct(50), p99: pct(99), throughput: (times.length / totalMs) * 1000 };
}

/**
 * Two ways of doing the same work, measured in alternating rounds so that a noisy neighbour on
 * the shared machine hits both alike.
 */
export async function sampleBoth(n: number, ours: () => Promise<unknown>, limit: () => Promise<unknown>, rounds = 4): Promise<{ ours: Figures; limit: Figures }> {
  for (let i = 0; i < 10; i++) {
    await ours();
    await limit();
  }
  const times = { ours: [] as number[], limit: [] as number[] };
  const spent = { ours: 0, limit: 0 };
  const per = Math.ceil(n / rounds);
  for (let r = 0; r < rounds; r++) {
    for (const side of ['ours', 'limit'] as const) {
      const call = side === 'ours' ? ours : limit;
      const t0 = performance.now();
      for (let i = 0; i < per; i++) {
        const start = performance.now();
        await call();
        times[side].push(performance.now() - start);
      }
      spent[side] += performance.now() - t0;
    }
  }
  return { ours: figuresOf(times.ours, spent.ours), limit: figuresOf(times.limit, spent.limit) };
}


export interface Child {
  process: ChildProcess;
  /** Resident memory now and at its peak, in MB (from /proc). */
  memory: () => { rssMb: number; peakMb: number };
  /** CPU time the process has used so far (user + system), in milliseconds. */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

/** Starts a TypeScript entry point as a separate process and waits until it prints `ready`. */
export async function startChild(entry: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", goes to every process started here.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
    if (process.env.BENCH_VERBOSE) process.stderr.write(c);
  });
  const end = Date.now() + 60_000;
  while (!ready.test(output)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`${entry} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    process: child,
    memory: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, after the command in parentheses; in clock ticks (1/100 s).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export const round = (v: number, digits = 1) => Number(v.toFixed(digits));
