import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox carries business events as well as jobs: a row of kind 'event' (e.g.
 * invoice.finalized) is fanned out by the worker's relay into one job row per subscriber.
 * Existing rows are jobs.
 */
export class Migration20261204165246_outbox_events extends Migration {

  override name = 'Migration20261204165246_outbox_events';

  override up(): void | Promise<void> {
    this.addSql(`alter table "outbox" add "kind" varchar(10) not null default 'job';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "outbox" drop column "kind";`);
  }

}
