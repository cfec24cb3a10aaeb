import { Migration } from '@mikro-orm/migrations';

export class Migration20261123035824_chat extends Migration {

  override name = 'Migration20261123035824_chat';

  override up(): void | Promise<void> {
    this.addSql(`create table "project_members" ("project_id" uuid not null, "employee_id" uuid not null, "created_at" timestamptz not null, primary key ("project_id", "employee_id"));`);

    this.addSql(`create table "chat_reads" ("project_id" uuid not null, "employee_id" uuid not null, "last_seq" bigint not null, primary key ("project_id", "employee_id"));`);

    this.addSql(`create table "chat_messages" ("id" uuid not null, "seq" bigint not null, "event_seq" bigint not null, "project_id" uuid not null, "author_id" uuid null, "kind" varchar(20) not null default 'user', "content" text not null, "mentions" jsonb not null, "attachments" jsonb not null, "system_key" varchar(100) null, "edited_at" timestamptz null, "deleted_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_seq_unique" unique ("seq");`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_event_seq_unique" unique ("event_seq");`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_system_key_unique" unique ("system_key");`);
    this.addSql(`create index "chat_messages_project_seq_index" on "chat_messages" ("project_id", "seq");`);
    this.addSql(`create index "chat_messages_project_event_index" on "chat_messages" ("project_id", "event_seq");`);

    this.addSql(`alter table "project_members" add constraint "project_members_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_members" add constraint "project_members_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "chat_reads" add constraint "chat_reads_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_reads" add constraint "chat_reads_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "chat_messages" add constraint "chat_messages_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_author_id_foreign" foreign key ("author_id") references "employees" ("id") on delete set null;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_length" check (length(content) <= 10000);`);

    // One sequence orders the history (seq, fixed at sending) and the live stream (event_seq, taken anew at every edit and deletion).
    this.addSql(`create sequence "chat_events_seq";`);
    this.addSql(`alter table "chat_messages" alter column "seq" set default nextval('chat_events_seq'), alter column "event_seq" set default nextval('chat_events_seq');`);
    this.addSql(`create index "time_entries_project_employee_index" on "time_entries" ("project_id", "employee_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "project_members" cascade;`);
    this.addSql(`drop table if exists "chat_reads" cascade;`);
    this.addSql(`drop table if exists "chat_messages" cascade;`);
    this.addSql(`drop sequence if exists "chat_events_seq";`);
    this.addSql(`drop index if exists "time_entries_project_employee_index";`);
  }

}
