import { Migration } from '@mikro-orm/migrations';

/**
 * Payments of received invoices (issue 16): amount, day, bank or cash, and the Skonto received
 * with its split per VAT rate (§17 UStG). The account for Skonto received at 0 % (SKR03 3730,
 * SKR04 5730) joins the charts; on a fresh database the bookkeeping migration already has it.
 */
export class Migration20261206700000_supplier_payments extends Migration {

  override name = 'Migration20261206700000_supplier_payments';

  override up(): void | Promise<void> {
    this.addSql(`create table "supplier_payments" (
  "id" uuid not null primary key,
  "supplier_invoice_id" uuid not null references "supplier_invoices" ("id"),
  "amount" numeric(14,2) not null,
  "payment_date" date not null,
  "method" text not null,
  "reference" varchar(200) null,
  "skonto_amount" numeric(14,2) null,
  "skonto_vat" jsonb null,
  "created_by_id" uuid null references "employees" ("id") on delete set null,
  "version" int not null default 1,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  constraint "supplier_payments_amount_positive" check (amount > 0),
  constraint "supplier_payments_method" check (method in ('bank', 'cash')),
  constraint "supplier_payments_skonto_complete" check ((skonto_amount is null) = (skonto_vat is null) and (skonto_amount is null or skonto_amount > 0))
);`);
    this.addSql(`create index "supplier_payments_supplier_invoice_id_index" on "supplier_payments" ("supplier_invoice_id");`);
    for (const [chart, number] of [['SKR03', 3730], ['SKR04', 5730]] as const) {
      this.addSql(
        `insert into "ledger_accounts" ("chart", "number", "name", "type", "role") values ('${chart}', ${number}, 'Erhaltene Skonti', 'expense', 'skontoReceivedFree')
         on conflict ("chart", "number") do update set "role" = 'skontoReceivedFree' where "ledger_accounts"."role" is null;`,
      );
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "supplier_payments" cascade;`);
    this.addSql(`update "ledger_accounts" set "role" = null where "role" = 'skontoReceivedFree';`);
  }

}
