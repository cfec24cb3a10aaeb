import { z } from 'zod';
import { LINKABLE_ENTITIES } from '../enums.ts';
import { Id, optionalText, Page, plainString, SortDirection, updateFields, Version } from './common.ts';

/** What an upload may carry besides the file (multipart fields of POST /api/documents). */
export const UploadFields = z.object({
  title: optionalText(255),
  category: optionalText(100),
  confidential: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on'])])
    .optional()
    .transform((v) => v === true || v === 'true' || v === '1' || v === 'on'),
  entity: z.enum(LINKABLE_ENTITIES).nullish(),
  entityId: Id.nullish(),
  /** Upload a new version of this document instead of a new document. */
  documentId: Id.optional(),
});
export type UploadFields = z.infer<typeof UploadFields>;

export const DocumentUpdateInput = z.object({
  id: Id,
  version: Version,
  ...updateFields({
    title: optionalText(255),
    category: optionalText(100),
    confidential: z.boolean(),
    entity: z.enum(LINKABLE_ENTITIES).nullable(),
    entityId: Id.nullable(),
  }),
});
export type DocumentUpdateInput = z.infer<typeof DocumentUpdateInput>;

export const DocumentListInput = Page.extend({
  search: plainString().trim().max(200).optional(),
  category: plainString().trim().max(100).optional(),
  entity: z.enum(LINKABLE_ENTITIES).optional(),
  entityId: Id.optional(),
  kind: z.enum(['upload', 'invoice_pdf']).optional(),
  confidential: z.boolean().optional(),
  sort: z.enum(['createdAt', 'title', 'fileName', 'sizeBytes']).default('createdAt'),
  direction: SortDirection.default('desc'),
});
export type DocumentListInput = z.infer<typeof DocumentListInput>;

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Types an upload may have, told by the file's content, never by its name. */
export const ALLOWED_UPLOADS = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
