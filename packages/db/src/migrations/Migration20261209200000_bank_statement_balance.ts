import { Migration } from '@mikro-orm/migrations';

/**
 * Whether an imported statement adds up: closing − opening − its booked entries (0.00 when it
 * does; null when the file gave no opening or closing balance). Files imported before are left
 * null: their entries were read the same way, but the check was not made then.
 */
export class Migration20261209200000_bank_statement_balance extends Migration {

  override name = 'Migration20261209200000_bank_statement_balance';

  override up(): void | Promise<void> {
    this.addSql(`alter table "bank_statements" add column "balance_difference" numeric(14,2) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "bank_statements" drop column "balance_difference";`);
  }

}
