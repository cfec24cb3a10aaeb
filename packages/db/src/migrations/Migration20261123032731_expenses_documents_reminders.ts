import { Migration } from '@mikro-orm/migrations';

export class Migration20261123032731_expenses_documents_reminders extends Migration {

  override name = 'Migration20261123032731_expenses_documents_reminders';

  override up(): void | Promise<void> {
    this.addSql(`create table "reminders" ("id" uuid not null, "title" varchar(200) not null, "description" text null, "due_date" date not null, "priority" text not null default 'medium', "owner_id" uuid not null, "status" text not null default 'open', "entity" varchar(60) null, "entity_id" uuid null, "notified" boolean not null default false, "completed_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "reminders_owner_due_index" on "reminders" ("owner_id", "due_date");`);
    this.addSql(`create index "reminders_open_due_index" on "reminders" ("due_date") where status = 'open';`);
    this.addSql(`create index "reminders_entity_index" on "reminders" ("entity", "entity_id");`);

    this.addSql(`create table "dashboards" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(100) not null, "config" jsonb not null, "is_default" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "dashboards_owner_id_index" on "dashboards" ("owner_id");`);
    this.addSql(`create unique index "dashboards_one_default" on "dashboards" ("owner_id") where is_default;`);

    this.addSql(`create table "expenses" ("id" uuid not null, "employee_id" uuid not null, "project_id" uuid null, "invoice_id" uuid null, "category" text not null, "title" varchar(200) not null, "description" text null, "net_amount" numeric(12,2) not null, "tax_rate" smallint not null, "tax_amount" numeric(12,2) not null, "gross_amount" numeric(12,2) not null, "expense_date" date not null, "receipt_id" uuid null, "notes" text null, "billable" boolean not null default false, "invoice_line_id" uuid null, "reimbursed" boolean not null default false, "reimbursed_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "expenses_employee_id_index" on "expenses" ("employee_id");`);
    this.addSql(`create index "expenses_project_id_index" on "expenses" ("project_id");`);
    this.addSql(`create index "expenses_invoice_id_index" on "expenses" ("invoice_id");`);
    this.addSql(`create index "expenses_expense_date_index" on "expenses" ("expense_date");`);
    this.addSql(`create index "expenses_invoice_line_id_index" on "expenses" ("invoice_line_id");`);

    this.addSql(`create table "document_versions" ("id" uuid not null, "document_id" uuid not null, "version" int not null, "file_name" varchar(255) not null, "mime_type" varchar(100) not null, "size_bytes" bigint not null, "sha256" varchar(64) not null, "storage_key" varchar(500) not null, "uploaded_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "document_versions" add constraint "document_versions_document_version_unique" unique ("document_id", "version");`);

    this.addSql(`alter table "audit_log" drop constraint "audit_log_action_check";`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_action_check" check ("action" in ('create', 'update', 'delete', 'restore', 'login', 'logout', 'access'));`);

    this.addSql(`alter table "documents" add "title" varchar(255) null, add "category" varchar(100) null, add "version" int not null default 1, add "deleted_at" timestamptz null;`);
    this.addSql(`create index "documents_owner_sha256_index" on "documents" ("owner_id", "sha256");`);

    this.addSql(`alter table "reminders" add constraint "reminders_owner_id_foreign" foreign key ("owner_id") references "employees" ("id") on delete cascade;`);
    this.addSql(`alter table "reminders" add constraint "reminders_priority_check" check ("priority" in ('low', 'medium', 'high', 'critical'));`);
    this.addSql(`alter table "reminders" add constraint "reminders_status_check" check ("status" in ('open', 'done', 'overdue'));`);

    this.addSql(`alter table "dashboards" add constraint "dashboards_owner_id_foreign" foreign key ("owner_id") references "employees" ("id") on delete cascade;`);

    this.addSql(`alter table "expenses" add constraint "expenses_employee_id_foreign" foreign key ("employee_id") references "employees" ("id");`);
    this.addSql(`alter table "expenses" add constraint "expenses_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete set null;`);
    this.addSql(`alter table "expenses" add constraint "expenses_invoice_id_foreign" foreign key ("invoice_id") references "invoices" ("id") on delete set null;`);
    this.addSql(`alter table "expenses" add constraint "expenses_receipt_id_foreign" foreign key ("receipt_id") references "documents" ("id") on delete set null;`);
    this.addSql(`alter table "expenses" add constraint "expenses_invoice_line_id_foreign" foreign key ("invoice_line_id") references "invoice_lines" ("id") on delete set null;`);
    this.addSql(`alter table "expenses" add constraint "expenses_net_not_negative" check (net_amount >= 0);`);
    this.addSql(`alter table "expenses" add constraint "expenses_tax_rate" check (tax_rate in (0, 7, 19));`);
    this.addSql(`alter table "expenses" add constraint "expenses_category_check" check ("category" in ('travel', 'material', 'software', 'personnel', 'service', 'other'));`);

    this.addSql(`alter table "document_versions" add constraint "document_versions_document_id_foreign" foreign key ("document_id") references "documents" ("id") on delete cascade;`);
    this.addSql(`alter table "document_versions" add constraint "document_versions_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "employees" ("id") on delete set null;`);

    // Existing documents (invoice PDFs) get their first version row.
    this.addSql(`insert into "document_versions" ("id", "document_id", "version", "file_name", "mime_type", "size_bytes", "sha256", "storage_key", "uploaded_by_id", "created_at")
                 select gen_random_uuid(), d.id, 1, d.file_name, d.mime_type, d.size_bytes, d.sha256, d.storage_key, d.owner_id, d.created_at from "documents" d;`);
    // Statistics and dashboards: expenses per project and category over a period; revenue per project.
    this.addSql(`create index "expenses_project_date_index" on "expenses" ("project_id", "expense_date") include ("net_amount", "category");`);
    this.addSql(`create index "invoices_project_paid_index" on "invoices" ("project_id") include ("net_total", "paid_at") where status = 'paid';`);

    // Built-in roles of existing installations gain the new modules' permissions.
    const grant = (role: string, permissions: string[]) =>
      this.addSql(
        `update "roles" set "permissions" = (select jsonb_agg(distinct p) from jsonb_array_elements_text("permissions" || '${JSON.stringify(permissions)}'::jsonb) p) where "name" = '${role}' and "is_system";`,
      );
    grant('Manager', ['documents.read', 'documents.write', 'finance.read', 'finance.write']);
    grant('Employee', ['documents.read', 'documents.write', 'finance.write']);
    grant('Accountant', ['documents.read', 'documents.write', 'documents.confidential', 'finance.*']);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "reminders" cascade;`);
    this.addSql(`drop table if exists "dashboards" cascade;`);
    this.addSql(`drop table if exists "expenses" cascade;`);
    this.addSql(`drop table if exists "document_versions" cascade;`);

    this.addSql(`alter table "audit_log" drop constraint "audit_log_action_check";`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_action_check" check ("action" in ('create', 'update', 'delete', 'restore', 'login', 'logout'));`);

    this.addSql(`drop index "documents_owner_sha256_index";`);
    this.addSql(`alter table "documents" drop column "title", drop column "category", drop column "version", drop column "deleted_at";`);
  }

}
