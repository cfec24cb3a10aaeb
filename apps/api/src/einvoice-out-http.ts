import type { IncomingMessage, ServerResponse } from 'node:http';
import { EINVOICE_FILE_FORMATS, type EInvoiceFileFormat } from '@workmate/domain/einvoice-out';
import { AppError } from '@workmate/domain/errors';
import { json, readerContext, refuse, sendArchivedFile } from './archived-file-http.ts';
import type { AppDeps } from './context.ts';
import { einvoiceState } from './routers/invoices/einvoice.ts';

const PATH = /^\/api\/invoices\/([0-9a-f-]{36})\/einvoice\/([a-z-]+)(?:\?(.*))?$/i;
const STATUS: Record<string, number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409 };

export function isInvoiceEInvoiceRequest(url: string): boolean {
  return PATH.test(url);
}

/**
 * `GET /api/invoices/:id/einvoice/:format` (xrechnung-cii, xrechnung-ubl, facturx): the archived
 * e-invoice file as a download, with the same session or token and permission as reading
 * invoices. While it is being rendered the answer is 202 with the job's state, as for the PDF;
 * a draft is 409, a quote 400, an invoice archived without e-invoice data 404 — each with its code.
 */
export async function serveInvoiceEInvoice(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = PATH.exec(req.url ?? '');
  if (!match || req.method !== 'GET') return refuse(res, 405, 'request.onlyGet', {});
  const ctx = await readerContext(deps, req, res, 'invoices.read');
  if (!ctx) return;
  const id = match[1] as string;
  const format = (match[2] ?? '').toLowerCase();
  if (!(EINVOICE_FILE_FORMATS as readonly string[]).includes(format)) return refuse(res, 400, 'field.oneOf', { values: EINVOICE_FILE_FORMATS.join(', ') });
  try {
    const result = await einvoiceState(ctx.em, deps, id, format as EInvoiceFileFormat);
    if (result.status !== 'ready') return json(res, result.status === 'failed' ? 500 : 202, result);
    const { file } = result;
    await sendArchivedFile(deps, req, res, file, {
      contentType: file.mimeType === 'application/xml' ? 'application/xml; charset=utf-8' : file.mimeType,
      attachment: true,
      extraHeaders: { 'X-Content-SHA256': file.sha256 },
    });
  } catch (error) {
    if (error instanceof AppError && error.issue && STATUS[error.code]) {
      return json(res, STATUS[error.code] as number, { error: error.message, appCode: error.issue.code, params: error.issue.params });
    }
    throw error;
  }
}
