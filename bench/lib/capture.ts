import { createRequire } from 'node:module';

export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * Records the SQL statements MikroORM sends to Postgres, so a scenario can replay exactly the
 * same statements through raw `pg` as the "limit". It wraps `Client.prototype.query` of the
 * `pg` copy that @mikro-orm/postgresql itself loads; recording is on only inside `record`.
 */
const ormRequire = createRequire(import.meta.resolve('@mikro-orm/postgresql'));
const ormPg = ormRequire('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
let sink: Statement[] | null = null;
const original = ormPg.Client.prototype.query;
ormPg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  if (sink) {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string } | undefined)?.text;
    const params = Array.isArray(values) ? values : ((config as { values?: unknown[] } | undefined)?.values ?? []);
    if (text) sink.push({ text, values: [...params] });
  }
  return original.apply(this, args);
};

/** The statements issued while `work` runs (nothing else should touch the database meanwhile). */
export async function record(work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  sink = statements;
  try {
    await work();
  } finally {
    sink = null;
  }
  return statements;
}
