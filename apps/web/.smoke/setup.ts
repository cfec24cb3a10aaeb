// TEMPORARY smoke-test helper (to be deleted): private Postgres + Redis under /tmp/wm-smoke.
import { writeFileSync } from 'node:fs';
import { migrate, openOrm } from '@workmate/db/orm';
import { seedDemo } from '@workmate/db/seeds/demo';
import { ensureDatabase, ensurePostgres, ensureRedis } from '../../../scripts/lib/services.ts';

const pg = await ensurePostgres('/tmp/wm-smoke/pg', 54410, { fsync: false });
await ensureDatabase(pg.url('postgres'), 'workmate');
const redis = await ensureRedis('/tmp/wm-smoke/redis', 63810, { durable: false });
const orm = await openOrm(pg.url('workmate'));
console.log(await migrate(orm));
console.log(await seedDemo(orm.em.fork()));
await orm.close();
writeFileSync('/tmp/wm-smoke/env', `DATABASE_URL=${pg.url('workmate')}\nREDIS_URL=${redis.url}\n`);
