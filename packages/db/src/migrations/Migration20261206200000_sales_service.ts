import { Migration } from '@mikro-orm/migrations';

const GRANTS: Array<[string, string]> = [
  ['Manager', 'sales.read'],
  ['Manager', 'sales.write'],
  ['Manager', 'service.read'],
  ['Manager', 'service.write'],
  ['Manager', 'service.manage'],
  ['Employee', 'sales.read'],
  ['Employee', 'sales.write'],
  ['Employee', 'service.read'],
  ['Employee', 'service.write'],
  ['Accountant', 'sales.read'],
  ['Accountant', 'service.read'],
];

/**
 * Sales pipeline and service tickets (issue 18): opportunities with stage, amount, probability
 * and expected close; tickets with priority, status, their status history (the SLA pauses),
 * replies threaded by Message-ID, the stored due times the breach sweep reads, and the one row of
 * service settings (working hours, holidays, SLA targets per priority).
 */
export class Migration20261206200000_sales_service extends Migration {

  override name = 'Migration20261206200000_sales_service';

  override up(): void | Promise<void> {
    this.addSql(`create table "opportunities" (
      "id" uuid primary key,
      "customer_id" uuid not null references "customers" ("id"),
      "contact_id" uuid null references "contacts" ("id") on delete set null,
      "title" varchar(200) not null,
      "stage" text not null check ("stage" in ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
      "amount" numeric(14,2) not null check ("amount" >= 0),
      "probability" smallint not null check ("probability" between 0 and 100),
      "expected_close_date" date not null,
      "owner_id" uuid null references "employees" ("id") on delete set null,
      "quote_id" uuid null unique references "invoices" ("id") on delete set null,
      "notes" text null,
      "stage_changed_at" timestamptz not null,
      "created_by_id" uuid null references "employees" ("id") on delete set null,
      "version" int not null default 1,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "opportunities_closed_probability" check (("stage" <> 'won' or "probability" = 100) and ("stage" <> 'lost' or "probability" = 0)),
      constraint "opportunities_quote_only_won" check ("quote_id" is null or "stage" = 'won')
    );`);
    this.addSql(`create index "opportunities_stage" on "opportunities" ("stage", "expected_close_date");`);
    this.addSql(`create index "opportunities_close_month" on "opportunities" ("expected_close_date") where "stage" <> 'lost';`);
    this.addSql(`create index "opportunities_customer" on "opportunities" ("customer_id");`);
    this.addSql(`create index "opportunities_owner" on "opportunities" ("owner_id");`);

    this.addSql(`create table "service_settings" (
      "id" int primary key check ("id" = 1),
      "work_days" jsonb not null,
      "day_start" varchar(5) not null,
      "day_end" varchar(5) not null,
      "holidays" jsonb not null,
      "targets" jsonb not null,
      "version" int not null default 1,
      "updated_at" timestamptz not null,
      constraint "service_settings_hours" check ("day_start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "day_end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "day_end" > "day_start")
    );`);
    this.addSql(`insert into "service_settings" ("id", "work_days", "day_start", "day_end", "holidays", "targets", "updated_at") values (1, '[1,2,3,4,5]', '08:00', '17:00', '[]',
      '{"urgent":{"firstResponseMinutes":60,"resolutionMinutes":240},"high":{"firstResponseMinutes":240,"resolutionMinutes":1080},"normal":{"firstResponseMinutes":540,"resolutionMinutes":2700},"low":{"firstResponseMinutes":1080,"resolutionMinutes":5400}}', now());`);

    this.addSql(`create table "tickets" (
      "id" uuid primary key,
      "number" varchar(40) not null unique,
      "customer_id" uuid not null references "customers" ("id"),
      "contact_id" uuid null references "contacts" ("id") on delete set null,
      "subject" varchar(300) not null,
      "description" text null,
      "priority" text not null check ("priority" in ('low', 'normal', 'high', 'urgent')),
      "status" text not null check ("status" in ('new', 'open', 'waiting_customer', 'on_hold', 'resolved', 'closed')),
      "assignee_id" uuid null references "employees" ("id") on delete set null,
      "created_by_id" uuid null references "employees" ("id") on delete set null,
      "source" varchar(10) not null default 'web' check ("source" in ('web', 'email')),
      "first_response_at" timestamptz null,
      "resolved_at" timestamptz null,
      "first_response_due_at" timestamptz null,
      "resolution_due_at" timestamptz null,
      "first_response_breached_at" timestamptz null,
      "resolution_breached_at" timestamptz null,
      "version" int not null default 1,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create index "tickets_status" on "tickets" ("status", "created_at");`);
    this.addSql(`create index "tickets_customer" on "tickets" ("customer_id");`);
    this.addSql(`create index "tickets_assignee" on "tickets" ("assignee_id");`);
    // What the breach sweep reads: running clocks whose due time has come and no breach recorded yet.
    this.addSql(`create index "tickets_first_response_due" on "tickets" ("first_response_due_at") where "first_response_breached_at" is null;`);
    this.addSql(`create index "tickets_resolution_due" on "tickets" ("resolution_due_at") where "resolution_breached_at" is null;`);

    this.addSql(`create table "ticket_status_changes" (
      "id" uuid primary key,
      "ticket_id" uuid not null references "tickets" ("id") on delete cascade,
      "status" text not null check ("status" in ('new', 'open', 'waiting_customer', 'on_hold', 'resolved', 'closed')),
      "at" timestamptz not null,
      "actor_id" uuid null references "employees" ("id") on delete set null
    );`);
    this.addSql(`create index "ticket_status_changes_ticket" on "ticket_status_changes" ("ticket_id", "at");`);

    this.addSql(`create table "ticket_replies" (
      "id" uuid primary key,
      "ticket_id" uuid not null references "tickets" ("id") on delete cascade,
      "kind" text not null check ("kind" in ('internal', 'external')),
      "direction" text not null check ("direction" in ('out', 'in')),
      "body" text not null,
      "author_id" uuid null references "employees" ("id") on delete set null,
      "from_email" varchar(254) null,
      "to_email" varchar(254) null,
      "message_id" varchar(998) null unique,
      "in_reply_to" varchar(998) null,
      "sent_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "ticket_replies_internal_out" check ("kind" = 'external' or "direction" = 'out')
    );`);
    this.addSql(`create index "ticket_replies_ticket" on "ticket_replies" ("ticket_id", "created_at");`);

    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`);
    }
  }

  override down(): void | Promise<void> {
    for (const [role, permission] of GRANTS) this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
    this.addSql(`drop table if exists "ticket_replies";`);
    this.addSql(`drop table if exists "ticket_status_changes";`);
    this.addSql(`drop table if exists "tickets";`);
    this.addSql(`drop table if exists "service_settings";`);
    this.addSql(`drop table if exists "opportunities";`);
  }

}
