import { Migration } from '@mikro-orm/migrations';

/**
 * Dunning (Mahnwesen): the levels (settings), the Bundesbank base rates with the days they took
 * effect (seeded below, see README "Mahnwesen"), the dunning settings (one row), and the notices.
 * A notice is unique per (invoice, level): concurrent runs and a run after an outage can never
 * make a second one. Once sent (numbered) a notice's amounts and text are frozen by a trigger.
 * New permissions dunning.read/write for the built-in roles of existing installations.
 */
const BASE_RATES: Array<[string, string]> = [
  ['2016-07-01', '-0.88'],
  ['2023-01-01', '1.62'],
  ['2023-07-01', '3.12'],
  ['2024-01-01', '3.62'],
  ['2024-07-01', '3.37'],
  ['2025-01-01', '2.27'],
  ['2025-07-01', '1.27'],
  ['2026-01-01', '1.27'],
];

const GRANTS: Array<[string, string]> = [
  ['Manager', 'dunning.read'],
  ['Accountant', 'dunning.read'],
  ['Accountant', 'dunning.write'],
];

export class Migration20261205070000_dunning extends Migration {

  override name = 'Migration20261205070000_dunning';

  override up(): void | Promise<void> {
    this.addSql(`create table "base_rates" ("effective_from" date not null, "rate" numeric(5,2) not null, primary key ("effective_from"));`);
    for (const [from, rate] of BASE_RATES) this.addSql(`insert into "base_rates" ("effective_from", "rate") values ('${from}', ${rate}) on conflict do nothing;`);

    this.addSql(`create table "dunning_levels" ("id" uuid not null, "level" int not null, "days_after_due" int not null, "fee" numeric(14,2) not null default 0, "charges_interest" boolean not null default true, "charges_flat_fee" boolean not null default true, "title_de" varchar(100) not null, "title_en" varchar(100) not null, "text_de" text not null, "text_en" text not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "dunning_levels" add constraint "dunning_levels_level_unique" unique ("level");`);
    this.addSql(`alter table "dunning_levels" add constraint "dunning_levels_level_range" check (level between 1 and 3);`);
    this.addSql(`alter table "dunning_levels" add constraint "dunning_levels_days_range" check (days_after_due between 0 and 365);`);
    this.addSql(`alter table "dunning_levels" add constraint "dunning_levels_fee_range" check (fee >= 0);`);
    this.addSql(`insert into "dunning_levels" ("id", "level", "days_after_due", "fee", "charges_interest", "charges_flat_fee", "title_de", "title_en", "text_de", "text_en", "created_at", "updated_at") values
      (gen_random_uuid(), 1, 7, 0, false, false, 'Zahlungserinnerung', 'Payment reminder',
        'sicher ist Ihnen im Alltag entgangen, dass die folgende Rechnung noch offen ist. Bitte überweisen Sie den offenen Betrag in den nächsten Tagen. Sollten Sie bereits gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.',
        'perhaps it has escaped your notice that the following invoice is still open. Please transfer the amount due within the next few days. If you have already paid, please disregard this letter.', now(), now()),
      (gen_random_uuid(), 2, 21, 5, true, true, '1. Mahnung', 'First dunning notice',
        'leider konnten wir bis heute keinen Zahlungseingang für die folgende Rechnung feststellen. Bitte überweisen Sie den Gesamtbetrag einschließlich Verzugszinsen und Gebühren innerhalb von 10 Tagen.',
        'we have not yet received payment for the following invoice. Please transfer the total including default interest and fees within 10 days.', now(), now()),
      (gen_random_uuid(), 3, 35, 10, true, true, '2. Mahnung', 'Second dunning notice',
        'trotz unserer Mahnung ist die folgende Rechnung weiterhin offen. Bitte überweisen Sie den Gesamtbetrag innerhalb von 7 Tagen; danach übergeben wir die Forderung ohne weitere Ankündigung an ein Inkassounternehmen.',
        'despite our reminder the following invoice is still open. Please transfer the total within 7 days; after that we will pass the claim on to a collection agency without further notice.', now(), now());`);

    this.addSql(`create table "dunning_settings" ("id" int not null default 1, "auto_send" boolean not null default false, "number_pattern" varchar(60) not null default 'MA-{YYYY}-{NNNN}', "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "dunning_settings_single_row" check (id = 1));`);
    this.addSql(`insert into "dunning_settings" ("id", "auto_send", "created_at", "updated_at") values (1, false, now(), now());`);

    this.addSql(`create table "dunning_notices" ("id" uuid not null, "invoice_id" uuid not null, "level" int not null, "status" text not null default 'proposed', "number" varchar(60) null, "notice_date" date not null, "due_date" date not null, "consumer" boolean not null, "outstanding" numeric(14,2) not null, "interest" numeric(14,2) not null, "level_fee" numeric(14,2) not null, "flat_fee" numeric(14,2) not null, "total" numeric(14,2) not null, "interest_periods" jsonb not null, "title" varchar(100) not null, "text" text not null, "language" text not null, "proposed_at" timestamptz not null, "sent_at" timestamptz null, "sent_by_id" uuid null, "closed_at" timestamptz null, "close_reason" text null, "pdf_document_id" uuid null, "email_to" jsonb null, "email_status" text null, "email_error" text null, "email_message_id" varchar(500) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_invoice_level_unique" unique ("invoice_id", "level");`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_number_unique" unique ("number");`);
    this.addSql(`create index "dunning_notices_status_index" on "dunning_notices" ("status", "proposed_at", "id");`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_invoice_id_foreign" foreign key ("invoice_id") references "invoices" ("id") on delete cascade;`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_sent_by_id_foreign" foreign key ("sent_by_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_pdf_document_id_foreign" foreign key ("pdf_document_id") references "documents" ("id") on delete set null;`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_status_check" check ("status" in ('proposed', 'sent', 'discarded', 'withdrawn'));`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_language_check" check ("language" in ('de', 'en'));`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_email_status_check" check ("email_status" is null or "email_status" in ('queued', 'sent', 'failed'));`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_number_when_sent" check ((status = 'sent') = (number is not null and sent_at is not null));`);
    this.addSql(`alter table "dunning_notices" add constraint "dunning_notices_total_sum" check (total = outstanding + interest + level_fee + flat_fee);`);
    // At most one notice of an invoice charges the €40 flat fee (§288(5) BGB), whatever the code does.
    this.addSql(`create unique index "dunning_notices_flat_fee_once" on "dunning_notices" ("invoice_id") where flat_fee > 0 and status in ('proposed', 'sent');`);
    // A sent notice is a document: its amounts, text, number and date never change, and it is never deleted (except with its invoice).
    this.addSql(`create or replace function dunning_notices_immutable() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if old.status = 'sent' and pg_trigger_depth() = 1 then raise exception 'dunning notice % is sent and cannot be deleted', old.number using errcode = 'check_violation'; end if;
          return old;
        end if;
        if old.status = 'sent' and (new.status, new.number, new.notice_date, new.due_date, new.consumer, new.outstanding, new.interest, new.level_fee, new.flat_fee, new.total, new.interest_periods, new.title, new.text, new.language, new.sent_at, new.invoice_id, new.level)
            is distinct from (old.status, old.number, old.notice_date, old.due_date, old.consumer, old.outstanding, old.interest, old.level_fee, old.flat_fee, old.total, old.interest_periods, old.title, old.text, old.language, old.sent_at, old.invoice_id, old.level) then
          raise exception 'dunning notice % is sent and cannot change', old.number using errcode = 'check_violation';
        end if;
        if old.pdf_document_id is not null and new.pdf_document_id is distinct from old.pdf_document_id then
          raise exception 'the archived PDF of dunning notice % cannot change', old.number using errcode = 'check_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "dunning_notices_immutable" before update or delete on "dunning_notices" for each row execute function dunning_notices_immutable();`);

    // Paying or cancelling an invoice stops its dunning, whichever path changed the status: open proposals are withdrawn (with their audit rows).
    this.addSql(`create or replace function dunning_stop_when_settled() returns trigger language plpgsql as $$
      begin
        with withdrawn as (
          update dunning_notices set status = 'withdrawn', closed_at = now(), close_reason = 'invoice ' || new.status, version = version + 1, updated_at = now()
           where invoice_id = new.id and status = 'proposed'
          returning id
        )
        insert into audit_log (at, actor_id, actor_label, action, entity, entity_id, changes)
        select now(), null, 'system', 'update', 'dunningNotice', id::text,
               jsonb_build_object('status', jsonb_build_object('before', 'proposed', 'after', 'withdrawn'), 'closeReason', jsonb_build_object('before', null, 'after', 'invoice ' || new.status))
          from withdrawn;
        return new;
      end $$;`);
    this.addSql(`create trigger "dunning_stop_when_settled" after update of status on "invoices" for each row when (new.status in ('paid', 'cancelled') and old.status is distinct from new.status) execute function dunning_stop_when_settled();`);

    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`);
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "dunning_stop_when_settled" on "invoices";`);
    this.addSql(`drop function if exists dunning_stop_when_settled();`);
    this.addSql(`drop table if exists "dunning_notices" cascade;`);
    this.addSql(`drop function if exists dunning_notices_immutable();`);
    this.addSql(`drop table if exists "dunning_settings" cascade;`);
    this.addSql(`drop table if exists "dunning_levels" cascade;`);
    this.addSql(`drop table if exists "base_rates" cascade;`);
    for (const [role, permission] of GRANTS) this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
  }
}
