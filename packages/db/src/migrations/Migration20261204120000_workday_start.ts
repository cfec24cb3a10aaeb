import { Migration } from '@mikro-orm/migrations';

/** The company's working-day start: hours typed for a day in the timesheet are placed from it on. */
export class Migration20261204120000_workday_start extends Migration {

  override name = 'Migration20261204120000_workday_start';

  override up(): void | Promise<void> {
    this.addSql(`alter table "company_settings" add column "workday_start" varchar(5) not null default '08:00';`);
    this.addSql(`alter table "company_settings" add constraint company_settings_workday_start check (workday_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "company_settings" drop constraint company_settings_workday_start;`);
    this.addSql(`alter table "company_settings" drop column "workday_start";`);
  }

}
