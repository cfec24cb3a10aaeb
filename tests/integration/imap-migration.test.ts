import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/fresh-db.ts';

/** The IMAP poll state migration goes down (both tables gone) and up again; a skipped message is recorded once per mailbox, UIDVALIDITY and UID. */
describe('the IMAP poll state migration', () => {
  it('goes down and up again, and a skipped message is unique per UID', async () => {
    const db = await freshDatabase('workmate_imap_migration');
    try {
      const run = <T extends object[]>(q: string, params: unknown[] = []) => db.orm.em.fork().getConnection().execute<T>(q, params);
      const tables = `select count(*)::int as n from pg_tables where tablename in ('imap_mailbox_states', 'imap_skipped_messages')`;
      expect(await run(tables)).toEqual([{ n: 2 }]);

      await db.orm.migrator.down({ to: 'Migration20261206800000_stock_page_index' });
      expect(await run(tables)).toEqual([{ n: 0 }]);

      await db.orm.migrator.up();
      expect(await run(tables)).toEqual([{ n: 2 }]);
      const skip = `insert into imap_skipped_messages (mailbox, uid_validity, uid, reason) values ('u@h:993/INBOX', 7, 3, 'no Message-ID')`;
      await run(skip);
      await expect(run(skip)).rejects.toThrow(/imap_skipped_messages_uid_unique/);
      await expect(run(`insert into imap_mailbox_states (mailbox, last_uid) values ('u@h:993/INBOX', -1)`)).rejects.toThrow(/check/);
    } finally {
      await db.drop();
    }
  });
});
