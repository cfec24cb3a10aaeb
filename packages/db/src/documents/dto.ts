import type { StoredDocument } from '../entities/document.ts';
import type { DocumentVersion } from '../entities/document-version.ts';
import type { Employee } from '../entities/employee.ts';
import { personRef } from '../shared/format.ts';

/** What the API returns for a document: the current version's file, never the storage key. */
export interface DocumentDto {
  id: string;
  kind: string;
  title: string | null;
  category: string | null;
  fileName: string;
  /** Told from the content when uploaded, never from the name. */
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  /** Number of the current file version (1 for a new document). */
  version: number;
  owner: { id: string; name: string } | null;
  entity: string | null;
  entityId: string | null;
  confidential: boolean;
  createdAt: string;
  updatedAt: string;
  downloadUrl: string;
}

export interface DocumentVersionDto {
  version: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { id: string; name: string } | null;
  createdAt: string;
  downloadUrl: string;
}

export const downloadUrl = (id: string, version?: number) => `/api/documents/${id}/download${version === undefined ? '' : `?version=${version}`}`;


/** The owner must be populated (or null). */
export function toDocumentDto(d: StoredDocument): DocumentDto {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title ?? null,
    category: d.category ?? null,
    fileName: d.fileName,
    mimeType: d.mimeType,
    sizeBytes: Number(d.sizeBytes),
    sha256: d.sha256,
    version: d.version,
    owner: personRef(d.owner as Employee | null),
    entity: d.entity ?? null,
    entityId: d.entityId ?? null,
    confidential: d.confidential,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    downloadUrl: downloadUrl(d.id),
  };
}

export function toVersionDto(documentId: string, v: DocumentVersion): DocumentVersionDto {
  return {
    version: v.version,
    fileName: v.fileName,
    mimeType: v.mimeType,
    sizeBytes: Number(v.sizeBytes),
    sha256: v.sha256,
    uploadedBy: personRef(v.uploadedBy as Employee | null),
    createdAt: v.createdAt.toISOString(),
    downloadUrl: downloadUrl(documentId, v.version),
  };
}
