import { Migration } from '@mikro-orm/migrations';

const GRANTS: Array<[string, string]> = [
  ['Manager', 'orders.read'],
  ['Manager', 'orders.write'],
  ['Employee', 'orders.read'],
  ['Accountant', 'orders.*'],
];

/**
 * Sales orders (issue 17): order confirmations (AB-…), the stock they reserve, delivery notes
 * (LS-…, partial) and invoice drafts from what was delivered and not yet invoiced. Per order
 * line the database holds 0 ≤ invoiced ≤ delivered ≤ ordered, and reserves at most what is
 * still to deliver.
 */
export class Migration20261205131000_sales_orders extends Migration {

  override name = 'Migration20261205131000_sales_orders';

  override up(): void | Promise<void> {
    this.addSql(`create table "sales_orders" (
      "id" uuid primary key default gen_random_uuid(),
      "number" varchar(40) not null unique,
      "customer_id" uuid not null references "customers" ("id"),
      "location_id" uuid not null references "stock_locations" ("id"),
      "source_quote_id" uuid null references "invoices" ("id"),
      "order_date" date not null,
      "created_by" uuid null references "employees" ("id"),
      "created_at" timestamptz not null default now(),
      "version" int not null default 1,
      "pdf_storage_key" varchar(300) null,
      "pdf_sha256" varchar(64) null
    );`);
    this.addSql(`create index "sales_orders_customer" on "sales_orders" ("customer_id");`);
    this.addSql(`create table "sales_order_lines" (
      "id" uuid primary key default gen_random_uuid(),
      "order_id" uuid not null references "sales_orders" ("id"),
      "position" int not null,
      "article_id" uuid not null references "articles" ("id"),
      "description" varchar(2000) not null,
      "unit" varchar(3) not null,
      "unit_price" numeric(14,4) not null check ("unit_price" >= 0),
      "vat_rate" numeric(5,2) not null check ("vat_rate" in (0, 7, 19)),
      "quantity" bigint not null check ("quantity" > 0),
      "reserved" bigint not null default 0,
      "delivered" bigint not null default 0,
      "invoiced" bigint not null default 0,
      constraint "sales_order_lines_chain" check (0 <= "invoiced" and "invoiced" <= "delivered" and "delivered" <= "quantity"),
      constraint "sales_order_lines_reserved" check ("reserved" >= 0 and "reserved" <= "quantity" - "delivered"),
      constraint "sales_order_lines_position" unique ("order_id", "position")
    );`);
    this.addSql(`create table "delivery_notes" (
      "id" uuid primary key default gen_random_uuid(),
      "number" varchar(40) not null unique,
      "order_id" uuid not null references "sales_orders" ("id"),
      "delivered_on" date not null,
      "created_by" uuid null references "employees" ("id"),
      "created_at" timestamptz not null default now(),
      "pdf_storage_key" varchar(300) null,
      "pdf_sha256" varchar(64) null
    );`);
    this.addSql(`create index "delivery_notes_order" on "delivery_notes" ("order_id");`);
    this.addSql(`create table "delivery_note_lines" (
      "delivery_note_id" uuid not null references "delivery_notes" ("id"),
      "order_line_id" uuid not null references "sales_order_lines" ("id"),
      "quantity" bigint not null check ("quantity" > 0),
      primary key ("delivery_note_id", "order_line_id")
    );`);
    this.addSql(`create table "sales_order_invoice_lines" (
      "invoice_id" uuid not null references "invoices" ("id"),
      "order_line_id" uuid not null references "sales_order_lines" ("id"),
      "quantity" bigint not null check ("quantity" > 0),
      primary key ("invoice_id", "order_line_id")
    );`);
    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`);
    }
  }

  override down(): void | Promise<void> {
    for (const [role, permission] of GRANTS) this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
    this.addSql(`drop table if exists "sales_order_invoice_lines";`);
    this.addSql(`drop table if exists "delivery_note_lines";`);
    this.addSql(`drop table if exists "delivery_notes";`);
    this.addSql(`drop table if exists "sales_order_lines";`);
    this.addSql(`drop table if exists "sales_orders";`);
  }

}
