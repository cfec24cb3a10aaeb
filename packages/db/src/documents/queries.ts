import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { DocumentListInput } from '@workmate/domain/schemas/documents';
import { StoredDocument } from '../entities/document.ts';
import { DocumentVersion } from '../entities/document-version.ts';
import { likePattern } from '../shared/versioning.ts';
import { findVisible, recordAccess, visibleWhere, type DocumentUser } from './access.ts';
import { toDocumentDto, toVersionDto, type DocumentDto, type DocumentVersionDto } from './dto.ts';

/**
 * Documents the user may see, filtered and paged. Listing shows no content, so it is not an
 * access in the audit sense; opening, the version list and downloads are.
 */
export async function listDocuments(em: EntityManager, user: DocumentUser, input: DocumentListInput): Promise<PageResult<DocumentDto>> {
  const filters: Array<FilterQuery<StoredDocument>> = [visibleWhere(user)];
  if (input.search) {
    const pattern = likePattern(input.search);
    filters.push({ $or: [{ title: { $ilike: pattern } }, { fileName: { $ilike: pattern } }] });
  }
  if (input.category) filters.push({ category: { $ilike: input.category.replace(/[\\%_]/g, (c) => `\\${c}`) } });
  if (input.entity) filters.push({ entity: input.entity });
  if (input.entityId) filters.push({ entityId: input.entityId });
  if (input.kind) filters.push({ kind: input.kind });
  if (input.confidential !== undefined) filters.push({ confidential: input.confidential });
  const [rows, total] = await em.findAndCount(StoredDocument, { $and: filters }, {
    populate: ['owner'],
    orderBy: [{ [input.sort]: input.direction }, { id: 'asc' }],
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: rows.map(toDocumentDto), total, page: input.page, pageSize: input.pageSize };
}

export async function getDocument(em: EntityManager, user: DocumentUser, id: string): Promise<DocumentDto> {
  const doc = await findVisible(em, user, id);
  await recordAccess(em, user, doc, 'get');
  return toDocumentDto(doc);
}

/** Every file the document has had, oldest first. */
export async function listVersions(em: EntityManager, user: DocumentUser, id: string): Promise<DocumentVersionDto[]> {
  const doc = await findVisible(em, user, id);
  await recordAccess(em, user, doc, 'versions');
  const versions = await em.find(DocumentVersion, { document: doc.id }, { populate: ['uploadedBy'], orderBy: { version: 'asc' } });
  return versions.map((v) => toVersionDto(doc.id, v));
}

export interface DownloadFile {
  fileName: string;
  mimeType: string;
  sha256: string;
  storageKey: string;
  version: number;
}

/** The file of one version (the current one without `version`), after writing the access row. */
export async function findDownload(em: EntityManager, user: DocumentUser, id: string, version?: number): Promise<DownloadFile> {
  const doc = await findVisible(em, user, id);
  const wanted = version ?? doc.version;
  const row = await em.findOne(DocumentVersion, { document: doc.id, version: wanted });
  // A current file without a version row (written before versions existed) is still served.
  const file = row ?? (wanted === doc.version ? doc : null);
  if (!file) throw appError('NOT_FOUND', 'document.noSuchVersion', { id, version: wanted }, { field: 'version' });
  await recordAccess(em, user, doc, `download v${wanted}`);
  return { fileName: file.fileName, mimeType: file.mimeType, sha256: file.sha256, storageKey: file.storageKey, version: wanted };
}
