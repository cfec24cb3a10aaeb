import { Migration } from '@mikro-orm/migrations';

/**
 * Email in via IMAP (issue 18): how far the worker's poller has read each mailbox (the server's
 * UIDVALIDITY and the last UID taken in), when it last polled and how that went, and the
 * messages it skipped because they could not be taken in (no Message-ID, no sender), once each.
 */
export class Migration20261206910000_imap_poll_state extends Migration {

  override name = 'Migration20261206910000_imap_poll_state';

  override up(): void | Promise<void> {
    this.addSql(`create table "imap_mailbox_states" (
      "mailbox" text not null primary key,
      "uid_validity" bigint null,
      "last_uid" bigint not null default 0 check ("last_uid" >= 0),
      "last_poll_at" timestamptz null,
      "last_result" text null check ("last_result" in ('ok', 'failed')),
      "last_error" text null,
      "last_summary" jsonb null,
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "imap_skipped_messages" (
      "id" uuid not null default gen_random_uuid() primary key,
      "mailbox" text not null,
      "uid_validity" bigint not null,
      "uid" bigint not null,
      "message_id" text null,
      "reason" text not null,
      "created_at" timestamptz not null default now(),
      constraint "imap_skipped_messages_uid_unique" unique ("mailbox", "uid_validity", "uid")
    );`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "imap_skipped_messages";`);
    this.addSql(`drop table if exists "imap_mailbox_states";`);
  }

}
