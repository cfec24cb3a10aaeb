import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { seedDemo } from '@workmate/db/seeds/demo';
import { countRows, listFiles, sha256File } from '../../scripts/lib/backup.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { testEnv } from '../helpers/env.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

/**
 * The restore drill, with the real commands (`scripts/backup.ts` and `scripts/restore.ts`, as
 * `npm run backup` / `npm run restore` run them) on a database and a files folder of its own.
 */
let db: { orm: MikroORM; databaseUrl: string; drop: () => Promise<void> };
let work: string;
let filesDir: string;
let backupsDir: string;
beforeAll(async () => {
  db = await freshDatabase('workmate_backup');
  work = await mkdtemp(join(tmpdir(), 'workmate-backup-'));
  filesDir = join(work, 'files');
  backupsDir = join(work, 'backups');
});
afterAll(async () => {
  await db?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

function command(script: 'backup' | 'restore', args: string[] = [], env: Record<string, string> = {}) {
  return exec(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.databaseUrl, REDIS_URL: testEnv().redisUrl, FILES_DIR: filesDir, BACKUP_DIR: backupsDir, BACKUP_KEY: '', ...env },
  });
}
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected the command to fail'); }, (e: { code: number; stderr: string }) => e);

async function fileHashes(dir: string) {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = await sha256File(join(dir, f));
  return out;
}
const sql = (query: string) => db.orm.em.fork().getConnection().execute(query);

describe('backup and restore', () => {
  it('restores the row counts of every table and the stored files of the backup moment; a tampered backup is refused', async () => {
    // Data: the demo company, and stored files in nested folders.
    await seedDemo(db.orm.em.fork());
    await mkdir(join(filesDir, 'invoices', '2026'), { recursive: true });
    await writeFile(join(filesDir, 'invoices', '2026', 'RE-1.pdf'), '%PDF-1.7 first invoice');
    await writeFile(join(filesDir, 'receipt.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    await mkdir(join(filesDir, '.incoming'), { recursive: true });
    await writeFile(join(filesDir, '.incoming', 'half.part'), 'an upload still arriving');
    const rowsThen = await countRows(db.databaseUrl);
    expect(rowsThen.customers).toBeGreaterThan(0);
    const filesThen = await fileHashes(filesDir);

    const { stdout } = await command('backup');
    const dir = /Backup written to (\S+)/.exec(stdout)?.[1];
    expect(dir).toBeTruthy();
    const backupDir = dir as string;
    const manifest = JSON.parse(await readFile(join(backupDir, 'manifest.json'), 'utf8')) as { tables: Record<string, number>; entries: Array<{ path: string; sha256: string }> };
    expect(manifest.tables).toEqual(rowsThen);
    expect(manifest.entries.map((e) => e.path).sort()).toEqual(['database.dump', 'files/invoices/2026/RE-1.pdf', 'files/receipt.png']);

    // Changes after the backup: rows deleted, changed and added; a file changed, one deleted, one added.
    await sql(`delete from crm_activities`);
    await sql(`update customers set name = name || ' (changed)'`);
    await sql(`insert into departments (id, name, code, created_at, updated_at) values (gen_random_uuid(), 'After the backup', 'AFTER', now(), now())`);
    await writeFile(join(filesDir, 'invoices', '2026', 'RE-1.pdf'), '%PDF-1.7 overwritten');
    await rm(join(filesDir, 'receipt.png'));
    await writeFile(join(filesDir, 'later.txt'), 'written after the backup');
    expect(await countRows(db.databaseUrl)).not.toEqual(rowsThen);

    // Without --yes the backup is only verified; nothing changes.
    const verified = await command('restore', [backupDir]);
    expect(verified.stdout).toMatch(/intact/);
    expect((await fileHashes(filesDir))['later.txt']).toBeDefined();

    const restored = await command('restore', [backupDir, '--yes']);
    expect(restored.stdout).toMatch(/Restored the backup/);
    expect(await countRows(db.databaseUrl)).toEqual(rowsThen);
    expect(await fileHashes(filesDir)).toEqual(Object.fromEntries(Object.entries(filesThen).filter(([f]) => !f.startsWith('.incoming'))));
    const names = await sql(`select count(*)::int as n from customers where name like '% (changed)'`);
    expect(names[0]).toEqual({ n: 0 });

    // Tampering: a changed hash in the manifest, a changed file, an extra file. Each is refused and nothing is touched.
    await sql(`insert into departments (id, name, code, created_at, updated_at) values (gen_random_uuid(), 'Marker', 'MARK', now(), now())`);
    const rowsNow = await countRows(db.databaseUrl);
    const manifestText = await readFile(join(backupDir, 'manifest.json'), 'utf8');
    const dumpEntry = manifest.entries.find((e) => e.path === 'database.dump');
    await writeFile(join(backupDir, 'manifest.json'), manifestText.replace(dumpEntry!.sha256, '0'.repeat(64)));
    let refused = await failure(command('restore', [backupDir, '--yes']));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/database\.dump: sha256 differs/);
    await writeFile(join(backupDir, 'manifest.json'), manifestText);

    const pdf = join(backupDir, 'files', 'invoices', '2026', 'RE-1.pdf');
    await writeFile(pdf, '%PDF-1.7 first invoicf');
    refused = await failure(command('restore', [backupDir, '--yes']));
    expect(refused.stderr).toMatch(/files\/invoices\/2026\/RE-1\.pdf: sha256 differs/);
    await writeFile(pdf, '%PDF-1.7 first invoice');

    await writeFile(join(backupDir, 'files', 'smuggled.sh'), 'echo hi');
    refused = await failure(command('restore', [backupDir, '--yes']));
    expect(refused.stderr).toMatch(/files\/smuggled\.sh: not in the manifest/);
    await rm(join(backupDir, 'files', 'smuggled.sh'));

    await writeFile(join(backupDir, 'manifest.json'), manifestText.replace('"database.dump"', '"../../etc/passwd"'));
    refused = await failure(command('restore', [backupDir, '--yes']));
    expect(refused.stderr).toMatch(/invalid entry/);
    await writeFile(join(backupDir, 'manifest.json'), manifestText);

    expect(await countRows(db.databaseUrl)).toEqual(rowsNow);
    // Intact again, it verifies.
    expect((await command('restore', [backupDir])).stdout).toMatch(/intact/);
  });

  it('signs the manifest with BACKUP_KEY and refuses it without the key or with another one', async () => {
    const { stdout } = await command('backup', [], { BACKUP_KEY: 'the-right-key' });
    expect(stdout).toMatch(/signed/);
    const dir = /Backup written to (\S+)/.exec(stdout)?.[1] as string;
    expect((await command('restore', [dir], { BACKUP_KEY: 'the-right-key' })).stdout).toMatch(/intact/);
    expect((await failure(command('restore', [dir]))).stderr).toMatch(/set BACKUP_KEY/);
    expect((await failure(command('restore', [dir], { BACKUP_KEY: 'another-key' }))).stderr).toMatch(/signature does not match/);
    // Changing the manifest consistently (file and hash together) does not pass the signature.
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { entries: Array<{ path: string; sha256: string; size: number }> };
    const entry = manifest.entries.find((e) => e.path === 'files/invoices/2026/RE-1.pdf')!;
    await writeFile(join(dir, entry.path), 'forged');
    entry.sha256 = await sha256File(join(dir, entry.path));
    entry.size = 6;
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect((await failure(command('restore', [dir, '--yes'], { BACKUP_KEY: 'the-right-key' }))).stderr).toMatch(/signature does not match/);
  });
});
