import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** The sales pipeline (issue 18): opportunities, stage moves, the exact weighted forecast, won → quote. */
let app: TestApp;
let manager: Client;
let managerId: string;
let employee: Client;
let auditor: Client;
let accountant: Client;
let admin: Client;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  const m = await userWithRole(app, 'Manager');
  manager = m.client;
  managerId = m.employee.id;
  employee = (await userWithRole(app, 'Employee')).client;
  auditor = (await userWithRole(app, 'Auditor')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
  customerId = (await invoiceCustomer(manager)).id;
});
afterAll(async () => app?.close());

const opportunity = (extra: Record<string, unknown> = {}) => ({ customerId, title: unique('Wartungsvertrag'), amount: '12000.00', expectedCloseDate: '2027-03-15', ...extra });

describe('opportunities', () => {
  it('are created with the stage’s probability and the creator as owner, read, changed and audited', async () => {
    const contact = await manager.crm.contacts.create.mutate({ customerId, firstName: 'Paula', lastName: 'Käufer', email: `${randomUUID()}@kunde.test` });
    const created = await manager.sales.opportunities.create.mutate(opportunity({ contactId: contact.id, stage: 'qualified' }));
    expect(created).toMatchObject({ stage: 'qualified', probability: 25, amount: '12000.00', weightedAmount: '3000.0000', ownerId: managerId, contactId: contact.id, contactName: 'Paula Käufer', quoteId: null });
    expect(await auditor.sales.opportunities.get.query({ id: created.id })).toMatchObject({ id: created.id, customerId });

    const changed = await manager.sales.opportunities.update.mutate({ id: created.id, version: created.version, amount: '15000.50', probability: 40 });
    expect(changed).toMatchObject({ amount: '15000.50', probability: 40, weightedAmount: '6000.2000' });
    const stale = await errorOf(manager.sales.opportunities.update.mutate({ id: created.id, version: created.version, title: 'Alt' }));
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'record.staleVersion' });

    const listed = await auditor.sales.opportunities.list.query({ customerId, stage: ['qualified'] });
    expect(listed.items.map((o) => o.id)).toContain(created.id);

    const trail = await admin.audit.list.query({ entity: 'opportunity', entityId: created.id });
    expect(trail.items.map((i) => [i.action, i.actorId])).toEqual([
      ['update', managerId],
      ['create', managerId],
    ]);
    expect(trail.items[0]?.changes.amount).toEqual({ before: '12000.00', after: '15000.50' });
  });

  it('move to another stage: the probability follows the stage unless given; won is 100 and lost 0, nothing else', async () => {
    const o = await manager.sales.opportunities.create.mutate(opportunity());
    expect(o.probability).toBe(10);
    const proposal = await manager.sales.opportunities.move.mutate({ id: o.id, stage: 'proposal' });
    expect(proposal).toMatchObject({ stage: 'proposal', probability: 50 });
    expect(Date.parse(proposal.stageChangedAt)).toBeGreaterThanOrEqual(Date.parse(o.stageChangedAt));
    const custom = await manager.sales.opportunities.move.mutate({ id: o.id, stage: 'negotiation', probability: 60 });
    expect(custom).toMatchObject({ stage: 'negotiation', probability: 60 });

    const wrong = await errorOf(manager.sales.opportunities.move.mutate({ id: o.id, stage: 'won', probability: 90 }));
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', appCode: 'opportunity.closedNoProbability' });
    expect(Object.keys(wrong.fieldErrors ?? {})).toEqual(['probability']);
    expect((await manager.sales.opportunities.get.query({ id: o.id })).stage).toBe('negotiation');

    expect(await manager.sales.opportunities.move.mutate({ id: o.id, stage: 'lost' })).toMatchObject({ stage: 'lost', probability: 0 });
    const closedChange = await errorOf(manager.sales.opportunities.update.mutate({ id: o.id, probability: 20 }));
    expect(closedChange).toMatchObject({ code: 'BAD_REQUEST', appCode: 'opportunity.closedNoProbability' });

    // The database holds the rule too.
    const raw = app.orm.em.fork().getConnection().execute(`update opportunities set probability = 50 where id = ?`, [o.id]);
    await expect(raw).rejects.toThrow(/opportunities_closed_probability/);
  });

  it('the weighted forecast sums amount × probability per month of expected close, exactly, without lost ones', async () => {
    const owner = await userWithRole(app, 'Employee');
    const ownerId = owner.employee.id;
    const make = (amount: string, expectedCloseDate: string, stage: 'lead' | 'negotiation' | 'won' | 'lost' | 'proposal', probability?: number) =>
      manager.sales.opportunities.create.mutate(opportunity({ amount, expectedCloseDate, stage, ownerId, ...(probability === undefined ? {} : { probability }) }));
    await make('1000.00', '2091-01-01', 'lead'); // 100.0000
    await make('0.07', '2091-01-31', 'proposal', 29); // 0.0203 (a float would say 0.020299999999999998)
    await make('99999.99', '2091-01-15', 'lost'); // left out
    await make('333.33', '2091-03-10', 'negotiation'); // 249.9975
    await make('500.00', '2091-03-31', 'won'); // 500.0000
    await make('700.00', '2091-05-01', 'lead'); // outside the range
    const forecast = await auditor.sales.forecast.query({ from: '2091-01', to: '2091-04', ownerId });
    expect(forecast.months).toEqual([
      { month: '2091-01', count: 2, amount: '1000.07', weighted: '100.0203', wonAmount: '0.00' },
      { month: '2091-02', count: 0, amount: '0.00', weighted: '0.0000', wonAmount: '0.00' },
      { month: '2091-03', count: 2, amount: '833.33', weighted: '749.9975', wonAmount: '500.00' },
      { month: '2091-04', count: 0, amount: '0.00', weighted: '0.0000', wonAmount: '0.00' },
    ]);
    expect(forecast.total).toEqual({ count: 4, amount: '1833.40', weighted: '850.0178', wonAmount: '500.00' });
  });

  it('a won opportunity becomes a quote draft once, with its amount as the line; it then stays won', async () => {
    const o = await manager.sales.opportunities.create.mutate(opportunity({ amount: '4321.09', stage: 'negotiation' }));
    const early = await errorOf(manager.sales.opportunities.createQuote.mutate({ id: o.id }));
    expect(early).toMatchObject({ code: 'CONFLICT', appCode: 'opportunity.notWon', params: { title: o.title, stage: 'negotiation' } });

    await manager.sales.opportunities.move.mutate({ id: o.id, stage: 'won' });
    // Employees may work the pipeline but not make quotes (invoices.write).
    const forbidden = await errorOf(employee.sales.opportunities.createQuote.mutate({ id: o.id }));
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN', appCode: 'auth.permissionMissing', params: { permission: 'invoices.write' } });

    const { quoteId, opportunity: won } = await manager.sales.opportunities.createQuote.mutate({ id: o.id });
    expect(won.quoteId).toBe(quoteId);
    const quote = await manager.invoices.get.query({ id: quoteId });
    expect(quote).toMatchObject({ type: 'quote', status: 'draft', customer: { id: customerId }, netTotal: '4321.09' });
    expect(quote.lines.map((l) => [l.description, l.quantity, l.unitPrice])).toEqual([[o.title, '1', '4321.09']]);

    const again = await errorOf(manager.sales.opportunities.createQuote.mutate({ id: o.id }));
    expect(again).toMatchObject({ code: 'CONFLICT', appCode: 'opportunity.quoteExists' });
    const back = await errorOf(manager.sales.opportunities.move.mutate({ id: o.id, stage: 'negotiation' }));
    expect(back).toMatchObject({ code: 'CONFLICT', appCode: 'opportunity.keepsQuote' });
    const quotes = await manager.invoices.list.query({ type: 'quote', customerId });
    expect(quotes.items.filter((q) => q.id === quoteId)).toHaveLength(1);
  });

  it('two concurrent quote requests make one quote', async () => {
    const o = await manager.sales.opportunities.create.mutate(opportunity({ stage: 'won' }));
    const results = await Promise.allSettled([1, 2, 3].map(() => manager.sales.opportunities.createQuote.mutate({ id: o.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rows = await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from invoices where type = 'quote' and notes = ?`, [`Verkaufschance: ${o.title}`]);
    expect(rows[0]?.n).toBe(1);
  });

  it('bad input is a 400 naming the field and changes nothing', async () => {
    const other = await invoiceCustomer(manager);
    const foreignContact = await manager.crm.contacts.create.mutate({ customerId: other.id, firstName: 'X', lastName: 'Y' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: '-1.00' }, 'amount'],
      [{ amount: '1.234' }, 'amount'],
      [{ amount: 12.5 + 0.001 }, 'amount'],
      [{ probability: 101 }, 'probability'],
      [{ probability: 5.5 }, 'probability'],
      [{ stage: 'maybe' }, 'stage'],
      [{ expectedCloseDate: '15.03.2027' }, 'expectedCloseDate'],
      [{ title: '   ' }, 'title'],
      [{ contactId: foreignContact.id }, 'contactId'],
      [{ customerId: randomUUID() }, 'customerId'],
      [{ ownerId: randomUUID() }, 'ownerId'],
    ];
    for (const [change, field] of cases) {
      const error = await errorOf(manager.sales.opportunities.create.mutate(opportunity(change) as never));
      expect(error.httpStatus, JSON.stringify(change)).toBe(400);
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(change)).toEqual([field]);
    }
    expect((await manager.sales.opportunities.list.query({ customerId: other.id })).total).toBe(0);
    const range = await errorOf(manager.sales.forecast.query({ from: '2027-05', to: '2027-01' }));
    expect(Object.keys(range.fieldErrors ?? {})).toEqual(['to']);
    const month = await errorOf(manager.sales.forecast.query({ from: '2027-13', to: '2027-14' }));
    expect(month.fieldIssues?.from).toEqual([{ code: 'field.month', params: {} }]);
    expect((await errorOf(manager.sales.opportunities.get.query({ id: randomUUID() }))).code).toBe('NOT_FOUND');
  });

  it('reading needs sales.read, changing sales.write', async () => {
    const o = await manager.sales.opportunities.create.mutate(opportunity());
    expect((await accountant.sales.opportunities.get.query({ id: o.id })).id).toBe(o.id);
    expect((await errorOf(accountant.sales.opportunities.move.mutate({ id: o.id, stage: 'won' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(auditor.sales.opportunities.create.mutate(opportunity()))).code).toBe('FORBIDDEN');
    expect((await errorOf(auditor.sales.opportunities.update.mutate({ id: o.id, title: 'Nein' }))).code).toBe('FORBIDDEN');
    expect((await employee.sales.opportunities.move.mutate({ id: o.id, stage: 'qualified' })).stage).toBe('qualified');
  });
});
