import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conditionHolds, fillTemplate, MAX_CHAIN_DEPTH, triggerMatches, type AutomationAction, type AutomationCondition, type AutomationTrigger, type RuleEvent } from '@workmate/domain/automation';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import type { EventPayload, EVENTS } from '@workmate/domain/events';
import { JOBS } from '@workmate/domain/jobs';
import type { RecordEntity } from '@workmate/domain/webhooks';
import { Activity } from '../entities/activity.ts';
import { Customer } from '../entities/customer.ts';
import { Employee } from '../entities/employee.ts';
import { Notification } from '../entities/notification.ts';
import { Project } from '../entities/project.ts';
import { Reminder } from '../entities/reminder.ts';
import { enqueue } from '../outbox/outbox.ts';
import { runAs } from '../shared/actor.ts';
import { queueDelivery } from '../webhooks/deliver.ts';
import { runAtDepth } from './chain.ts';

const TABLES: Record<RecordEntity, string> = {
  customer: 'customers',
  contact: 'contacts',
  project: 'projects',
  invoice: 'invoices',
  expense: 'expenses',
  reminder: 'reminders',
  activity: 'crm_activities',
};
const UPDATABLE = { customer: Customer, project: Project, reminder: Reminder } as const;

interface VersionRow {
  id: string;
  rule_id: string;
  name: string;
  trigger: AutomationTrigger;
  condition: AutomationCondition;
  actions: AutomationAction[];
}

type Step = { action: AutomationAction['type']; status: 'done' | 'failed'; detail?: string; email?: { to: string; subject: string; body: string } };

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The record as it is now, camelCase fields (null when it is gone). */
async function loadRecord(em: EntityManager, entity: RecordEntity, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await em.execute<Array<{ r: Record<string, unknown> }>>(`select to_jsonb(t) as r from ${TABLES[entity]} t where id = ?`, [id]);
  if (!row) return null;
  const r = typeof row.r === 'string' ? (JSON.parse(row.r) as Record<string, unknown>) : row.r;
  return Object.fromEntries(Object.entries(r).filter(([k]) => !/password|token|secret/.test(k)).map(([k, v]) => [camel(k), v]));
}

/** The current versions of the active rules that could fire for an event kind. */
async function candidateVersions(em: EntityManager, where: string, params: unknown[]): Promise<VersionRow[]> {
  const rows = await em.execute<VersionRow[]>(
    `select v.id, v.rule_id, r.name, v.trigger, v.condition, v.actions from automation_rules r
       join automation_rule_versions v on v.rule_id = r.id and v.number = r.current_version
      where r.active and ${where}`,
    params,
  );
  return rows;
}

/** The automation subscriber of record.changed: every active rule whose trigger fires runs once for the event. */
export async function runRulesForRecordEvent(em: EntityManager, eventId: string, event: EventPayload<typeof EVENTS.recordChanged>): Promise<number> {
  const ruleEvent: RuleEvent = { kind: 'record', entity: event.entity, entityId: event.entityId, action: event.action, fields: event.fields, status: event.status };
  const versions = await candidateVersions(em, `v.trigger_entity = ?`, [event.entity]);
  let ran = 0;
  for (const v of versions) if (triggerMatches(v.trigger, ruleEvent) && (await runRuleVersion(em, v, eventId, ruleEvent, event.depth, {}))) ran++;
  return ran;
}

/** The automation subscriber of automation.incoming: the rule the hook belongs to runs once for the request. */
export async function runRuleForIncomingWebhook(em: EntityManager, eventId: string, event: EventPayload<typeof EVENTS.automationIncoming>): Promise<number> {
  const versions = await candidateVersions(em, `r.id = ? and v.trigger_type = 'webhook'`, [event.ruleId]);
  let ran = 0;
  for (const v of versions) if (await runRuleVersion(em, v, eventId, { kind: 'webhook' }, 0, { body: event.body })) ran++;
  return ran;
}

/** The schedule: every active time-based rule runs once per period (the period's start is the event id). */
export async function runScheduledRules(em: EntityManager, now: Date = new Date()): Promise<number> {
  const versions = await candidateVersions(em, `v.trigger_type = 'schedule'`, []);
  let ran = 0;
  for (const v of versions) {
    if (v.trigger.type !== 'schedule') continue;
    const period = v.trigger.everyMinutes * 60_000;
    const slot = new Date(Math.floor(now.getTime() / period) * period).toISOString();
    if (await runRuleVersion(em, v, `schedule-${slot}`, { kind: 'schedule' }, 0, { now: now.toISOString() })) ran++;
  }
  return ran;
}

/**
 * Runs one rule version for one event, once: the run row (unique per version and event) is
 * written in the transaction that carries out the actions, so a second delivery of the same event
 * (outbox redelivery, a retried job, two workers) finds it and does nothing, and a crash midway
 * leaves nothing behind to be run again. Actions run one level deeper in the chain: the record
 * events they cause carry depth + 1, and an event at MAX_CHAIN_DEPTH runs no rule (the run is
 * logged as stopped). Returns whether this call ran it.
 */
export async function runRuleVersion(em: EntityManager, v: VersionRow, eventId: string, event: RuleEvent, depth: number, extra: Record<string, unknown>): Promise<boolean> {
  const runId = randomUUID();
  const insertRun = (tx: EntityManager, status: string, steps: Step[], error: string | null) =>
    tx.execute<Array<{ id: string }>>(
      `insert into automation_runs (id, rule_id, rule_version_id, event_id, depth, status, steps, error, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, now())
         on conflict (rule_version_id, event_id) do nothing returning id`,
      [runId, v.rule_id, v.id, eventId, depth, status, JSON.stringify(steps), error],
    );
  if (depth >= MAX_CHAIN_DEPTH) {
    const rows = await insertRun(em, 'stopped', [], `Chain depth ${MAX_CHAIN_DEPTH} reached: a rule's change does not trigger further rules`);
    return rows.length > 0;
  }
  const record = event.entity && event.entityId ? await loadRecord(em, event.entity, event.entityId) : null;
  const context = { record: record ?? {}, event: { ...event, depth }, ...extra };
  try {
    return await runAs({ id: null, label: `automation: ${v.name}`.slice(0, 200) }, () =>
      runAtDepth(depth + 1, () =>
        em.transactional(async (tx) => {
          // Claimed first: a concurrent run of the same event waits here and then finds the row.
          const claimed = await insertRun(tx, 'succeeded', [], null);
          if (claimed.length === 0) return false;
          if (!conditionHolds(v.condition, context)) {
            await tx.execute(`update automation_runs set status = 'skipped', steps = ? where id = ?`, [JSON.stringify([]), runId]);
            return true;
          }
          const steps: Step[] = [];
          for (const [i, action] of v.actions.entries()) steps.push(await runAction(tx, action, i, { runId, eventId, event, record, context }));
          await tx.flush();
          await tx.execute(`update automation_runs set steps = ? where id = ?`, [JSON.stringify(steps), runId]);
          return true;
        }),
      ),
    );
  } catch (error) {
    // An action failed: nothing of it stays, and the run is logged as failed (once; not retried).
    const message = (error as Error).message.slice(0, 2000);
    const rows = await insertRun(em.fork(), 'failed', [], message);
    return rows.length > 0;
  }
}

interface ActionContext {
  runId: string;
  eventId: string;
  event: RuleEvent;
  record: Record<string, unknown> | null;
  context: Record<string, unknown>;
}

async function runAction(tx: EntityManager, action: AutomationAction, index: number, ctx: ActionContext): Promise<Step> {
  const fill = (t: string) => fillTemplate(t, ctx.context);
  switch (action.type) {
    case 'createActivity': {
      const customerId = ctx.event.entity === 'customer' ? ctx.event.entityId : (ctx.record?.customerId as string | undefined);
      if (!customerId) throw new Error(`Step ${index + 1}: an activity needs a customer, and this event's record has none`);
      const a = tx.create(Activity, { customer: tx.getReference(Customer, customerId), type: action.activityType, subject: fill(action.subject), description: action.description ? fill(action.description) : null, occurredAt: new Date(), contact: null, employee: null });
      return { action: action.type, status: 'done', detail: a.id };
    }
    case 'createReminder': {
      const owner = await tx.findOne(Employee, { id: action.ownerId, deletedAt: null });
      if (!owner) throw new Error(`Step ${index + 1}: the reminder's owner does not exist`);
      const linkable = ctx.event.entity && ['invoice', 'expense', 'project', 'customer'].includes(ctx.event.entity);
      const r = tx.create(Reminder, { title: fill(action.title), dueDate: addDays(berlinDay(), action.dueInDays), owner, status: 'open', priority: 'medium', entity: linkable ? (ctx.event.entity ?? null) : null, entityId: linkable ? (ctx.event.entityId ?? null) : null, notified: false, description: null, completedAt: null });
      return { action: action.type, status: 'done', detail: r.id };
    }
    case 'updateField': {
      const cls = ctx.event.entity ? UPDATABLE[ctx.event.entity as keyof typeof UPDATABLE] : undefined;
      if (!cls || !ctx.event.entityId) throw new Error(`Step ${index + 1}: this record's fields cannot be set by a rule`);
      const target = (await tx.findOne(cls as typeof Customer, { id: ctx.event.entityId })) as Record<string, unknown> | null;
      if (!target) throw new Error(`Step ${index + 1}: the record is gone`);
      const before = target[action.field];
      target[action.field] = action.value;
      return { action: action.type, status: 'done', detail: `${action.field}: ${String(before)} → ${action.value}` };
    }
    case 'notify': {
      const employee = await tx.findOne(Employee, { id: action.employeeId, deletedAt: null });
      if (!employee) throw new Error(`Step ${index + 1}: the employee does not exist`);
      const n = tx.create(Notification, { employee, kind: 'automation', title: fill(action.title).slice(0, 300), body: action.body ? fill(action.body) : null, entity: ctx.event.entity ?? null, entityId: ctx.event.entityId ?? null, dedupeKey: `automation-${ctx.runId}-${index}`, readAt: null, emailedAt: null });
      return { action: action.type, status: 'done', detail: n.id };
    }
    case 'sendEmail': {
      enqueue(tx, JOBS.sendAutomationEmail, { runId: ctx.runId, step: index });
      return { action: action.type, status: 'done', detail: action.to, email: { to: action.to, subject: fill(action.subject), body: fill(action.body) } };
    }
    case 'callWebhook': {
      const [sub] = await tx.execute<Array<{ id: string; active: boolean }>>(`select id, active from webhook_subscriptions where id = ?`, [action.subscriptionId]);
      if (!sub) throw new Error(`Step ${index + 1}: the webhook subscription does not exist`);
      if (!sub.active) return { action: action.type, status: 'failed', detail: 'the subscription is disabled' };
      const deliveryId = await queueDelivery(tx, sub.id, `${ctx.runId}-${index}`, 'automation.rule', { runId: ctx.runId, event: ctx.event });
      return { action: action.type, status: 'done', detail: deliveryId ?? '' };
    }
  }
}

/** The email of a "send email" step, as the run recorded it (null when the run or step is gone). */
export async function automationEmail(em: EntityManager, runId: string, step: number): Promise<{ to: string; subject: string; body: string } | null> {
  const [row] = await em.execute<Array<{ steps: Step[] | string }>>(`select steps from automation_runs where id = ?`, [runId]);
  if (!row) return null;
  const steps = (typeof row.steps === 'string' ? JSON.parse(row.steps) : row.steps) as Step[];
  return steps[step]?.email ?? null;
}
