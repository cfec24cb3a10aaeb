import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const isRoot = () => process.getuid?.() === 0;

export function log(message: string) {
  console.log(`› ${message}`);
}

export function run(cmd: string, args: string[], options: { asUser?: string; quiet?: boolean } = {}): string {
  const [file, argv] = options.asUser && isRoot() ? ['runuser', ['-u', options.asUser, '--', cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: options.quiet === false ? 'inherit' : ['ignore', 'pipe', 'pipe'] }) ?? '';
}

export function which(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

let aptUpdated = false;

/**
 * Makes sure a Debian package is installed. As root on Debian/Ubuntu it installs it; anywhere
 * else it stops with a message that names the package, because nothing else can fix that.
 */
export function requirePackage(pkg: string, present: () => boolean, why: string) {
  if (present()) return;
  if (isRoot() && which('apt-get')) {
    log(`Installing the Debian package ${pkg} (${why})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!aptUpdated) {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      aptUpdated = true;
    }
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { stdio: 'inherit', env });
    if (present()) return;
  }
  throw new Error(`Missing ${why}. Install the package "${pkg}" (e.g. sudo apt-get install ${pkg}) or set the matching URL variable.`);
}

/** The newest PostgreSQL server binaries on this machine, Debian layout first. */
export function findPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(`${base}/${v}/bin/pg_ctl`))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return `${base}/${versions[0]}/bin`;
  }
  const pgCtl = which('pg_ctl');
  return pgCtl ? pgCtl.replace(/\/pg_ctl$/, '') : null;
}
