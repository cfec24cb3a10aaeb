import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, appError } from '@workmate/domain/errors';
import type { UploadFields } from '@workmate/domain/schemas/documents';
import { StoredDocument } from '../entities/document.ts';
import { DocumentVersion } from '../entities/document-version.ts';
import { Employee } from '../entities/employee.ts';
import { findVisible, refuseChange, type DocumentUser } from './access.ts';
import { toDocumentDto, type DocumentDto } from './dto.ts';
import { checkLink } from './links.ts';
import type { ReceivedBytes } from './receive.ts';
import type { FileStorage } from './storage.ts';

/** A received file whose type was already told from its content. */
export interface UploadedFile extends ReceivedBytes {
  fileName: string;
  mimeType: string;
}

export interface UploadResult {
  document: DocumentDto;
  /** The same content was already there: nothing new was stored. */
  duplicate: boolean;
}

/** Server-made keys, never derived from the file name: `uploads/2026/03/<uuid>`. */
function newStorageKey(now = new Date()): string {
  return `uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
}

/**
 * Stores an upload as a new document, or as the next version of `fields.documentId`. The file
 * is moved under its key before the rows are written and removed again if they are not, so
 * there is never a row without its file. The temporary file is the caller's to discard.
 */
export async function storeUpload(em: EntityManager, storage: FileStorage, user: DocumentUser, file: UploadedFile, fields: UploadFields): Promise<UploadResult> {
  const key = newStorageKey();
  let result: { id: string; duplicate: boolean };
  try {
    result = fields.documentId ? await addVersion(em, user, file, fields.documentId, key) : await addDocument(em, user, file, fields, key);
  } catch (error) {
    await storage.remove(key).catch(() => undefined);
    throw error;
  }
  const doc = await em.findOneOrFail(StoredDocument, { id: result.id }, { populate: ['owner'], refresh: true });
  return { document: toDocumentDto(doc), duplicate: result.duplicate };
}

async function addDocument(em: EntityManager, user: DocumentUser, file: UploadedFile, fields: UploadFields, key: string) {
  await checkLink(em, fields.entity ?? null, fields.entityId ?? null);
  return em.transactional(async (tx) => {
    // Two uploads of the same file by the same person at once must not both become documents.
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`document:${user.id}:${file.sha256}`]);
    const existing = await tx.findOne(StoredDocument, { owner: user.id, sha256: file.sha256, kind: 'upload', deletedAt: null }, { orderBy: { createdAt: 'asc' } });
    if (existing) return { id: existing.id, duplicate: true };
    await file.incoming.commit(key);
    const owner = tx.getReference(Employee, user.id);
    const doc = tx.create(StoredDocument, {
      kind: 'upload',
      title: fields.title ?? null,
      category: fields.category ?? null,
      version: 1,
      fileName: file.fileName,
      mimeType: file.mimeType,
      sizeBytes: file.size,
      sha256: file.sha256,
      storageKey: key,
      owner,
      entity: fields.entity ?? null,
      entityId: fields.entityId ?? null,
      confidential: fields.confidential,
    });
    tx.create(DocumentVersion, { document: doc, version: 1, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.size, sha256: file.sha256, storageKey: key, uploadedBy: owner });
    await tx.flush();
    return { id: doc.id, duplicate: false };
  });
}

/**
 * The document's current file becomes the new one; every earlier version stays downloadable.
 * Someone who may see the document but not change it gets 403.
 */
async function addVersion(em: EntityManager, user: DocumentUser, file: UploadedFile, documentId: string, key: string) {
  return em.transactional(async (tx) => {
    let doc: StoredDocument;
    try {
      doc = await findVisible(tx, user, documentId, { lock: true });
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', error.message, { field: 'documentId', ...(error.issue ? { issue: error.issue } : {}) });
      throw error;
    }
    if (doc.kind !== 'upload') throw appError('CONFLICT', 'document.archivedNoVersion', {}, { field: 'documentId' });
    // Replacing the file is a change like any other: the owner, or documents.delete.
    refuseChange(user, doc, 'documentId');
    if (doc.sha256 === file.sha256) return { id: doc.id, duplicate: true };
    await file.incoming.commit(key);
    const version = doc.version + 1;
    const uploadedBy = tx.getReference(Employee, user.id);
    tx.create(DocumentVersion, { document: doc, version, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.size, sha256: file.sha256, storageKey: key, uploadedBy });
    tx.assign(doc, { version, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.size, sha256: file.sha256, storageKey: key });
    await tx.flush();
    return { id: doc.id, duplicate: false };
  });
}
