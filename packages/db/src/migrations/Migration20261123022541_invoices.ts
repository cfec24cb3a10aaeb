import { Migration } from '@mikro-orm/migrations';

export class Migration20261123022541_invoices extends Migration {

  override name = 'Migration20261123022541_invoices';

  override up(): void | Promise<void> {
    this.addSql(`create table "outbox" ("id" bigserial primary key, "queue" varchar(60) not null, "name" varchar(60) not null, "job_id" varchar(200) not null, "payload" jsonb not null, "created_at" timestamptz not null, "dispatched_at" timestamptz null);`);
    this.addSql(`create index "outbox_pending" on "outbox" ("id") where "dispatched_at" is null;`);

    this.addSql(`create table "notifications" ("id" uuid not null, "employee_id" uuid not null, "kind" varchar(60) not null, "title" varchar(300) not null, "body" text null, "entity" varchar(60) null, "entity_id" uuid null, "dedupe_key" varchar(200) null, "read_at" timestamptz null, "emailed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "notifications" add constraint "notifications_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "notifications_employee_created_index" on "notifications" ("employee_id", "created_at");`);

    this.addSql(`create table "documents" ("id" uuid not null, "kind" varchar(30) not null default 'upload', "file_name" varchar(255) not null, "mime_type" varchar(100) not null, "size_bytes" bigint not null, "sha256" varchar(64) not null, "storage_key" varchar(500) not null, "owner_id" uuid null, "entity" varchar(60) null, "entity_id" uuid null, "confidential" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "documents_entity_entity_id_index" on "documents" ("entity", "entity_id");`);

    this.addSql(`create table "invoices" ("id" uuid not null, "type" text not null, "status" text not null default 'draft', "number" varchar(60) null, "customer_id" uuid not null, "project_id" uuid null, "responsible_id" uuid null, "created_by_id" uuid null, "language" text not null default 'de', "reverse_charge" boolean not null default false, "tax_case" text not null default 'standard', "issue_date" date null, "service_date" date null, "service_period_from" date null, "service_period_to" date null, "payment_terms_days" int not null, "due_date" date null, "valid_until" date null, "intro_text" text null, "payment_terms" text null, "footer_text" text null, "notes" text null, "net_total" numeric(14,2) not null default '0', "tax_total" numeric(14,2) not null default '0', "gross_total" numeric(14,2) not null default '0', "tax_breakdown" jsonb not null, "paid_amount" numeric(14,2) not null default '0', "seller" jsonb null, "buyer" jsonb null, "cancels_id" uuid null, "corrects_id" uuid null, "source_quote_id" uuid null, "cancellation_reason" text null, "finalized_at" timestamptz null, "sent_at" timestamptz null, "paid_at" timestamptz null, "cancelled_at" timestamptz null, "pdf_document_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "invoices" add constraint "invoices_number_unique" unique ("number");`);
    this.addSql(`create index "invoices_customer_id_index" on "invoices" ("customer_id");`);
    this.addSql(`create index "invoices_project_id_index" on "invoices" ("project_id");`);
    this.addSql(`alter table "invoices" add constraint "invoices_cancels_id_unique" unique ("cancels_id");`);
    this.addSql(`alter table "invoices" add constraint "invoices_source_quote_id_unique" unique ("source_quote_id");`);
    this.addSql(`create index "invoices_status_due_index" on "invoices" ("status", "due_date");`);
    this.addSql(`create index "invoices_issue_date_index" on "invoices" ("issue_date") include ("type", "status", "net_total", "customer_id");`);
    this.addSql(`create index "invoices_created_at_index" on "invoices" ("created_at", "id");`);
    this.addSql(`create index "invoices_customer_issue_index" on "invoices" ("customer_id", "issue_date");`);

    this.addSql(`create table "payments" ("id" uuid not null, "invoice_id" uuid not null, "amount" numeric(14,2) not null, "payment_date" date not null, "method" text not null, "reference" varchar(200) null, "notes" text null, "created_by_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "payments_invoice_id_index" on "payments" ("invoice_id");`);
    this.addSql(`create index "payments_date_index" on "payments" ("payment_date") include ("amount", "invoice_id");`);

    this.addSql(`create table "invoice_lines" ("id" uuid not null, "invoice_id" uuid not null, "position" int not null, "description" text not null, "quantity" numeric(14,4) not null, "unit" varchar(20) not null, "unit_price" numeric(12,2) not null, "tax_rate" smallint not null, "net_amount" numeric(14,2) not null, primary key ("id"));`);
    this.addSql(`create index "invoice_lines_invoice_id_index" on "invoice_lines" ("invoice_id");`);

    this.addSql(`alter table "company_settings" add "small_business" boolean not null default false, add "pdf_template_path" varchar(500) null, add "reminder_days_before_due" int not null default 3;`);

    this.addSql(`alter table "time_entries" add "invoice_line_id" uuid null;`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_invoice_line_id_foreign" foreign key ("invoice_line_id") references "invoice_lines" ("id") on delete set null;`);
    this.addSql(`create index "time_entries_invoice_line_id_index" on "time_entries" ("invoice_line_id");`);

    this.addSql(`alter table "notifications" add constraint "notifications_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on delete cascade;`);

    this.addSql(`alter table "documents" add constraint "documents_owner_id_foreign" foreign key ("owner_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "documents" add constraint "documents_size_not_negative" check (size_bytes >= 0);`);

    this.addSql(`alter table "invoices" add constraint "invoices_customer_id_foreign" foreign key ("customer_id") references "customers" ("id");`);
    this.addSql(`alter table "invoices" add constraint "invoices_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete set null;`);
    this.addSql(`alter table "invoices" add constraint "invoices_responsible_id_foreign" foreign key ("responsible_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "invoices" add constraint "invoices_created_by_id_foreign" foreign key ("created_by_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "invoices" add constraint "invoices_pdf_document_id_foreign" foreign key ("pdf_document_id") references "documents" ("id") on delete set null;`);
    this.addSql(`alter table "invoices" add constraint "invoices_number_when_final" check ((status = 'draft') = (number is null));`);
    this.addSql(`alter table "invoices" add constraint "invoices_issue_date_when_final" check (status = 'draft' or issue_date is not null);`);
    this.addSql(`alter table "invoices" add constraint "invoices_paid_within_total" check (type <> 'invoice' or (paid_amount >= 0 and paid_amount <= gross_total));`);
    this.addSql(`alter table "invoices" add constraint "invoices_cancellation_link" check ((type = 'cancellation') = (cancels_id is not null));`);
    this.addSql(`alter table "invoices" add constraint "invoices_period_in_order" check (service_period_to is null or service_period_from is null or service_period_to >= service_period_from);`);
    this.addSql(`alter table "invoices" add constraint "invoices_type_check" check ("type" in ('invoice', 'quote', 'cancellation'));`);
    this.addSql(`alter table "invoices" add constraint "invoices_status_check" check ("status" in ('draft', 'finalized', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled', 'accepted', 'rejected', 'expired'));`);
    this.addSql(`alter table "invoices" add constraint "invoices_language_check" check ("language" in ('de', 'en'));`);
    this.addSql(`alter table "invoices" add constraint "invoices_tax_case_check" check ("tax_case" in ('standard', 'small_business', 'reverse_charge'));`);

    this.addSql(`alter table "payments" add constraint "payments_invoice_id_foreign" foreign key ("invoice_id") references "invoices" ("id");`);
    this.addSql(`alter table "payments" add constraint "payments_created_by_id_foreign" foreign key ("created_by_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "payments" add constraint "payments_amount_positive" check (amount > 0);`);
    this.addSql(`alter table "payments" add constraint "payments_method_check" check ("method" in ('bank_transfer', 'card', 'cash', 'paypal', 'other'));`);

    this.addSql(`alter table "invoice_lines" add constraint "invoice_lines_invoice_id_foreign" foreign key ("invoice_id") references "invoices" ("id") on delete cascade;`);
    this.addSql(`alter table "invoice_lines" add constraint "invoice_lines_tax_rate" check (tax_rate in (0, 7, 19));`);

    // Links between documents (kept as plain ids in the entity; the database keeps them valid).
    this.addSql(`alter table "invoices" add constraint "invoices_cancels_id_foreign" foreign key ("cancels_id") references "invoices" ("id");`);
    this.addSql(`alter table "invoices" add constraint "invoices_corrects_id_foreign" foreign key ("corrects_id") references "invoices" ("id") on delete set null;`);
    this.addSql(`alter table "invoices" add constraint "invoices_source_quote_id_foreign" foreign key ("source_quote_id") references "invoices" ("id") on delete set null;`);
    this.addSql(`create index "invoices_open_due_index" on "invoices" ("due_date") include ("gross_total", "paid_amount", "customer_id") where type = 'invoice' and status in ('finalized', 'sent', 'partially_paid', 'overdue');`);
    // One archived PDF per finalized document, however often its render job runs.
    this.addSql(`create unique index "documents_one_invoice_pdf" on "documents" ("entity_id") where kind = 'invoice_pdf';`);
    this.addSql(`create index "invoice_lines_invoice_position_index" on "invoice_lines" ("invoice_id", "position");`);
    // Statistics: days to payment over the invoices paid in a year; search by number.
    this.addSql(`create index "invoices_paid_at_index" on "invoices" ("paid_at") include ("type", "issue_date", "customer_id") where status = 'paid';`);
    this.addSql(`create index "invoices_number_trgm" on "invoices" using gin (lower("number") gin_trgm_ops);`);
    // An invoice's history finds its payments, deleted ones included, through their audit rows.
    this.addSql(`create index "audit_log_payment_invoice" on "audit_log" ((changes->'invoice'->>'after')) where entity = 'payment' and action = 'create';`);

    // GoBD: a finalized document never changes and is never deleted. Only its status, payment
    // state, sending and PDF link move; everything printed is frozen. The services refuse it
    // first; this trigger makes sure nothing else (a script, a bug, a psql session) can.
    this.addSql(`create or replace function invoices_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'Document % is finalized and can never be deleted; cancel it instead', old.number using errcode = 'check_violation', constraint = 'invoices_immutable';
    end if;
    return old;
  end if;
  if old.status <> 'draft' and (
       new.status = 'draft'
    or (new.type, new.number, new.customer_id, new.project_id, new.language, new.reverse_charge, new.tax_case, new.issue_date,
        new.service_date, new.service_period_from, new.service_period_to, new.payment_terms_days, new.due_date, new.valid_until,
        new.intro_text, new.payment_terms, new.footer_text, new.net_total, new.tax_total, new.gross_total, new.tax_breakdown,
        new.seller, new.buyer, new.cancels_id, new.corrects_id, new.source_quote_id, new.finalized_at, new.created_at)
       is distinct from
       (old.type, old.number, old.customer_id, old.project_id, old.language, old.reverse_charge, old.tax_case, old.issue_date,
        old.service_date, old.service_period_from, old.service_period_to, old.payment_terms_days, old.due_date, old.valid_until,
        old.intro_text, old.payment_terms, old.footer_text, old.net_total, old.tax_total, old.gross_total, old.tax_breakdown,
        old.seller, old.buyer, old.cancels_id, old.corrects_id, old.source_quote_id, old.finalized_at, old.created_at)
  ) then
    raise exception 'Document % is finalized and cannot be changed; cancel it and correct a copy', old.number using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "invoices_immutable" before update or delete on "invoices" for each row execute function invoices_immutable();`);

    this.addSql(`create or replace function invoice_lines_immutable() returns trigger language plpgsql as $$
declare
  parent_status text;
begin
  select status into parent_status from invoices where id = case when tg_op = 'INSERT' then new.invoice_id else old.invoice_id end;
  if tg_op = 'UPDATE' and new.invoice_id <> old.invoice_id then
    raise exception 'A line cannot move to another document' using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  -- No parent row: the document itself is being deleted (a draft, or the delete was refused above).
  if parent_status is not null and parent_status <> 'draft' then
    raise exception 'The lines of a finalized document cannot change' using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;`);
    this.addSql(`create trigger "invoice_lines_immutable" before insert or update or delete on "invoice_lines" for each row execute function invoice_lines_immutable();`);

    // An entry counts as invoiced exactly while an invoice line bills it, however the link changes
    // (set by invoicing, cleared when the draft's line goes away).
    this.addSql(`create or replace function time_entries_invoiced_flag() returns trigger language plpgsql as $$
begin
  if new.invoice_line_id is distinct from old.invoice_line_id then
    new.is_invoiced := new.invoice_line_id is not null;
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "time_entries_invoiced_flag" before update of "invoice_line_id" on "time_entries" for each row execute function time_entries_invoiced_flag();`);

    // Built-in roles of existing installations gain the invoice permissions.
    const grant = (role: string, permissions: string[]) =>
      this.addSql(
        `update "roles" set "permissions" = (select jsonb_agg(distinct p) from jsonb_array_elements_text("permissions" || '${JSON.stringify(permissions)}'::jsonb) p) where "name" = '${role}' and "is_system";`,
      );
    grant('Manager', ['invoices.read', 'invoices.write', 'invoices.finalize', 'invoices.delete']);
    grant('Accountant', ['invoices.*']);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoices" drop constraint "invoices_pdf_document_id_foreign";`);
    this.addSql(`alter table "payments" drop constraint "payments_invoice_id_foreign";`);
    this.addSql(`alter table "invoice_lines" drop constraint "invoice_lines_invoice_id_foreign";`);
    this.addSql(`alter table "time_entries" drop constraint "time_entries_invoice_line_id_foreign";`);

    this.addSql(`drop table if exists "outbox" cascade;`);
    this.addSql(`drop table if exists "notifications" cascade;`);
    this.addSql(`drop table if exists "documents" cascade;`);
    this.addSql(`drop table if exists "invoices" cascade;`);
    this.addSql(`drop table if exists "payments" cascade;`);
    this.addSql(`drop table if exists "invoice_lines" cascade;`);

    this.addSql(`alter table "company_settings" drop column "small_business", drop column "pdf_template_path", drop column "reminder_days_before_due";`);

    this.addSql(`drop index "time_entries_invoice_line_id_index";`);
    this.addSql(`drop trigger if exists "time_entries_invoiced_flag" on "time_entries";`);
    this.addSql(`drop function if exists time_entries_invoiced_flag();`);
    this.addSql(`alter table "time_entries" drop column "invoice_line_id";`);
    this.addSql(`drop function if exists invoices_immutable();`);
    this.addSql(`drop function if exists invoice_lines_immutable();`);
  }

}
