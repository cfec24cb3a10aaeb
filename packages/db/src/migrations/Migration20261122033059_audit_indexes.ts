import { Migration } from '@mikro-orm/migrations';

export class Migration20261122033059_audit_indexes extends Migration {

  override name = 'Migration20261122033059_audit_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "audit_log_actor_id_at_index" on "audit_log" ("actor_id", "at");`);
    this.addSql(`create index "audit_log_contact_customer" on "audit_log" ((changes->'customer'->>'after')) where entity = 'contact';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "audit_log_actor_id_at_index";`);
    this.addSql(`drop index "audit_log_contact_customer";`);
  }

}
