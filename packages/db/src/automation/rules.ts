import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AutomationAction, AutomationCondition, AutomationRuleCreateInput, AutomationRuleSetActiveInput, AutomationRuleUpdateInput, AutomationRunListInput, AutomationTrigger } from '@workmate/domain/automation';
import { appError, notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import { AutomationRule } from '../entities/automation-rule.ts';
import { AutomationRuleVersion } from '../entities/automation-rule-version.ts';
import { Employee } from '../entities/employee.ts';
import { WebhookSubscription } from '../entities/webhook-subscription.ts';
import type { Actor } from '../shared/actor.ts';
import { checkVersion } from '../shared/versioning.ts';

export interface AutomationRuleDto {
  id: string;
  name: string;
  active: boolean;
  currentVersion: number;
  trigger: AutomationTrigger;
  condition: AutomationCondition;
  actions: AutomationAction[];
  /** The path of the rule's incoming webhook (for the webhook trigger). */
  hookPath: string;
  versions: Array<{ number: number; createdAt: string; createdBy: string | null }>;
  createdAt: string;
  version: number;
}

export interface AutomationRunDto {
  id: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  eventId: string;
  depth: number;
  status: 'succeeded' | 'failed' | 'skipped' | 'stopped';
  steps: Array<{ action: string; status: string; detail?: string }>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** The records an action refers to must exist: checked when the rule is saved (and again when it runs). */
async function checkReferences(em: EntityManager, actions: AutomationAction[]): Promise<void> {
  for (const [i, action] of actions.entries()) {
    if ((action.type === 'notify' && action.employeeId) || action.type === 'createReminder') {
      const id = action.type === 'notify' ? action.employeeId : action.ownerId;
      if (!(await em.findOne(Employee, { id, deletedAt: null }))) throw appError('BAD_REQUEST', 'automation.employeeUnknown', {}, { field: `actions.${i}.${action.type === 'notify' ? 'employeeId' : 'ownerId'}` });
    }
    if (action.type === 'callWebhook' && !(await em.findOne(WebhookSubscription, { id: action.subscriptionId }))) {
      throw appError('BAD_REQUEST', 'automation.subscriptionUnknown', {}, { field: `actions.${i}.subscriptionId` });
    }
  }
}

/** JSON with sorted keys: jsonb gives keys back in its own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

const entityOf = (t: AutomationTrigger) => ('entity' in t ? t.entity : null);

async function toDto(em: EntityManager, rule: AutomationRule): Promise<AutomationRuleDto> {
  const versions = await em.find(AutomationRuleVersion, { rule: rule.id }, { orderBy: { number: 'desc' } });
  const current = versions.find((v) => v.number === rule.currentVersion) ?? versions[0];
  if (!current) throw notFound('Automation rule version', rule.id);
  return {
    id: rule.id,
    name: rule.name,
    active: rule.active,
    currentVersion: rule.currentVersion,
    trigger: current.trigger,
    condition: current.condition,
    actions: current.actions,
    hookPath: `/hooks/automation/${rule.hookToken}`,
    versions: versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy ?? null })),
    createdAt: rule.createdAt.toISOString(),
    version: rule.version,
  };
}

async function find(em: EntityManager, id: string): Promise<AutomationRule> {
  const r = await em.findOne(AutomationRule, { id });
  if (!r) throw notFound('Automation rule', id);
  return r;
}

export async function listAutomationRules(em: EntityManager): Promise<AutomationRuleDto[]> {
  const rules = await em.find(AutomationRule, {}, { orderBy: { name: 'asc', id: 'asc' } });
  return Promise.all(rules.map((r) => toDto(em, r)));
}

export async function getAutomationRule(em: EntityManager, id: string): Promise<AutomationRuleDto> {
  return toDto(em, await find(em, id));
}

export async function createAutomationRule(em: EntityManager, actor: Actor, input: AutomationRuleCreateInput): Promise<AutomationRuleDto> {
  const id = await em.transactional(async (tx) => {
    await checkReferences(tx, input.actions);
    const rule = tx.create(AutomationRule, { name: input.name, active: input.active, currentVersion: 1, hookToken: randomBytes(24).toString('hex') });
    tx.create(AutomationRuleVersion, { rule, number: 1, trigger: input.trigger, condition: input.condition, actions: input.actions, triggerType: input.trigger.type, triggerEntity: entityOf(input.trigger), createdBy: actor.id });
    await tx.flush();
    return rule.id;
  });
  return getAutomationRule(em, id);
}

/** Saves the whole rule: a trigger, condition or actions that differ from the current version's make the next version (runs keep pointing at the one they ran). */
export async function updateAutomationRule(em: EntityManager, actor: Actor, input: AutomationRuleUpdateInput): Promise<AutomationRuleDto> {
  await em.transactional(async (tx) => {
    const rule = await find(tx, input.id);
    checkVersion(rule, input.version, 'automation rule');
    rule.name = input.name;
    rule.active = input.active;
    const current = await tx.findOneOrFail(AutomationRuleVersion, { rule: rule.id, number: rule.currentVersion });
    const same = canonical([current.trigger, current.condition, current.actions]) === canonical([input.trigger, input.condition, input.actions]);
    if (!same) {
      await checkReferences(tx, input.actions);
      const [row] = await tx.execute<Array<{ next: number }>>(`select coalesce(max(number), 0) + 1 as next from automation_rule_versions where rule_id = ?`, [rule.id]);
      const next = Number(row?.next ?? rule.currentVersion + 1);
      tx.create(AutomationRuleVersion, { rule, number: next, trigger: input.trigger, condition: input.condition, actions: input.actions, triggerType: input.trigger.type, triggerEntity: entityOf(input.trigger), createdBy: actor.id });
      rule.currentVersion = next;
    }
    await tx.flush();
  });
  return getAutomationRule(em, input.id);
}

/** Switches a rule on or off. */
export async function setAutomationRuleActive(em: EntityManager, input: AutomationRuleSetActiveInput): Promise<AutomationRuleDto> {
  const rule = await find(em, input.id);
  checkVersion(rule, input.version, 'automation rule');
  rule.active = input.active;
  await em.flush();
  return getAutomationRule(em, input.id);
}

export async function deleteAutomationRule(em: EntityManager, id: string): Promise<void> {
  const rule = await find(em, id);
  em.remove(rule);
  await em.flush();
}

export async function listAutomationRuns(em: EntityManager, input: AutomationRunListInput): Promise<PageResult<AutomationRunDto>> {
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select r.id, r.rule_id, ru.name as rule_name, v.number as rule_version, r.event_id, r.depth, r.status, r.steps, r.error, r.started_at, r.finished_at, count(*) over () as total
       from automation_runs r join automation_rules ru on ru.id = r.rule_id join automation_rule_versions v on v.id = r.rule_version_id
      ${input.ruleId ? 'where r.rule_id = ?' : ''}
      order by r.started_at desc, r.id limit ? offset ?`,
    [...(input.ruleId ? [input.ruleId] : []), input.pageSize, (input.page - 1) * input.pageSize],
  );
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      ruleId: String(r.rule_id),
      ruleName: String(r.rule_name),
      ruleVersion: Number(r.rule_version),
      eventId: String(r.event_id),
      depth: Number(r.depth),
      status: r.status as AutomationRunDto['status'],
      steps: (typeof r.steps === 'string' ? JSON.parse(r.steps) : r.steps) as AutomationRunDto['steps'],
      error: (r.error as string | null) ?? null,
      startedAt: new Date(r.started_at as string).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at as string).toISOString() : null,
    })),
    total: Number(rows[0]?.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}
