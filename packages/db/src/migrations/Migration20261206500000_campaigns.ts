import { Migration } from '@mikro-orm/migrations';

const GRANTS: Array<[string, string]> = [
  ['Manager', 'campaigns.read'],
  ['Manager', 'campaigns.write'],
  ['Employee', 'campaigns.read'],
];

/**
 * Marketing campaigns (issue 18): the marketing consent per email address (double opt-in with its
 * proof), campaigns with their members (once per contact), mailings, and one recipient row per
 * (mailing, contact) with its status and the hashes of its link tokens.
 */
export class Migration20261206500000_campaigns extends Migration {

  override name = 'Migration20261206500000_campaigns';

  override up(): void | Promise<void> {
    this.addSql(`create table "marketing_consents" (
      "id" uuid primary key,
      "email" varchar(254) not null unique check ("email" = lower("email")),
      "status" text not null check ("status" in ('pending', 'confirmed', 'unsubscribed')),
      "token_hash" varchar(64) null unique,
      "request_count" int not null default 0,
      "requested_at" timestamptz null,
      "requested_by_id" uuid null references "employees" ("id") on delete set null,
      "request_mailed_at" timestamptz null,
      "confirmed_at" timestamptz null,
      "confirmed_ip" varchar(45) null,
      "unsubscribed_at" timestamptz null,
      "version" int not null default 1,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "marketing_consents_confirmed_proof" check ("status" <> 'confirmed' or "confirmed_at" is not null),
      constraint "marketing_consents_unsubscribed_at" check ("status" <> 'unsubscribed' or "unsubscribed_at" is not null)
    );`);

    this.addSql(`create table "campaigns" (
      "id" uuid primary key,
      "name" varchar(200) not null,
      "description" text null,
      "filter" jsonb not null,
      "created_by_id" uuid null references "employees" ("id") on delete set null,
      "version" int not null default 1,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create index "campaigns_created_at" on "campaigns" ("created_at", "id");`);

    this.addSql(`create table "campaign_members" (
      "id" uuid primary key,
      "campaign_id" uuid not null references "campaigns" ("id") on delete cascade,
      "contact_id" uuid not null references "contacts" ("id") on delete cascade,
      "source" text not null check ("source" in ('filter', 'manual')),
      "created_at" timestamptz not null,
      constraint "campaign_members_campaign_contact" unique ("campaign_id", "contact_id")
    );`);
    this.addSql(`create index "campaign_members_contact" on "campaign_members" ("contact_id");`);

    this.addSql(`create table "mailings" (
      "id" uuid primary key,
      "campaign_id" uuid not null references "campaigns" ("id") on delete cascade,
      "subject" varchar(200) not null,
      "body" text not null,
      "status" text not null check ("status" in ('draft', 'sent')),
      "sent_at" timestamptz null,
      "sent_by_id" uuid null references "employees" ("id") on delete set null,
      "created_by_id" uuid null references "employees" ("id") on delete set null,
      "version" int not null default 1,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "mailings_sent_at" check (("status" = 'sent') = ("sent_at" is not null))
    );`);
    this.addSql(`create index "mailings_campaign" on "mailings" ("campaign_id", "created_at");`);

    this.addSql(`create table "mailing_recipients" (
      "id" uuid primary key,
      "mailing_id" uuid not null references "mailings" ("id") on delete cascade,
      "contact_id" uuid null references "contacts" ("id") on delete set null,
      "email" varchar(254) not null,
      "status" text not null check ("status" in ('queued', 'sent', 'failed', 'skipped_no_consent')),
      "error" text null,
      "open_token_hash" varchar(64) null unique,
      "unsubscribe_token_hash" varchar(64) null unique,
      "sent_at" timestamptz null,
      "opened_at" timestamptz null,
      "unsubscribed_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "mailing_recipients_mailing_contact" unique ("mailing_id", "contact_id")
    );`);
    this.addSql(`create index "mailing_recipients_mailing_status" on "mailing_recipients" ("mailing_id", "status");`);

    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`);
    }
  }

  override down(): void | Promise<void> {
    for (const [role, permission] of GRANTS) this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
    this.addSql(`drop table if exists "mailing_recipients";`);
    this.addSql(`drop table if exists "mailings";`);
    this.addSql(`drop table if exists "campaign_members";`);
    this.addSql(`drop table if exists "campaigns";`);
    this.addSql(`drop table if exists "marketing_consents";`);
  }

}
