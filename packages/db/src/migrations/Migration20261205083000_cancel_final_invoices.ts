import { Migration } from '@mikro-orm/migrations';

/**
 * Cancelling a final invoice (Schlussrechnung):
 * - its cancellation (Stornorechnung) keeps the negated deductions as printed in `deductions`,
 *   so the mirrored document can show and e-invoice them;
 * - its rows in `invoice_deductions` are removed in the cancel's transaction, once the final
 *   invoice is cancelled: the deposits are free for a new final invoice. Nothing else may remove
 *   or change the deductions of a finalized final invoice, and the unique deposit still means
 *   "deducted by at most one live final invoice". What the cancelled one deducted stays in its
 *   frozen `deductions`.
 */
export class Migration20261205083000_cancel_final_invoices extends Migration {

  override name = 'Migration20261205083000_cancel_final_invoices';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoices" drop constraint "invoices_final_deductions";`);
    this.addSql(`alter table "invoices" add constraint "invoices_final_deductions" check ((kind = 'final') = (deductions is not null) or (type = 'cancellation' and deductions is not null));`);
    this.addSql(`create or replace function invoice_deductions_immutable() returns trigger language plpgsql as $$
declare final_status text;
begin
  select status into final_status from invoices where id = coalesce(new.final_invoice_id, old.final_invoice_id);
  -- Cancelling a final invoice releases its deposits (in the cancel's transaction).
  if tg_op = 'DELETE' and final_status = 'cancelled' then
    return old;
  end if;
  if final_status is not null and final_status <> 'draft' then
    raise exception 'The deductions of a finalized final invoice cannot change' using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  return coalesce(new, old);
end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create or replace function invoice_deductions_immutable() returns trigger language plpgsql as $$
declare final_status text;
begin
  select status into final_status from invoices where id = coalesce(new.final_invoice_id, old.final_invoice_id);
  if final_status is not null and final_status <> 'draft' then
    raise exception 'The deductions of a finalized final invoice cannot change' using errcode = 'check_violation', constraint = 'invoices_immutable';
  end if;
  return coalesce(new, old);
end $$;`);
    // Back to cancellations without deductions (their frozen column, so past the freeze trigger).
    this.addSql(`alter table "invoices" disable trigger "invoices_immutable_links";`);
    this.addSql(`update "invoices" set "deductions" = null where type = 'cancellation';`);
    this.addSql(`alter table "invoices" enable trigger "invoices_immutable_links";`);
    this.addSql(`alter table "invoices" drop constraint "invoices_final_deductions";`);
    this.addSql(`alter table "invoices" add constraint "invoices_final_deductions" check ((kind = 'final') = (deductions is not null));`);
  }

}
