import { Migration } from '@mikro-orm/migrations';

/**
 * Keyset ("cursor") pagination of customers, time entries and documents: for every list sort an
 * index on exactly the expressions that packages/db/src/shared/keyset.ts orders by (null flag,
 * value, id), so a page after a cursor is an index range of pageSize rows however deep it is.
 * Nullable values that go last in both directions need one index per direction.
 */
export class Migration20261123043006_keyset_indexes extends Migration {

  override name = 'Migration20261123043006_keyset_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "customers_customer_number_id_index" on "customers" ("customer_number", "id");`);
    this.addSql(`create index "customers_status_id_index" on "customers" ("status", "id");`);
    this.addSql(`create index "customers_city_keyset_index" on "customers" (("city" is null), coalesce("city", ''), "id");`);

    this.addSql(`create index "invoices_gross_total_id_index" on "invoices" ("gross_total", "id");`);
    this.addSql(`create index "invoices_number_asc_index" on "invoices" (("number" is null), coalesce("number", ''), "id");`);
    this.addSql(`create index "invoices_number_desc_index" on "invoices" (("number" is not null), coalesce("number", ''), "id");`);
    this.addSql(`create index "invoices_issue_date_asc_index" on "invoices" (("issue_date" is null), coalesce("issue_date", '2000-01-01'::date), "id");`);
    this.addSql(`create index "invoices_issue_date_desc_index" on "invoices" (("issue_date" is not null), coalesce("issue_date", '2000-01-01'::date), "id");`);
    this.addSql(`create index "invoices_due_date_asc_index" on "invoices" (("due_date" is null), coalesce("due_date", '2000-01-01'::date), "id");`);
    this.addSql(`create index "invoices_due_date_desc_index" on "invoices" (("due_date" is not null), coalesce("due_date", '2000-01-01'::date), "id");`);

    // (start_time, id) serves everything (start_time) did: date ranges as well as the list order.
    this.addSql(`drop index "time_entries_start_index";`);
    this.addSql(`create index "time_entries_start_id_index" on "time_entries" ("start_time", "id");`);
    this.addSql(`create index "time_entries_created_at_index" on "time_entries" ("created_at", "id");`);
    this.addSql(`create index "time_entries_duration_asc_index" on "time_entries" (("duration_minutes" is null), coalesce("duration_minutes", 0), "id");`);
    this.addSql(`create index "time_entries_duration_desc_index" on "time_entries" (("duration_minutes" is not null), coalesce("duration_minutes", 0), "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "customers_customer_number_id_index";`);
    this.addSql(`drop index "customers_status_id_index";`);
    this.addSql(`drop index "customers_city_keyset_index";`);

    this.addSql(`drop index "invoices_gross_total_id_index";`);
    this.addSql(`drop index "invoices_number_asc_index";`);
    this.addSql(`drop index "invoices_number_desc_index";`);
    this.addSql(`drop index "invoices_issue_date_asc_index";`);
    this.addSql(`drop index "invoices_issue_date_desc_index";`);
    this.addSql(`drop index "invoices_due_date_asc_index";`);
    this.addSql(`drop index "invoices_due_date_desc_index";`);

    this.addSql(`drop index "time_entries_start_id_index";`);
    this.addSql(`drop index "time_entries_created_at_index";`);
    this.addSql(`drop index "time_entries_duration_asc_index";`);
    this.addSql(`drop index "time_entries_duration_desc_index";`);
    this.addSql(`create index "time_entries_start_index" on "time_entries" ("start_time");`);
  }

}
