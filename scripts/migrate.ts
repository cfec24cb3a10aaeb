// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the local dev database).
import { migrate, openOrm } from '@workmate/db/orm';
import { provideServices } from './lib/local-env.ts';

const services = await provideServices('dev');
const orm = await openOrm(services.databaseUrl);
try {
  const applied = await migrate(orm);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await orm.close();
}
