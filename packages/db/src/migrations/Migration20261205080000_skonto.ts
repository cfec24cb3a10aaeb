import { Migration } from '@mikro-orm/migrations';

/**
 * Skonto: terms on the invoice (percent + days, both or neither, frozen at finalize by a trigger
 * of their own), company defaults for new invoices, and on a payment the discount it settled the
 * invoice with plus that discount's split per VAT rate (§17 UStG).
 */
export class Migration20261205080000_skonto extends Migration {

  override name = 'Migration20261205080000_skonto';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoices" add column "skonto_percent" numeric(5,2) null, add column "skonto_days" int null;`);
    this.addSql(`alter table "invoices" add constraint "invoices_skonto_terms" check ((skonto_percent is null) = (skonto_days is null) and (skonto_percent is null or (skonto_percent > 0 and skonto_percent < 100 and skonto_days between 1 and 365)));`);
    this.addSql(`alter table "company_settings" add column "default_skonto_percent" numeric(5,2) null, add column "default_skonto_days" int null;`);
    this.addSql(`alter table "company_settings" add constraint "company_settings_skonto_terms" check ((default_skonto_percent is null) = (default_skonto_days is null));`);
    this.addSql(`alter table "payments" add column "skonto_amount" numeric(14,2) null, add column "skonto_vat" jsonb null;`);
    this.addSql(`alter table "payments" add constraint "payments_skonto_complete" check ((skonto_amount is null) = (skonto_vat is null) and (skonto_amount is null or skonto_amount > 0));`);
    this.addSql(`create or replace function invoices_immutable_skonto() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (new.skonto_percent, new.skonto_days) is distinct from (old.skonto_percent, old.skonto_days) then
    raise exception 'Document % is finalized and cannot be changed; cancel it and correct a copy', old.number using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "invoices_immutable_skonto" before update on "invoices" for each row execute function invoices_immutable_skonto();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "invoices_immutable_skonto" on "invoices";`);
    this.addSql(`drop function if exists invoices_immutable_skonto();`);
    this.addSql(`alter table "payments" drop column "skonto_amount", drop column "skonto_vat";`);
    this.addSql(`alter table "company_settings" drop column "default_skonto_percent", drop column "default_skonto_days";`);
    this.addSql(`alter table "invoices" drop column "skonto_percent", drop column "skonto_days";`);
  }

}
