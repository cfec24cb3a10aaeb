import { Migration } from '@mikro-orm/migrations';

const GRANTS: Array<[string, string]> = [
  ['Manager', 'inventory.read'],
  ['Manager', 'inventory.write'],
  ['Manager', 'inventory.manage'],
  ['Employee', 'inventory.read'],
  ['Employee', 'inventory.write'],
  ['Accountant', 'inventory.*'],
];

/**
 * Inventory (issue 17): articles with alternative units and prices, locations (warehouse → zone
 * → bin, and one of each virtual location), the append-only stock ledger with its balances, and
 * stocktakes. Quantities are whole numbers of the article's base unit (bigint); costs numeric(14,4).
 *
 * What must never break is enforced here, not only in the service: moves cannot be changed or
 * deleted; a balance of a location that holds goods never goes below zero and reserves at most
 * what is on hand; a move is never dated before the article's last one.
 */
export class Migration20261205130000_inventory extends Migration {

  override name = 'Migration20261205130000_inventory';

  override up(): void | Promise<void> {
    this.addSql(`create table "articles" (
      "id" uuid primary key default gen_random_uuid(),
      "number" varchar(40) not null,
      "name" varchar(200) not null,
      "description" text null,
      "base_unit" varchar(3) not null,
      "vat_rate" numeric(5,2) not null check ("vat_rate" in (0, 7, 19)),
      "stock_kept" boolean not null default true,
      "reorder_point" bigint null check ("reorder_point" >= 0),
      "reorder_quantity" bigint null check ("reorder_quantity" > 0),
      "average_cost" numeric(14,4) not null default 0 check ("average_cost" >= 0),
      "last_moved_on" date null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "articles_number_unique" unique ("number")
    );`);
    this.addSql(`create table "article_units" (
      "article_id" uuid not null references "articles" ("id") on delete cascade,
      "unit" varchar(3) not null,
      "factor" int not null check ("factor" >= 2),
      primary key ("article_id", "unit")
    );`);
    this.addSql(`create table "article_prices" (
      "article_id" uuid not null references "articles" ("id") on delete cascade,
      "min_quantity" bigint not null check ("min_quantity" >= 1),
      "net_price" numeric(14,4) not null check ("net_price" >= 0),
      primary key ("article_id", "min_quantity")
    );`);
    this.addSql(`create table "article_supplier_prices" (
      "article_id" uuid not null references "articles" ("id") on delete cascade,
      "supplier_id" uuid not null references "suppliers" ("id"),
      "supplier_article_number" varchar(60) null,
      "min_quantity" bigint not null check ("min_quantity" >= 1),
      "net_price" numeric(14,4) not null check ("net_price" >= 0),
      primary key ("article_id", "supplier_id", "min_quantity")
    );`);
    this.addSql(`create index "article_supplier_prices_supplier" on "article_supplier_prices" ("supplier_id");`);

    // Supplier, customer and loss are where goods come from and go to: their balances may go
    // negative. Every other location holds goods (transit and blocked too, though virtual).
    this.addSql(`create table "stock_locations" (
      "id" uuid primary key default gen_random_uuid(),
      "kind" varchar(20) not null check ("kind" in ('warehouse', 'zone', 'bin', 'supplier', 'customer', 'loss', 'transit', 'blocked')),
      "code" varchar(40) not null,
      "name" varchar(200) not null,
      "parent_id" uuid null references "stock_locations" ("id"),
      "virtual" boolean generated always as ("kind" not in ('warehouse', 'zone', 'bin')) stored,
      "may_go_negative" boolean generated always as ("kind" in ('supplier', 'customer', 'loss')) stored,
      "created_at" timestamptz not null default now(),
      constraint "stock_locations_id_negative" unique ("id", "may_go_negative"),
      constraint "stock_locations_parent" check (("kind" in ('zone', 'bin')) = ("parent_id" is not null))
    );`);
    this.addSql(`create unique index "stock_locations_code_unique" on "stock_locations" (coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid), lower("code"));`);
    this.addSql(`create unique index "stock_locations_one_virtual_per_kind" on "stock_locations" ("kind") where "virtual";`);
    this.addSql(`insert into "stock_locations" ("kind", "code", "name") values
      ('supplier', 'SUPPLIER', 'Lieferanten'), ('customer', 'CUSTOMER', 'Kunden'), ('loss', 'LOSS', 'Inventurdifferenzen und Schwund'),
      ('transit', 'TRANSIT', 'Unterwegs'), ('blocked', 'BLOCKED', 'Gesperrt (Qualitätsprüfung)');`);

    this.addSql(`create table "stock_moves" (
      "id" bigint generated always as identity primary key,
      "article_id" uuid not null references "articles" ("id"),
      "from_location_id" uuid not null references "stock_locations" ("id"),
      "to_location_id" uuid not null references "stock_locations" ("id"),
      "quantity" bigint not null check ("quantity" > 0),
      "unit_cost" numeric(14,4) not null check ("unit_cost" >= 0),
      "source_type" varchar(30) not null,
      "source_id" uuid null,
      "note" varchar(500) null,
      "moved_on" date not null,
      "created_at" timestamptz not null default now(),
      "created_by" uuid null references "employees" ("id"),
      constraint "stock_moves_two_locations" check ("from_location_id" <> "to_location_id")
    );`);
    this.addSql(`create index "stock_moves_article" on "stock_moves" ("article_id", "id");`);
    this.addSql(`create index "stock_moves_source" on "stock_moves" ("source_type", "source_id");`);
    this.addSql(`create function stock_moves_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'stock moves are append-only; post a correcting move instead' using errcode = 'check_violation', constraint = 'stock_moves_append_only';
end $$;`);
    this.addSql(`create trigger "stock_moves_no_change" before update or delete on "stock_moves" for each row execute function stock_moves_append_only();`);
    this.addSql(`create trigger "stock_moves_no_truncate" before truncate on "stock_moves" for each statement execute function stock_moves_append_only();`);
    // No backdating: a move is never dated before the article's last move (the service keeps
    // articles.last_moved_on, under the article's row lock).
    this.addSql(`create function stock_moves_not_backdated() returns trigger language plpgsql as $$
begin
  if exists (select 1 from articles where id = new.article_id and last_moved_on > new.moved_on) then
    raise exception 'a stock move cannot be dated before the article''s last move' using errcode = 'check_violation', constraint = 'stock_moves_not_backdated';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "stock_moves_not_backdated" before insert on "stock_moves" for each row execute function stock_moves_not_backdated();`);

    this.addSql(`create table "stock_balances" (
      "article_id" uuid not null references "articles" ("id"),
      "location_id" uuid not null,
      "may_go_negative" boolean not null,
      "on_hand" bigint not null default 0,
      "reserved" bigint not null default 0,
      primary key ("article_id", "location_id"),
      constraint "stock_balances_location" foreign key ("location_id", "may_go_negative") references "stock_locations" ("id", "may_go_negative"),
      constraint "stock_balances_on_hand_not_negative" check ("may_go_negative" or "on_hand" >= 0),
      constraint "stock_balances_reserved_within" check ("reserved" >= 0 and "reserved" <= greatest("on_hand", 0))
    );`);
    this.addSql(`create index "stock_balances_location" on "stock_balances" ("location_id", "article_id");`);

    this.addSql(`create table "stocktakes" (
      "id" uuid primary key default gen_random_uuid(),
      "number" varchar(40) not null unique,
      "status" varchar(10) not null default 'open' check ("status" in ('open', 'closed')),
      "counted_on" date not null,
      "started_at" timestamptz not null default now(),
      "started_by" uuid null references "employees" ("id"),
      "closed_at" timestamptz null,
      "closed_by" uuid null references "employees" ("id"),
      constraint "stocktakes_closed" check (("status" = 'closed') = ("closed_at" is not null))
    );`);
    this.addSql(`create table "stocktake_lines" (
      "id" uuid primary key default gen_random_uuid(),
      "stocktake_id" uuid not null references "stocktakes" ("id") on delete cascade,
      "location_id" uuid not null references "stock_locations" ("id"),
      "article_id" uuid not null references "articles" ("id"),
      "book_quantity" bigint not null,
      "counted_quantity" bigint null check ("counted_quantity" >= 0),
      "counted_at" timestamptz null,
      "counted_by" uuid null references "employees" ("id"),
      "posted_difference" bigint null,
      constraint "stocktake_lines_unique" unique ("stocktake_id", "location_id", "article_id")
    );`);

    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`);
    }
  }

  override down(): void | Promise<void> {
    for (const [role, permission] of GRANTS) this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
    this.addSql(`drop table if exists "stocktake_lines";`);
    this.addSql(`drop table if exists "stocktakes";`);
    this.addSql(`drop table if exists "stock_balances";`);
    this.addSql(`drop table if exists "stock_moves";`);
    this.addSql(`drop function if exists stock_moves_not_backdated();`);
    this.addSql(`drop function if exists stock_moves_append_only();`);
    this.addSql(`drop table if exists "stock_locations";`);
    this.addSql(`drop table if exists "article_supplier_prices";`);
    this.addSql(`drop table if exists "article_prices";`);
    this.addSql(`drop table if exists "article_units";`);
    this.addSql(`drop table if exists "articles";`);
  }

}
