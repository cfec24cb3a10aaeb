import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from './common.ts';
import { Employee } from './employee.ts';

/** A token for scripts. The secret is shown once; only its SHA-256 is kept. */
export const ApiToken = defineEntity({
  name: 'ApiToken',
  tableName: 'api_tokens',
  properties: {
    id: idColumn(),
    name: p.string().length(100),
    tokenHash: p.string().length(64).unique().hidden(),
    /** The first characters of the token, so a person can tell tokens apart. */
    prefix: p.string().length(16),
    employee: () => p.manyToOne(Employee).deleteRule('cascade').index(),
    lastUsedAt: p.datetime().columnType('timestamptz').nullable(),
    expiresAt: p.datetime().columnType('timestamptz').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: createdAtColumn(),
  },
});
export type ApiToken = InferEntity<typeof ApiToken>;
