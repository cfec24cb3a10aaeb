import { deleteDocument, updateDocument } from '@workmate/db/documents/changes';
import { getDocument, listDocuments, listVersions } from '@workmate/db/documents/queries';
import { IdInput } from '@workmate/domain/schemas/common';
import { DocumentListInput, DocumentUpdateInput } from '@workmate/domain/schemas/documents';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('documents.read');

/**
 * documents.*: uploaded files and archived invoice PDFs. Uploads and downloads are plain HTTP
 * (`POST /api/documents`, `GET /api/documents/:id/download`, see documents-http.ts). Someone
 * else's confidential document does not exist for a caller without documents.confidential, nor
 * does a document linked to a record the caller may not see (documents/access.ts).
 */
export const documentsRouter = router({
  list: read.input(DocumentListInput).query(({ ctx, input }) => listDocuments(ctx.em, ctx.user, input)),
  get: read.input(IdInput).query(({ ctx, input }) => getDocument(ctx.em, ctx.user, input.id)),
  versions: read.input(IdInput).query(({ ctx, input }) => listVersions(ctx.em, ctx.user, input.id)),
  /** Update and delete: documents.delete, or documents.write for one's own documents; decided in the service. */
  update: read.input(DocumentUpdateInput).mutation(({ ctx, input }) => updateDocument(ctx.em, ctx.user, input)),
  delete: read.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteDocument(ctx.em, ctx.user, input.id);
    return { ok: true };
  }),
});
