// Developer tool: generates a migration from the difference between the entities and the
// last snapshot. Usage: bash scripts/bootstrap.sh migration-create [name]
import { openOrm } from '@workmate/db/orm';
import { provideServices } from './lib/local-env.ts';

const services = await provideServices('dev');
const orm = await openOrm(services.databaseUrl, { snapshot: true });
try {
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, false, process.argv[2]);
  console.log(result.fileName ? `Created ${result.fileName}; add it to packages/db/src/migrations/index.ts` : 'No changes');
} finally {
  await orm.close();
  services.stop();
}
