import { Migration } from '@mikro-orm/migrations';

/**
 * Bank entries that pay money back: a debit can be matched to an invoice's refund, as a credit is
 * to a payment (`refund_id`; the refund deleted sets it null and the entry is opened again by the
 * banking subscriber). A matched entry is no longer only a credit. Two indexes for the matching:
 * the open amount index follows the open amount as the matching reads it since credit notes
 * (gross − credited − paid; the old one on gross − paid was no longer used), and overpaid invoices
 * (what a refund can pay back) are found by their overpaid amount.
 */
export class Migration20261208100000_bank_refunds extends Migration {

  override name = 'Migration20261208100000_bank_refunds';

  override up(): void | Promise<void> {
    this.addSql(`alter table "bank_entries" add column "refund_id" uuid null;`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_refund_id_foreign" foreign key ("refund_id") references "refunds" ("id") on delete set null;`);
    this.addSql(`alter table "bank_entries" drop constraint "bank_entries_matched_is_credit";`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_payment_is_credit" check (payment_id is null or amount > 0);`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_refund_is_debit" check (refund_id is null or amount < 0);`);
    this.addSql(`drop index "invoices_open_amount_index";`);
    this.addSql(`create index "invoices_open_amount_index" on "invoices" (("gross_total" - "credited_amount" - "paid_amount")) where "type" = 'invoice' and "status" in ('finalized', 'sent', 'partially_paid', 'overdue');`);
    this.addSql(`create index "invoices_overpaid_amount_index" on "invoices" (("paid_amount" - ("gross_total" - "credited_amount"))) where "type" = 'invoice' and "paid_amount" > "gross_total" - "credited_amount";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "invoices_overpaid_amount_index";`);
    this.addSql(`drop index "invoices_open_amount_index";`);
    this.addSql(`create index "invoices_open_amount_index" on "invoices" (("gross_total" - "paid_amount")) where "type" = 'invoice' and "status" in ('finalized', 'sent', 'partially_paid', 'overdue');`);
    this.addSql(`alter table "bank_entries" drop constraint "bank_entries_refund_is_debit";`);
    this.addSql(`alter table "bank_entries" drop constraint "bank_entries_payment_is_credit";`);
    this.addSql(`alter table "bank_entries" drop column "refund_id";`);
    this.addSql(`alter table "bank_entries" add constraint "bank_entries_matched_is_credit" check (status <> 'matched' or amount > 0);`);
  }

}
