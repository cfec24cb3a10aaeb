import { Migration } from '@mikro-orm/migrations';

/**
 * System messages in the project chat carry a code and parameters besides their German text,
 * so the web app words them in the reader's language with formatted amounts and status labels.
 * Messages written before this keep their text; the two kinds that showed raw values (status
 * codes, amounts with a decimal point) get their code and parameters from the text.
 */
export class Migration20261204160859_chat_system_data extends Migration {

  override name = 'Migration20261204160859_chat_system_data';

  override up(): void | Promise<void> {
    this.addSql(`alter table "chat_messages" add "system_data" jsonb null;`);
    this.addSql(`update "chat_messages" set "system_data" = jsonb_build_object('code', 'project.status', 'params', jsonb_build_object('before', m[1], 'after', m[2]))
      from (select id as mid, regexp_match(content, '^Projektstatus geändert: ([a-z_]+) → ([a-z_]+)$') as m from "chat_messages" where kind = 'system') x
      where id = x.mid and x.m is not null;`);
    this.addSql(`update "chat_messages" set "system_data" = jsonb_build_object('code', 'invoice.finalized', 'params', jsonb_build_object('number', m[1], 'gross', m[2]))
      from (select id as mid, regexp_match(content, '^Rechnung (.+) festgeschrieben \\((-?[0-9]+\\.[0-9]{2}) €\\)$') as m from "chat_messages" where kind = 'system') x
      where id = x.mid and x.m is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "chat_messages" drop column "system_data";`);
  }

}
