import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030312_initial extends Migration {

  override name = 'Migration20261122030312_initial';

  override up(): void | Promise<void> {
    // Trigram search on customers (pg_trgm is a trusted extension: the database owner may create it).
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" uuid null, "actor_label" varchar(300) null, "action" text not null, "entity" varchar(60) not null, "entity_id" varchar(60) not null, "changes" jsonb not null);`);
    this.addSql(`create index "audit_log_entity_entity_id_index" on "audit_log" ("entity", "entity_id");`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "company_settings" ("id" int not null, "company_name" varchar(200) not null, "street" varchar(200) null, "zip_code" varchar(20) null, "city" varchar(100) null, "country" varchar(100) null, "email" varchar(254) null, "phone" varchar(50) null, "website" varchar(200) null, "tax_number" varchar(40) null, "vat_id" varchar(20) null, "managing_director" varchar(200) null, "register_court" varchar(200) null, "register_number" varchar(60) null, "bank_name" varchar(100) null, "iban" varchar(34) null, "bic" varchar(11) null, "logo_data_url" text null, "default_payment_terms_days" int not null default 14, "customer_number_pattern" varchar(60) not null default 'CUS-{NNNNNN}', "invoice_number_pattern" varchar(60) not null default 'RE-{YYYY}-{NNNN}', "quote_number_pattern" varchar(60) not null default 'AN-{YYYY}-{NNNN}', "cancellation_number_pattern" varchar(60) not null default 'ST-{YYYY}-{NNNN}', "project_number_pattern" varchar(60) not null default 'PRJ-{YYYY}-{NNN}', "version" int not null default 1, "updated_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "customers" ("id" uuid not null, "customer_number" varchar(60) not null, "name" varchar(200) not null, "type" text not null default 'business', "status" text not null default 'active', "email" varchar(254) null, "phone" varchar(50) null, "website" varchar(200) null, "tax_id" varchar(40) null, "vat_id" varchar(20) null, "street" varchar(200) null, "zip_code" varchar(20) null, "city" varchar(100) null, "country" varchar(100) null, "language" text not null default 'de', "notes" text null, "search_text" text generated always as (lower("customer_number" || ' ' || "name" || ' ' || coalesce("email", '') || ' ' || coalesce("city", ''))) stored null, "deleted_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "customers" add constraint "customers_customer_number_unique" unique ("customer_number");`);
    this.addSql(`create index "customers_status_index" on "customers" ("status");`);
    this.addSql(`create index "customers_search_text_trgm" on "customers" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "customers_name_index" on "customers" ("name", "id");`);
    this.addSql(`create index "customers_created_at_index" on "customers" ("created_at", "id");`);

    this.addSql(`create table "contacts" ("id" uuid not null, "customer_id" uuid not null, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "email" varchar(254) null, "phone" varchar(50) null, "mobile" varchar(50) null, "position" varchar(100) null, "department" varchar(100) null, "is_primary" boolean not null default false, "notes" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "contacts_customer_id_index" on "contacts" ("customer_id");`);
    this.addSql(`create index "contacts_name_index" on "contacts" ("last_name", "first_name");`);
    this.addSql(`create unique index "contacts_one_primary_per_customer" on "contacts" ("customer_id") where "is_primary";`);

    this.addSql(`create table "number_counters" ("series" varchar(40) not null, "period" int not null, "value" int not null, primary key ("series", "period"));`);

    this.addSql(`create table "roles" ("id" uuid not null, "name" varchar(60) not null, "description" text null, "permissions" jsonb not null, "is_system" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "roles" add constraint "roles_name_unique" unique ("name");`);

    this.addSql(`create table "employees" ("id" uuid not null, "employee_code" varchar(30) not null, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "gender" text null, "birth_date" date null, "nationality" varchar(60) null, "photo_url" varchar(500) null, "bio" text null, "email" varchar(254) not null, "phone" varchar(50) null, "address_street" varchar(200) null, "address_zip" varchar(20) null, "address_city" varchar(100) null, "address_country" varchar(100) null, "department_id" uuid null, "role_id" uuid null, "reports_to_id" uuid null, "employment_type" text not null default 'fulltime', "hire_date" date null, "termination_date" date null, "status" text not null default 'active', "timezone" varchar(60) not null default 'Europe/Berlin', "language" text not null default 'de', "theme" varchar(40) not null default 'light', "notifications_enabled" boolean not null default true, "password_hash" varchar(200) null, "last_login_at" timestamptz null, "deleted_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "employees" add constraint "employees_employee_code_unique" unique ("employee_code");`);
    this.addSql(`alter table "employees" add constraint "employees_email_unique" unique ("email");`);

    this.addSql(`create table "departments" ("id" uuid not null, "name" varchar(100) not null, "code" varchar(20) not null, "description" text null, "manager_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "departments" add constraint "departments_code_unique" unique ("code");`);

    this.addSql(`create table "api_tokens" ("id" uuid not null, "name" varchar(100) not null, "token_hash" varchar(64) not null, "prefix" varchar(16) not null, "employee_id" uuid not null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "api_tokens_employee_id_index" on "api_tokens" ("employee_id");`);

    this.addSql(`create table "crm_activities" ("id" uuid not null, "customer_id" uuid not null, "contact_id" uuid null, "employee_id" uuid null, "type" text not null, "subject" varchar(200) not null, "description" text null, "occurred_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "crm_activities_customer_id_occurred_at_index" on "crm_activities" ("customer_id", "occurred_at");`);

    this.addSql(`create table "sessions" ("id" uuid not null, "token_hash" varchar(64) not null, "employee_id" uuid not null, "ip" varchar(64) null, "user_agent" varchar(300) null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_employee_id_index" on "sessions" ("employee_id");`);

    this.addSql(`alter table "audit_log" add constraint "audit_log_action_check" check ("action" in ('create', 'update', 'delete', 'restore', 'login', 'logout'));`);
    this.addSql(`create or replace function "audit_log_audit_log_no_change_fn"() returns trigger as \$\$ begin raise exception 'the audit trail is append-only'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "audit_log_no_change" BEFORE UPDATE OR DELETE on "audit_log" for each ROW execute function "audit_log_audit_log_no_change_fn"();`);

    this.addSql(`alter table "company_settings" add constraint "company_settings_single_row" check (id = 1);`);

    this.addSql(`alter table "customers" add constraint "customers_type_check" check ("type" in ('business', 'individual', 'government', 'creator'));`);
    this.addSql(`alter table "customers" add constraint "customers_status_check" check ("status" in ('lead', 'active', 'inactive', 'blocked'));`);
    this.addSql(`alter table "customers" add constraint "customers_language_check" check ("language" in ('de', 'en'));`);

    this.addSql(`alter table "contacts" add constraint "contacts_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on delete cascade;`);

    this.addSql(`alter table "number_counters" add constraint "number_counters_value_positive" check (value > 0);`);

    this.addSql(`alter table "employees" add constraint "employees_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete set null;`);
    this.addSql(`alter table "employees" add constraint "employees_role_id_foreign" foreign key ("role_id") references "roles" ("id") on delete set null;`);
    this.addSql(`alter table "employees" add constraint "employees_reports_to_id_foreign" foreign key ("reports_to_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "employees" add constraint "employees_termination_after_hire" check (termination_date is null or hire_date is null or termination_date >= hire_date);`);
    this.addSql(`alter table "employees" add constraint "employees_gender_check" check ("gender" in ('male', 'female', 'diverse', 'other'));`);
    this.addSql(`alter table "employees" add constraint "employees_employment_type_check" check ("employment_type" in ('fulltime', 'parttime', 'intern', 'external'));`);
    this.addSql(`alter table "employees" add constraint "employees_status_check" check ("status" in ('active', 'inactive', 'on_leave'));`);
    this.addSql(`alter table "employees" add constraint "employees_language_check" check ("language" in ('de', 'en'));`);

    this.addSql(`alter table "departments" add constraint "departments_manager_id_foreign" foreign key ("manager_id") references "employees" ("id") on delete set null;`);

    this.addSql(`alter table "api_tokens" add constraint "api_tokens_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on delete cascade;`);

    this.addSql(`alter table "crm_activities" add constraint "crm_activities_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on delete cascade;`);
    this.addSql(`alter table "crm_activities" add constraint "crm_activities_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on delete set null;`);
    this.addSql(`alter table "crm_activities" add constraint "crm_activities_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "crm_activities" add constraint "crm_activities_type_check" check ("type" in ('call', 'meeting', 'email', 'note'));`);

    this.addSql(`alter table "sessions" add constraint "sessions_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contacts" drop constraint "contacts_customer_id_foreign";`);
    this.addSql(`alter table "crm_activities" drop constraint "crm_activities_customer_id_foreign";`);
    this.addSql(`alter table "crm_activities" drop constraint "crm_activities_contact_id_foreign";`);
    this.addSql(`alter table "employees" drop constraint "employees_role_id_foreign";`);
    this.addSql(`alter table "employees" drop constraint "employees_reports_to_id_foreign";`);
    this.addSql(`alter table "departments" drop constraint "departments_manager_id_foreign";`);
    this.addSql(`alter table "api_tokens" drop constraint "api_tokens_employee_id_foreign";`);
    this.addSql(`alter table "crm_activities" drop constraint "crm_activities_employee_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_employee_id_foreign";`);
    this.addSql(`alter table "employees" drop constraint "employees_department_id_foreign";`);

    this.addSql(`drop trigger if exists "audit_log_no_change" on "audit_log";`);
    this.addSql(`drop function if exists "audit_log_audit_log_no_change_fn"();`);
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "company_settings" cascade;`);
    this.addSql(`drop table if exists "customers" cascade;`);
    this.addSql(`drop table if exists "contacts" cascade;`);
    this.addSql(`drop table if exists "number_counters" cascade;`);
    this.addSql(`drop table if exists "roles" cascade;`);
    this.addSql(`drop table if exists "employees" cascade;`);
    this.addSql(`drop table if exists "departments" cascade;`);
    this.addSql(`drop table if exists "api_tokens" cascade;`);
    this.addSql(`drop table if exists "crm_activities" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
  }

}
