import { Migration } from '@mikro-orm/migrations';

/** Invoice and quote lines may refer to an article (issue 17); its price, unit and VAT rate are the line's defaults. */
export class Migration20261205133000_invoice_line_articles extends Migration {

  override name = 'Migration20261205133000_invoice_line_articles';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoice_lines" add column "article_id" uuid null references "articles" ("id");`);
    this.addSql(`create index "invoice_lines_article" on "invoice_lines" ("article_id") where "article_id" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoice_lines" drop column "article_id";`);
  }

}
