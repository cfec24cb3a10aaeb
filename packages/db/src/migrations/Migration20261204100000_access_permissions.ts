import { Migration } from '@mikro-orm/migrations';

/**
 * New permissions for the built-in roles of existing installations (fresh ones get them from
 * SYSTEM_ROLES when the roles are seeded): Manager and Accountant may set hourly rates on time
 * entries (timeTracking.rates); Accountant and Auditor see every document (documents.readAll),
 * as they did before documents followed the visibility of their records. Roles an admin edited
 * keep their edits; only a missing permission is added.
 */
const GRANTS: Array<[string, string]> = [
  ['Manager', 'timeTracking.rates'],
  ['Accountant', 'timeTracking.rates'],
  ['Accountant', 'documents.readAll'],
  ['Auditor', 'documents.readAll'],
];

export class Migration20261204100000_access_permissions extends Migration {

  override name = 'Migration20261204100000_access_permissions';

  override up(): void | Promise<void> {
    for (const [role, permission] of GRANTS) {
      this.addSql(
        `update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`,
      );
    }
  }

  override down(): void | Promise<void> {
    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
    }
  }
}
