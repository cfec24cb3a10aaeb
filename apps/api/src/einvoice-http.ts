import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { attachmentHeader, sanitizeFileName } from '@workmate/db/documents/file-names';
import { FileTooLargeError, receiveFile } from '@workmate/db/documents/receive';
import { findOriginal, getSupplierInvoice } from '@workmate/db/purchases/inbox';
import { receiveEInvoice } from '@workmate/db/purchases/receive';
import { runAs } from '@workmate/db/shared/actor';
import { MAX_EINVOICE_UPLOAD_BYTES } from '@workmate/domain/schemas/purchases';
import type { AppDeps } from './context.ts';
import { failWith, readForm, sendError, signIn, type Form } from './documents-http.ts';

const UPLOAD = /^\/api\/purchases\/einvoices\/?(?:\?.*)?$/;
const ORIGINAL = /^\/api\/purchases\/einvoices\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/original\/?(?:\?.*)?$/i;
const FORM_OVERHEAD = 1024 * 1024;

export function isEInvoiceRequest(url: string): boolean {
  return url === '/api/purchases/einvoices' || url.startsWith('/api/purchases/einvoices/') || url.startsWith('/api/purchases/einvoices?');
}

/**
 * `POST /api/purchases/einvoices`: a received XRechnung (UBL/CII XML) or ZUGFeRD/Factur-X PDF,
 * as multipart/form-data (field `file`, as the documents upload) or as the raw body (any other
 * Content-Type; the name in `X-File-Name`). Answers 201 with the new supplier invoice, or a coded
 * 4xx naming what is wrong, having stored nothing.
 * `GET /api/purchases/einvoices/:id/original`: the file exactly as it was received.
 */
export async function serveEInvoices(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = req.url ?? '';
    const original = ORIGINAL.exec(url);
    if (original) {
      if (req.method !== 'GET') throw failWith('METHOD_NOT_SUPPORTED', 'request.onlyGet', {});
      return await sendOriginal(deps, req, res, original[1] as string);
    }
    if (!UPLOAD.test(url)) throw failWith('NOT_FOUND', 'request.nothingHere', {});
    if (req.method !== 'POST') throw failWith('METHOD_NOT_SUPPORTED', 'request.onlyPost', {});
    await upload(deps, req, res);
  } catch (error) {
    // A file past the size limit is answered 413 (upload.tooLarge) by sendError, as for documents.
    sendError(req, res, error);
  }
}

async function readBody(deps: AppDeps, req: IncomingMessage): Promise<Form['file']> {
  if ((req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) return (await readForm(deps, req, MAX_EINVOICE_UPLOAD_BYTES)).file;
  const bytes = await receiveFile(deps.storage, req, MAX_EINVOICE_UPLOAD_BYTES);
  const header = req.headers['x-file-name'];
  let name = typeof header === 'string' ? header : 'e-invoice';
  try {
    name = decodeURIComponent(name);
  } catch {
    // A name that is not percent-encoded is taken as it is.
  }
  return { ...bytes, fileName: sanitizeFileName(name) };
}

async function upload(deps: AppDeps, req: IncomingMessage, res: ServerResponse) {
  const { em, user } = await signIn(deps, req, res, 'purchases.write', true);
  // A declared length far past the limit is refused before a byte of it is read.
  if (Number(req.headers['content-length']) > MAX_EINVOICE_UPLOAD_BYTES + FORM_OVERHEAD) throw new FileTooLargeError(MAX_EINVOICE_UPLOAD_BYTES);
  const file = await readBody(deps, req);
  let id: string;
  try {
    if (file.size === 0) throw failWith('BAD_REQUEST', 'upload.fileEmpty', {}, 'file');
    id = (await runAs({ id: user.id, label: user.email }, () => receiveEInvoice(em, deps.storage, user, file))).id;
  } finally {
    await file.incoming.discard();
  }
  const invoice = await getSupplierInvoice(em.fork(), id);
  res.writeHead(201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ invoice }));
}

async function sendOriginal(deps: AppDeps, req: IncomingMessage, res: ServerResponse, id: string) {
  const { em } = await signIn(deps, req, res, 'purchases.read', false);
  const file = await findOriginal(em, id);
  const { stream, size } = await deps.storage.openRead(file.storageKey);
  res.writeHead(200, {
    'Content-Type': file.mimeType,
    'Content-Length': String(size),
    'Content-Disposition': attachmentHeader(file.fileName),
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    ETag: `"${file.sha256}"`,
  });
  await pipeline(stream, res);
}
