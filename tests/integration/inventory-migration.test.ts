import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/fresh-db.ts';

/** The inventory migrations go down (tables, triggers and granted permissions gone) and up again. */
describe('the inventory migrations', () => {
  it('go down to before inventory and up again', async () => {
    const db = await freshDatabase('workmate_inventory_migration');
    try {
      const run = <T extends object[]>(q: string) => db.orm.em.fork().getConnection().execute<T>(q);
      const tables = `select count(*)::int as n from pg_tables where tablename in ('articles', 'stock_moves', 'stock_balances', 'stocktakes', 'sales_orders', 'delivery_notes', 'purchase_orders', 'goods_receipts')`;
      const managerGrants = `select permissions::text as p from roles where name = 'Manager' and is_system`;
      expect(await run(tables)).toEqual([{ n: 8 }]);
      expect((await run<Array<{ p: string }>>(managerGrants))[0]?.p).toContain('inventory.manage');

      await db.orm.migrator.down({ to: 'Migration20261205083000_cancel_final_invoices' });
      expect(await run(tables)).toEqual([{ n: 0 }]);
      expect(await run(`select 1 from information_schema.columns where table_name = 'invoice_lines' and column_name = 'article_id'`)).toEqual([]);
      const after = (await run<Array<{ p: string }>>(managerGrants))[0]?.p ?? '';
      expect(after).not.toContain('inventory.');
      expect(after).not.toContain('orders.');

      await db.orm.migrator.up();
      expect(await run(tables)).toEqual([{ n: 8 }]);
      expect(await run(`select kind from stock_locations where virtual order by kind`)).toEqual(['blocked', 'customer', 'loss', 'supplier', 'transit'].map((kind) => ({ kind })));
      expect((await run<Array<{ p: string }>>(managerGrants))[0]?.p).toContain('inventory.manage');
    } finally {
      await db.drop();
    }
  });
});
