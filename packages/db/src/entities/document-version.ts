import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from './common.ts';
import { StoredDocument } from './document.ts';
import { Employee } from './employee.ts';

/** Every file a document has had (DokumentVersion): a new upload adds one, old ones stay downloadable. */
export const DocumentVersion = defineEntity({
  name: 'DocumentVersion',
  tableName: 'document_versions',
  properties: {
    id: idColumn(),
    document: () => p.manyToOne(StoredDocument).deleteRule('cascade'),
    version: p.integer(),
    fileName: p.string().length(255),
    mimeType: p.string().length(100),
    sizeBytes: p.bigint('number'),
    sha256: p.string().length(64),
    storageKey: p.string().length(500),
    uploadedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    createdAt: createdAtColumn(),
  },
  uniques: [{ name: 'document_versions_document_version_unique', properties: ['document', 'version'] }],
});
export type DocumentVersion = InferEntity<typeof DocumentVersion>;
