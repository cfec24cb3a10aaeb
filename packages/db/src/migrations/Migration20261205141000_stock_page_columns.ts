import { Migration } from '@mikro-orm/migrations';

/**
 * The stock page reads one table (issue 17 bench goal): each balance row carries its article's
 * number, name and base unit and its location's code and kind. postMoves and reserveStock set
 * them when they create a row; updateArticle changes them in the transaction that renames or
 * renumbers the article (both lock the article row first, so no copy goes stale). Locations
 * cannot be renamed. The index makes the page of one location one ordered index range scan.
 */
export class Migration20261205141000_stock_page_columns extends Migration {

  override name = 'Migration20261205141000_stock_page_columns';

  override up(): void | Promise<void> {
    this.addSql(`alter table "stock_balances" add column "article_number" varchar(40) null, add column "article_name" varchar(200) null, add column "base_unit" varchar(3) null,
      add column "location_code" varchar(40) null, add column "location_kind" varchar(20) null;`);
    this.addSql(`update "stock_balances" b set "article_number" = a."number", "article_name" = a."name", "base_unit" = a."base_unit", "location_code" = l."code", "location_kind" = l."kind"
      from "articles" a, "stock_locations" l where a."id" = b."article_id" and l."id" = b."location_id";`);
    this.addSql(`alter table "stock_balances" alter column "article_number" set not null, alter column "article_name" set not null, alter column "base_unit" set not null,
      alter column "location_code" set not null, alter column "location_kind" set not null;`);
    this.addSql(`create index "stock_balances_location_number" on "stock_balances" ("location_id", "article_number", "location_code");`);
    this.addSql(`create index "stock_balances_number" on "stock_balances" ("article_number", "location_code");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "stock_balances_number";`);
    this.addSql(`drop index if exists "stock_balances_location_number";`);
    this.addSql(`alter table "stock_balances" drop column "article_number", drop column "article_name", drop column "base_unit", drop column "location_code", drop column "location_kind";`);
  }

}
