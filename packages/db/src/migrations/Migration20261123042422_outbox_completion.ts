import { Migration } from '@mikro-orm/migrations';

/**
 * An outbox row is done when the worker finished its job (`completed_at`), not when it was
 * handed to Redis: rows dispatched long ago and still open are relayed again. Rows dispatched
 * before this migration counted as done, so they are marked completed.
 */
export class Migration20261123042422_outbox_completion extends Migration {

  override name = 'Migration20261123042422_outbox_completion';

  override up(): void | Promise<void> {
    this.addSql(`drop index "outbox_pending";`);
    this.addSql(`alter table "outbox" add "completed_at" timestamptz null;`);
    this.addSql(`update "outbox" set "completed_at" = "dispatched_at" where "dispatched_at" is not null;`);
    this.addSql(`create index "outbox_open" on "outbox" ("id") where "completed_at" is null;`);
    this.addSql(`create index "outbox_open_job" on "outbox" ("job_id") where "completed_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "outbox_open";`);
    this.addSql(`drop index "outbox_open_job";`);
    this.addSql(`alter table "outbox" drop column "completed_at";`);
    this.addSql(`create index "outbox_pending" on "outbox" ("id") where dispatched_at is null;`);
  }

}
