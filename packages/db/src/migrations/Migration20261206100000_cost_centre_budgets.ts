import { Migration } from '@mikro-orm/migrations';

/**
 * Budgets per cost centre and fiscal year (issue 16): what a cost centre may spend; the
 * consumption is read from the journal (expense lines on the centre), never stored.
 */
export class Migration20261206100000_cost_centre_budgets extends Migration {

  override name = 'Migration20261206100000_cost_centre_budgets';

  override up(): void | Promise<void> {
    this.addSql(`create table "cost_centre_budgets" (
  "cost_centre_id" uuid not null references "cost_centres" ("id") on delete cascade,
  "year" int not null,
  "amount" numeric(14,2) not null,
  "updated_at" timestamptz not null default now(),
  primary key ("cost_centre_id", "year"),
  constraint "cost_centre_budgets_amount" check (amount >= 0),
  constraint "cost_centre_budgets_year" check (year between 2000 and 2100)
);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "cost_centre_budgets";`);
  }

}
