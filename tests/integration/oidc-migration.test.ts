import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/fresh-db.ts';

/** The OIDC migration goes down (table and the sessions' method gone) and up again; the database keeps one link per identity. */
describe('the OIDC links migration', () => {
  it('goes down and up again, and (issuer, subject) is unique', async () => {
    const db = await freshDatabase('workmate_oidc_migration');
    try {
      const run = <T extends object[]>(q: string, params: unknown[] = []) => db.orm.em.fork().getConnection().execute<T>(q, params);
      const table = `select count(*)::int as n from pg_tables where tablename = 'oidc_links'`;
      const method = `select count(*)::int as n from information_schema.columns where table_name = 'sessions' and column_name = 'method'`;
      expect(await run(table)).toEqual([{ n: 1 }]);
      expect(await run(method)).toEqual([{ n: 1 }]);

      await db.orm.migrator.down({ to: 'Migration20261206400000_platform_ops' });
      expect(await run(table)).toEqual([{ n: 0 }]);
      expect(await run(method)).toEqual([{ n: 0 }]);

      await db.orm.migrator.up();
      expect(await run(table)).toEqual([{ n: 1 }]);
      const insert = `insert into employees (id, employee_code, first_name, last_name, email, version, created_at, updated_at) values (?, ?, 'A', 'B', ?, 1, now(), now())`;
      const [a, b] = [randomUUID(), randomUUID()];
      await run(insert, [a, 'E-A', 'a@example.test']);
      await run(insert, [b, 'E-B', 'b@example.test']);
      const link = `insert into oidc_links (id, employee_id, issuer, subject, created_at) values (?, ?, ?, ?, now())`;
      await run(link, [randomUUID(), a, 'https://id.example.test', 'sub-1']);
      // The same identity for a second employee, and a second identity at the same provider for the first.
      await expect(run(link, [randomUUID(), b, 'https://id.example.test', 'sub-1'])).rejects.toThrow(/oidc_links_issuer_subject_unique/);
      await expect(run(link, [randomUUID(), a, 'https://id.example.test', 'sub-2'])).rejects.toThrow(/oidc_links_employee_issuer_unique/);
    } finally {
      await db.drop();
    }
  });
});
