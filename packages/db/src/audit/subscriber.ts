import { ChangeSetType, type ChangeSet, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { AuditAction } from '@workmate/domain/enums';
import { AuditLog, type AuditChanges } from '../entities/audit-log.ts';
import { currentActor } from '../shared/actor.ts';

/** Entities whose changes are bookkeeping, not business data. */
const NOT_AUDITED = new Set(['AuditLog', 'NumberCounter', 'ApiTokenUse', 'OutboxMessage']);
/** Fields that change on every use and would flood the trail. */
const NOISE = new Set(['updatedAt', 'version', 'lastSeenAt', 'lastUsedAt', 'lastLoginAt']);
/** Secrets are never copied into the trail; only the fact that they changed. */
const SECRET = new Set(['passwordHash', 'tokenHash', 'logoDataUrl', 'secret', 'hookToken']);

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // A relation: keep its id only.
    const record = value as Record<string, unknown>;
    if ('id' in record) return record.id;
  }
  return value;
}

/** The persisted scalar and many-to-one values of an entity, by property name. */
function snapshot(changeSet: ChangeSet<object>): Record<string, unknown> {
  const entity = changeSet.entity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const prop of changeSet.meta.props) {
    if (prop.persist === false || prop.kind === '1:m' || prop.kind === 'm:n') continue;
    out[prop.name] = entity[prop.name];
  }
  return out;
}

function diff(changeSet: ChangeSet<object>): AuditChanges {
  const before = (changeSet.type === ChangeSetType.DELETE ? snapshot(changeSet) : (changeSet.originalEntity ?? {})) as Record<string, unknown>;
  const source =
    changeSet.type === ChangeSetType.DELETE ? before : (changeSet.payload as Record<string, unknown>);
  const changes: AuditChanges = {};
  for (const key of Object.keys(source)) {
    if (NOISE.has(key)) continue;
    const was = changeSet.type === ChangeSetType.CREATE ? null : plain(before[key]);
    const now = changeSet.type === ChangeSetType.DELETE ? null : plain(source[key]);
    if (SECRET.has(key)) {
      changes[key] = { before: was === null ? null : '(hidden)', after: now === null ? null : '(hidden)' };
      continue;
    }
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    changes[key] = { before: was, after: now };
  }
  return changes;
}

function describe(changeSet: ChangeSet<object>, changes: AuditChanges): { action: AuditAction; entity: string; entityId: string } | null {
  const name = changeSet.meta.className;
  const id = String(changeSet.getPrimaryKey() ?? '');
  if (name === 'Session') {
    // A session row appearing or disappearing is a sign-in or sign-out of its employee.
    if (changeSet.type === ChangeSetType.UPDATE) return null;
    const employee = (changeSet.entity as { employee?: { id?: string } }).employee;
    return { action: changeSet.type === ChangeSetType.CREATE ? 'login' : 'logout', entity: 'employee', entityId: employee?.id ?? id };
  }
  const entity = name.charAt(0).toLowerCase() + name.slice(1);
  switch (changeSet.type) {
    case ChangeSetType.CREATE:
      return { action: 'create', entity, entityId: id };
    case ChangeSetType.DELETE:
      return { action: 'delete', entity, entityId: id };
    default: {
      if (Object.keys(changes).length === 0) return null;
      const deleted = changes.deletedAt;
      if (deleted && deleted.before === null && deleted.after !== null) return { action: 'delete', entity, entityId: id };
      if (deleted && deleted.before !== null && deleted.after === null) return { action: 'restore', entity, entityId: id };
      return { action: 'update', entity, entityId: id };
    }
  }
}

/**
 * A sign-in or sign-out names nothing of the session (its token hash least of all); an OIDC
 * sign-in says it was one, so the trail tells it from a password sign-in.
 */
function signInChanges(changeSet: ChangeSet<object>, action: AuditAction): AuditChanges {
  const method = (changeSet.entity as { method?: string }).method;
  return action === 'login' && method === 'oidc' ? { method: { before: null, after: 'oidc' } } : {};
}

/**
 * Writes one audit row per created, changed or deleted record, inside the same flush and so
 * the same transaction as the change itself: there is no change without its audit row.
 */
export class AuditSubscriber implements EventSubscriber {
  onFlush(args: FlushEventArgs): void {
    const actor = currentActor();
    for (const changeSet of args.uow.getChangeSets()) {
      if (NOT_AUDITED.has(changeSet.meta.className)) continue;
      const changes = diff(changeSet);
      const what = describe(changeSet, changes);
      if (!what) continue;
      const row = args.em.create(AuditLog, {
        ...what,
        actorId: actor.id,
        actorLabel: actor.label,
        changes: what.entity === 'employee' && (what.action === 'login' || what.action === 'logout') ? signInChanges(changeSet, what.action) : changes,
        at: new Date(),
      });
      args.uow.computeChangeSet(row);
    }
  }
}
