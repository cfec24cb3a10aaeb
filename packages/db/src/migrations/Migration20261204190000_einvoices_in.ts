import { Migration } from '@mikro-orm/migrations';

/**
 * Received e-invoices: suppliers, supplier invoices with their VAT rows, and the link from an
 * expense to the supplier invoice it was booked from. New permissions purchases.read/write for
 * the built-in roles that handle expenses (Manager, Accountant; Auditor reads by *.read).
 */
const GRANTS: Array<[string, string]> = [
  ['Manager', 'purchases.read'],
  ['Manager', 'purchases.write'],
  ['Accountant', 'purchases.read'],
  ['Accountant', 'purchases.write'],
];

export class Migration20261204190000_einvoices_in extends Migration {

  override name = 'Migration20261204190000_einvoices_in';

  override up(): void | Promise<void> {
    this.addSql(`create table "suppliers" ("id" uuid not null, "name" varchar(200) not null, "street" varchar(200) null, "zip" varchar(20) null, "city" varchar(100) null, "country_code" varchar(2) not null, "vat_id" varchar(30) null, "iban" varchar(34) null, "bic" varchar(11) null, "email" varchar(254) null, "electronic_address" varchar(254) null, "electronic_address_scheme" varchar(10) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    // One supplier per VAT ID; without one, per name and country.
    this.addSql(`create unique index "suppliers_vat_id_unique" on "suppliers" (upper("vat_id")) where "vat_id" is not null;`);
    this.addSql(`create unique index "suppliers_name_country_unique" on "suppliers" (lower("name"), "country_code") where "vat_id" is null;`);

    this.addSql(`create table "supplier_invoices" ("id" uuid not null, "supplier_id" uuid not null, "invoice_number" varchar(100) not null, "type_code" varchar(3) not null, "status" text not null default 'draft', "format" text not null, "issue_date" date not null, "due_date" date null, "currency" varchar(3) not null, "buyer_reference" varchar(200) null, "net_amount" numeric(12,2) not null, "tax_amount" numeric(12,2) not null, "gross_amount" numeric(12,2) not null, "due_amount" numeric(12,2) not null, "document_id" uuid not null, "parsed" jsonb not null, "received_by_id" uuid null, "decided_by_id" uuid null, "decided_at" timestamptz null, "rejection_reason" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "supplier_invoices_supplier_id_index" on "supplier_invoices" ("supplier_id");`);
    this.addSql(`create index "supplier_invoices_status_index" on "supplier_invoices" ("status");`);
    this.addSql(`alter table "supplier_invoices" add constraint "supplier_invoices_supplier_number_unique" unique ("supplier_id", "invoice_number");`);
    this.addSql(`alter table "supplier_invoices" add constraint "supplier_invoices_status_check" check ("status" in ('draft', 'approved', 'rejected'));`);
    this.addSql(`alter table "supplier_invoices" add constraint "supplier_invoices_format_check" check ("format" in ('ubl', 'cii', 'facturx'));`);
    this.addSql(`alter table "supplier_invoices" add constraint "supplier_invoices_supplier_id_foreign" foreign key ("supplier_id") references "suppliers" ("id");`);
    this.addSql(`alter table "supplier_invoices" add constraint "supplier_invoices_document_id_foreign" foreign key ("document_id") references "documents" ("id");`);
    this.addSql(`alter table "supplier_invoices" add constraint "supplier_invoices_received_by_id_foreign" foreign key ("received_by_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "supplier_invoices" add constraint "supplier_invoices_decided_by_id_foreign" foreign key ("decided_by_id") references "employees" ("id") on delete set null;`);

    this.addSql(`create table "supplier_invoice_tax_rows" ("id" uuid not null, "supplier_invoice_id" uuid not null, "category" varchar(4) not null, "rate" numeric(5,2) not null, "net_amount" numeric(12,2) not null, "tax_amount" numeric(12,2) not null, primary key ("id"));`);
    this.addSql(`create index "supplier_invoice_tax_rows_supplier_invoice_id_index" on "supplier_invoice_tax_rows" ("supplier_invoice_id");`);
    this.addSql(`alter table "supplier_invoice_tax_rows" add constraint "supplier_invoice_tax_rows_supplier_invoice_id_foreign" foreign key ("supplier_invoice_id") references "supplier_invoices" ("id") on delete cascade;`);

    this.addSql(`alter table "expenses" add "supplier_invoice_id" uuid null;`);
    this.addSql(`create index "expenses_supplier_invoice_id_index" on "expenses" ("supplier_invoice_id");`);
    this.addSql(`alter table "expenses" add constraint "expenses_supplier_invoice_id_foreign" foreign key ("supplier_invoice_id") references "supplier_invoices" ("id") on delete set null;`);

    for (const [role, permission] of GRANTS) {
      this.addSql(`update "roles" set "permissions" = "permissions" || '["${permission}"]'::jsonb where "is_system" and "name" = '${role}' and not ("permissions" @> '["${permission}"]'::jsonb);`);
    }
  }

  override down(): void | Promise<void> {
    for (const [role, permission] of GRANTS) this.addSql(`update "roles" set "permissions" = "permissions" - '${permission}' where "is_system" and "name" = '${role}';`);
    this.addSql(`alter table "expenses" drop constraint "expenses_supplier_invoice_id_foreign";`);
    this.addSql(`alter table "expenses" drop column "supplier_invoice_id";`);
    this.addSql(`drop table "supplier_invoice_tax_rows";`);
    this.addSql(`drop table "supplier_invoices";`);
    this.addSql(`drop table "suppliers";`);
  }

}
