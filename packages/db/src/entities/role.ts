import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';

export const Role = defineEntity({
  name: 'Role',
  tableName: 'roles',
  properties: {
    id: idColumn(),
    name: p.string().length(60).unique(),
    description: p.text().nullable(),
    permissions: p.json<string[]>(),
    /** Seeded roles can be edited but not deleted. */
    isSystem: p.boolean().default(false),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Role = InferEntity<typeof Role>;
