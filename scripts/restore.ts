// `npm run restore -- <backup folder> --yes`: verifies every sha256 of the backup first (a changed,
// missing or extra file refuses the whole restore), then restores the database (pg_restore
// --clean --if-exists, one transaction) and the stored files. Without --yes it only verifies.
// Stop the app (API and worker) before restoring.
import { join } from 'node:path';
import { restoreBackup, verifyBackup } from './lib/backup.ts';
import { provideServices, ROOT } from './lib/local-env.ts';

const args = process.argv.slice(2);
const yes = args.includes('--yes');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('Usage: npm run restore -- <backup folder> [--yes]   (without --yes the backup is only verified)');
  process.exit(2);
}
const key = process.env.BACKUP_KEY || undefined;
const filesDir = process.env.FILES_DIR ?? join(ROOT, '.data', 'files');
try {
  if (!yes) {
    const manifest = await verifyBackup(dir, key);
    console.log(`The backup of ${manifest.createdAt} is intact (${manifest.entries.length} files verified).`);
    console.log(`Add --yes to replace the database and the files in ${filesDir} with it.`);
  } else {
    const services = await provideServices('dev');
    try {
      const { manifest, tables } = await restoreBackup({ dir, databaseUrl: services.databaseUrl, filesDir, key });
      console.log(`Restored the backup of ${manifest.createdAt}: ${Object.keys(tables).length} tables with the backup's row counts, ${manifest.entries.length - 1} files with their sha256.`);
    } finally {
      services.stop();
    }
  }
} catch (error) {
  console.error(`Restore refused: ${(error as Error).message}`);
  process.exitCode = 1;
}
