import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SIGN_IN_METHODS } from '@workmate/domain/enums';
import { createdAtColumn, idColumn } from './common.ts';
import { Employee } from './employee.ts';

/** A signed-in browser. Only the SHA-256 of the cookie token is stored. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: idColumn(),
    tokenHash: p.string().length(64).unique(),
    employee: () => p.manyToOne(Employee).deleteRule('cascade').index(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(300).nullable(),
    /** Password or OIDC: the audit trail's sign-in row says which. */
    method: p.enum(SIGN_IN_METHODS).default('password'),
    lastSeenAt: p.datetime().columnType('timestamptz'),
    expiresAt: p.datetime().columnType('timestamptz'),
    createdAt: createdAtColumn(),
  },
});
export type Session = InferEntity<typeof Session>;
