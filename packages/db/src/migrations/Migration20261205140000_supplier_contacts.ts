import { Migration } from '@mikro-orm/migrations';

/** People at a supplier (issue 17): at most one primary contact per supplier, enforced by a partial unique index. */
export class Migration20261205140000_supplier_contacts extends Migration {

  override name = 'Migration20261205140000_supplier_contacts';

  override up(): void | Promise<void> {
    this.addSql(`create table "supplier_contacts" ("id" uuid not null, "supplier_id" uuid not null references "suppliers" ("id") on delete cascade, "name" varchar(200) not null, "position" varchar(100) null, "email" varchar(254) null, "phone" varchar(50) null, "is_primary" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "supplier_contacts_supplier_id_index" on "supplier_contacts" ("supplier_id", "name");`);
    this.addSql(`create unique index "supplier_contacts_one_primary" on "supplier_contacts" ("supplier_id") where "is_primary";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "supplier_contacts" cascade;`);
  }

}
