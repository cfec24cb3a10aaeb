import { Migration } from '@mikro-orm/migrations';

/**
 * Recurring invoices (issue 15): the templates, and one row per billed period. The unique
 * (template_id, period_start) decides that a period is billed once, under any number of workers.
 */
export class Migration20261205070331_recurring_invoices extends Migration {

  override name = 'Migration20261205070331_recurring_invoices';

  override up(): void | Promise<void> {
    this.addSql(`create table "recurring_invoices" ("id" uuid not null, "name" varchar(200) not null, "customer_id" uuid not null, "interval" text not null, "start_date" date not null, "end_date" date null, "next_date" date null, "language" text null, "payment_terms_days" int null, "intro_text" text null, "footer_text" text null, "notes" text null, "lines" jsonb not null, "active" boolean not null default true, "auto_finalize" boolean not null default false, "auto_send" boolean not null default false, "created_by_id" uuid null, "last_error" text null, "last_error_at" timestamptz null, "deleted_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "recurring_invoices_customer_id_index" on "recurring_invoices" ("customer_id");`);
    // The run asks for active templates whose next period has started: only those are in this index.
    this.addSql(`create index "recurring_invoices_due_index" on "recurring_invoices" ("next_date") where active and deleted_at is null and next_date is not null;`);
    this.addSql(`create table "recurring_invoice_periods" ("id" uuid not null, "template_id" uuid not null, "period_start" date not null, "period_end" date not null, "invoice_id" uuid null, "finalize_error" text null, "send_status" text null, "send_error" text null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "recurring_invoice_periods_invoice_id_index" on "recurring_invoice_periods" ("invoice_id");`);
    this.addSql(`alter table "recurring_invoice_periods" add constraint "recurring_invoice_periods_once" unique ("template_id", "period_start");`);
    this.addSql(`alter table "recurring_invoices" add constraint "recurring_invoices_customer_id_foreign" foreign key ("customer_id") references "customers" ("id");`);
    this.addSql(`alter table "recurring_invoices" add constraint "recurring_invoices_created_by_id_foreign" foreign key ("created_by_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "recurring_invoices" add constraint "recurring_invoices_end_after_start" check (end_date is null or end_date >= start_date);`);
    this.addSql(`alter table "recurring_invoices" add constraint "recurring_invoices_send_needs_finalize" check (not auto_send or auto_finalize);`);
    this.addSql(`alter table "recurring_invoices" add constraint "recurring_invoices_interval_check" check ("interval" in ('monthly', 'quarterly', 'yearly'));`);
    this.addSql(`alter table "recurring_invoices" add constraint "recurring_invoices_language_check" check ("language" in ('de', 'en'));`);
    this.addSql(`alter table "recurring_invoice_periods" add constraint "recurring_invoice_periods_template_id_foreign" foreign key ("template_id") references "recurring_invoices" ("id") on delete cascade;`);
    this.addSql(`alter table "recurring_invoice_periods" add constraint "recurring_invoice_periods_invoice_id_foreign" foreign key ("invoice_id") references "invoices" ("id") on delete set null;`);
    this.addSql(`alter table "recurring_invoice_periods" add constraint "recurring_invoice_periods_in_order" check (period_end >= period_start);`);
    this.addSql(`alter table "recurring_invoice_periods" add constraint "recurring_invoice_periods_send_status_check" check (send_status in ('pending', 'claimed', 'requested', 'failed'));`);
    // The automatic emails still to ask for (normally none: a run asks right after billing).
    this.addSql(`create index "recurring_invoice_periods_send_pending" on "recurring_invoice_periods" ("created_at") where send_status = 'pending';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recurring_invoice_periods" cascade;`);
    this.addSql(`drop table if exists "recurring_invoices" cascade;`);
  }

}
