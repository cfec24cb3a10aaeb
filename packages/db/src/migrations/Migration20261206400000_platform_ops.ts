import { Migration } from '@mikro-orm/migrations';

/**
 * Platform operations (issue 18): API usage counters per token, day, procedure and HTTP status
 * (written in batches by each API process), and saved reports with their runs.
 */
export class Migration20261206400000_platform_ops extends Migration {

  override name = 'Migration20261206400000_platform_ops';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_token_usage" ("token_id" uuid not null references "api_tokens" ("id") on delete cascade, "day" date not null, "procedure" varchar(200) not null, "status" smallint not null, "calls" bigint not null default 0, "total_ms" bigint not null default 0, "max_ms" int not null default 0, "last_at" timestamptz not null, primary key ("token_id", "day", "procedure", "status"));`);
    this.addSql(`create index "api_token_usage_day_index" on "api_token_usage" ("day", "token_id");`);

    this.addSql(`create table "saved_reports" ("id" uuid not null, "name" varchar(200) not null, "source" text not null check ("source" in ('invoices', 'timeEntries', 'expenses')), "columns" jsonb not null, "filters" jsonb not null default '{}', "format" text not null default 'csv' check ("format" in ('csv', 'xlsx')), "schedule" text not null default 'none' check ("schedule" in ('none', 'daily', 'weekly', 'monthly')), "next_run_at" timestamptz null, "last_run_at" timestamptz null, "owner_id" uuid not null references "employees" ("id"), "deleted_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), check (jsonb_typeof("columns") = 'array' and jsonb_array_length("columns") > 0));`);
    this.addSql(`create index "saved_reports_due_index" on "saved_reports" ("next_run_at") where "deleted_at" is null and "schedule" <> 'none';`);
    this.addSql(`create table "saved_report_runs" ("id" uuid not null, "report_id" uuid not null references "saved_reports" ("id") on delete cascade, "trigger" text not null check ("trigger" in ('manual', 'schedule')), "due_at" timestamptz null, "status" text not null check ("status" in ('done', 'failed')), "format" text not null, "row_count" int not null default 0, "file_key" varchar(300) null, "file_name" varchar(300) null, "sha256" varchar(64) null, "size" int null, "error" text null, "run_by_id" uuid null references "employees" ("id") on delete set null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "saved_report_runs_report_index" on "saved_report_runs" ("report_id", "created_at");`);
    // A scheduled run happens once per report and due moment, however often the job is delivered.
    this.addSql(`create unique index "saved_report_runs_once_per_due" on "saved_report_runs" ("report_id", "due_at") where "trigger" = 'schedule';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "saved_report_runs" cascade;`);
    this.addSql(`drop table if exists "saved_reports" cascade;`);
    this.addSql(`drop table if exists "api_token_usage" cascade;`);
  }

}
