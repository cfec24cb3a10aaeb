import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRuleForIncomingWebhook, runRulesForRecordEvent, runScheduledRules } from '@workmate/db/automation/run';
import { fanOutEvents } from '@workmate/db/outbox/outbox';
import { EVENTS, subscriberJob } from '@workmate/domain/events';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Automation rules (issue 18): fed by the outbox, run once per (rule version, event), with a
 * step log; a chain of rules stops at depth 3. The outbox is worked here as the worker does it
 * (fan-out, then the automation subscriber's job per event), step by step, so a test can deliver
 * an event twice. Its own database: no worker of another file runs these jobs.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let admin: Client;
let adminId: string;

beforeAll(async () => {
  db = await freshDatabase('workmate_automation');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  const user = await userWithRole(app, 'Admin');
  admin = user.client;
  adminId = user.employee.id;
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const AUTOMATION_JOBS = [subscriberJob(EVENTS.recordChanged, 'automation').name, subscriberJob(EVENTS.automationIncoming, 'automation').name];

interface JobRow {
  id: string;
  name: string;
  payload: { eventId: string; event: Record<string, unknown> };
}

/** What the worker does with the outbox, until nothing is left: fan events out, run the automation subscribers' jobs, mark them done. */
async function drain(): Promise<JobRow[]> {
  const ran: JobRow[] = [];
  for (let round = 0; round < 20; round++) {
    await fanOutEvents(app.orm.em.fork());
    const jobs = await sql<JobRow[]>(`select id::text, name, payload from outbox where kind = 'job' and completed_at is null and name in (?) order by id`, [AUTOMATION_JOBS]);
    await sql(`update outbox set completed_at = now() where kind = 'job' and completed_at is null and name not in (?)`, [AUTOMATION_JOBS]);
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      await runJob(job);
      await sql(`update outbox set completed_at = now(), dispatched_at = now() where id = ?`, [job.id]);
      ran.push(job);
    }
  }
  throw new Error('the outbox did not run dry');
}

const runJob = (job: JobRow) =>
  job.name === AUTOMATION_JOBS[0]
    ? runRulesForRecordEvent(app.orm.em.fork(), job.payload.eventId, EVENTS.recordChanged.payload.parse(job.payload.event))
    : runRuleForIncomingWebhook(app.orm.em.fork(), job.payload.eventId, EVENTS.automationIncoming.payload.parse(job.payload.event));

const runsOf = (ruleId: string) => sql<Array<{ status: string; depth: number; steps: unknown; event_id: string }>>(`select status, depth, steps, event_id from automation_runs where rule_id = ? order by started_at, depth`, [ruleId]);
const activitiesOf = (customerId: string) => sql<Array<{ subject: string }>>(`select subject from crm_activities where customer_id = ?`, [customerId]);

describe('a rule on new customers', () => {
  let ruleId: string;
  beforeAll(async () => {
    const rule = await admin.platform.automation.create.mutate({
      name: unique('Welcome Berlin'),
      trigger: { type: 'recordCreated', entity: 'customer' },
      condition: { all: [{ field: 'record.city', op: 'eq', value: 'Berlin' }] },
      actions: [{ type: 'createActivity', activityType: 'note', subject: 'Welcome {{record.name}}' }],
    });
    ruleId = rule.id;
    expect(rule).toMatchObject({ currentVersion: 1, active: true });
  });
  afterAll(async () => admin.platform.automation.setActive.mutate({ id: ruleId, version: (await admin.platform.automation.get.query({ id: ruleId })).version, active: false }));

  it('runs its actions when the condition holds, with a step log', async () => {
    const customer = await admin.crm.customers.create.mutate({ name: unique('Spree GmbH'), city: 'Berlin' });
    await drain();
    expect(await activitiesOf(customer.id)).toEqual([{ subject: `Welcome ${customer.name}` }]);
    const [run] = await runsOf(ruleId);
    expect(run).toMatchObject({ status: 'succeeded', depth: 0 });
    expect(run?.steps).toEqual([{ action: 'createActivity', status: 'done', detail: expect.any(String) }]);
    const log = await admin.platform.automation.runs.query({ ruleId });
    expect(log.items[0]).toMatchObject({ status: 'succeeded', ruleVersion: 1 });
  });

  it('does nothing when the condition is false', async () => {
    const customer = await admin.crm.customers.create.mutate({ name: unique('Alster GmbH'), city: 'Hamburg' });
    await drain();
    expect(await activitiesOf(customer.id)).toEqual([]);
    const runs = await sql(`select status, steps from automation_runs where rule_id = ? and status = 'skipped'`, [ruleId]);
    expect(runs).toEqual([{ status: 'skipped', steps: [] }]);
  });

  it('runs once although the outbox delivers the event again', async () => {
    const customer = await admin.crm.customers.create.mutate({ name: unique('Havel GmbH'), city: 'Berlin' });
    const [job] = (await drain()).filter((j) => j.payload.event.entityId === customer.id);
    expect(job).toBeDefined();
    // The relay hands the same job over again (its row looked unfinished), and a second worker runs it at the same time.
    await sql(`update outbox set completed_at = null, dispatched_at = null where id = ?`, [job?.id]);
    await Promise.all([runJob(job as JobRow), runJob(job as JobRow)]);
    await drain();
    expect(await activitiesOf(customer.id)).toHaveLength(1);
    expect(await sql(`select 1 from automation_runs where event_id = ?`, [job?.payload.eventId])).toHaveLength(1);
  });

  it('editing the trigger, condition or actions makes a new version; runs keep theirs', async () => {
    const before = await admin.platform.automation.get.query({ id: ruleId });
    const { id, name, active, trigger, condition, actions } = before;
    const renamed = await admin.platform.automation.update.mutate({ id, version: before.version, name: `${name} (renamed)`, active, trigger, condition, actions });
    expect(renamed.currentVersion).toBe(1);
    const edited = await admin.platform.automation.update.mutate({ id, version: renamed.version, name: renamed.name, active, trigger, condition, actions: [{ type: 'createActivity', activityType: 'call', subject: 'Call {{record.name}}' }] });
    expect(edited.currentVersion).toBe(2);
    expect(edited.versions.map((v) => v.number)).toEqual([2, 1]);
    const customer = await admin.crm.customers.create.mutate({ name: unique('Dahme GmbH'), city: 'Berlin' });
    await drain();
    expect(await activitiesOf(customer.id)).toEqual([{ subject: `Call ${customer.name}` }]);
    const log = await admin.platform.automation.runs.query({ ruleId });
    expect(new Set(log.items.map((r) => r.ruleVersion))).toEqual(new Set([1, 2]));
  });
});

describe('chains', () => {
  it('stop at depth 3: a rule changed by a rule changed by a rule triggers no further rule', async () => {
    // lead → active → inactive → lead → (stopped): three rules that keep passing the customer on.
    const step = (from: string, to: string) =>
      admin.platform.automation.create.mutate({ name: unique(`${from} to ${to}`), trigger: { type: 'statusSet', entity: 'customer', status: from }, actions: [{ type: 'updateField', field: 'status', value: to }] });
    const rules = [await step('lead', 'active'), await step('active', 'inactive'), await step('inactive', 'lead')];
    try {
      const customer = await admin.crm.customers.create.mutate({ name: unique('Loop GmbH'), status: 'inactive' });
      await drain();
      const current = await admin.crm.customers.get.query({ id: customer.id });
      // A person sets "lead" (depth 0); the rules run at depths 0, 1, 2; the change at depth 3 runs nothing.
      await admin.crm.customers.update.mutate({ id: customer.id, version: current.version, status: 'lead' });
      await drain();
      const runs = (await Promise.all(rules.map((r) => runsOf(r.id)))).flat().filter((r) => r.depth >= 0);
      const mine = await sql<Array<{ status: string; depth: number }>>(
        `select r.status, r.depth from automation_runs r where r.rule_id in (?) and r.started_at >= (select max(at) from audit_log where entity = 'customer' and entity_id = ? and actor_id is not null) order by r.depth`,
        [rules.map((r) => r.id), customer.id],
      );
      expect(mine).toEqual([
        { status: 'succeeded', depth: 0 },
        { status: 'succeeded', depth: 1 },
        { status: 'succeeded', depth: 2 },
        { status: 'stopped', depth: 3 },
      ]);
      expect(runs.length).toBeGreaterThanOrEqual(4);
      // The last rule's change stands: back to lead, and the first rule did not run on it.
      expect((await admin.crm.customers.get.query({ id: customer.id })).status).toBe('lead');
      // The rules' changes are in the audit trail under the rule's name.
      const labels = await sql<Array<{ actor_label: string }>>(`select actor_label from audit_log where entity = 'customer' and entity_id = ? and actor_id is null`, [customer.id]);
      expect(labels.map((l) => l.actor_label)).toEqual(expect.arrayContaining([expect.stringMatching(/^automation: /)]));
    } finally {
      for (const r of rules) await admin.platform.automation.delete.mutate({ id: r.id });
    }
  });
});

describe('other triggers and actions', () => {
  it('a time-based rule runs once per period', async () => {
    const rule = await admin.platform.automation.create.mutate({ name: unique('Daily ping'), trigger: { type: 'schedule', everyMinutes: 60 }, actions: [{ type: 'notify', employeeId: adminId, title: 'Hourly check {{now}}' }] });
    try {
      const now = new Date('2026-12-07T10:15:00Z');
      await runScheduledRules(app.orm.em.fork(), now);
      await runScheduledRules(app.orm.em.fork(), new Date('2026-12-07T10:45:00Z'));
      expect(await runsOf(rule.id)).toHaveLength(1);
      await runScheduledRules(app.orm.em.fork(), new Date('2026-12-07T11:01:00Z'));
      expect((await runsOf(rule.id)).map((r) => r.event_id)).toEqual(['schedule-2026-12-07T10:00:00.000Z', 'schedule-2026-12-07T11:00:00.000Z']);
      expect(await sql(`select title from notifications where employee_id = ? and kind = 'automation' and title like 'Hourly check%'`, [adminId])).toHaveLength(2);
    } finally {
      await admin.platform.automation.delete.mutate({ id: rule.id });
    }
  });

  it('an incoming webhook runs its rule once per request; an unknown token is 404', async () => {
    const rule = await admin.platform.automation.create.mutate({ name: unique('Inbound'), trigger: { type: 'webhook' }, actions: [{ type: 'notify', employeeId: adminId, title: 'Order {{body.order}} arrived' }] });
    try {
      const post = (path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const res = await post(rule.hookPath, { order: 'A-17' });
      expect(res.status).toBe(202);
      expect((await post('/hooks/automation/' + '0'.repeat(48), {})).status).toBe(404);
      expect((await post(rule.hookPath, [1, 2])).status).toBe(400);
      await drain();
      expect(await sql(`select title from notifications where employee_id = ? and title = 'Order A-17 arrived'`, [adminId])).toHaveLength(1);
      expect(await runsOf(rule.id)).toHaveLength(1);
    } finally {
      await admin.platform.automation.delete.mutate({ id: rule.id });
    }
  });

  it('update field sets a whitelisted field of a project; a reminder is created for its owner', async () => {
    const customer = await admin.crm.customers.create.mutate({ name: unique('Projekt GmbH') });
    const rule = await admin.platform.automation.create.mutate({
      name: unique('Urgent projects'),
      trigger: { type: 'recordCreated', entity: 'project' },
      condition: { all: [{ field: 'record.title', op: 'contains', value: 'eilig' }] },
      actions: [
        { type: 'updateField', field: 'priority', value: 'urgent' },
        { type: 'createReminder', ownerId: adminId, title: 'Follow up {{record.title}}', dueInDays: 2 },
      ],
    });
    try {
      const project = await admin.projects.create.mutate({ title: unique('Sehr eilig'), customerId: customer.id });
      await drain();
      expect((await admin.projects.get.query({ id: project.id })).priority).toBe('urgent');
      expect(await sql(`select title from reminders where entity = 'project' and entity_id = ?`, [project.id])).toEqual([{ title: `Follow up ${project.title}` }]);
    } finally {
      await admin.platform.automation.delete.mutate({ id: rule.id });
    }
  });
});

describe('bad rule input', () => {
  it('is a 4xx naming the field, and saves nothing', async () => {
    const count = async () => Number((await sql<Array<{ n: string }>>(`select count(*) as n from automation_rules`))[0]?.n);
    const n = await count();
    const base = { name: 'Bad', trigger: { type: 'recordCreated' as const, entity: 'customer' as const } };
    const noActions = await errorOf(admin.platform.automation.create.mutate({ ...base, actions: [] }));
    expect(noActions).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(noActions.fieldIssues?.actions).toEqual([{ code: 'field.atLeastOneAction', params: {} }]);
    const notSettable = await errorOf(admin.platform.automation.create.mutate({ ...base, actions: [{ type: 'updateField', field: 'name', value: 'x' }] }));
    expect(notSettable.fieldIssues?.['actions.0.field']).toEqual([{ code: 'field.notSettableByRule', params: {} }]);
    const badEntity = await errorOf(admin.platform.automation.create.mutate({ name: 'Bad', trigger: { type: 'recordCreated', entity: 'spaceship' as never }, actions: [{ type: 'notify', employeeId: adminId, title: 'x' }] }));
    expect(Object.keys(badEntity.fieldErrors ?? {})).toEqual(['trigger.entity']);
    const badOp = await errorOf(admin.platform.automation.create.mutate({ ...base, condition: { all: [{ field: 'city', op: 'like' as never, value: 'x' }] }, actions: [{ type: 'notify', employeeId: adminId, title: 'x' }] }));
    expect(Object.keys(badOp.fieldErrors ?? {})).toEqual(['condition.all.0.op']);
    const ghost = await errorOf(admin.platform.automation.create.mutate({ ...base, actions: [{ type: 'notify', employeeId: '00000000-0000-4000-8000-000000000000', title: 'x' }] }));
    expect(ghost).toMatchObject({ code: 'BAD_REQUEST', appCode: 'automation.employeeUnknown' });
    expect(Object.keys(ghost.fieldErrors ?? {})).toEqual(['actions.0.employeeId']);
    expect(await count()).toBe(n);
  });
});
