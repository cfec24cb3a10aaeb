import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AutomationAction, AutomationCondition, AutomationTrigger } from '@workmate/domain/automation';
import { createdAtColumn, idColumn } from './common.ts';
import { AutomationRule } from './automation-rule.ts';

/** One version of a rule: written once, never changed (editing the rule writes the next). Runs point to the version they ran. */
export const AutomationRuleVersion = defineEntity({
  name: 'AutomationRuleVersion',
  tableName: 'automation_rule_versions',
  properties: {
    id: idColumn(),
    rule: () => p.manyToOne(AutomationRule).deleteRule('cascade'),
    number: p.integer(),
    trigger: p.json<AutomationTrigger>(),
    condition: p.json<AutomationCondition>(),
    actions: p.json<AutomationAction[]>(),
    triggerType: p.string().length(30),
    triggerEntity: p.string().length(30).nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: createdAtColumn(),
  },
});
export type AutomationRuleVersion = InferEntity<typeof AutomationRuleVersion>;
