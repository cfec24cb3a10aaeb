import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';

/** An automation rule (issue 18): its name and switch; what it does is in its numbered versions. */
export const AutomationRule = defineEntity({
  name: 'AutomationRule',
  tableName: 'automation_rules',
  properties: {
    id: idColumn(),
    name: p.string().length(200),
    active: p.boolean().default(true),
    /** The number of the version that runs. */
    currentVersion: p.integer().default(1),
    /** The secret part of the rule's incoming webhook address (/hooks/automation/<token>). */
    hookToken: p.string().length(64).unique(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type AutomationRule = InferEntity<typeof AutomationRule>;
