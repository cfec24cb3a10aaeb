import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './system.ts';
import { ROOT } from './local-env.ts';

function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

/** Builds the web app when dist is missing or older than its sources (or the domain package). */
export function ensureWebBuild(force = false): string {
  const dist = join(ROOT, 'apps/web/dist');
  const index = join(dist, 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newest(join(ROOT, 'apps/web')), newest(join(ROOT, 'packages/domain/src')));
  if (force || stale) {
    log('Building the web app');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(ROOT, 'apps/web'), stdio: 'inherit' });
  }
  return dist;
}
