import { LockMode, raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import type { SessionUser } from '@workmate/domain/schemas/auth';
import { AuditLog } from '../entities/audit-log.ts';
import { StoredDocument } from '../entities/document.ts';
import type { Actor } from '../shared/actor.ts';

/** Who is asking: enough of the signed-in user to decide what they may see. */
export type DocumentUser = Pick<SessionUser, 'id' | 'email' | 'permissions'>;

/** The audit trail's name for documents (the subscriber names rows after the entity class). */
export const DOCUMENT_AUDIT_ENTITY = 'storedDocument';

/**
 * Kinds a user may see. Archived invoice PDFs need invoices.read as well, or documents.read
 * would open invoices to roles that may not read them; draft previews are never listed.
 */
function visibleKinds(user: Pick<Actor, 'permissions'>): string[] {
  return hasPermission(user.permissions, 'invoices.read') ? ['upload', 'invoice_pdf'] : ['upload'];
}

export const seesConfidential = (user: Pick<Actor, 'permissions'>) => hasPermission(user.permissions, 'documents.confidential');
export const isOwner = (user: Pick<Actor, 'id'>, doc: StoredDocument) => ownerId(doc) === user.id;
const ownerId = (doc: StoredDocument): string | null => (doc.owner as { id: string } | null | undefined)?.id ?? null;

/**
 * Which documents a user sees by what they are linked to, as SQL on the documents alias `d`:
 * a document follows its record. Its uploader always sees it; documents.readAll sees all.
 * - expense (linked, or named as an expense's receipt): whoever sees the expense, i.e. with
 *   finance.read every one, otherwise one's own expenses;
 * - project: projects.read; customer: crm.read; invoice: invoices.read;
 * - employee: that employee and holders of core.employees.manage (personal files);
 * - unlinked: only the uploader (and documents.readAll).
 */
function linkVisibility(user: Actor, d: string): { sql: string; params: unknown[] } | null {
  const can = (p: string) => hasPermission(user.permissions, p);
  if (can('documents.readAll')) return null;
  const arms = [`${d}.owner_id = ?`];
  const params: unknown[] = [user.id];
  if (can('finance.read')) {
    arms.push(`${d}.entity = 'expense'`, `exists (select 1 from expenses rx where rx.receipt_id = ${d}.id)`);
  } else {
    arms.push(
      `(${d}.entity = 'expense' and ${d}.entity_id = any(array(select ox.id from expenses ox where ox.employee_id = ?)))`,
      `exists (select 1 from expenses rx where rx.receipt_id = ${d}.id and rx.employee_id = ?)`,
    );
    params.push(user.id, user.id);
  }
  for (const [entity, permission] of [['project', 'projects.read'], ['customer', 'crm.read'], ['invoice', 'invoices.read']] as const) {
    if (can(permission)) arms.push(`${d}.entity = '${entity}'`);
  }
  if (can('core.employees.manage')) arms.push(`${d}.entity = 'employee'`);
  else {
    arms.push(`(${d}.entity = 'employee' and ${d}.entity_id = ?)`);
    params.push(user.id);
  }
  return { sql: `(${arms.join(' or ')})`, params };
}

/**
 * Not deleted, of a kind the user may see, linked to a record they may see (or their own), and
 * not someone else's confidential document.
 */
export function visibleWhere(user: Actor): FilterQuery<StoredDocument> {
  const filters: Array<FilterQuery<StoredDocument>> = [{ deletedAt: null, kind: { $in: visibleKinds(user) } }];
  if (!seesConfidential(user)) filters.push({ $or: [{ confidential: false }, { owner: user.id }] });
  // A new raw fragment per call: MikroORM consumes each one when it builds the query.
  const link = linkVisibility(user, 'd');
  if (link) filters.push({ [raw((alias: string) => linkVisibility(user, alias)?.sql ?? 'true', link.params)]: [] } as FilterQuery<StoredDocument>);
  return { $and: filters };
}

/**
 * Changing a document (details, a new version) needs the same right as deleting it:
 * documents.delete, or documents.write for one's own document.
 */
export function mayChange(user: Actor, doc: StoredDocument): boolean {
  return hasPermission(user.permissions, 'documents.delete') || (hasPermission(user.permissions, 'documents.write') && isOwner(user, doc));
}

export function refuseChange(user: Actor, doc: StoredDocument, field?: string): void {
  if (!mayChange(user, doc)) throw appError('FORBIDDEN', 'document.onlyOwnerChanges', {}, field ? { field } : undefined);
}

/**
 * The document if the user may see it. Anything else, including someone else's confidential
 * document, is NOT_FOUND: its existence is not revealed.
 */
export async function findVisible(em: EntityManager, user: DocumentUser, id: string, options: { lock?: boolean } = {}): Promise<StoredDocument> {
  // Locked rows are read without the join: Postgres refuses FOR UPDATE on an outer join's nullable side.
  const where: FilterQuery<StoredDocument> = { $and: [{ id }, visibleWhere(user)] };
  const doc = options.lock ? await em.findOne(StoredDocument, where, { lockMode: LockMode.PESSIMISTIC_WRITE }) : await em.findOne(StoredDocument, where, { populate: ['owner'] });
  if (doc && options.lock) await em.populate(doc, ['owner']);
  if (!doc) throw notFound('Document', id);
  return doc;
}

/**
 * Every read of a confidential document (also by its owner) leaves an `access` row in the
 * audit trail, written before the content is handed out.
 */
export async function recordAccess(em: EntityManager, user: DocumentUser, doc: StoredDocument, what: string): Promise<void> {
  if (!doc.confidential) return;
  em.create(AuditLog, {
    action: 'access',
    entity: DOCUMENT_AUDIT_ENTITY,
    entityId: doc.id,
    actorId: user.id,
    actorLabel: user.email,
    changes: { access: { before: null, after: what } },
    at: new Date(),
  });
  await em.flush();
}
