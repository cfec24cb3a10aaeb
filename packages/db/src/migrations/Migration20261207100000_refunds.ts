import { Migration } from '@mikro-orm/migrations';

/**
 * Refunds (Erstattungen): money paid back to the customer for an overpaid invoice. The invoice's
 * `paid_amount` becomes payments − refunds (the services keep it so); the audit index lets an
 * invoice's history find its refunds, deleted ones included, as it does for payments.
 */
export class Migration20261207100000_refunds extends Migration {

  override name = 'Migration20261207100000_refunds';

  override up(): void | Promise<void> {
    this.addSql(`create table "refunds" (
  "id" uuid not null primary key,
  "invoice_id" uuid not null references "invoices" ("id"),
  "amount" numeric(14,2) not null,
  "refund_date" date not null,
  "method" text not null,
  "reference" varchar(200) null,
  "notes" text null,
  "created_by_id" uuid null references "employees" ("id") on delete set null,
  "version" int not null default 1,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  constraint "refunds_amount_positive" check (amount > 0),
  constraint "refunds_method_check" check ("method" in ('bank_transfer', 'card', 'cash', 'paypal', 'other'))
);`);
    this.addSql(`create index "refunds_invoice_id_index" on "refunds" ("invoice_id");`);
    this.addSql(`create index "audit_log_refund_invoice" on "audit_log" ((changes->'invoice'->>'after')) where entity = 'refund' and action = 'create';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "audit_log_refund_invoice";`);
    this.addSql(`drop table if exists "refunds" cascade;`);
  }

}
