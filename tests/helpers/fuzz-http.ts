import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';

/** What came back for one call: the status, the body as text, and the error message in it. */
export interface Answer {
  status: number;
  body: string;
  message: string | null;
  /** A subscription answered with an event stream (it must not, for bad input). */
  streamOpened: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * One call the way the typed client sends it, without batching: a query as GET `?input=`, a
 * mutation as a POST with a JSON body, a subscription as an SSE GET. `undefined` sends no input.
 */
export function callProcedure(baseUrl: string, type: string, path: string, input: unknown, token: string | null): Promise<Answer> {
  const json = input === undefined ? undefined : JSON.stringify(input);
  const isPost = type === 'mutation';
  const url = new URL(`/trpc/${path}`, baseUrl);
  if (!isPost && json !== undefined) url.searchParams.set('input', json);
  const headers: Record<string, string> = { 'x-workmate-client': 'fuzz' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (type === 'subscription') headers.accept = 'text/event-stream';
  if (isPost && json !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(url, { method: isPost ? 'POST' : 'GET', headers, agent }, (res) => {
      const streamOpened = (res.headers['content-type'] ?? '').startsWith('text/event-stream');
      if (streamOpened) {
        // Never wait for a stream: its status and type are the answer.
        res.destroy();
        resolve({ status: res.statusCode ?? 0, body: '', message: null, streamOpened });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body, message: messageOf(body), streamOpened });
      });
      res.on('error', reject);
    });
    // The server may answer (431, 413) and close before a large request is fully sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (isPost && json !== undefined) req.end(json);
    else req.end();
  });
}

/**
 * Several calls of one procedure in one request, as the typed client's batch link sends them
 * (`/trpc/a,a,a?batch=1`, inputs keyed by position). Each call is answered on its own: its
 * status is the `httpStatus` of its error (200 for a result); the request's own status is
 * kept too, and a 5xx there counts for every call.
 */
export async function callProcedureBatch(baseUrl: string, type: 'query' | 'mutation', path: string, inputs: unknown[], token: string | null): Promise<Answer[]> {
  const keyed = Object.fromEntries(inputs.map((input, i) => [String(i), input]).filter(([, input]) => input !== undefined));
  const json = JSON.stringify(keyed);
  const url = new URL(`/trpc/${inputs.map(() => path).join(',')}`, baseUrl);
  url.searchParams.set('batch', '1');
  if (type === 'query') url.searchParams.set('input', json);
  const headers: Record<string, string> = { 'x-workmate-client': 'fuzz', 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: type === 'query' ? 'GET' : 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(type === 'query' ? undefined : json);
  });
  let items: unknown[] = [];
  try {
    const parsed = JSON.parse(body) as unknown;
    if (Array.isArray(parsed)) items = parsed;
  } catch {
    // A body that is no batch answer: every call gets the request's status and body.
  }
  return inputs.map((_, i) => {
    const item = items[i] as { error?: { data?: { httpStatus?: number } }; result?: unknown } | undefined;
    if (!item || status >= 500) return { status, body, message: messageOf(body), streamOpened: false };
    const text = JSON.stringify(item);
    return { status: item.error ? (item.error.data?.httpStatus ?? 0) : 200, body: text, message: messageOf(text), streamOpened: false };
  });
}

/** The tRPC error message (`error.message`, or `error.json.message` with a transformer). */
export function messageOf(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; json?: { message?: unknown } } };
    const message = parsed.error?.message ?? parsed.error?.json?.message;
    return typeof message === 'string' && message.trim() ? message : null;
  } catch {
    return null;
  }
}

/** Runs `work` over the items with at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Exact row counts of every table in the public schema, and the audit trail's newest id: one
 * query, so a comparison before and after a batch shows any write. The API usage log
 * (`api_token_usage`) is left out: counting every call made with a token, refused ones too, is
 * what it is for (its own test is tests/integration/monitoring.test.ts).
 */
export async function databaseSnapshot(orm: MikroORM): Promise<Record<string, string>> {
  const connection = orm.em.getConnection();
  const tables = await connection.execute<Array<{ name: string }>>(`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'api_token_usage' order by tablename`);
  const counts = tables.map((t) => `select '${t.name}' as name, count(*)::text as value from "${t.name}"`);
  const rows = await connection.execute<Array<{ name: string; value: string }>>(
    `${counts.join(' union all ')} union all select 'audit_log.max_id', coalesce(max(id), 0)::text from audit_log`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

export function closeFuzzAgent() {
  agent.destroy();
}

/** The answer to a hand-made request: status, headers and body as text (0 when none came). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends a request exactly as given, byte for byte (a path or header no HTTP client would send:
 * broken percent-encoding, raw non-UTF-8 bytes, duplicate headers), on a connection of its own,
 * and reads the answer until the server closes it (the request asks it to).
 */
export function rawRequest(baseUrl: string, request: { method?: string; path: string | Buffer; headers?: Array<[string, string | Buffer]>; body?: string }): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const head: Buffer[] = [Buffer.from(`${request.method ?? 'GET'} `), Buffer.from(request.path as string, 'latin1'), Buffer.from(` HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n`)];
  for (const [name, value] of request.headers ?? []) head.push(Buffer.from(`${name}: `), Buffer.from(value as string, 'latin1'), Buffer.from('\r\n'));
  if (request.body !== undefined) head.push(Buffer.from(`Content-Length: ${Buffer.byteLength(request.body)}\r\n`));
  head.push(Buffer.from('\r\n'), Buffer.from(request.body ?? ''));
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // An event stream stays open: its first event after `connected` (an error, say) is the answer.
      const answer = parseRawAnswer(Buffer.concat(chunks));
      if (answer.headers['content-type']?.startsWith('text/event-stream') && /event: (?!connected)|^data: (?!\{\}$)/m.test(answer.body)) {
        socket.destroy();
        resolve(answer);
      }
    });
    // A server that died (or dies mid-answer) refuses or resets the connection: an answer of status 0.
    socket.on('error', (error: NodeJS.ErrnoException) => (['ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(error.code ?? '') ? undefined : reject(error)));
    socket.on('close', () => resolve(parseRawAnswer(Buffer.concat(chunks))));
    // Written, not ended: a half-closed connection would make Node drop an answer still being prepared.
    socket.write(Buffer.concat(head));
  });
}

function parseRawAnswer(bytes: Buffer): RawAnswer {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (!text.startsWith('HTTP/') || end < 0) return { status: 0, headers: {}, body: text };
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    for (let at = 0; at < body.length; ) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: body.toString('utf8') };
}
