import type { EntityManager } from '@mikro-orm/postgresql';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { AuditListInput } from '@workmate/domain/schemas/audit';
import { AuditLog, type AuditChanges } from '../entities/audit-log.ts';
import { auditNames } from './names.ts';

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: AuditChanges;
}

/** A page of the trail, with the names of the records its ids point to (`names`, by id). */
export async function listAudit(em: EntityManager, input: AuditListInput): Promise<PageResult<AuditEntryDto> & { names: Record<string, string> }> {
  const where: Record<string, unknown> = {};
  if (input.entity) where.entity = input.entity;
  if (input.entityId) where.entityId = input.entityId;
  if (input.actorId) where.actorId = input.actorId;
  if (input.action) where.action = input.action;
  if (input.from || input.to) where.at = { ...(input.from ? { $gte: new Date(input.from) } : {}), ...(input.to ? { $lt: new Date(input.to) } : {}) };
  const [rows, total] = await em.findAndCount(AuditLog, where, {
    orderBy: { at: 'desc', id: 'desc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const items = rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), actorId: r.actorId ?? null, actorLabel: r.actorLabel ?? null, action: r.action, entity: r.entity, entityId: r.entityId, changes: r.changes }));
  return {
    items,
    names: await auditNames(em, items),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
