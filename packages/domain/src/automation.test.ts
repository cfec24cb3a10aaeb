import { describe, expect, it } from 'vitest';
import { AutomationRuleCreateInput, conditionHolds, fillTemplate, triggerMatches, type RuleEvent } from './automation.ts';

const change = (over: Partial<RuleEvent>): RuleEvent => ({ kind: 'record', entity: 'customer', entityId: 'c', action: 'update', fields: ['city'], status: null, ...over });

describe('automation rules', () => {
  it('fires the trigger that fits the event', () => {
    expect(triggerMatches({ type: 'recordCreated', entity: 'customer' }, change({ action: 'create' }))).toBe(true);
    expect(triggerMatches({ type: 'recordCreated', entity: 'project' }, change({ action: 'create' }))).toBe(false);
    expect(triggerMatches({ type: 'recordChanged', entity: 'customer', fields: ['status'] }, change({}))).toBe(false);
    expect(triggerMatches({ type: 'recordChanged', entity: 'customer', fields: ['city'] }, change({}))).toBe(true);
    expect(triggerMatches({ type: 'statusSet', entity: 'customer', status: 'active' }, change({ status: { before: 'lead', after: 'active' } }))).toBe(true);
    expect(triggerMatches({ type: 'statusSet', entity: 'customer', status: 'active' }, change({ status: { before: 'active', after: 'active' } }))).toBe(false);
    expect(triggerMatches({ type: 'schedule', everyMinutes: 5 }, { kind: 'schedule' })).toBe(true);
  });

  it('checks conditions: comparisons of numbers, texts, lists and empty values', () => {
    const ctx = { record: { city: 'Berlin', grossTotal: '1234.50', tags: ['a'], email: null }, event: { action: 'create' } };
    expect(conditionHolds({ all: [] }, ctx)).toBe(true);
    expect(conditionHolds({ all: [{ field: 'record.city', op: 'eq', value: 'Berlin' }] }, ctx)).toBe(true);
    expect(conditionHolds({ all: [{ field: 'record.city', op: 'eq', value: 'Hamburg' }] }, ctx)).toBe(false);
    expect(conditionHolds({ all: [{ field: 'record.grossTotal', op: 'gt', value: 1000 }, { field: 'record.grossTotal', op: 'lt', value: '2000' }] }, ctx)).toBe(true);
    expect(conditionHolds({ all: [{ field: 'record.grossTotal', op: 'gte', value: 1234.51 }] }, ctx)).toBe(false);
    expect(conditionHolds({ all: [{ field: 'record.city', op: 'in', value: ['Köln', 'Berlin'] }] }, ctx)).toBe(true);
    expect(conditionHolds({ all: [{ field: 'record.email', op: 'isEmpty' }, { field: 'record.city', op: 'contains', value: 'erl' }] }, ctx)).toBe(true);
    expect(conditionHolds({ all: [{ field: 'event.action', op: 'ne', value: 'create' }] }, ctx)).toBe(false);
  });

  it('fills templates from the record', () => {
    expect(fillTemplate('Welcome {{ record.name }} from {{record.city}}{{record.none}}', { record: { name: 'ACME', city: 'Berlin' } })).toBe('Welcome ACME from Berlin');
  });

  it('refuses bad rules naming the field', () => {
    const base = { name: 'R', trigger: { type: 'recordCreated', entity: 'customer' }, actions: [{ type: 'updateField', field: 'status', value: 'active' }] };
    expect(AutomationRuleCreateInput.safeParse(base).success).toBe(true);
    const paths = (input: unknown) => (AutomationRuleCreateInput.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ ...base, actions: [{ type: 'updateField', field: 'name', value: 'x' }] })).toEqual(['actions.0.field']);
    expect(paths({ ...base, actions: [{ type: 'updateField', field: 'status', value: 'gone' }] })).toEqual(['actions.0.value']);
    expect(paths({ ...base, actions: [] })).toEqual(['actions']);
    expect(paths({ ...base, trigger: { type: 'schedule', everyMinutes: 1 } })).toContain('trigger.everyMinutes');
    expect(paths({ ...base, condition: { all: [{ field: 'city', op: 'like', value: 'x' }] } })).toEqual(['condition.all.0.op']);
  });
});
