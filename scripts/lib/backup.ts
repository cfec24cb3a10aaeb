// Backup and restore of one installation: the database (pg_dump, custom format) and the stored
// files (FILES_DIR), with a manifest of every file's sha256. `npm run backup` and `npm run
// restore` call these; tests/integration/backup-restore.test.ts runs the restore drill.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import pg from 'pg';

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.dump';
const FORMAT = 'workmate-backup-1';

export interface ManifestEntry {
  /** Relative to the backup folder, `/`-separated: `database.dump` or `files/…`. */
  path: string;
  sha256: string;
  size: number;
}
export interface Manifest {
  format: typeof FORMAT;
  createdAt: string;
  /** Rows per table at the moment of the dump (the restore compares them afterwards). */
  tables: Record<string, number>;
  entries: ManifestEntry[];
  /** HMAC-SHA256 of the manifest without this field, with BACKUP_KEY, when one was set. */
  signature?: string;
}

/** Stored files that are no part of the data: uploads still arriving, half-written files. */
const skipped = (rel: string) => rel.split('/').some((s) => s === '.incoming') || rel.endsWith('.part');

/** The Postgres client tools: those of the newest server on the machine, else the PATH's. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name);
  for (const version of ['17', '16', '15']) {
    const path = `/usr/lib/postgresql/${version}/bin/${name}`;
    if (existsSync(path)) return path;
  }
  return name;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`))));
  });
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

/** Every regular file under `dir`, as `/`-separated paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    out.push(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  return out.sort();
}

/** Rows per table of the public schema. */
export async function countRows(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const result = await client.query<{ n: string }>(`select count(*) as n from "${name.replaceAll('"', '""')}"`);
      counts[name] = Number(result.rows[0]?.n ?? 0);
    }
    return counts;
  } finally {
    await client.end();
  }
}

function canonical(manifest: Manifest): string {
  const { signature: _signature, ...rest } = manifest;
  return JSON.stringify(rest);
}
const sign = (manifest: Manifest, key: string) => createHmac('sha256', key).update(canonical(manifest)).digest('hex');

/** `workmate-20261205-181500Z`: the moment in UTC, sortable. */
export function backupName(at: Date): string {
  const iso = at.toISOString();
  return `workmate-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}Z`;
}

/**
 * Dumps the database and copies the stored files into a new folder `<outDir>/workmate-<UTC time>`
 * (0700, files 0600), then writes the manifest last: a folder without one is an unfinished backup.
 */
export async function createBackup(options: { databaseUrl: string; filesDir: string; outDir: string; at?: Date; key?: string }): Promise<{ dir: string; manifest: Manifest }> {
  const at = options.at ?? new Date();
  const dir = join(resolve(options.outDir), backupName(at));
  if (existsSync(dir)) throw new Error(`The backup folder ${dir} exists already`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  // Counted before the dump: with the app stopped (as it should be) both see the same rows.
  const tables = await countRows(options.databaseUrl);
  await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(dir, DUMP)}`, `--dbname=${options.databaseUrl}`]);
  await chmod(join(dir, DUMP), 0o600);
  const filesDir = resolve(options.filesDir);
  const files = (await listFiles(filesDir)).filter((f) => !skipped(f));
  for (const file of files) {
    const target = join(dir, 'files', file);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await cp(join(filesDir, file), target, { preserveTimestamps: true });
    await chmod(target, 0o600);
  }
  const entries: ManifestEntry[] = [];
  for (const path of [DUMP, ...files.map((f) => `files/${f}`)]) {
    const full = join(dir, path);
    entries.push({ path, sha256: await sha256File(full), size: (await stat(full)).size });
  }
  const manifest: Manifest = { format: FORMAT, createdAt: at.toISOString(), tables, entries };
  if (options.key) manifest.signature = sign(manifest, options.key);
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return { dir, manifest };
}

const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_PATH = /^(database\.dump|files\/(?!.*(^|\/)\.\.?(\/|$))[^\0]+)$/;

function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The manifest is not valid JSON');
  }
  const m = raw as Partial<Manifest>;
  if (!m || typeof m !== 'object' || m.format !== FORMAT) throw new Error(`The manifest is not a Workmate backup manifest (format ${FORMAT})`);
  if (typeof m.createdAt !== 'string' || !Array.isArray(m.entries) || !m.tables || typeof m.tables !== 'object') throw new Error('The manifest is incomplete (createdAt, tables, entries)');
  for (const e of m.entries) {
    if (!e || typeof e.path !== 'string' || !SAFE_PATH.test(e.path) || typeof e.sha256 !== 'string' || !HEX64.test(e.sha256) || !Number.isSafeInteger(e.size)) {
      throw new Error(`The manifest has an invalid entry: ${JSON.stringify(e).slice(0, 200)}`);
    }
  }
  if (!m.entries.some((e) => e.path === DUMP)) throw new Error('The manifest lists no database dump');
  return m as Manifest;
}

/**
 * Checks a backup folder without touching anything else: the manifest is well-formed (and signed
 * with `key` when the backup was), every listed file is there with its size and sha256, and no
 * file is there that the manifest does not list. Throws with every problem named.
 */
export async function verifyBackup(dir: string, key?: string): Promise<Manifest> {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`${dir} has no ${MANIFEST}: not a backup, or an unfinished one`);
  const manifest = parseManifest(await readFile(manifestPath, 'utf8'));
  if (manifest.signature || key) {
    if (!key) throw new Error('The backup is signed: set BACKUP_KEY to the key it was made with');
    const expected = Buffer.from(sign(manifest, key), 'hex');
    const given = Buffer.from(manifest.signature ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('The manifest signature does not match BACKUP_KEY: the manifest was changed or another key was used');
  }
  const problems: string[] = [];
  const listed = new Set(manifest.entries.map((e) => e.path));
  for (const file of await listFiles(dir)) {
    if (file !== MANIFEST && !listed.has(file)) problems.push(`${file}: not in the manifest`);
  }
  for (const entry of manifest.entries) {
    const full = join(dir, entry.path);
    if (!existsSync(full)) {
      problems.push(`${entry.path}: missing`);
      continue;
    }
    const size = (await stat(full)).size;
    if (size !== entry.size) problems.push(`${entry.path}: ${size} bytes, the manifest says ${entry.size}`);
    else if ((await sha256File(full)) !== entry.sha256) problems.push(`${entry.path}: sha256 differs from the manifest`);
  }
  if (problems.length) throw new Error(`The backup ${dir} failed verification; nothing was restored:\n  ${problems.join('\n  ')}`);
  return manifest;
}

/** Puts the backup's files in place of `filesDir`: copied beside it first, then swapped in. */
async function restoreFiles(dir: string, manifest: Manifest, filesDir: string): Promise<void> {
  const target = resolve(filesDir);
  const stamp = Date.now();
  const incoming = `${target}.restoring-${stamp}`;
  await mkdir(incoming, { recursive: true, mode: 0o700 });
  for (const entry of manifest.entries) {
    if (!entry.path.startsWith('files/')) continue;
    const to = join(incoming, entry.path.slice('files/'.length));
    await mkdir(dirname(to), { recursive: true, mode: 0o700 });
    await cp(join(dir, entry.path), to, { preserveTimestamps: true });
    await chmod(to, 0o600);
  }
  const previous = `${target}.before-restore-${stamp}`;
  const had = existsSync(target);
  try {
    if (had) await rename(target, previous);
    await rename(incoming, target);
  } catch (error) {
    // A mount point cannot be renamed: empty it and copy into it instead.
    if (!had || existsSync(target)) {
      for (const name of await readdir(target).catch(() => [] as string[])) await rm(join(target, name), { recursive: true, force: true });
      await cp(incoming, target, { recursive: true, preserveTimestamps: true });
      await rm(incoming, { recursive: true, force: true });
    } else throw error;
  }
  await chmod(target, 0o700).catch(() => undefined);
  if (had) await rm(previous, { recursive: true, force: true });
}

/**
 * Verifies the backup (refusing a tampered one before anything is touched), then restores the
 * database with pg_restore --clean --if-exists in one transaction, then the stored files, and
 * finally compares rows per table and the restored files' sha256s with the manifest.
 */
export async function restoreBackup(options: { dir: string; databaseUrl: string; filesDir: string; key?: string }): Promise<{ manifest: Manifest; tables: Record<string, number> }> {
  const dir = resolve(options.dir);
  const manifest = await verifyBackup(dir, options.key);
  await run(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${options.databaseUrl}`, join(dir, DUMP)]);
  await restoreFiles(dir, manifest, options.filesDir);
  const tables = await countRows(options.databaseUrl);
  const differences = Object.entries(manifest.tables).filter(([name, n]) => tables[name] !== n).map(([name, n]) => `${name}: ${tables[name] ?? 'missing'} rows, the backup had ${n}`);
  const filesDir = resolve(options.filesDir);
  for (const entry of manifest.entries) {
    if (!entry.path.startsWith('files/')) continue;
    const full = join(filesDir, entry.path.slice('files/'.length));
    if (!existsSync(full) || (await sha256File(full)) !== entry.sha256) differences.push(`${entry.path}: restored file differs`);
  }
  if (differences.length) throw new Error(`The restore finished but does not match the backup:\n  ${differences.join('\n  ')}`);
  return { manifest, tables };
}
