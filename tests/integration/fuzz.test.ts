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
import { callProcedure, callProcedureBatch, closeFuzzAgent, databaseSnapshot, inBatches, type Answer } from '../helpers/fuzz-http.ts';
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
let adminToken: string;
let fuzzerToken: string;
const marker = `FUZZMARK${randomUUID().replace(/-/g, '')}`;
const foreign: Array<{ what: string; id: string; personal: boolean }> = [];

beforeAll(async () => {
  // A database of its own: row counts must stay exact while other files write to theirs.
  const db = await freshDatabase('workmate_fuzz');
  dropDatabase = db.drop;
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
