import { Migration } from '@mikro-orm/migrations';

/**
 * Outgoing e-invoices (XRechnung CII/UBL, ZUGFeRD): what the customer wants and what an
 * e-invoice needs of buyer and seller. Existing customers stay `none` (no e-invoice asked for).
 * The archived XML files are documents of kind `einvoice_cii` / `einvoice_ubl`, at most one of
 * each per invoice (the index), never replaced.
 */
export class Migration20261205070000_einvoices_out extends Migration {

  override name = 'Migration20261205070000_einvoices_out';

  override up(): void | Promise<void> {
    this.addSql(`alter table "customers" add "country_code" varchar(2) not null default 'DE', add "buyer_reference" varchar(200) null, add "electronic_address" varchar(254) null, add "electronic_address_scheme" varchar(10) null, add "einvoice_format" text not null default 'none';`);
    this.addSql(`alter table "customers" add constraint "customers_einvoice_format_check" check ("einvoice_format" in ('none', 'xrechnung-cii', 'xrechnung-ubl', 'facturx'));`);
    this.addSql(`alter table "customers" add constraint "customers_country_code_check" check ("country_code" ~ '^[A-Z]{2}$');`);
    this.addSql(`alter table "company_settings" add "country_code" varchar(2) not null default 'DE', add "contact_name" varchar(200) null, add "contact_phone" varchar(50) null, add "contact_email" varchar(254) null, add "electronic_address" varchar(254) null, add "electronic_address_scheme" varchar(10) null;`);
    this.addSql(`alter table "company_settings" add constraint "company_settings_country_code_check" check ("country_code" ~ '^[A-Z]{2}$');`);
    this.addSql(`create unique index "documents_einvoice_once" on "documents" ("entity_id", "kind") where "kind" in ('einvoice_cii', 'einvoice_ubl');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "documents_einvoice_once";`);
    this.addSql(`alter table "company_settings" drop constraint "company_settings_country_code_check";`);
    this.addSql(`alter table "company_settings" drop column "country_code", drop column "contact_name", drop column "contact_phone", drop column "contact_email", drop column "electronic_address", drop column "electronic_address_scheme";`);
    this.addSql(`alter table "customers" drop constraint "customers_einvoice_format_check";`);
    this.addSql(`alter table "customers" drop constraint "customers_country_code_check";`);
    this.addSql(`alter table "customers" drop column "country_code", drop column "buyer_reference", drop column "electronic_address", drop column "electronic_address_scheme", drop column "einvoice_format";`);
  }

}
