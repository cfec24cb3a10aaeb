import { z } from 'zod';
import { ACTIVITY_TYPES, CUSTOMER_STATUSES, PROJECT_PRIORITIES, PROJECT_STATUSES, REMINDER_PRIORITIES } from './enums.ts';
import { Id, plainString, text } from './schemas/common.ts';
import { RECORD_ACTIONS, RECORD_ENTITIES, type RecordAction, type RecordEntity } from './webhooks.ts';

/**
 * Automation rules (issue 18): a trigger, a condition and actions, stored as JSON and checked by
 * these schemas. A rule's runs are fed by the outbox (record.changed and automation.incoming
 * events, and a schedule), once per (rule version, event); actions that change records cause
 * events of their own, one level deeper: a chain stops at MAX_CHAIN_DEPTH.
 */
export const MAX_CHAIN_DEPTH = 3;

/** The fields an "update field" action may set, per record, with their allowed values. */
export const UPDATABLE_FIELDS = {
  customer: { status: CUSTOMER_STATUSES },
  project: { status: PROJECT_STATUSES, priority: PROJECT_PRIORITIES },
  reminder: { priority: REMINDER_PRIORITIES },
} as const satisfies Partial<Record<RecordEntity, Record<string, readonly string[]>>>;

const Entity = z.enum(RECORD_ENTITIES);
const FieldName = plainString().trim().regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,59}$/, { error: 'must be a field name such as status' });

export const AutomationTrigger = z.discriminatedUnion('type', [
  z.object({ type: z.literal('recordCreated'), entity: Entity }),
  /** Any change of the record, or only of the listed fields. */
  z.object({ type: z.literal('recordChanged'), entity: Entity, fields: z.array(FieldName).max(20).optional() }),
  z.object({ type: z.literal('statusSet'), entity: Entity, status: text(40) }),
  /** Every N minutes (at least 5). */
  z.object({ type: z.literal('schedule'), everyMinutes: z.int().min(5, { error: 'must be at least 5' }).max(10_080, { error: 'must be at most 10080' }) }),
  /** A POST to /hooks/automation/<the rule's hook token>. */
  z.object({ type: z.literal('webhook') }),
]);
export type AutomationTrigger = z.infer<typeof AutomationTrigger>;
export const TRIGGER_TYPES = ['recordCreated', 'recordChanged', 'statusSet', 'schedule', 'webhook'] as const;

export const CONDITION_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'isEmpty', 'isNotEmpty'] as const;
const Scalar = z.union([plainString().max(500, { error: 'must be at most 500 characters' }), z.number().min(-1e12, { error: 'must be at least -1000000000000' }).max(1e12, { error: 'must be at most 1000000000000' }), z.boolean(), z.null()]);
export const ConditionClause = z.object({
  field: FieldName,
  op: z.enum(CONDITION_OPERATORS),
  value: z.union([Scalar, z.array(Scalar).max(50)]).optional(),
});
export type ConditionClause = z.infer<typeof ConditionClause>;
/** Every clause must hold (an empty list always holds). */
export const AutomationCondition = z.object({ all: z.array(ConditionClause).max(20).default([]) });
export type AutomationCondition = z.infer<typeof AutomationCondition>;

const Template = (max: number) => text(max);
export const AutomationAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('createActivity'), activityType: z.enum(ACTIVITY_TYPES).default('note'), subject: Template(200), description: Template(2000).optional() }),
  z.object({ type: z.literal('createReminder'), ownerId: Id, title: Template(200), dueInDays: z.int().min(0).max(365).default(0) }),
  z.object({ type: z.literal('updateField'), field: FieldName, value: text(40) }),
  z.object({ type: z.literal('notify'), employeeId: Id, title: Template(300), body: Template(2000).optional() }),
  z.object({ type: z.literal('sendEmail'), to: z.email({ error: 'must be a valid email address' }), subject: Template(300), body: Template(5000) }),
  z.object({ type: z.literal('callWebhook'), subscriptionId: Id }),
]);
export type AutomationAction = z.infer<typeof AutomationAction>;
export const ACTION_TYPES = ['createActivity', 'createReminder', 'updateField', 'notify', 'sendEmail', 'callWebhook'] as const;

const RuleBody = {
  trigger: AutomationTrigger,
  condition: AutomationCondition.default({ all: [] }),
  actions: z.array(AutomationAction).min(1, { error: 'add at least one action' }).max(10),
};

/** The rules that need more than one field to check: an update names a field of the trigger's record. */
function checkRule(rule: { trigger?: AutomationTrigger; actions?: AutomationAction[] }, ctx: z.RefinementCtx) {
  if (!rule.trigger || !rule.actions) return;
  const entity = 'entity' in rule.trigger ? rule.trigger.entity : null;
  rule.actions.forEach((action, i) => {
    if (action.type !== 'updateField') return;
    const fields = entity ? (UPDATABLE_FIELDS as Record<string, Record<string, readonly string[]>>)[entity] : undefined;
    const allowed = fields?.[action.field];
    if (!allowed) {
      ctx.addIssue({ code: 'custom', path: ['actions', i, 'field'], message: 'cannot be set by a rule on this trigger' });
    } else if (!allowed.includes(action.value)) {
      ctx.addIssue({ code: 'custom', path: ['actions', i, 'value'], message: `must be one of: ${allowed.join(', ')}` });
    }
  });
}

export const AutomationRuleCreateInput = z
  .object({ name: text(200), active: z.boolean().default(true), ...RuleBody })
  .superRefine(checkRule);
export type AutomationRuleCreateInput = z.infer<typeof AutomationRuleCreateInput>;

const RecordVersion = z.int().min(1).max(2_147_483_647, { error: 'must be at most 2147483647' });

/**
 * The whole rule, as the editor shows it (`version` is the rule's, for the optimistic check). A
 * trigger, condition or actions different from the current version's make a new version; a new
 * name alone does not.
 */
export const AutomationRuleUpdateInput = z.object({ id: Id, version: RecordVersion, name: text(200), active: z.boolean(), ...RuleBody }).superRefine(checkRule);
export type AutomationRuleUpdateInput = z.infer<typeof AutomationRuleUpdateInput>;

/** Switches a rule on or off (no new version). */
export const AutomationRuleSetActiveInput = z.object({ id: Id, version: RecordVersion, active: z.boolean() });
export type AutomationRuleSetActiveInput = z.infer<typeof AutomationRuleSetActiveInput>;

export const AutomationRunListInput = z.object({
  ruleId: Id.optional(),
  page: z.int().min(1).max(10_000).default(1),
  pageSize: z.int().min(1).max(100).default(25),
});
export type AutomationRunListInput = z.infer<typeof AutomationRunListInput>;

/** What a rule sees of an event: the change, and the record as it is now (camelCase fields). */
export interface RuleEvent {
  kind: 'record' | 'schedule' | 'webhook';
  entity?: RecordEntity;
  entityId?: string;
  action?: RecordAction;
  fields?: string[];
  status?: { before: unknown; after: unknown } | null;
}

/** Whether a trigger fires for an event. */
export function triggerMatches(trigger: AutomationTrigger, event: RuleEvent): boolean {
  switch (trigger.type) {
    case 'recordCreated':
      return event.kind === 'record' && event.entity === trigger.entity && event.action === 'create';
    case 'recordChanged':
      return event.kind === 'record' && event.entity === trigger.entity && event.action === 'update' && (!trigger.fields?.length || trigger.fields.some((f) => event.fields?.includes(f)));
    case 'statusSet':
      return event.kind === 'record' && event.entity === trigger.entity && event.action !== 'delete' && !!event.status && event.status.after === trigger.status && event.status.before !== trigger.status;
    case 'schedule':
      return event.kind === 'schedule';
    case 'webhook':
      return event.kind === 'webhook';
  }
}

function valueAt(context: Record<string, unknown>, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
/** Numbers and decimal strings ("1234.50") compare as numbers, everything else as text. */
function compare(a: unknown, b: unknown): number {
  const na = typeof a === 'number' ? a : Number(a);
  const nb = typeof b === 'number' ? b : Number(b);
  if (a !== '' && b !== '' && a !== null && b !== null && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Whether one clause holds for the context (`field` is a dotted path: `status`, `event.action`). */
export function clauseHolds(clause: ConditionClause, context: Record<string, unknown>): boolean {
  const actual = valueAt(context, clause.field);
  const { value } = clause;
  switch (clause.op) {
    case 'eq':
      return compare(actual, value) === 0 && !isEmpty(actual) === !isEmpty(value);
    case 'ne':
      return !(compare(actual, value) === 0 && !isEmpty(actual) === !isEmpty(value));
    case 'gt':
      return !isEmpty(actual) && compare(actual, value) > 0;
    case 'gte':
      return !isEmpty(actual) && compare(actual, value) >= 0;
    case 'lt':
      return !isEmpty(actual) && compare(actual, value) < 0;
    case 'lte':
      return !isEmpty(actual) && compare(actual, value) <= 0;
    case 'contains':
      return Array.isArray(actual) ? actual.some((v) => compare(v, value) === 0) : String(actual ?? '').toLowerCase().includes(String(value ?? '').toLowerCase());
    case 'in':
      return Array.isArray(value) && value.some((v) => compare(actual, v) === 0);
    case 'isEmpty':
      return isEmpty(actual);
    case 'isNotEmpty':
      return !isEmpty(actual);
  }
}

export function conditionHolds(condition: AutomationCondition, context: Record<string, unknown>): boolean {
  return condition.all.every((c) => clauseHolds(c, context));
}

/** `{{record.name}}` in an action's text, filled from the context (an unknown path becomes empty). */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_all, path: string) => {
    const v = valueAt(context, path);
    return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export const RECORD_ACTION_LIST = RECORD_ACTIONS;
