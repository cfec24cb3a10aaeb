import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_CHARTS, type Chart } from '@workmate/domain/bookkeeping';

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Bookkeeping (FiBu): the charts of accounts (SKR03 and SKR04 defaults, personal accounts per
 * customer and supplier), cost centres, and the journal. Postgres itself guards the journal:
 * - an entry's number is drawn gap-free per fiscal year inside the inserting transaction;
 * - an entry whose lines do not sum to 0 (or has fewer than two) cannot commit (deferred check);
 * - posted entries and lines can never be changed or deleted (corrections are reversing entries);
 * - no entry can be dated in a locked month (Festschreibung) or a closed fiscal year, and no
 *   line can be added to an entry a transaction before committed.
 */
export class Migration20261205110000_bookkeeping extends Migration {

  override name = 'Migration20261205110000_bookkeeping';

  override up(): void | Promise<void> {
    this.addSql(`alter table "company_settings" add column "chart_of_accounts" varchar(5) not null default 'SKR03', add column "vat_method" varchar(4) not null default 'soll';`);
    this.addSql(`alter table "company_settings" add constraint "company_settings_chart" check (chart_of_accounts in ('SKR03', 'SKR04') and vat_method in ('soll', 'ist'));`);

    this.addSql(`create table "ledger_accounts" (
  "id" uuid not null default gen_random_uuid() primary key,
  "chart" varchar(8) not null,
  "number" int not null,
  "name" varchar(100) not null,
  "type" varchar(16) not null,
  "role" varchar(40) null,
  "automatic_tax" varchar(12) null,
  "customer_id" uuid null references "customers" ("id") on delete set null,
  "supplier_id" uuid null references "suppliers" ("id") on delete set null,
  "active" boolean not null default true,
  "version" int not null default 1,
  "created_at" timestamptz not null default now(),
  "updated_at" timestamptz not null default now(),
  constraint "ledger_accounts_chart_number_unique" unique ("chart", "number"),
  constraint "ledger_accounts_chart_role_unique" unique ("chart", "role"),
  constraint "ledger_accounts_customer_unique" unique ("customer_id"),
  constraint "ledger_accounts_supplier_unique" unique ("supplier_id"),
  constraint "ledger_accounts_chart" check (chart in ('SKR03', 'SKR04', 'personal')),
  constraint "ledger_accounts_type" check (type in ('asset', 'liability', 'equity', 'revenue', 'expense', 'carryForward')),
  constraint "ledger_accounts_number_range" check ((chart = 'personal' and number between 10000 and 99999) or (chart <> 'personal' and number between 1 and 9999)),
  constraint "ledger_accounts_personal" check ((chart <> 'personal' or role is null) and (customer_id is null or supplier_id is null) and (chart = 'personal' or (customer_id is null and supplier_id is null)))
);`);
    for (const chart of Object.keys(DEFAULT_CHARTS) as Chart[]) {
      const values = DEFAULT_CHARTS[chart]
        .map((a) => `(${quote(chart)}, ${a.number}, ${quote(a.name)}, ${quote(a.type)}, ${a.role ? quote(a.role) : 'null'}, ${a.automaticTax ? quote(a.automaticTax) : 'null'})`)
        .join(',\n  ');
      this.addSql(`insert into "ledger_accounts" ("chart", "number", "name", "type", "role", "automatic_tax") values\n  ${values};`);
    }

    this.addSql(`create table "cost_centres" (
  "id" uuid not null default gen_random_uuid() primary key,
  "code" varchar(20) not null,
  "name" varchar(100) not null,
  "project_id" uuid null references "projects" ("id") on delete set null,
  "department_id" uuid null references "departments" ("id") on delete set null,
  "active" boolean not null default true,
  "version" int not null default 1,
  "created_at" timestamptz not null default now(),
  "updated_at" timestamptz not null default now(),
  constraint "cost_centres_code_unique" unique ("code"),
  constraint "cost_centres_project_unique" unique ("project_id"),
  constraint "cost_centres_department_unique" unique ("department_id")
);`);

    // Locked months (Festschreibung) and closed years: rows are only ever added.
    this.addSql(`create table "fiscal_periods" (
  "year" int not null,
  "month" int not null,
  "locked_at" timestamptz not null default now(),
  "locked_by" uuid null references "employees" ("id") on delete set null,
  primary key ("year", "month"),
  constraint "fiscal_periods_month" check (month between 1 and 12)
);`);
    this.addSql(`create table "fiscal_years" (
  "year" int not null primary key,
  "closed_at" timestamptz not null default now(),
  "closed_by" uuid null references "employees" ("id") on delete set null
);`);

    this.addSql(`create table "journal_entries" (
  "id" uuid not null default gen_random_uuid() primary key,
  "fiscal_year" int not null,
  "entry_number" int not null,
  "entry_date" date not null,
  "document_date" date null,
  "document_number" varchar(36) null,
  "description" varchar(60) not null,
  "source_type" varchar(40) null,
  "source_id" uuid null,
  "kind" varchar(60) null,
  "reverses_id" uuid null references "journal_entries" ("id"),
  "posted_txid" bigint not null default txid_current(),
  "created_by" uuid null references "employees" ("id") on delete set null,
  "created_at" timestamptz not null default now(),
  constraint "journal_entries_number_unique" unique ("fiscal_year", "entry_number"),
  constraint "journal_entries_source_unique" unique ("source_type", "source_id", "kind"),
  constraint "journal_entries_reverses_unique" unique ("reverses_id"),
  constraint "journal_entries_source_complete" check ((source_type is null) = (source_id is null) and (source_id is null) = (kind is null)),
  constraint "journal_entries_description" check (length(btrim(description)) > 0)
);`);
    this.addSql(`create index "journal_entries_date_index" on "journal_entries" ("entry_date", "entry_number");`);
    this.addSql(`create index "journal_entries_source_index" on "journal_entries" ("source_id");`);

    this.addSql(`create table "journal_lines" (
  "id" uuid not null default gen_random_uuid() primary key,
  "entry_id" uuid not null references "journal_entries" ("id"),
  "line_no" smallint not null,
  "account_id" uuid not null references "ledger_accounts" ("id"),
  "amount" bigint not null,
  "tax_code" varchar(12) null,
  "is_tax" boolean not null default false,
  "tax_base" bigint null,
  "cost_centre_id" uuid null references "cost_centres" ("id"),
  "open_item_id" uuid null,
  "fiscal_year" int not null,
  "entry_date" date not null,
  "entry_number" int not null,
  constraint "journal_lines_entry_line_unique" unique ("entry_id", "line_no"),
  constraint "journal_lines_amount" check (amount <> 0),
  constraint "journal_lines_tax" check ((is_tax = false and tax_base is null) or (is_tax and tax_code is not null and tax_base is not null))
);`);
    this.addSql(`create index "journal_lines_account_index" on "journal_lines" ("account_id", "entry_date", "entry_number", "line_no") include ("amount");`);
    this.addSql(`create index "journal_lines_entry_index" on "journal_lines" ("entry_id");`);
    this.addSql(`create index "journal_lines_open_item_index" on "journal_lines" ("open_item_id") where open_item_id is not null;`);
    this.addSql(`create index "journal_lines_cost_centre_index" on "journal_lines" ("cost_centre_id", "entry_date") where cost_centre_id is not null;`);
    this.addSql(`create index "journal_lines_tax_index" on "journal_lines" ("entry_date", "tax_code") where tax_code is not null;`);

    // The entry's number: the next of its fiscal year's counter, in the inserting transaction
    // (a rollback gives it back, so the numbers have no gaps). The fiscal year is the calendar year.
    this.addSql(`create or replace function journal_entries_before_insert() returns trigger language plpgsql as $$
begin
  new.fiscal_year := extract(year from new.entry_date)::int;
  if exists (select 1 from fiscal_years where year = new.fiscal_year) then
    raise exception 'The fiscal year % is closed', new.fiscal_year using errcode = 'check_violation', constraint = 'journal_year_closed';
  end if;
  if exists (select 1 from fiscal_periods where year = new.fiscal_year and month = extract(month from new.entry_date)::int) then
    raise exception 'The month %-% is locked (festgeschrieben)', new.fiscal_year, lpad(extract(month from new.entry_date)::text, 2, '0') using errcode = 'check_violation', constraint = 'journal_period_locked';
  end if;
  insert into number_counters (series, period, value) values ('journal', new.fiscal_year, 1)
    on conflict (series, period) do update set value = number_counters.value + 1
    returning value into new.entry_number;
  new.posted_txid := txid_current();
  return new;
end $$;`);
    this.addSql(`create trigger "journal_entries_before_insert" before insert on "journal_entries" for each row execute function journal_entries_before_insert();`);

    // A line takes its entry's date and number (for the ledger index) and can only join an entry
    // of its own transaction.
    this.addSql(`create or replace function journal_lines_before_insert() returns trigger language plpgsql as $$
declare e record;
begin
  select fiscal_year, entry_date, entry_number, posted_txid into e from journal_entries where id = new.entry_id;
  if e.posted_txid is distinct from txid_current() then
    raise exception 'Entry % is posted; lines cannot be added to it', new.entry_id using errcode = 'check_violation', constraint = 'journal_immutable';
  end if;
  new.fiscal_year := e.fiscal_year;
  new.entry_date := e.entry_date;
  new.entry_number := e.entry_number;
  return new;
end $$;`);
    this.addSql(`create trigger "journal_lines_before_insert" before insert on "journal_lines" for each row execute function journal_lines_before_insert();`);

    this.addSql(`create or replace function journal_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'Posted journal entries cannot be changed or deleted; post a reversing entry' using errcode = 'check_violation', constraint = 'journal_immutable';
end $$;`);
    for (const table of ['journal_entries', 'journal_lines', 'fiscal_periods', 'fiscal_years']) {
      this.addSql(`create trigger "${table}_immutable" before update or delete on "${table}" for each row execute function journal_immutable();`);
      this.addSql(`create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function journal_immutable();`);
    }

    // Balanced: checked at commit, once all lines of the entry are in.
    this.addSql(`create or replace function journal_entry_balanced() returns trigger language plpgsql as $$
declare eid uuid; total numeric; n int;
begin
  -- Fired for an entry (its id) and for each of its lines (their entry_id).
  eid := coalesce((to_jsonb(new) ->> 'entry_id')::uuid, (to_jsonb(new) ->> 'id')::uuid);
  select coalesce(sum(amount), 0), count(*) into total, n from journal_lines where entry_id = eid;
  if n < 2 or total <> 0 then
    raise exception 'Journal entry % does not balance (% lines, sum % cents)', eid, n, total using errcode = 'check_violation', constraint = 'journal_entry_balanced';
  end if;
  return null;
end $$;`);
    this.addSql(`create constraint trigger "journal_entries_balanced" after insert on "journal_entries" deferrable initially deferred for each row execute function journal_entry_balanced();`);
    // Existing installations: the built-in Accountant role gets the bookkeeping (new ones are seeded with it).
    this.addSql(`update "roles" set "permissions" = "permissions" || '["bookkeeping.*"]'::jsonb where "is_system" and "name" = 'Accountant' and not ("permissions" @> '["bookkeeping.*"]'::jsonb);`);
    this.addSql(`create constraint trigger "journal_lines_balanced" after insert on "journal_lines" deferrable initially deferred for each row execute function journal_entry_balanced();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "journal_lines", "journal_entries", "fiscal_years", "fiscal_periods", "cost_centres", "ledger_accounts" cascade;`);
    this.addSql(`drop function if exists journal_entry_balanced(), journal_immutable(), journal_lines_before_insert(), journal_entries_before_insert();`);
    this.addSql(`alter table "company_settings" drop column "chart_of_accounts", drop column "vat_method";`);
  }

}
