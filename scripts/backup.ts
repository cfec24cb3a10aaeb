// `npm run backup`: dumps the database (DATABASE_URL, or the local one) and copies the stored
// files (FILES_DIR, default .data/files) into BACKUP_DIR (default .data/backups)/workmate-<UTC time>,
// with a manifest of every file's sha256 (signed when BACKUP_KEY is set). See README "Backup and restore".
import { join } from 'node:path';
import { createBackup } from './lib/backup.ts';
import { provideServices, ROOT } from './lib/local-env.ts';

const services = await provideServices('dev');
try {
  const filesDir = process.env.FILES_DIR ?? join(ROOT, '.data', 'files');
  const outDir = process.env.BACKUP_DIR ?? join(ROOT, '.data', 'backups');
  const { dir, manifest } = await createBackup({ databaseUrl: services.databaseUrl, filesDir, outDir, key: process.env.BACKUP_KEY || undefined });
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  console.log(`Backup written to ${dir}`);
  console.log(`  database: ${Object.keys(manifest.tables).length} tables, ${rows} rows; files: ${manifest.entries.length - 1}${manifest.signature ? '; manifest signed with BACKUP_KEY' : ''}`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  services.stop();
}
