import { Migration } from '@mikro-orm/migrations';

/**
 * Unit prices keep up to four decimal places (EN 16931 allows more than two; its example prices
 * a unit at 1.2605), like quantities already do. Existing prices fit unchanged (10 integer digits
 * as before). Line nets and totals stay numeric(…, 2): they are rounded to the cent.
 *
 * Archived PDFs of quotes were shown as invoice PDFs in the documents list: every invoice PDF
 * now carries the category of its document ("offer" for a quote, "invoice" otherwise), as new
 * ones get it when they are stored.
 */
export class Migration20261204161500_unit_price_scale extends Migration {

  override name = 'Migration20261204161500_unit_price_scale';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoice_lines" alter column "unit_price" type numeric(14,4) using ("unit_price"::numeric(14,4));`);
    this.addSql(`update "documents" d set "category" = case when i."type" = 'quote' then 'offer' else 'invoice' end
                   from "invoices" i where i."id" = d."entity_id" and d."entity" = 'invoice' and d."kind" in ('invoice_pdf', 'invoice_preview') and d."category" is null;`);
  }

  override down(): void | Promise<void> {
    // Rounds prices with more than two places to the cent: only for going back on a copy.
    this.addSql(`alter table "invoice_lines" alter column "unit_price" type numeric(12,2) using ("unit_price"::numeric(12,2));`);
  }

}
