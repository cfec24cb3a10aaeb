import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { appRouter } from '@workmate/api/router';
import { encodeCursor } from '@workmate/domain/schemas/cursor';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { files, upload } from '../helpers/documents.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { describe as show, fieldsOf, invalidInputs, issuesAt, jsonSchemaOf, MB_STRING, pathName, plausibleInput, sample, setAt, UNICODE, INJECTION, WRONG_TYPES, type Path } from '../helpers/fuzz.ts';
import { callProcedure, callProcedureBatch, closeFuzzAgent, databaseSnapshot, inBatches, rawRequest, type Answer, type RawAnswer } from '../helpers/fuzz-http.ts';
import { startApiProcess } from '../helpers/api-process.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppDeps } from '@workmate/api/context';
import { answerStrayError, createAppServer } from '@workmate/api/server';
import { refuseInvalidSubscriptionInput } from '@workmate/api/subscription-input';
import { userWithRole } from '../helpers/users.ts';

/**
 * Input fuzzing over the whole router: every procedure gets at least 100 inputs its own schema
 * rejects (wrong types, missing fields, 1 MB strings, huge and negative amounts, unusual unicode,
 * SQL and HTML injection), sent over HTTP like the typed client sends them. Each must be a 4xx
 * with a message and change nothing in the database. Then an Employee calls every procedure that
 * takes ids with the ids of another Employee's records: nothing of them may leak or change. New
 * procedures are covered by walking the router; nothing here names them.
 */
interface Procedure {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: ZodType[] };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
const CONCURRENCY = 8;

let app: TestApp;
let dropDatabase: () => Promise<void>;
let fuzzDatabaseUrl: string;
let adminToken: string;
let fuzzerToken: string;
const marker = `FUZZMARK${randomUUID().replace(/-/g, '')}`;
const foreign: Array<{ what: string; id: string; personal: boolean }> = [];

beforeAll(async () => {
  // A database of its own: row counts must stay exact while other files write to theirs.
  const db = await freshDatabase('workmate_fuzz');
  dropDatabase = db.drop;
  fuzzDatabaseUrl = db.databaseUrl;
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  const admin = await userWithRole(app, 'Admin');
  adminToken = admin.token;
  // The fuzzing Employee owns nothing; the other one owns personal records carrying the marker.
  fuzzerToken = (await userWithRole(app, 'Employee')).token;
  const owner = await userWithRole(app, 'Employee');
  const customer = await admin.client.crm.customers.create.mutate({ name: 'Fuzz GmbH' });
  // A project the fuzzer is no member of; the owner is added to its chat.
  const project = await admin.client.projects.create.mutate({ title: 'Fuzzprojekt', customerId: customer.id });
  await admin.client.chat.members.add.mutate({ projectId: project.id, employeeId: owner.employee.id });
  const entry = await owner.client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2025-01-06T09:00:00+01:00', endTime: '2025-01-06T10:00:00+01:00', note: marker });
  const expense = await owner.client.finance.expenses.create.mutate({ category: 'material', title: marker, description: marker, netAmount: '12.34', expenseDate: '2025-01-06', projectId: project.id });
  const reminder = await owner.client.reminders.create.mutate({ title: marker, description: marker, dueDate: '2030-01-01' });
  const dashboard = await owner.client.dashboards.create.mutate({ name: marker, config: { widgets: [] } });
  const message = await owner.client.chat.messages.send.mutate({ projectId: project.id, content: marker });
  // The admin mentions the owner: the owner gets a notification.
  const adminMessage = await admin.client.chat.messages.send.mutate({ projectId: project.id, content: `${marker} @owner`, mentions: [owner.employee.id] });
  const notification = (await owner.client.notifications.list.query({})).items[0];
  const document = await upload(app, owner.token, files.pdf(marker), { name: `${marker}.pdf`, fields: { title: marker, category: marker, confidential: 'true' } });
  await owner.client.auth.apiTokens.create.mutate({ name: marker, expiresInDays: 1 });
  const apiToken = (await owner.client.auth.apiTokens.list.query()).find((t) => t.name === marker);
  if (!notification || !document.body.document || !apiToken) throw new Error('fixtures incomplete');
  foreign.push(
    { what: "the other Employee's time entry", id: entry.id, personal: true },
    { what: "the other Employee's expense", id: expense.id, personal: true },
    { what: "the other Employee's reminder", id: reminder.id, personal: true },
    { what: "the other Employee's dashboard", id: dashboard.id, personal: true },
    { what: "the other Employee's chat message", id: message.id, personal: true },
    { what: "the admin's chat message", id: adminMessage.id, personal: true },
    { what: "the other Employee's notification", id: notification.id, personal: true },
    { what: "the other Employee's confidential document", id: document.body.document.id, personal: true },
    { what: "the other Employee's API token", id: apiToken.id, personal: true },
    { what: 'a project whose chat the fuzzer is not in', id: project.id, personal: false },
    { what: 'the other Employee', id: owner.employee.id, personal: false },
  );
});
afterAll(async () => {
  closeFuzzAgent();
  await app?.close();
  await dropDatabase?.();
});

/** Short enough to read in a failure message. */
const brief = (input: unknown) => show(input, 160);

/**
 * Calls `path` with every input, then checks nothing changed; returns the problems found. Small
 * inputs of queries and mutations go in batches of ten, as the typed client batches calls (one
 * request, each call answered on its own); large ones and subscriptions go alone.
 */
async function fuzz(path: string, type: string, token: string, inputs: Array<{ label: string; input: unknown }>, check: (answer: Answer, label: string) => string | null): Promise<string[]> {
  const before = await databaseSnapshot(app.orm);
  const problems: string[] = [];
  // Batches stay well below the 16 KB a URL may have.
  const size = (input: unknown) => encodeURIComponent(JSON.stringify(input) ?? '').length;
  const units: Array<typeof inputs> = [];
  const batchable = type === 'query' || type === 'mutation';
  let unitSize = Infinity;
  for (const item of inputs) {
    const itemSize = size(item.input);
    const last = units.at(-1);
    if (batchable && itemSize < 2000 && last && last.length < 10 && unitSize + itemSize < 8000) {
      last.push(item);
      unitSize += itemSize;
    } else {
      units.push([item]);
      unitSize = itemSize < 2000 ? itemSize : Infinity;
    }
  }
  await inBatches(units, CONCURRENCY, async (unit) => {
    const answers =
      unit.length === 1 || !batchable
        ? [await callProcedure(app.url, type, path, unit[0]?.input, token)]
        : await callProcedureBatch(app.url, type as 'query' | 'mutation', path, unit.map((u) => u.input), token);
    unit.forEach(({ label, input }, i) => {
      const problem = check(answers[i] as Answer, label);
      if (problem) problems.push(`${path} with ${label} (input ${brief(input)}): ${problem}`);
    });
  });
  const after = await databaseSnapshot(app.orm);
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  if (changed.length) problems.push(`${path}: the database changed (${changed.map((t) => `${t}: ${before[t]} → ${after[t]}`).join(', ')})`);
  return problems;
}

/** A 4xx with a message, and never an event stream. */
function refusedWithMessage(answer: Answer): string | null {
  if (answer.streamOpened) return `a stream opened (HTTP ${answer.status}) instead of a 4xx`;
  if (answer.status < 400 || answer.status >= 500) return `HTTP ${answer.status}, expected 4xx: ${answer.body.slice(0, 200)}`;
  if (!answer.message) return `HTTP ${answer.status} without an error message: ${answer.body.slice(0, 200)}`;
  return null;
}

describe('input fuzzing over the router', () => {
  it('walks every procedure: the same list as the permission matrix', () => {
    // The matrix names every procedure but the public sign-in; read its keys from the file.
    const matrixSource = readFileSync(new URL('./permissions.test.ts', import.meta.url), 'utf8');
    const matrixPaths = [...matrixSource.matchAll(/^ {2}'([\w.]+)': \{/gm)].map((m) => m[1]);
    const walked = procedures.map(([path]) => path);
    expect(walked.length).toBeGreaterThan(100);
    expect([...matrixPaths, 'auth.login'].sort()).toEqual(walked.sort());
  });

  const ids = { id: randomUUID() };
  for (const [path, procedure] of procedures) {
    const { type, inputs } = procedure._def;
    const schema = inputs[0];
    if (!schema) {
      // Without an input schema tRPC ignores the input: whatever is sent, no 5xx and no change.
      it(`${path} (${type}, takes no input): garbage is ignored, never a 5xx`, async () => {
        await callProcedure(app.url, type, path, undefined, adminToken); // a first call may set up defaults
        const garbage = [...WRONG_TYPES, ...UNICODE, ...INJECTION, MB_STRING].map((input) => ({ label: show(input, 40), input }));
        const problems = await fuzz(path, type, adminToken, garbage, (answer) =>
          answer.status >= 500 || answer.status === 0 ? `HTTP ${answer.status}: ${answer.body.slice(0, 200)}` : answer.status >= 400 && !answer.message ? `HTTP ${answer.status} without a message` : null,
        );
        expect(problems, problems.join('\n')).toEqual([]);
      });
      continue;
    }
    it(`${path} (${type}): at least 100 invalid inputs, each a 4xx with a message, nothing changed`, async () => {
      const cases = invalidInputs(schema, { ids, minimum: 100 });
      expect(cases.length).toBeGreaterThanOrEqual(100);
      // Invalid by construction: every parser of the procedure is asked.
      for (const c of cases) expect(inputs.some((parser) => !parser.safeParse(c.input).success), c.label).toBe(true);
      // As an admin, so the permission checks pass and the input itself is judged.
      const problems = await fuzz(path, type, adminToken, cases, refusedWithMessage);
      expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
    });
  }

  it('the schemas refuse a 1 MB string and control characters in every text field, and a huge value in every number field', () => {
    const holes: string[] = [];
    for (const [path, procedure] of procedures) {
      const schema = procedure._def.inputs[0];
      if (!schema) continue;
      const root = jsonSchemaOf(schema);
      const base = plausibleInput(schema, { id: randomUUID() });
      const refused = (at: Path, value: unknown) => issuesAt(schema, setAt(base, at, value), at).length > 0;
      for (const field of fieldsOf(root)) {
        if (!field.path.length) continue;
        const name = `${path}: ${pathName(field.path)}`;
        if (field.kind === 'string') {
          if (!refused(field.path, MB_STRING)) holes.push(`${name} accepts a 1 MB string`);
          // An otherwise valid value with a NUL in it (Postgres refuses NUL in text: a 500).
          const valid = String(sample(field.node, root, { id: randomUUID() }));
          if (!refused(field.path, `\u0000${valid.slice(1)}`)) holes.push(`${name} accepts a NUL character`);
        }
        if (field.kind === 'number') {
          // Beyond numeric(14,2), beyond int4, beyond any count or page the app has.
          for (const huge of [1e15, 1e308]) if (!refused(field.path, huge)) holes.push(`${name} accepts ${huge}`);
        }
      }
    }
    expect(holes).toEqual([]);
  });

  it('a NUL in a free text of a create mutation is a 400 naming the field, not a 500', async () => {
    const before = await databaseSnapshot(app.orm);
    for (const input of [{ name: 'Fuzz\u0000GmbH' }, { name: 'Fuzz GmbH', notes: 'a\u0000b' }]) {
      const answer = await callProcedure(app.url, 'mutation', 'crm.customers.create', input, adminToken);
      expect(answer.status).toBe(400);
      expect(answer.message).toMatch(/(name|notes) must not contain control characters/);
    }
    expect(await databaseSnapshot(app.orm)).toEqual(before);
  });

  it('a crafted list cursor with a NUL in its text key is a 400, not a 500', async () => {
    const cursor = encodeCursor({ sort: 'name', direction: 'asc', key: ['a\u0000b', randomUUID()] });
    const answer = await callProcedure(app.url, 'query', 'crm.customers.list', { sort: 'name', cursor }, adminToken);
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(/cursor/);
  });

  it('a query whose input is too large for the address says so (431 with a message)', async () => {
    const answer = await callProcedure(app.url, 'query', 'crm.customers.list', { search: MB_STRING }, adminToken);
    expect(answer.status).toBe(431);
    expect(answer.message).toMatch(/too large/);
  });

  it('a body over 5 MB says so (413 with a message)', async () => {
    const answer = await callProcedure(app.url, 'mutation', 'crm.customers.create', { name: 'x'.repeat(6 * 1024 * 1024) }, adminToken);
    expect(answer.status).toBe(413);
    expect(answer.message).toMatch(/too large/);
  });

  it('a batch of more than 50 calls is a 400 naming the limit, and none of its calls runs (GET and POST)', async () => {
    const names = Array.from({ length: 51 }, (_, i) => `Batch ${marker} ${i}`);
    const before = await databaseSnapshot(app.orm);
    const posted = await callProcedureBatch(app.url, 'mutation', 'crm.customers.create', names.map((name) => ({ name })), adminToken);
    expect(posted[0]?.status).toBe(400);
    expect(posted[0]?.message).toMatch(/at most 50 calls/);
    expect(await databaseSnapshot(app.orm)).toEqual(before);
    const queried = await callProcedureBatch(app.url, 'query', 'crm.customers.list', names.map(() => ({})), adminToken);
    expect(queried[0]?.status).toBe(400);
    expect(queried[0]?.message).toMatch(/at most 50 calls/);

    // 50 are fine: each call answered, each customer created.
    const fifty = await callProcedureBatch(app.url, 'mutation', 'crm.customers.create', names.slice(0, 50).map((name) => ({ name })), adminToken);
    expect(fifty.map((a) => a.status)).toEqual(Array(50).fill(200));
    const listed = await callProcedureBatch(app.url, 'query', 'crm.customers.list', names.slice(0, 50).map(() => ({ search: `Batch ${marker}` })), adminToken);
    expect(listed.map((a) => a.status)).toEqual(Array(50).fill(200));
    const [created] = await app.orm.em.fork().getConnection().execute<Array<{ n: string }>>(`select count(*) as n from customers where name like ?`, [`Batch ${marker}%`]);
    expect(Number(created?.n)).toBe(50);
  });

  it('a subscription with bad input is refused with a 400 before any stream opens', async () => {
    const answer = await callProcedure(app.url, 'subscription', 'chat.onMessage', { projectId: "' OR 1=1 --" }, adminToken);
    expect(answer).toMatchObject({ status: 400, streamOpened: false });
    expect(answer.message).toMatch(/projectId must be a valid id/);
  });
});

describe("ids of other users' records", () => {
  const withIds = procedures.filter(([, p]) => p._def.inputs[0] && fieldsOf(jsonSchemaOf(p._def.inputs[0])).some((f) => f.format === 'uuid'));

  it('finds the procedures that take ids', () => {
    expect(withIds.length).toBeGreaterThan(60);
  });

  for (const [path, procedure] of withIds) {
    const { type, inputs } = procedure._def;
    const schema = inputs[0] as ZodType;
    it(`${path}: an Employee gets nothing of another's records and changes nothing`, async () => {
      const uuidFields = fieldsOf(jsonSchemaOf(schema)).filter((f) => f.format === 'uuid');
      const isId = (at: Path) => at.length === 1 && at[0] === 'id';
      const cases: Array<{ label: string; input: unknown; byId: boolean; personal: boolean }> = [];
      // Mutations get only records owned by someone (a project or a colleague may be used by right).
      for (const record of foreign.filter((r) => r.personal || type !== 'mutation')) {
        const add = (label: string, at: Path[]) => {
          const input = at.reduce((value, p) => setAt(value, p, record.id), plausibleInput(schema, { id: randomUUID() }));
          cases.push({ label: `${label} = ${record.what}`, input, byId: at.some(isId), personal: record.personal });
        };
        for (const field of uuidFields) add(pathName(field.path), [field.path]);
        if (uuidFields.length > 1) add('every id', uuidFields.map((f) => f.path));
      }
      const accepted: string[] = [];
      const problems = await fuzz(path, type, fuzzerToken, cases, (answer, label) => {
        const c = cases.find((x) => x.label === label);
        if (answer.status >= 500 || answer.status === 0) return `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
        if (answer.body.includes(marker)) return `the answer leaks the other Employee's data: ${answer.body.slice(0, 300)}`;
        // A personal record addressed by its id: refused (403/404) with a message, read or write.
        if (c?.byId && c.personal && (answer.status < 400 || !answer.message)) return `HTTP ${answer.status}, expected 403/404 with a message`;
        if (type === 'mutation' && answer.status < 400) accepted.push(`${label} → HTTP ${answer.status} ${answer.body.slice(0, 120)}`);
        return null;
      });
      // A mutation may ignore another's id it was given (marking notifications read does), as long as nothing changes.
      const failures = problems.some((p) => p.includes('the database changed')) ? [...problems, 'accepted:', ...accepted] : problems;
      expect(failures, failures.slice(0, 30).join('\n')).toEqual([]);
    });
  }
});

/**
 * Requests no client of ours would send: broken percent-encoding in the address, raw bytes that
 * are no UTF-8, path traversal, broken cookies and headers. They go to a separate API process
 * (main.ts, as `npm start` runs it), because the bug they guard against is the process dying:
 * every one must be answered with a 4xx (or as signed out), and the same process must still
 * answer /health afterwards.
 */
describe('malformed requests never take the API process down', () => {
  let api: Awaited<ReturnType<typeof startApiProcess>>;
  beforeAll(async () => {
    // On this file's database, so the tokens of the fixtures work there too.
    api = await startApiProcess({ DATABASE_URL: fuzzDatabaseUrl });
  });
  afterAll(async () => api?.stop());

  const SIGNED_OUT = '{"result":{"data":null}}';
  const uuid = '00000000-0000-4000-8000-000000000000';
  type Expectation = '4xx' | 'signed out' | 'no leak';
  const barrage: Array<{ label: string; request: Parameters<typeof rawRequest>[1]; expect: Expectation }> = [
    // Addresses: broken and overlong percent-encodings, NUL, bytes that are no UTF-8.
    ...['/trpc/%', '/trpc/%E0%A4%A', '/trpc/notifications.onNew%E0%A4%A', '/trpc/a%00b', '/trpc/%C0%AE%C0%AE', '/trpc/%ED%A0%80', '/trpc/%FF%FE', '/trpc/%%', '/trpc/%zz',
      '/trpc/auth.me,%?batch=1', '/trpc/crm.customers.list?input=%', '/trpc/crm.customers.list?batch=1&input=%E0%A4%A', '/trpc/chat.onMessage?input=%E0%A4%A', '/trpc/chat.onMessage%',
      '/api/documents/%', '/api/documents/%E0%A4%A/download', `/api/documents/${uuid}/download?version=%`, `/api/documents/${uuid}%/download`, '/api/documents%',
      '/api/invoices/%/pdf', '/api/invoices/%E0%A4%A/pdf', `/api/invoices/${uuid}/pdf?download=%`, `/api/invoices/${uuid}%/pdf`,
      '/health%', '/health%E0%A4%A', '/%', '/assets/%E0%A4%A.js', '/%C0%AF'].map((path) => ({ label: `GET ${path}`, request: { path }, expect: '4xx' as const })),
    { label: 'GET /trpc/notifications.onNew%E0%A4%A as an event stream', request: { path: '/trpc/notifications.onNew%E0%A4%A', headers: [['Accept', 'text/event-stream']] }, expect: '4xx' },
    { label: 'GET /trpc/ with raw bytes that are no UTF-8', request: { path: Buffer.from([0x2f, 0x74, 0x72, 0x70, 0x63, 0x2f, 0xc3, 0x28, 0xff]) }, expect: '4xx' },
    { label: 'GET /trpc/auth.me with a 10,000-character broken encoding', request: { path: `/trpc/auth.me${'%'.repeat(10_000)}` }, expect: '4xx' },
    { label: 'POST /trpc/% (a mutation address)', request: { method: 'POST', path: '/trpc/%', headers: [['Content-Type', 'application/json'], ['x-workmate-client', 'fuzz']], body: '{}' }, expect: '4xx' },
    { label: 'POST /api/documents/% (the upload address)', request: { method: 'POST', path: '/api/documents/%', headers: [['x-workmate-client', 'fuzz']], body: '' }, expect: '4xx' },
    // Odd but well-formed addresses and traversal: never a file from outside the web app.
    ...['//', '///etc/passwd', '/assets/../../../../etc/passwd', '/assets/%2e%2e/%2e%2e/%2e%2e/package.json', '/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5cpackage.json', '/%2e%2e/%2e%2e/README.md', '/trpc/../health', '/api/documents/../../etc/passwd'].map((path) => ({
      label: `GET ${path}`,
      request: { path },
      expect: 'no leak' as const,
    })),
    // Cookies: bad percent-encoding, empty, duplicated, garbage, non-ASCII.
    ...['workmate_session=%E0%A4%A', 'workmate_session=%', 'workmate_session=', 'workmate_session', '=;;;=;workmate_session==%%', 'a=%; workmate_session=%FF', `workmate_session=${'\u00ff\u00fe'}x`].map((cookie) => ({
      label: `Cookie: ${cookie}`,
      request: { path: '/trpc/auth.me', headers: [['Cookie', cookie]] as Array<[string, string]> },
      expect: 'signed out' as const,
    })),
    { label: 'two Cookie headers, both broken', request: { path: '/trpc/auth.me', headers: [['Cookie', 'workmate_session=%E0%A4%A'], ['Cookie', 'workmate_session=%']] }, expect: 'signed out' },
    { label: 'a 20 KB cookie', request: { path: '/trpc/auth.me', headers: [['Cookie', `workmate_session=${'%'.repeat(20_000)}`]] }, expect: '4xx' },
    { label: 'a broken cookie on a document download', request: { path: `/api/documents/${uuid}/download`, headers: [['Cookie', 'workmate_session=%E0%A4%A']] }, expect: '4xx' },
    { label: 'a broken cookie on an invoice PDF', request: { path: `/api/invoices/${uuid}/pdf`, headers: [['Cookie', 'workmate_session=%E0%A4%A']] }, expect: '4xx' },
    // Authorization headers that are no bearer token, or a broken one.
    ...['Bearer', 'Bearer ', 'Bearer %', 'Bearer %E0%A4%A', 'Bearer wm_%FF', `Bearer wm_${'\u00ff\u00e4'}`, 'Basic %%%', 'bearer x', `Bearer ${'x'.repeat(5000)}`].map((authorization) => ({
      label: `Authorization: ${authorization.slice(0, 40)}`,
      request: { path: '/trpc/auth.me', headers: [['Authorization', authorization]] as Array<[string, string]> },
      expect: 'signed out' as const,
    })),
    // Content types, event ids and origins that make no sense.
    ...['text/plain', 'application/json; charset=%', 'multipart/form-data', 'multipart/form-data; boundary=', `application/${'\u00ff'}`, 'application/x-www-form-urlencoded'].map((type) => ({
      label: `POST a mutation as ${type}`,
      request: { method: 'POST', path: '/trpc/crm.customers.create', headers: [['Content-Type', type], ['x-workmate-client', 'fuzz']] as Array<[string, string]>, body: '{"name":%}' },
      expect: '4xx' as const,
    })),
    { label: 'POST an upload as multipart/form-data without a boundary', request: { method: 'POST', path: '/api/documents', headers: [['Content-Type', 'multipart/form-data'], ['x-workmate-client', 'fuzz']], body: '--x' }, expect: '4xx' },
    ...['%E0%A4%A', `${'\u00ff'}`, 'x'.repeat(5000), '-1', '{"a":1}'].map((id) => ({
      label: `Last-Event-ID: ${id.slice(0, 20)}`,
      request: { path: '/trpc/notifications.onNew', headers: [['Accept', 'text/event-stream'], ['Last-Event-ID', id]] as Array<[string, string]> },
      expect: '4xx' as const,
    })),
    { label: 'lastEventId in the address, broken', request: { path: '/trpc/notifications.onNew?lastEventId=%E0%A4%A', headers: [['Accept', 'text/event-stream']] }, expect: '4xx' },
    { label: 'Last-Event-ID of the chat, not a number', request: { path: `/trpc/chat.onMessage?input=${encodeURIComponent(JSON.stringify({ projectId: uuid }))}`, headers: [['Accept', 'text/event-stream'], ['Last-Event-ID', '-1']] }, expect: '4xx' },
    ...['%', 'null', `http://${'\u00ff'}`, 'http://[::1', 'javascript:alert(1)'].map((origin) => ({
      label: `Origin: ${origin}`,
      request: { method: 'POST', path: '/trpc/crm.customers.create', headers: [['Content-Type', 'application/json'], ['x-workmate-client', 'fuzz'], ['Origin', origin]] as Array<[string, string]>, body: '{"name":"Origin GmbH"}' },
      expect: '4xx' as const,
    })),
  ];

  /** The same requests once more with a valid token beside the broken parts: what a signed-in user might send. */
  const signedIn = () =>
    barrage
      .filter((b) => b.expect === '4xx' && !b.request.headers?.some(([name]) => name === 'Authorization'))
      .map((b) => ({ ...b, label: `${b.label} (signed in)`, request: { ...b.request, headers: [...(b.request.headers ?? []), ['Authorization', `Bearer ${adminToken}`] as [string, string]] } }));

  const judge = (answer: RawAnswer, expectation: Expectation): string | null => {
    if (answer.status === 0) return 'no answer (the connection broke)';
    if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
    if (expectation === '4xx' && answer.status < 400) return `HTTP ${answer.status}, expected 4xx: ${answer.body.slice(0, 200)}`;
    if (expectation === 'signed out' && !(answer.status === 200 && answer.body === SIGNED_OUT) && !(answer.status >= 400 && answer.status < 500)) return `HTTP ${answer.status}, expected the signed-out answer: ${answer.body.slice(0, 200)}`;
    // The web app (its index.html for any address it does not know) or a refusal, never a file from elsewhere.
    if (expectation === 'no leak' && /root:|"workspaces"|# Workmate/.test(answer.body)) return `a file from outside the web app: ${answer.body.slice(0, 200)}`;
    return null;
  };

  it('answers each with a 4xx (or as signed out), one after another, and still answers /health afterwards', async () => {
    const problems: string[] = [];
    for (const { label, request, expect: expectation } of [...barrage, ...signedIn()]) {
      const answer = await rawRequest(api.url, request);
      const problem = judge(answer, expectation);
      if (problem) problems.push(`${label}: ${problem}`);
    }
    expect(problems, `${problems.join('\n')}\n--- API output:\n${api.output().slice(-3000)}`).toEqual([]);
    // The same process, not a new one.
    expect(api.child.exitCode).toBeNull();
    const health = await rawRequest(api.url, { path: '/health' });
    expect([200, 503]).toContain(health.status);
    expect(JSON.parse(health.body)).toMatchObject({ status: expect.any(String) });
  });

  it('a real bug in a handler is a 500 with a JSON body (and logged), and the server goes on', async () => {
    // A server whose database layer is broken the way a bug would break it: it throws at once.
    const broken = createAppServer({ env: app.env, orm: { em: { fork: () => { throw new Error('a bug in the request handling'); } } } } as unknown as AppDeps);
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (const path of [`/api/invoices/${uuid}/pdf`, '/api/documents', '/trpc/auth.me', `/api/invoices/${uuid}/pdf`]) {
        const answer = await rawRequest(url, { path, method: path === '/api/documents' ? 'POST' : 'GET', headers: [['Authorization', 'Bearer wm_x']] });
        expect(answer.status, path).toBe(500);
        expect(answer.headers['content-type'], path).toMatch(/application\/json/);
        expect(answer.body, path).toMatch(/Something went wrong on the server/);
        expect(answer.body, path).not.toMatch(/a bug in the request handling/);
      }
    } finally {
      console.error = log;
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
    // Logged, with the error itself, for each of them.
    expect(errors.filter((args) => String((args as unknown[])[1]).includes('a bug in the request handling')).length).toBe(4);
  });

  it("an error that escapes later from a timer of a request is answered as that request's 500 (main.ts hands it over)", async () => {
    let handled: boolean | null = null;
    // The database lookup never finishes; a timer the request started fails meanwhile.
    const em = { findOne: () => new Promise(() => undefined) };
    const fork = () => {
      setTimeout(() => (handled = answerStrayError(new Error('a late bug'))));
      return em;
    };
    const broken = createAppServer({ env: app.env, orm: { em: { fork } } } as unknown as AppDeps);
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const log = console.error;
    console.error = () => undefined;
    try {
      const answer = await rawRequest(`http://127.0.0.1:${(broken.address() as AddressInfo).port}`, { path: `/api/invoices/${uuid}/pdf`, headers: [['Authorization', `Bearer wm_${randomUUID()}`]] });
      expect([answer.status, handled]).toEqual([500, true]);
      expect(answer.body).toMatch(/Something went wrong on the server/);
    } finally {
      console.error = log;
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
    // Outside any request there is nothing to answer: main.ts then ends the process as Node would.
    expect(answerStrayError(new Error('at start-up'))).toBe(false);
  });

  it('the subscription check answers a broken path with a 400 itself, not an exception', () => {
    let status = 0;
    let body = '';
    const res = { writeHead: (code: number) => (status = code), end: (text: string) => (body = text) } as unknown as ServerResponse;
    for (const url of ['/trpc/%', '/trpc/notifications.onNew%E0%A4%A']) {
      expect(refuseInvalidSubscriptionInput({ method: 'GET', url, headers: {} } as IncomingMessage, res)).toBe(true);
      expect(status).toBe(400);
      expect(body).toMatch(/malformed/);
    }
  });

  it('answers them all at once too', async () => {
    const answers = await inBatches(barrage, 16, (b) => rawRequest(api.url, b.request));
    const problems = answers.map((a, i) => [barrage[i]?.label, judge(a, barrage[i]?.expect ?? '4xx')]).filter(([, p]) => p);
    expect(problems).toEqual([]);
    expect(api.child.exitCode).toBeNull();
    expect((await rawRequest(api.url, { path: '/health' })).status).not.toBe(0);
  });
});
