import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { findPostgresBin, isRoot, log, requirePackage, run, which } from './system.ts';

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port nothing listens on right now (the system picks it). */
export function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function requireFreePort(port: number, what: string, variable: string) {
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${port} for ${what} is taken by another program (maybe another Workmate checkout). Stop it, or choose another port with ${variable}=…`);
  }
}

export interface LocalPostgres {
  url: (database: string) => string;
  stop: () => void;
  startedHere: boolean;
}

function postgresIds(): { uid: number; gid: number } {
  const out = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error('The system user "postgres" is missing; install the Debian package "postgresql".');
  return { uid: Number(out.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * `.data` holds the databases, Redis's files, stored documents and passwords: closed to other
 * users. Folders 0700, except `.data` itself when we run as root: then Postgres runs as the
 * `postgres` user and must pass through `.data` into its own folder `.data/pg` (itself 0700 and
 * owned by postgres), so `.data` is 0711: others may pass through, but not list or read it.
 */
export function prepareDataFolder(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, isRoot() ? 0o711 : 0o700);
}

/** A folder of our own inside `.data` (Redis's files, stored documents): 0700. */
export function privateFolder(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** As root the server runs as `postgres`, which must be able to reach the data folder. */
function makeReachable(dir: string) {
  let current = dirname(dir);
  while (current !== '/') {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      log(`Letting the postgres user pass through ${current} (chmod o+x)`);
      chmodSync(current, mode | 0o001);
    }
    current = dirname(current);
  }
}

/**
 * Starts (or reuses) a PostgreSQL server whose data lives in `dataDir`, listening on
 * 127.0.0.1:`port` with a password kept beside the data. Returns how to reach it.
 */
export async function ensurePostgres(dataDir: string, port: number, options: { fsync?: boolean } = {}): Promise<LocalPostgres> {
  requirePackage('postgresql', () => findPostgresBin() !== null, 'the PostgreSQL server binaries');
  const bin = findPostgresBin() as string;
  const dir = resolve(dataDir);
  const passwordFile = `${dir}.password`;
  const asUser = isRoot() ? 'postgres' : undefined;
  mkdirSync(dirname(dir), { recursive: true });

  if (!existsSync(`${dir}/PG_VERSION`)) {
    log(`Creating a PostgreSQL cluster in ${dir}`);
    mkdirSync(dir, { recursive: true });
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = `${dir}.initpw`;
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (isRoot()) {
      makeReachable(dir);
      const { uid, gid } = postgresIds();
      chownSync(dir, uid, gid);
      chownSync(pwfile, uid, gid);
    }
    chmodSync(dir, 0o700);
    run(`${bin}/initdb`, ['-D', dir, '-U', 'workmate', '--pwfile', pwfile, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], { asUser });
    run('rm', ['-f', pwfile]);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  const running = spawnSync(isRoot() ? 'runuser' : `${bin}/pg_ctl`, isRoot() ? ['-u', 'postgres', '--', `${bin}/pg_ctl`, 'status', '-D', dir] : ['status', '-D', dir]).status === 0;
  let startedHere = false;
  if (!running) {
    await requireFreePort(port, 'PostgreSQL', 'WORKMATE_PG_PORT');
    log(`Starting PostgreSQL on 127.0.0.1:${port}`);
    const settings = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", '-c max_connections=200'];
    if (options.fsync === false) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
    run(`${bin}/pg_ctl`, ['-D', dir, '-l', `${dir}/server.log`, '-o', settings.join(' '), '-w', '-t', '60', 'start'], { asUser });
    startedHere = true;
  }
  const url = (database: string) => `postgres://workmate:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    url,
    startedHere,
    stop: () => {
      if (!startedHere) return;
      spawnSync(isRoot() ? 'runuser' : `${bin}/pg_ctl`, [...(isRoot() ? ['-u', 'postgres', '--', `${bin}/pg_ctl`] : []), 'stop', '-D', dir, '-m', 'fast', '-w'], { stdio: 'ignore' });
    },
  };
}

/** Creates the database if it is missing; with `fresh` it is dropped and made anew. */
export async function ensureDatabase(adminUrl: string, name: string, options: { fresh?: boolean } = {}) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (options.fresh) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export interface LocalRedis {
  url: string;
  stop: () => void;
  startedHere: boolean;
}

/** Starts (or reuses) a Redis server with its files in `dir`, append-only for durable jobs. */
export async function ensureRedis(dir: string, port: number, options: { durable?: boolean } = {}): Promise<LocalRedis> {
  requirePackage('redis-server', () => which('redis-server') !== null, 'the Redis server');
  const path = resolve(dir);
  privateFolder(path);
  const url = `redis://127.0.0.1:${port}`;
  const ping = () => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG';
  // Reuse a server only when it is ours: its pid file in our folder names a live process.
  const pidFile = `${path}/redis.pid`;
  const ownPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
  const ownAlive = ownPid > 0 && spawnSync('kill', ['-0', String(ownPid)]).status === 0;
  if (ownAlive && ping()) return { url, stop: () => {}, startedHere: false };
  await requireFreePort(port, 'Redis', 'WORKMATE_REDIS_PORT');
  log(`Starting Redis on 127.0.0.1:${port}`);
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--daemonize', 'yes', '--dir', path, '--pidfile', `${path}/redis.pid`, '--logfile', `${path}/redis.log`, '--maxmemory-policy', 'noeviction'];
  if (options.durable !== false) args.push('--appendonly', 'yes', '--appendfsync', 'everysec');
  else args.push('--save', '', '--appendonly', 'no');
  run('redis-server', args);
  for (let i = 0; i < 100 && !ping(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ping()) throw new Error(`Redis did not answer on port ${port}; see ${path}/redis.log`);
  return {
    url,
    startedHere: true,
    stop: () => {
      spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
    },
  };
}
