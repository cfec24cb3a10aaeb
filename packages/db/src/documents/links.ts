import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { LinkableEntity } from '@workmate/domain/enums';
import { Customer } from '../entities/customer.ts';
import { Employee } from '../entities/employee.ts';
import { Expense } from '../entities/expense.ts';
import { Invoice } from '../entities/invoice.ts';
import { Project } from '../entities/project.ts';

/** Records a document can be linked to; soft-deleted ones count as gone. */
const TARGETS: Record<LinkableEntity, { entity: unknown; where: Record<string, unknown> }> = {
  invoice: { entity: Invoice, where: {} },
  expense: { entity: Expense, where: {} },
  project: { entity: Project, where: { deletedAt: null } },
  employee: { entity: Employee, where: { deletedAt: null } },
  customer: { entity: Customer, where: { deletedAt: null } },
};

/**
 * A link is both halves or neither, and points at a record that exists. Refused as BAD_REQUEST
 * naming the field to fix.
 */
export async function checkLink(em: EntityManager, entity: LinkableEntity | null, entityId: string | null): Promise<void> {
  if (entity === null && entityId === null) return;
  if (entity === null) throw appError('BAD_REQUEST', 'record.sayWhichKind', {}, { field: 'entity' });
  if (entityId === null) throw appError('BAD_REQUEST', 'record.sayWhichToLink', { entity }, { field: 'entityId' });
  const target = TARGETS[entity];
  const found = await em.count(target.entity as typeof Invoice, { id: entityId, ...target.where });
  if (!found) throw appError('BAD_REQUEST', 'record.noSuchIdToLink', { entity }, { field: 'entityId' });
}
