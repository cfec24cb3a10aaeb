import { Migration } from '@mikro-orm/migrations';

export class Migration20261122074959_time_tracking extends Migration {

  override name = 'Migration20261122074959_time_tracking';

  override up(): void | Promise<void> {
    // btree_gist lets the exclusion constraint combine "same employee" (=) with "time ranges overlap" (&&).
    // It is a trusted extension: the database owner may create it.
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create table "projects" ("id" uuid not null, "project_number" varchar(60) not null, "title" varchar(200) not null, "customer_id" uuid not null, "department_id" uuid null, "project_manager_id" uuid null, "status" text not null default 'planning', "priority" text not null default 'medium', "start_date" date null, "end_date" date null, "deadline" date null, "budget" numeric(12,2) null, "hourly_rate" numeric(10,2) null, "billable_by_default" boolean not null default true, "description" text null, "notes" text null, "deleted_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "projects" add constraint "projects_project_number_unique" unique ("project_number");`);
    this.addSql(`create index "projects_customer_id_index" on "projects" ("customer_id");`);
    this.addSql(`create index "projects_department_id_index" on "projects" ("department_id");`);
    this.addSql(`create index "projects_project_manager_id_index" on "projects" ("project_manager_id");`);
    this.addSql(`create index "projects_status_index" on "projects" ("status");`);
    this.addSql(`create index "projects_title_trgm" on "projects" using gin (lower("project_number" || ' ' || "title") gin_trgm_ops);`);

    this.addSql(`create table "time_entries" ("id" uuid not null, "employee_id" uuid not null, "project_id" uuid null, "start_time" timestamptz not null, "end_time" timestamptz null, "duration_minutes" int null, "billable" boolean not null default true, "hourly_rate" numeric(10,2) null, "task_type" text not null default 'development', "note" text null, "is_approved" boolean not null default false, "approved_by_id" uuid null, "approved_at" timestamptz null, "is_invoiced" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "time_entries_employee_start_index" on "time_entries" ("employee_id", "start_time");`);
    this.addSql(`create index "time_entries_project_start_index" on "time_entries" ("project_id", "start_time");`);
    this.addSql(`create index "time_entries_start_index" on "time_entries" ("start_time");`);
    this.addSql(`create unique index "time_entries_one_running_timer" on "time_entries" ("employee_id") where "end_time" is null;`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_no_overlap" exclude using gist ("employee_id" with =, tstzrange("start_time", coalesce("end_time", 'infinity'::timestamptz), '[)') with &&);`);

    this.addSql(`alter table "company_settings" add "time_rounding_minutes" int not null default 0, add "time_locked_until" date null;`);
    this.addSql(`alter table "company_settings" add constraint "company_settings_time_rounding" check (time_rounding_minutes in (0, 5, 15, 30));`);

    this.addSql(`alter table "employees" add "default_hourly_rate" numeric(10,2) null;`);
    this.addSql(`alter table "employees" add constraint "employees_rate_not_negative" check (default_hourly_rate is null or default_hourly_rate >= 0);`);

    this.addSql(`alter table "projects" add constraint "projects_customer_id_foreign" foreign key ("customer_id") references "customers" ("id");`);
    this.addSql(`alter table "projects" add constraint "projects_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete set null;`);
    this.addSql(`alter table "projects" add constraint "projects_project_manager_id_foreign" foreign key ("project_manager_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "projects" add constraint "projects_end_after_start" check (end_date is null or start_date is null or end_date >= start_date);`);
    this.addSql(`alter table "projects" add constraint "projects_budget_not_negative" check (budget is null or budget >= 0);`);
    this.addSql(`alter table "projects" add constraint "projects_rate_not_negative" check (hourly_rate is null or hourly_rate >= 0);`);
    this.addSql(`alter table "projects" add constraint "projects_status_check" check ("status" in ('planning', 'active', 'on_hold', 'completed', 'cancelled'));`);
    this.addSql(`alter table "projects" add constraint "projects_priority_check" check ("priority" in ('low', 'medium', 'high', 'urgent'));`);

    this.addSql(`alter table "time_entries" add constraint "time_entries_employee_id_foreign" foreign key ("employee_id") references "employees" ("id");`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete set null;`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_approved_by_id_foreign" foreign key ("approved_by_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_end_after_start" check (end_time is null or end_time > start_time);`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_at_most_24h" check (end_time is null or extract(epoch from end_time) - extract(epoch from start_time) <= 86400);`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_duration_range" check (duration_minutes is null or (duration_minutes >= 0 and duration_minutes <= 1440));`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_duration_when_finished" check ((end_time is null) = (duration_minutes is null));`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_rate_not_negative" check (hourly_rate is null or hourly_rate >= 0);`);
    this.addSql(`alter table "time_entries" add constraint "time_entries_task_type_check" check ("task_type" in ('development', 'meeting', 'support', 'documentation', 'consulting', 'design', 'testing', 'travel', 'administration', 'other'));`);

    // Built-in roles of existing installations gain the new module's permissions (edited roles keep their own additions).
    const grant = (role: string, permissions: string[]) =>
      this.addSql(
        `update "roles" set "permissions" = (select jsonb_agg(distinct p) from jsonb_array_elements_text("permissions" || '${JSON.stringify(permissions)}'::jsonb) p) where "name" = '${role}' and "is_system";`,
      );
    grant('Manager', ['projects.read', 'projects.write', 'projects.delete', 'timeTracking.read', 'timeTracking.track', 'timeTracking.team']);
    grant('Employee', ['projects.read', 'timeTracking.read', 'timeTracking.track']);
    grant('Accountant', ['projects.read', 'timeTracking.read', 'timeTracking.readAll']);
    grant('Auditor', ['timeTracking.readAll']);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "time_entries" drop constraint "time_entries_project_id_foreign";`);

    this.addSql(`drop table if exists "projects" cascade;`);
    this.addSql(`drop table if exists "time_entries" cascade;`);

    this.addSql(`alter table "company_settings" drop constraint "company_settings_time_rounding";`);
    this.addSql(`alter table "company_settings" drop column "time_rounding_minutes", drop column "time_locked_until";`);

    this.addSql(`alter table "employees" drop constraint "employees_rate_not_negative";`);
    this.addSql(`alter table "employees" drop column "default_hourly_rate";`);
  }

}
