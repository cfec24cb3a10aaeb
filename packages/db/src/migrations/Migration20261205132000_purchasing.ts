import { Migration } from '@mikro-orm/migrations';

/**
 * Purchasing (issue 17): purchase orders (BE-…) to a supplier, goods receipts (WE-…, partial,
 * with an optional quality check that rejects into the blocked location) and links of received
 * quantities to received supplier invoices. Per order line: 0 ≤ invoiced ≤ received ≤ ordered.
 */
export class Migration20261205132000_purchasing extends Migration {

  override name = 'Migration20261205132000_purchasing';

  override up(): void | Promise<void> {
    this.addSql(`create table "purchase_orders" (
      "id" uuid primary key default gen_random_uuid(),
      "number" varchar(40) not null unique,
      "supplier_id" uuid not null references "suppliers" ("id"),
      "location_id" uuid not null references "stock_locations" ("id"),
      "order_date" date not null,
      "created_by" uuid null references "employees" ("id"),
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "purchase_orders_supplier" on "purchase_orders" ("supplier_id");`);
    this.addSql(`create table "purchase_order_lines" (
      "id" uuid primary key default gen_random_uuid(),
      "order_id" uuid not null references "purchase_orders" ("id"),
      "position" int not null,
      "article_id" uuid not null references "articles" ("id"),
      "unit_price" numeric(14,4) not null check ("unit_price" >= 0),
      "quantity" bigint not null check ("quantity" > 0),
      "received" bigint not null default 0,
      "rejected" bigint not null default 0,
      "invoiced" bigint not null default 0,
      constraint "purchase_order_lines_chain" check (0 <= "invoiced" and "invoiced" <= "received" and "received" <= "quantity"),
      constraint "purchase_order_lines_rejected" check ("rejected" >= 0 and "rejected" <= "received"),
      constraint "purchase_order_lines_position" unique ("order_id", "position")
    );`);
    this.addSql(`create table "goods_receipts" (
      "id" uuid primary key default gen_random_uuid(),
      "number" varchar(40) not null unique,
      "order_id" uuid not null references "purchase_orders" ("id"),
      "received_on" date not null,
      "created_by" uuid null references "employees" ("id"),
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "goods_receipts_order" on "goods_receipts" ("order_id");`);
    this.addSql(`create table "goods_receipt_lines" (
      "receipt_id" uuid not null references "goods_receipts" ("id"),
      "order_line_id" uuid not null references "purchase_order_lines" ("id"),
      "quantity" bigint not null check ("quantity" > 0),
      "rejected" bigint not null default 0 check ("rejected" >= 0 and "rejected" <= "quantity"),
      primary key ("receipt_id", "order_line_id")
    );`);
    this.addSql(`create table "purchase_invoice_lines" (
      "supplier_invoice_id" uuid not null references "supplier_invoices" ("id"),
      "order_line_id" uuid not null references "purchase_order_lines" ("id"),
      "quantity" bigint not null check ("quantity" > 0),
      primary key ("supplier_invoice_id", "order_line_id")
    );`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "purchase_invoice_lines";`);
    this.addSql(`drop table if exists "goods_receipt_lines";`);
    this.addSql(`drop table if exists "goods_receipts";`);
    this.addSql(`drop table if exists "purchase_order_lines";`);
    this.addSql(`drop table if exists "purchase_orders";`);
  }

}
