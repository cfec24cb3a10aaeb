import { Migration20261122030312_initial } from './Migration20261122030312_initial.ts';

/** Every migration, in order. Generate a new one with `bash scripts/bootstrap.sh migration-create <name>`. */
export const migrationsList = [{ name: 'Migration20261122030312_initial', class: Migration20261122030312_initial }];
