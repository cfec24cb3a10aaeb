import { Migration20261122030312_initial } from './Migration20261122030312_initial.ts';
import { Migration20261122033059_audit_indexes } from './Migration20261122033059_audit_indexes.ts';
import { Migration20261122074959_time_tracking } from './Migration20261122074959_time_tracking.ts';
import { Migration20261123022541_invoices } from './Migration20261123022541_invoices.ts';
import { Migration20261123032731_expenses_documents_reminders } from './Migration20261123032731_expenses_documents_reminders.ts';
import { Migration20261123035824_chat } from './Migration20261123035824_chat.ts';
import { Migration20261123042422_outbox_completion } from './Migration20261123042422_outbox_completion.ts';
import { Migration20261123043006_keyset_indexes } from './Migration20261123043006_keyset_indexes.ts';
import { Migration20261204100000_access_permissions } from './Migration20261204100000_access_permissions.ts';
import { Migration20261204120000_workday_start } from './Migration20261204120000_workday_start.ts';
import { Migration20261204160859_chat_system_data } from './Migration20261204160859_chat_system_data.ts';
import { Migration20261204161500_unit_price_scale } from './Migration20261204161500_unit_price_scale.ts';
import { Migration20261204165246_outbox_events } from './Migration20261204165246_outbox_events.ts';
import { Migration20261204183920_invoice_sends } from './Migration20261204183920_invoice_sends.ts';
import { Migration20261204190000_einvoices_in } from './Migration20261204190000_einvoices_in.ts';
import { Migration20261205070000_einvoices_out } from './Migration20261205070000_einvoices_out.ts';
import { Migration20261205070000_dunning } from './Migration20261205070000_dunning.ts';
import { Migration20261205070331_recurring_invoices } from './Migration20261205070331_recurring_invoices.ts';
import { Migration20261205071500_bank_statements } from './Migration20261205071500_bank_statements.ts';
import { Migration20261205072000_credit_notes_deposits } from './Migration20261205072000_credit_notes_deposits.ts';
import { Migration20261205080000_skonto } from './Migration20261205080000_skonto.ts';
import { Migration20261205083000_cancel_final_invoices } from './Migration20261205083000_cancel_final_invoices.ts';

/** Every migration, in order. Generate a new one with `bash scripts/bootstrap.sh migration-create <name>`. */
export const migrationsList = [
  { name: 'Migration20261122030312_initial', class: Migration20261122030312_initial },
  { name: 'Migration20261122033059_audit_indexes', class: Migration20261122033059_audit_indexes },
  { name: 'Migration20261122074959_time_tracking', class: Migration20261122074959_time_tracking },
  { name: 'Migration20261123022541_invoices', class: Migration20261123022541_invoices },
  { name: 'Migration20261123032731_expenses_documents_reminders', class: Migration20261123032731_expenses_documents_reminders },
  { name: 'Migration20261123035824_chat', class: Migration20261123035824_chat },
  { name: 'Migration20261123042422_outbox_completion', class: Migration20261123042422_outbox_completion },
  { name: 'Migration20261123043006_keyset_indexes', class: Migration20261123043006_keyset_indexes },
  { name: 'Migration20261204100000_access_permissions', class: Migration20261204100000_access_permissions },
  { name: 'Migration20261204120000_workday_start', class: Migration20261204120000_workday_start },
  { name: 'Migration20261204160859_chat_system_data', class: Migration20261204160859_chat_system_data },
  { name: 'Migration20261204161500_unit_price_scale', class: Migration20261204161500_unit_price_scale },
  { name: 'Migration20261204165246_outbox_events', class: Migration20261204165246_outbox_events },
  { name: 'Migration20261204183920_invoice_sends', class: Migration20261204183920_invoice_sends },
  { name: 'Migration20261204190000_einvoices_in', class: Migration20261204190000_einvoices_in },
  { name: 'Migration20261205070000_einvoices_out', class: Migration20261205070000_einvoices_out },
  { name: 'Migration20261205070000_dunning', class: Migration20261205070000_dunning },
  { name: 'Migration20261205070331_recurring_invoices', class: Migration20261205070331_recurring_invoices },
  { name: 'Migration20261205071500_bank_statements', class: Migration20261205071500_bank_statements },
  { name: 'Migration20261205072000_credit_notes_deposits', class: Migration20261205072000_credit_notes_deposits },
  { name: 'Migration20261205080000_skonto', class: Migration20261205080000_skonto },
  { name: 'Migration20261205083000_cancel_final_invoices', class: Migration20261205083000_cancel_final_invoices },
];
