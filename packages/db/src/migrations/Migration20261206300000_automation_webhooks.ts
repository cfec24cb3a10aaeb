import { Migration } from '@mikro-orm/migrations';

/**
 * Outgoing webhooks and automation rules (issue 18). The database decides what happens once:
 * a delivery per (subscription, event), a rule run per (rule version, event); rule versions are
 * numbered per rule and never change.
 */
export class Migration20261206300000_automation_webhooks extends Migration {

  override name = 'Migration20261206300000_automation_webhooks';

  override up(): void | Promise<void> {
    this.addSql(`create table "webhook_subscriptions" ("id" uuid not null, "name" varchar(200) not null, "url" varchar(2000) not null, "secret" varchar(100) not null, "event_types" jsonb not null, "active" boolean not null default true, "failing_since" timestamptz null, "disabled_at" timestamptz null, "disabled_reason" varchar(300) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "subscription_id" uuid not null references "webhook_subscriptions" ("id") on delete cascade, "event_id" varchar(200) not null, "event_type" varchar(100) not null, "payload" jsonb not null, "status" varchar(20) not null default 'pending', "round" int not null default 0, "attempts" int not null default 0, "response_code" int null, "duration_ms" int null, "error" text null, "created_at" timestamptz not null default now(), "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, primary key ("id"), constraint "webhook_deliveries_status_check" check ("status" in ('pending', 'retrying', 'succeeded', 'failed')));`);
    this.addSql(`create unique index "webhook_deliveries_once" on "webhook_deliveries" ("subscription_id", "event_id");`);
    this.addSql(`create index "webhook_deliveries_created_index" on "webhook_deliveries" ("created_at" desc, "id");`);
    this.addSql(`create table "webhook_attempts" ("id" bigserial primary key, "delivery_id" uuid not null references "webhook_deliveries" ("id") on delete cascade, "attempt" int not null, "at" timestamptz not null default now(), "ok" boolean not null, "response_code" int null, "duration_ms" int not null, "error" text null);`);
    this.addSql(`create index "webhook_attempts_delivery_index" on "webhook_attempts" ("delivery_id", "id");`);

    this.addSql(`create table "automation_rules" ("id" uuid not null, "name" varchar(200) not null, "active" boolean not null default true, "current_version" int not null default 1, "hook_token" varchar(64) not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create unique index "automation_rules_hook_token_unique" on "automation_rules" ("hook_token");`);
    this.addSql(`create table "automation_rule_versions" ("id" uuid not null, "rule_id" uuid not null references "automation_rules" ("id") on delete cascade, "number" int not null, "trigger" jsonb not null, "condition" jsonb not null, "actions" jsonb not null, "trigger_type" varchar(30) not null, "trigger_entity" varchar(30) null, "created_by" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create unique index "automation_rule_versions_number_unique" on "automation_rule_versions" ("rule_id", "number");`);
    this.addSql(`create index "automation_rule_versions_trigger_index" on "automation_rule_versions" ("trigger_type", "trigger_entity");`);
    this.addSql(`create table "automation_runs" ("id" uuid not null, "rule_id" uuid not null references "automation_rules" ("id") on delete cascade, "rule_version_id" uuid not null references "automation_rule_versions" ("id") on delete cascade, "event_id" varchar(200) not null, "depth" int not null, "status" varchar(20) not null, "steps" jsonb not null default '[]', "error" text null, "started_at" timestamptz not null default now(), "finished_at" timestamptz null, primary key ("id"), constraint "automation_runs_status_check" check ("status" in ('succeeded', 'failed', 'skipped', 'stopped')));`);
    this.addSql(`create unique index "automation_runs_once" on "automation_runs" ("rule_version_id", "event_id");`);
    this.addSql(`create index "automation_runs_rule_index" on "automation_runs" ("rule_id", "started_at" desc);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "automation_runs" cascade;`);
    this.addSql(`drop table if exists "automation_rule_versions" cascade;`);
    this.addSql(`drop table if exists "automation_rules" cascade;`);
    this.addSql(`drop table if exists "webhook_attempts" cascade;`);
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
    this.addSql(`drop table if exists "webhook_subscriptions" cascade;`);
  }

}
