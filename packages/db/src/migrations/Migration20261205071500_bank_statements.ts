import { Migration } from '@mikro-orm/migrations';

/**
 * Bank statement import: imported statement files and their entries. An entry is unique by
 * account, bank reference, booking date and amount, so a file imported twice (or two overlapping
 * files) stores each booking once. New permissions banking.read/write for the built-in roles that
 * handle payments (Accountant; Manager reads; Auditor reads by *.read). Two indexes on invoices
 * for matching payments to them.
 */
const GRANTS: Array<[string, string]> = [
  ['Manager', 'banking.read'],
  ['Accountant', 'banking.read'],
  ['Accountant', 'banking.write'],
];

export class Migration20261205071500_bank_statements extends Migration {

  override name = 'Migration20261205071500_bank_statements';

  override up(): void | Promise<void> {
    this.addSql(`create table "bank_statements" ("id" uuid not null, "file_name" varchar(255) not null, "format" text not null, "format_version" varchar(20) not null, "account_iban" varchar(34) not null, "statement_ids" jsonb not null, "opening_balance" numeric(14,2) null, "closing_balance" numeric(14,2) null, "first_booking_date" date null, "last_booking_date" date null, "sha256" varchar(64) not null, "entry_count" int not null, "imported_count" int not null, "skipped_count" int not null, "imported_by_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "bank_statements_account_iban_index" on "bank_statements" ("account_iban");`);
    this.addSql(`create index "bank_statements_created_at_index" on "bank_statements" ("created_at", "id");`);
    this.addSql(`alter table "bank_statements" add constraint "bank_statements_format_check" check ("format" in ('camt053', 'mt940'));`);
    this.addSql(`alter table "bank_statements" add constraint "bank_statements_imported_by_id_foreign" foreign key ("imported_by_id") references "employees" ("id") on delete set null;`);

    this.addSql(`create table "bank_entries" ("id" uuid not null, "statement_id" uuid not null, "account_iban" varchar(34) not null, "bank_reference" varchar(100) not null, "booking_date" date not null, "value_date" date null, "amount" numeric(14,2) not null, "currency" varchar(3) not null, "counterparty_name" varchar(200) null, "counterparty_iban" varchar(34) null, "remittance" text null, "end_to_end_id" varchar(100) null, "transaction_code" varchar(40) null, "status" text not null default 'open', "invoice_id" uuid null, "payment_id" uuid null, "decided_by_id" uuid null, "decided_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "bank_entries_statement_id_index" on "bank_entries" ("statement_id");`);
    this.addSql(`create index "bank_entries_counterparty_iban_index" on "bank_entries" ("counterparty_iban");`);
    this.addSql(`create index "bank_entries_invoice_id_index" on "bank_entries" ("invoice_id");`);
    this.addSql(`create index "bank_entries_status_booking_index" on "bank_entries" ("status", "booking_date");`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_booking_unique" unique ("account_iban", "bank_reference", "booking_date", "amount");`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_status_check" check (status in ('open', 'matched', 'ignored'));`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_matched_has_invoice" check ((status = 'matched') = (invoice_id is not null));`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_matched_is_credit" check (status <> 'matched' or amount > 0);`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_statement_id_foreign" foreign key ("statement_id") references "bank_statements" ("id");`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_invoice_id_foreign" foreign key ("invoice_id") references "invoices" ("id");`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_payment_id_foreign" foreign key ("payment_id") references "payments" ("id") on delete set null;`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_decided_by_id_foreign" foreign key ("decided_by_id") references "employees" ("id") on delete set null;`);

    // Matching finds invoices by a word of the remittance text (any case) and by the open amount
    // of open invoices: both by index, however many invoices there are.
    this.addSql(`create index "invoices_number_upper_index" on "invoices" (upper("number")) where "number" is not null;`);
    this.addSql(`create index "invoices_open_amount_index" on "invoices" (("gross_total" - "paid_amount")) where "type" = 'invoice' and "status" in ('finalized', 'sent', 'partially_paid', 'overdue');`);

    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`);
    }
  }

  override down(): void | Promise<void> {
    for (const [role, permission] of GRANTS) this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
    this.addSql(`drop index "invoices_open_amount_index";`);
    this.addSql(`drop index "invoices_number_upper_index";`);
    this.addSql(`drop table "bank_entries";`);
    this.addSql(`drop table "bank_statements";`);
  }

}
