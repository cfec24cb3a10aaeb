import type { EntityManager } from '@mikro-orm/postgresql';
import type { LinkableEntity } from '@workmate/domain/enums';
import { appError } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import type { DocumentUpdateInput } from '@workmate/domain/schemas/documents';
import { checkVersion, sentFields } from '../shared/versioning.ts';
import { findVisible, isOwner, refuseChange, seesConfidential, type DocumentUser } from './access.ts';
import { toDocumentDto, type DocumentDto } from './dto.ts';
import { checkLink } from './links.ts';

/**
 * Title, category, link and confidentiality of a document the user may see and change (the
 * owner, or documents.delete: the same right as deleting it). Only the owner and
 * holders of documents.confidential may change `confidential`: anyone else could hide a
 * document from its owner's colleagues or open it up. `version` is the file version the client
 * saw, so details are never saved against a file that was replaced in the meantime.
 */
export async function updateDocument(em: EntityManager, user: DocumentUser, input: DocumentUpdateInput): Promise<DocumentDto> {
  if (!hasPermission(user.permissions, 'documents.write') && !hasPermission(user.permissions, 'documents.delete')) {
    throw appError('FORBIDDEN', 'auth.permissionMissing', { permission: 'documents.write' });
  }
  return em.transactional(async (tx) => {
    const doc = await findVisible(tx, user, input.id, { lock: true });
    if (doc.kind !== 'upload') throw appError('CONFLICT', 'document.archivedNoChange', {});
    refuseChange(user, doc);
    checkVersion(doc, input.version, 'document');
    const { id: _id, version: _version, ...rest } = input;
    const changes = sentFields(rest);
    if (changes.confidential !== undefined && changes.confidential !== doc.confidential && !isOwner(user, doc) && !seesConfidential(user)) {
      throw appError('FORBIDDEN', 'document.onlyOwnerConfidential', {}, { field: 'confidential' });
    }
    if (changes.entity !== undefined || changes.entityId !== undefined) {
      const entity = changes.entity !== undefined ? changes.entity : ((doc.entity ?? null) as LinkableEntity | null);
      await checkLink(tx, entity, changes.entityId !== undefined ? changes.entityId : (doc.entityId ?? null));
    }
    tx.assign(doc, changes);
    await tx.flush();
    return toDocumentDto(doc);
  });
}

/**
 * Soft delete (the row and files stay for the retention period). Allowed with documents.delete,
 * or for the owner with documents.write. Archived invoice PDFs are never deleted (GoBD).
 */
export async function deleteDocument(em: EntityManager, user: DocumentUser, id: string): Promise<void> {
  const mayDeleteAny = hasPermission(user.permissions, 'documents.delete');
  const mayDeleteOwn = hasPermission(user.permissions, 'documents.write');
  if (!mayDeleteAny && !mayDeleteOwn) throw appError('FORBIDDEN', 'auth.permissionMissing', { permission: 'documents.delete' });
  await em.transactional(async (tx) => {
    const doc = await findVisible(tx, user, id, { lock: true });
    if (doc.kind === 'invoice_pdf') throw appError('CONFLICT', 'document.archivedNoDelete', {});
    if (!mayDeleteAny && !isOwner(user, doc)) throw appError('FORBIDDEN', 'document.onlyOwnerDeletes', {});
    doc.deletedAt = new Date();
    await tx.flush();
  });
}
