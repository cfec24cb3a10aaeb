import { Migration } from '@mikro-orm/migrations';

/**
 * The stock page of one location (issue 17 bench goal, ≤ 1.2× a raw read of the balances) as an
 * index-only scan: the index holds only the rows the page lists (not zero), in the page's order,
 * with every column it shows. The page reads its 50 entries in order (no sort, no heap visit once
 * vacuum has marked the pages all-visible) and counts the location's entries from the same index.
 * It replaces stock_balances_location_number, which only that page used, so a balance change
 * still updates four indexes. The price: on_hand and reserved are now in an index, so changing
 * them is no longer a HOT update (measured: about 0.2 ms more a changed balance row without the
 * commit's fsync, within the noise of a posting with it).
 */
export class Migration20261206800000_stock_page_index extends Migration {

  override name = 'Migration20261206800000_stock_page_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "stock_balances_location_page" on "stock_balances" ("location_id", "article_number", "location_code")
      include ("article_id", "article_name", "base_unit", "location_kind", "on_hand", "reserved") where "on_hand" <> 0 or "reserved" <> 0;`);
    this.addSql(`drop index if exists "stock_balances_location_number";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create index if not exists "stock_balances_location_number" on "stock_balances" ("location_id", "article_number", "location_code");`);
    this.addSql(`drop index if exists "stock_balances_location_page";`);
  }

}
