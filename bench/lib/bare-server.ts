// The limit for the throughput scenario: a bare `node:http` server that answers every request by
// running the same SQL statements as the measured API procedure (recorded from it) on a `pg`
// pool of the same size, and sends the rows back as JSON. No framework, no auth, no ORM.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const statements = JSON.parse(readFileSync(process.env.BARE_STATEMENTS as string, 'utf8')) as Array<{ text: string; values: unknown[] }>;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });

const server = createServer(async (_req, res) => {
  try {
    const client = await pool.connect();
    const rows: unknown[] = [];
    try {
      for (const s of statements) rows.push((await client.query(s.text, s.values)).rows);
    } finally {
      client.release();
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(rows));
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server listening'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
