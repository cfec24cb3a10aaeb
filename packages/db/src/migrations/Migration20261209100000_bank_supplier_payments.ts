import { Migration } from '@mikro-orm/migrations';

/**
 * Bank entries that pay a supplier: a debit can be matched to an approved received invoice and
 * becomes its supplier payment (`supplier_invoice_id`, `supplier_payment_id`; the payment deleted
 * sets it null and the banking subscriber opens the entry again). A matched entry names exactly
 * one invoice, ours or the supplier's.
 */
export class Migration20261209100000_bank_supplier_payments extends Migration {

  override name = 'Migration20261209100000_bank_supplier_payments';

  override up(): void | Promise<void> {
    this.addSql(`alter table "bank_entries" add column "supplier_invoice_id" uuid null, add column "supplier_payment_id" uuid null;`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_supplier_invoice_id_foreign" foreign key ("supplier_invoice_id") references "supplier_invoices" ("id");`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_supplier_payment_id_foreign" foreign key ("supplier_payment_id") references "supplier_payments" ("id") on delete set null;`);
    this.addSql(`create index "bank_entries_supplier_invoice_id_index" on "bank_entries" ("supplier_invoice_id");`);
    this.addSql(`alter table "bank_entries" drop constraint "bank_entries_matched_has_invoice";`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_matched_has_invoice" check ((status = 'matched') = (invoice_id is not null or supplier_invoice_id is not null) and (invoice_id is null or supplier_invoice_id is null));`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_supplier_payment_is_debit" check (supplier_payment_id is null or amount < 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "bank_entries" drop constraint "bank_entries_supplier_payment_is_debit";`);
    this.addSql(`alter table "bank_entries" drop constraint "bank_entries_matched_has_invoice";`);
    this.addSql(`alter table "bank_entries" drop column "supplier_payment_id", drop column "supplier_invoice_id";`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_matched_has_invoice" check ((status = 'matched') = (invoice_id is not null));`);
  }

}
