import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { fileTypeFromFile } from 'file-type';
import { ZodError } from 'zod';
import { runAs } from '@workmate/db/shared/actor';
import type { DocumentUser } from '@workmate/db/documents/access';
import { attachmentHeader, sanitizeFileName } from '@workmate/db/documents/file-names';
import { findDownload } from '@workmate/db/documents/queries';
import { FileTooLargeError, receiveFile, type ReceivedBytes } from '@workmate/db/documents/receive';
import { storeUpload, type UploadResult } from '@workmate/db/documents/upload';
import type { EntityManager } from '@workmate/db/orm';
import { translateDbError } from '@workmate/db/shared/db-errors';
import { AppError } from '@workmate/domain/errors';
import { hasPermission, type Permission } from '@workmate/domain/permissions';
import { ALLOWED_UPLOADS, MAX_UPLOAD_BYTES, UploadFields } from '@workmate/domain/schemas/documents';
import { createContext, type AppDeps } from './context.ts';
import { englishMessage, type ErrorCode, type ErrorIssue, type ErrorParams } from '@workmate/domain/error-codes';
import { fieldErrorsOf, fieldIssuesOf, invalidInputMessage } from './trpc.ts';
import { isUnavailable } from './unavailable.ts';

const DOWNLOAD = /^\/api\/documents\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/download\/?(?:\?(.*))?$/i;
const UPLOAD = /^\/api\/documents\/?(?:\?.*)?$/;
/** Boundaries, part headers and the few small fields around the file never come near this. */
const FORM_OVERHEAD = 1024 * 1024;
const TYPES: readonly string[] = Object.values(ALLOWED_UPLOADS);
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, METHOD_NOT_SUPPORTED: 405, CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, TOO_MANY_REQUESTS: 429, INTERNAL_SERVER_ERROR: 500, SERVICE_UNAVAILABLE: 503,
};

export function isDocumentsRequest(url: string): boolean {
  return url === '/api/documents' || url.startsWith('/api/documents/') || url.startsWith('/api/documents?');
}

/** A refusal, answered in the shape of a tRPC error so a client reads both the same way. */
export class HttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    /** The error code and parameters, as tRPC's answers carry them (`data.appCode`, `data.params`, `data.fieldIssues`). */
    readonly issue?: ErrorIssue,
    readonly fieldIssues?: Record<string, ErrorIssue[]>,
  ) {
    super(message);
  }
}
/** A refusal by error code: every refusal of this endpoint has one, as tRPC's answers do. */
export function failWith<C extends ErrorCode>(status: string, code: C, params: ErrorParams<C>, field?: string): HttpError {
  const issue: ErrorIssue = { code, params };
  const message = englishMessage(code, params);
  return new HttpError(status, message, field ? { [field]: [message] } : undefined, issue, field ? { [field]: [issue] } : undefined);
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof FileTooLargeError) return failWith('PAYLOAD_TOO_LARGE', 'upload.tooLarge', { mb: Math.round(error.maxBytes / 1024 / 1024) }, 'file');
  if (error instanceof ZodError) {
    // The same messages as tRPC's: one per field, "is required" for a missing one.
    const fieldErrors = fieldErrorsOf(error) ?? {};
    const message = invalidInputMessage(fieldErrors);
    return new HttpError('BAD_REQUEST', message, fieldErrors, { code: 'request.invalidInput', params: { details: message.slice('Invalid input: '.length) } }, fieldIssuesOf(error));
  }
  if (isUnavailable(error)) return failWith('SERVICE_UNAVAILABLE', 'server.databaseUnavailable', {});
  const mapped = translateDbError(error);
  if (mapped instanceof AppError) {
    const fields = mapped.fields ? Object.fromEntries(Object.entries(mapped.fields).map(([f, m]) => [f, [m]])) : mapped.field ? { [mapped.field]: [mapped.message] } : undefined;
    return new HttpError(mapped.code, mapped.message, fields, mapped.issue, fieldIssuesOf(mapped));
  }
  console.error('[api] documents:', error);
  return failWith('INTERNAL_SERVER_ERROR', 'server.error', {});
}

export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { code, message, fieldErrors, issue, fieldIssues } = toHttpError(error);
  const httpStatus = STATUS[code] ?? 500;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  // A refused upload is not read to its end: close the connection rather than take the rest.
  const unread = !req.complete;
  if (unread) headers.Connection = 'close';
  res.writeHead(httpStatus, headers);
  const coded = { ...(issue ? { appCode: issue.code, params: issue.params } : {}), ...(fieldIssues ? { fieldIssues } : {}) };
  res.end(JSON.stringify({ error: { code, message, fieldErrors, data: { code, httpStatus, fieldErrors, ...coded } } }));
  // The socket may already be gone (a raw body's pipeline destroys the request on a refusal).
  if (unread) res.once('finish', () => req.socket?.destroy());
}

/**
 * `POST /api/documents` (multipart upload) and `GET /api/documents/:id/download[?version=N]`,
 * beside tRPC because files do not belong in JSON. Same sign-in and permissions as tRPC.
 */
export async function serveDocuments(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = req.url ?? '';
    const download = DOWNLOAD.exec(url);
    if (download) {
      if (req.method !== 'GET') throw failWith('METHOD_NOT_SUPPORTED', 'request.onlyGet', {});
      return await sendFile(deps, req, res, download[1] as string, new URLSearchParams(download[2] ?? ''));
    }
    if (!UPLOAD.test(url)) throw failWith('NOT_FOUND', 'request.nothingHere', {});
    if (req.method !== 'POST') throw failWith('METHOD_NOT_SUPPORTED', 'request.onlyPost', {});
    await upload(deps, req, res);
  } catch (error) {
    sendError(req, res, error);
  }
}

export async function signIn(deps: AppDeps, req: IncomingMessage, res: ServerResponse, permission: Permission, changes: boolean): Promise<{ em: EntityManager; user: DocumentUser }> {
  const ctx = await createContext(deps, req, res);
  if (!ctx.user) throw failWith('UNAUTHORIZED', 'auth.signInRequired', {});
  if (changes) refuseForgery(deps, req);
  if (!hasPermission(ctx.user.permissions, permission)) throw failWith('FORBIDDEN', 'auth.permissionMissing', { permission });
  return { em: ctx.em, user: ctx.user };
}

/**
 * The rule of csrfGuard in trpc.ts for mutations: a foreign Origin is refused, and without a
 * bearer token the x-workmate-client header must be there (another site cannot set it, but it
 * can make a browser post a form with our cookie).
 */
function refuseForgery(deps: AppDeps, req: IncomingMessage) {
  const { origin, host, authorization } = req.headers;
  if (origin) {
    const allowed = deps.env.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
    let sameHost = false;
    try {
      sameHost = new URL(origin).host === host;
    } catch {
      sameHost = false;
    }
    if (!sameHost && !allowed.includes(origin)) throw failWith('FORBIDDEN', 'request.foreignOrigin', {});
  }
  if (!authorization?.startsWith('Bearer ') && !req.headers['x-workmate-client']) throw failWith('FORBIDDEN', 'request.uploadClientHeaderMissing', {});
}

async function upload(deps: AppDeps, req: IncomingMessage, res: ServerResponse) {
  const { em, user } = await signIn(deps, req, res, 'documents.write', true);
  // A declared length far past the limit is refused before a byte of it is read.
  if (Number(req.headers['content-length']) > MAX_UPLOAD_BYTES + FORM_OVERHEAD) throw new FileTooLargeError(MAX_UPLOAD_BYTES);
  const form = await readForm(deps, req);
  let result: UploadResult;
  try {
    const fields = UploadFields.parse(form.fields);
    if (form.file.size === 0) throw failWith('BAD_REQUEST', 'upload.fileEmpty', {}, 'file');
    // The content decides the type; the name and the client's Content-Type are not trusted.
    const sniffed = await fileTypeFromFile(form.file.incoming.path).catch(() => undefined);
    if (!sniffed || !TYPES.includes(sniffed.mime)) {
      throw sniffed ? failWith('UNSUPPORTED_MEDIA_TYPE', 'upload.typeNotAllowedNamed', { type: sniffed.mime }, 'file') : failWith('UNSUPPORTED_MEDIA_TYPE', 'upload.typeNotAllowed', {}, 'file');
    }
    result = await runAs({ id: user.id, label: user.email }, () => storeUpload(em, deps.storage, user, { ...form.file, mimeType: sniffed.mime }, fields));
  } finally {
    // Before answering, so a client never sees a temporary file left over.
    await form.file.incoming.discard();
  }
  res.writeHead(result.duplicate ? 200 : 201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(result));
}

export interface Form {
  fields: Record<string, string>;
  file: ReceivedBytes & { fileName: string };
}

/**
 * Reads the multipart body: small text fields, and exactly one file `file`, streamed to a
 * temporary file. Past the size limit reading stops at once (the caller answers 413).
 */
export function readForm(deps: AppDeps, req: IncomingMessage, maxBytes = MAX_UPLOAD_BYTES): Promise<Form> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fields: 20, fieldSize: 8 * 1024, parts: 30, files: 2 } });
  } catch {
    return Promise.reject(failWith('BAD_REQUEST', 'upload.notMultipart', {}, 'file'));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let received: Promise<Form['file']> | null = null;
    let problem: HttpError | null = null;
    let settled = false;
    const stop = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.destroy();
      reject(error);
    };
    parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
      if (info.valueTruncated) problem ??= failWith('BAD_REQUEST', 'field.valueTooLong', {}, name);
      // Empty form inputs mean "not given".
      else if (value !== '') fields[name] = value;
    });
    parser.on('file', (name: string, stream: Readable, info: busboy.FileInfo) => {
      if (name !== 'file' || received) {
        problem ??= failWith('BAD_REQUEST', 'upload.oneFile', {}, 'file');
        stream.resume();
        return;
      }
      received = receiveFile(deps.storage, stream, maxBytes).then((bytes) => ({ ...bytes, fileName: sanitizeFileName(info.filename) }));
      received.catch(stop);
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit']) parser.on(limit, () => (problem ??= failWith('BAD_REQUEST', 'upload.tooManyParts', {}, 'file')));
    parser.on('error', (error: Error) => stop(failWith('BAD_REQUEST', 'upload.unreadable', { reason: error.message }, 'file')));
    parser.on('close', async () => {
      const file = await received?.catch(() => null);
      if (settled || problem || !file) {
        await file?.incoming.discard();
        if (!settled) stop(problem ?? failWith('BAD_REQUEST', 'upload.chooseFile', {}, 'file'));
        return;
      }
      settled = true;
      resolve({ fields, file });
    });
    req.on('close', () => {
      if (!req.complete) stop(failWith('BAD_REQUEST', 'upload.interrupted', {}, 'file'));
    });
    req.pipe(parser);
  });
}

async function sendFile(deps: AppDeps, req: IncomingMessage, res: ServerResponse, id: string, query: URLSearchParams) {
  const { em, user } = await signIn(deps, req, res, 'documents.read', false);
  const raw = query.get('version');
  if (raw !== null && !/^[1-9]\d{0,8}$/.test(raw)) throw failWith('BAD_REQUEST', 'field.versionNumber', {}, 'version');
  const file = await runAs({ id: user.id, label: user.email }, () => findDownload(em, user, id, raw === null ? undefined : Number(raw)));
  const { stream, size } = await deps.storage.openRead(file.storageKey);
  res.writeHead(200, {
    'Content-Type': file.mimeType,
    'Content-Length': String(size),
    'Content-Disposition': attachmentHeader(file.fileName),
    // Served to the one who asked, never cached on the way, never run as a page.
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    ETag: `"${file.sha256}"`,
  });
  await pipeline(stream, res);
}
