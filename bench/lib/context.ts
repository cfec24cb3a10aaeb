import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Employee } from '@workmate/db/entities/employee';
import { Role } from '@workmate/db/entities/role';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { record, type Statement } from './capture.ts';
import { BENCH_FILES_DIR, BENCH_QUEUE_PREFIX, startBenchApi } from './api.ts';
import { freePort, startChild, type Child, type Figures } from './measure.ts';

export type Client = ReturnType<typeof createWorkmateClient>;

/** One row of the table and of bench/results.json. */
export interface Result {
  id: string;
  scenario: string;
  /** `unit` names what the throughput counts (requests unless said: PDFs, MB, invoices). */
  ours: Partial<Figures> & { what: string; unit?: string };
  limit: Partial<Figures> & { what: string; unit?: string };
  /** Which figure the ratio compares. */
  compares: 'p50' | 'p99' | 'throughput';
  /** ours / limit for latencies, ours / limit for throughput too (higher is better there). */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  note?: string;
}

export interface BenchContext {
  orm: MikroORM;
  databaseUrl: string;
  redisUrl: string;
  token: string;
  /** The typed client against a separate API process (`apps/api/src/main.ts`): what is measured. */
  client: Client;
  apiUrl: string;
  api: Child;
  /** Environment for further API or worker processes on the benchmark database. */
  processEnv: Record<string, string>;
  /** The SQL a call makes, recorded on an API server inside this process (same code). */
  sqlOf: (call: (c: Client) => Promise<unknown>) => Promise<Statement[]>;
  /** A plain `pg` connection for the limits. */
  raw: pg.Client;
  replay: (statements: Statement[]) => Promise<void>;
  /** Processes to report the memory of at the end. */
  processes: Map<string, Child>;
  close: () => Promise<void>;
}

export async function createContext(orm: MikroORM, databaseUrl: string, redisUrl: string): Promise<BenchContext> {
  const em = orm.em.fork();
  const email = 'bench-admin@example.test';
  const admin = (await em.findOne(Employee, { email })) ?? (await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Admin' }), email, firstName: 'Bench', lastName: 'Admin' }));
  const { token } = await createApiToken(em, admin.id, { name: `bench ${new Date().toISOString()}` });

  const processEnv = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, HOST: '127.0.0.1', FILES_DIR: BENCH_FILES_DIR, QUEUE_PREFIX: BENCH_QUEUE_PREFIX, LOGIN_MAX_ATTEMPTS_IP: '100000', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
  const port = await freePort();
  const api = await startChild('apps/api/src/main.ts', { ...processEnv, PORT: String(port) }, /listening/);
  const apiUrl = `http://127.0.0.1:${port}`;
  const inside = await startBenchApi(orm, databaseUrl, redisUrl);
  const insideClient = createWorkmateClient({ url: inside.url, token });

  // The statements every authenticated request makes first (the token and its user); a limit
  // replays only what the procedure itself asks of the database.
  const authTexts = new Set((await record(() => insideClient.auth.me.query())).map((s) => s.text));
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  const processes = new Map<string, Child>([['API process', api]]);
  return {
    orm,
    databaseUrl,
    redisUrl,
    token,
    client: createWorkmateClient({ url: apiUrl, token }),
    apiUrl,
    api,
    processEnv,
    sqlOf: async (call) => {
      await call(insideClient); // warm: caches and prepared paths as in the measured process
      return (await record(() => call(insideClient))).filter((s) => !authTexts.has(s.text) && !/api_tokens/.test(s.text));
    },
    raw,
    replay: async (statements) => {
      for (const s of statements) await raw.query(s.text, s.values);
    },
    processes,
    close: async () => {
      await raw.end();
      await inside.close();
      for (const child of processes.values()) await child.stop();
    },
  };
}
