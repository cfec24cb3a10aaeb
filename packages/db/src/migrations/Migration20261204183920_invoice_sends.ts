import { Migration } from '@mikro-orm/migrations';

/**
 * Invoices sent by email: one row per request (recipients, message, language, who asked), with
 * what became of it (queued → sent with the SMTP message id, or failed with the error).
 */
export class Migration20261204183920_invoice_sends extends Migration {

  override name = 'Migration20261204183920_invoice_sends';

  override up(): void | Promise<void> {
    this.addSql(`create table "invoice_sends" ("id" uuid not null, "invoice_id" uuid not null, "to_addresses" jsonb not null, "cc_addresses" jsonb not null, "message" text null, "language" text not null, "requested_by_id" uuid null, "requested_at" timestamptz not null, "status" text not null default 'queued', "sent_at" timestamptz null, "error" text null, "message_id" varchar(500) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "invoice_sends_invoice_index" on "invoice_sends" ("invoice_id", "requested_at");`);
    this.addSql(`alter table "invoice_sends" add constraint "invoice_sends_invoice_id_foreign" foreign key ("invoice_id") references "invoices" ("id") on delete cascade;`);
    this.addSql(`alter table "invoice_sends" add constraint "invoice_sends_requested_by_id_foreign" foreign key ("requested_by_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "invoice_sends" add constraint "invoice_sends_sent_at" check ((status = 'sent') = (sent_at is not null));`);
    this.addSql(`alter table "invoice_sends" add constraint "invoice_sends_language_check" check ("language" in ('de', 'en'));`);
    this.addSql(`alter table "invoice_sends" add constraint "invoice_sends_status_check" check ("status" in ('queued', 'sent', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "invoice_sends" cascade;`);
  }

}
