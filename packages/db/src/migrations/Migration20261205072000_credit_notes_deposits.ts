import { Migration } from '@mikro-orm/migrations';

/**
 * Credit notes (Rechnungskorrekturen) and deposit / final invoices (Abschlags- und
 * Schlussrechnungen).
 *
 * - `credit_note` is a new document type: it credits (`credits_id`) a finalized invoice, with its
 *   own number series (`credit_note_number_pattern`). The original keeps its figures; what the
 *   credit notes took back is summed in `credited_amount` (a status/payment column, not frozen).
 * - Deposit and final invoices stay of type `invoice` (they are paid, dunned and counted like
 *   one) and say which they are in `kind`; `basis_quote_id` names the quote they bill against.
 *   A final invoice keeps its deductions as printed in `deductions`; `invoice_deductions` holds
 *   one row per deducted deposit, unique per deposit: a deposit is deducted by one final invoice.
 */
export class Migration20261205072000_credit_notes_deposits extends Migration {

  override name = 'Migration20261205072000_credit_notes_deposits';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoices" drop constraint "invoices_type_check";`);
    this.addSql(`alter table "invoices" add constraint "invoices_type_check" check ("type" in ('invoice', 'quote', 'cancellation', 'credit_note'));`);
    this.addSql(`alter table "invoices" add column "kind" text not null default 'standard', add column "credits_id" uuid null, add column "basis_quote_id" uuid null, add column "credited_amount" numeric(14,2) not null default '0', add column "deductions" jsonb null;`);
    this.addSql(`alter table "invoices" add constraint "invoices_kind_check" check ("kind" in ('standard', 'deposit', 'final'));`);
    this.addSql(`alter table "invoices" add constraint "invoices_kind_only_invoices" check (kind = 'standard' or type = 'invoice');`);
    this.addSql(`alter table "invoices" add constraint "invoices_credit_note_link" check ((type = 'credit_note') = (credits_id is not null));`);
    this.addSql(`alter table "invoices" add constraint "invoices_final_deductions" check ((kind = 'final') = (deductions is not null));`);
    this.addSql(`alter table "invoices" add constraint "invoices_credited_within_total" check (credited_amount >= 0 and (type <> 'invoice' or credited_amount <= gross_total));`);
    this.addSql(`alter table "invoices" add constraint "invoices_credits_id_foreign" foreign key ("credits_id") references "invoices" ("id") on update cascade;`);
    this.addSql(`alter table "invoices" add constraint "invoices_basis_quote_id_foreign" foreign key ("basis_quote_id") references "invoices" ("id") on update cascade;`);
    this.addSql(`create index "invoices_credits_id_index" on "invoices" ("credits_id") where credits_id is not null;`);
    this.addSql(`create index "invoices_basis_quote_id_index" on "invoices" ("basis_quote_id") where basis_quote_id is not null;`);
    this.addSql(`create index "invoices_deposits_of_project_index" on "invoices" ("project_id") where kind = 'deposit';`);

    this.addSql(`create table "invoice_deductions" ("final_invoice_id" uuid not null, "deposit_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("final_invoice_id", "deposit_id"));`);
    this.addSql(`alter table "invoice_deductions" add constraint "invoice_deductions_deposit_unique" unique ("deposit_id");`);
    this.addSql(`alter table "invoice_deductions" add constraint "invoice_deductions_final_invoice_id_foreign" foreign key ("final_invoice_id") references "invoices" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invoice_deductions" add constraint "invoice_deductions_deposit_id_foreign" foreign key ("deposit_id") references "invoices" ("id") on update cascade;`);

    this.addSql(`alter table "company_settings" add column "credit_note_number_pattern" varchar(60) not null default 'GS-{YYYY}-{NNNN}';`);

    // The new printed columns freeze with the rest of a finalized document (a second trigger, so
    // the first one's column list stays as it is).
    this.addSql(`create or replace function invoices_immutable_links() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (new.kind, new.credits_id, new.basis_quote_id, new.deductions) is distinct from (old.kind, old.credits_id, old.basis_quote_id, old.deductions) then
    raise exception 'Document % is finalized and cannot be changed; cancel it and correct a copy', old.number using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "invoices_immutable_links" before update on "invoices" for each row execute function invoices_immutable_links();`);
    // A finalized final invoice's deductions never change.
    this.addSql(`create or replace function invoice_deductions_immutable() returns trigger language plpgsql as $$
declare final_status text;
begin
  select status into final_status from invoices where id = coalesce(new.final_invoice_id, old.final_invoice_id);
  if final_status is not null and final_status <> 'draft' then
    raise exception 'The deductions of a finalized final invoice cannot change' using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  return coalesce(new, old);
end $$;`);
    this.addSql(`create trigger "invoice_deductions_immutable" before insert or update or delete on "invoice_deductions" for each row execute function invoice_deductions_immutable();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "invoice_deductions_immutable" on "invoice_deductions";`);
    this.addSql(`drop function if exists invoice_deductions_immutable();`);
    this.addSql(`drop trigger if exists "invoices_immutable_links" on "invoices";`);
    this.addSql(`drop function if exists invoices_immutable_links();`);
    this.addSql(`drop table if exists "invoice_deductions" cascade;`);
    this.addSql(`alter table "company_settings" drop column "credit_note_number_pattern";`);
    this.addSql(`delete from "invoices" where type = 'credit_note';`);
    this.addSql(`alter table "invoices" drop column "kind", drop column "credits_id", drop column "basis_quote_id", drop column "credited_amount", drop column "deductions";`);
    this.addSql(`alter table "invoices" drop constraint "invoices_type_check";`);
    this.addSql(`alter table "invoices" add constraint "invoices_type_check" check ("type" in ('invoice', 'quote', 'cancellation'));`);
  }

}
