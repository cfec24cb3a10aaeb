import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastQueryCount } from '@workmate/api/trpc-http';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * Plain GETs of queries are answered by our own fast path (apps/api/src/trpc-http.ts) instead of
 * tRPC's resolveResponse (issue 19, throughput). The answers must be the same: here every request
 * goes to two API servers on the same database, one with the fast path and one without it
 * (everything through resolveResponse), and status, headers and body must match byte for byte.
 * The requests the fast path leaves to resolveResponse are checked to go there.
 */
let fast: TestApp;
let stock: TestApp;
let adminToken: string;
let employeeToken: string;
let customerId: string;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  fast = await startTestApp();
  stock = await startTestApp({}, { fastQueries: false });
  const admin = await userWithRole(fast, 'Admin');
  adminToken = admin.token;
  employeeToken = (await userWithRole(fast, 'Employee')).token;
  customerId = (await admin.client.crm.customers.create.mutate({ name: unique('Schnellweg GmbH') })).id;
});
afterAll(async () => {
  await fast?.close();
  await stock?.close();
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** Headers that differ between any two answers (time, connection handling). */
const VOLATILE = new Set(['date', 'connection', 'keep-alive']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function send(app: TestApp, path: string, token: string | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${app.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const body = await res.text();
  const kept: Record<string, string> = {};
  for (const [key, value] of res.headers) if (!VOLATILE.has(key)) kept[key] = value;
  return { status: res.status, headers: kept, body };
}

/** The same request to both servers; returns the fast one's answer and whether the fast path took it. */
async function compare(path: string, token: string | undefined, headers: Record<string, string> = {}) {
  const before = fastQueryCount.answered;
  const ours = await send(fast, path, token, headers);
  const taken = fastQueryCount.answered - before;
  const theirs = await send(stock, path, token, headers);
  expect(fastQueryCount.answered - before, 'the stock server never takes the fast path').toBe(taken);
  expect(ours).toEqual(theirs);
  return { answer: ours, fastPath: taken === 1 };
}

describe('the fast path for query GETs answers as tRPC does', () => {
  it('a single query, with and without sign-in', async () => {
    const ok = await compare(`/trpc/crm.customers.get?input=${input({ id: customerId })}`, adminToken);
    expect(ok.fastPath).toBe(true);
    expect(ok.answer.status).toBe(200);
    expect(ok.answer.headers['content-type']).toBe('application/json');
    expect(ok.answer.headers.vary).toBe('trpc-accept, accept');
    expect(JSON.parse(ok.answer.body).result.data.id).toBe(customerId);

    const list = await compare(`/trpc/crm.customers.list?input=${input({ search: 'Schnellweg' })}`, adminToken);
    expect(list.fastPath).toBe(true);
    expect(list.answer.status).toBe(200);

    const signedOut = await compare(`/trpc/crm.customers.list?input=${input({})}`, undefined);
    expect(signedOut.fastPath).toBe(true);
    expect(signedOut.answer.status).toBe(401);
    expect(JSON.parse(signedOut.answer.body).error.data.appCode).toBe('auth.signInRequired');

    const wrongToken = await compare(`/trpc/crm.customers.list?input=${input({})}`, 'wm_not-a-token');
    expect(wrongToken.fastPath).toBe(true);
    expect(wrongToken.answer.status).toBe(401);
  });

  it('refusals: a missing record (AppError with code and params), bad input with field issues, a missing permission', async () => {
    const missing = await compare(`/trpc/crm.customers.get?input=${input({ id: MISSING_ID })}`, adminToken);
    expect(missing.fastPath).toBe(true);
    expect(missing.answer.status).toBe(404);
    expect(JSON.parse(missing.answer.body).error.data).toMatchObject({ appCode: 'record.notFound', params: { id: MISSING_ID } });

    const badId = await compare(`/trpc/crm.customers.get?input=${input({ id: 'not-an-id' })}`, adminToken);
    expect(badId.fastPath).toBe(true);
    expect(badId.answer.status).toBe(400);
    expect(JSON.parse(badId.answer.body).error.data.fieldIssues.id).toBeDefined();

    // Left out: "is required" needs the input the client sent (the error formatter reads it).
    const noId = await compare(`/trpc/crm.customers.get?input=${input({})}`, adminToken);
    expect(noId.fastPath).toBe(true);
    expect(JSON.parse(noId.answer.body).error.data.fieldIssues).toEqual({ id: [{ code: 'field.required', params: {} }] });
    const noInput = await compare('/trpc/crm.customers.get', adminToken);
    expect(noInput.fastPath).toBe(true);
    expect(noInput.answer.status).toBe(400);

    // Refused before the input is read: the error formatter gets no input.
    const signedOutBadInput = await compare(`/trpc/crm.customers.get?input=${input({ id: 'not-an-id' })}`, undefined);
    expect(signedOutBadInput.fastPath).toBe(true);
    expect(signedOutBadInput.answer.status).toBe(401);

    const forbidden = await compare(`/trpc/audit.list?input=${input({})}`, employeeToken);
    expect(forbidden.fastPath).toBe(true);
    expect(forbidden.answer.status).toBe(403);
    expect(JSON.parse(forbidden.answer.body).error.data.appCode).toBe('auth.permissionMissing');
  });

  it('batches: all good, one failing (207), input left out for some calls', async () => {
    const good = await compare(`/trpc/crm.customers.get,crm.customers.list?batch=1&input=${input({ 0: { id: customerId }, 1: { search: 'Schnellweg' } })}`, adminToken);
    expect(good.fastPath).toBe(true);
    expect(good.answer.status).toBe(200);
    expect(JSON.parse(good.answer.body)).toHaveLength(2);

    const oneFails = await compare(`/trpc/crm.customers.get,crm.customers.get,auth.me?batch=1&input=${input({ 0: { id: customerId }, 1: { id: MISSING_ID } })}`, adminToken);
    expect(oneFails.fastPath).toBe(true);
    expect(oneFails.answer.status).toBe(207);
    const [first, second, third] = JSON.parse(oneFails.answer.body);
    expect(first.result.data.id).toBe(customerId);
    expect(second.error.data.appCode).toBe('record.notFound');
    expect(third.result).toBeDefined();

    const allRefused = await compare(`/trpc/crm.customers.get,crm.customers.list?batch=1&input=${input({ 0: { id: 'x' } })}`, undefined);
    expect(allRefused.fastPath).toBe(true);
    expect(allRefused.answer.status).toBe(401);

    const noInput = await compare('/trpc/auth.me,crm.customers.get?batch=1', adminToken);
    expect(noInput.fastPath).toBe(true);
    expect(noInput.answer.status).toBe(207);
  });

  it('whatever is not a plain query GET is left to resolveResponse, and answered as before', async () => {
    const leftToTrpc: Array<[string, string | undefined, Record<string, string>?]> = [
      [`/trpc/crm.nothingHere?input=${input({})}`, adminToken],
      [`/trpc/crm.customers.get,crm.nothingHere?batch=1&input=${input({ 0: { id: customerId } })}`, adminToken],
      ['/trpc/crm.customers.get?input=%7Bnot-json', adminToken],
      ['/trpc/crm.customers.get,crm.stats?batch=1&input=%7Bnot-json', adminToken],
      [`/trpc/crm.customers.get,crm.stats?batch=1&input=${input([{ id: customerId }])}`, adminToken],
      [`/trpc/crm.customers.create?input=${input({ name: 'Per GET' })}`, adminToken],
      [`/trpc/crm.customers.create,crm.stats?batch=1&input=${input({ 0: { name: 'Per GET' } })}`, adminToken],
      [`/trpc/${Array.from({ length: 51 }, () => 'crm.stats').join(',')}?batch=1`, adminToken],
      [`/trpc/crm%2Ecustomers.get?input=${input({ id: customerId })}`, adminToken],
      // A streamed batch (one call: the order of several depends on which finishes first).
      [`/trpc/crm.customers.get?batch=1&input=${input({ 0: { id: customerId } })}`, adminToken, { 'trpc-accept': 'application/jsonl' }],
      [`/trpc/crm.customers.get?batch=1&input=${input({ 0: { id: customerId } })}`, adminToken, { accept: 'application/jsonl' }],
      [`/trpc/crm.customers.get?input=${input({ id: customerId })}`, adminToken, { 'content-type': 'multipart/form-data' }],
      [`/trpc/crm.customers.get?input=${input({ id: customerId })}&connectionParams=${input({ a: '1' })}`, adminToken],
      [`/trpc/__proto__?input=${input({})}`, adminToken],
    ];
    for (const [path, token, headers] of leftToTrpc) {
      const { fastPath } = await compare(path, token, headers);
      expect(fastPath, path).toBe(false);
    }
  });
});
