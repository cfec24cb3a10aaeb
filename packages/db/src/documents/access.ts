import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import type { SessionUser } from '@workmate/domain/schemas/auth';
import { AuditLog } from '../entities/audit-log.ts';
import { StoredDocument } from '../entities/document.ts';

/** Who is asking: enough of the signed-in user to decide what they may see. */
export type DocumentUser = Pick<SessionUser, 'id' | 'email' | 'permissions'>;

/** The audit trail's name for documents (the subscriber names rows after the entity class). */
export const DOCUMENT_AUDIT_ENTITY = 'storedDocument';

/**
 * Kinds a user may see. Archived invoice PDFs need invoices.read as well, or documents.read
 * would open invoices to roles that may not read them; draft previews are never listed.
 */
function visibleKinds(user: DocumentUser): string[] {
  return hasPermission(user.permissions, 'invoices.read') ? ['upload', 'invoice_pdf'] : ['upload'];
}

export const seesConfidential = (user: DocumentUser) => hasPermission(user.permissions, 'documents.confidential');
export const isOwner = (user: DocumentUser, doc: StoredDocument) => ownerId(doc) === user.id;
const ownerId = (doc: StoredDocument): string | null => (doc.owner as { id: string } | null | undefined)?.id ?? null;

/** Not deleted, of a kind the user may see, and not someone else's confidential document. */
export function visibleWhere(user: DocumentUser): FilterQuery<StoredDocument> {
  const where: FilterQuery<StoredDocument> = { deletedAt: null, kind: { $in: visibleKinds(user) } };
  if (seesConfidential(user)) return where;
  return { $and: [where, { $or: [{ confidential: false }, { owner: user.id }] }] };
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
