import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftInvoice, invoiceCustomer } from '../helpers/invoices.ts';
import { apiOn, ownDatabase, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './own-servers.ts';

/**
 * Invoice numbers under load from two API processes (as behind a load balancer): on a database
 * where nothing else finalizes, 200 concurrent finalizations get 200 consecutive numbers.
 */
let db: Awaited<ReturnType<typeof ownDatabase>>;
let api: Awaited<ReturnType<typeof apiOn>>;
beforeAll(async () => {
  db = await ownDatabase('faults_numbers');
  api = await apiOn({ databaseUrl: db.databaseUrl, redisUrl: process.env.TEST_REDIS_URL as string }, 2);
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await api?.close();
  await db?.drop();
}, SETUP_TIMEOUT_MS);

describe('200 concurrent finalizations over 2 API processes', () => {
  it('give 200 unique, consecutive invoice numbers', async () => {
    const customer = await invoiceCustomer(api.admin);
    const drafts: string[] = [];
    // Drafts in batches of 20 (their creation is not what is tested).
    for (let i = 0; i < 200; i += 20) drafts.push(...(await Promise.all(Array.from({ length: 20 }, () => draftInvoice(api.accountant, customer.id)))).map((d) => d.id));
    const done = await Promise.all(drafts.map((id, i) => api.accountantOn(i % 2).invoices.finalize.mutate({ id })));
    const numbers = done.map((d) => d.number as string);
    expect(new Set(numbers).size).toBe(200);
    const year = (numbers[0] as string).split('-')[1];
    expect(numbers.every((n) => n.startsWith(`RE-${year}-`))).toBe(true);
    const counters = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // What the database holds agrees: 200 finalized invoices, numbers 1…200.
    const rows = await api.sql<Array<{ number: string }>>(`select number from invoices where type = 'invoice' and number is not null`);
    expect(rows.map((r) => Number(r.number.split('-')[2])).sort((a, b) => a - b)).toEqual(counters);
  }, TEST_TIMEOUT_MS);
});
