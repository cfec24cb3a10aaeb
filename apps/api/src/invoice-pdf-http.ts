import type { IncomingMessage, ServerResponse } from 'node:http';
import { englishMessage, type ErrorCode, type ErrorParams } from '@workmate/domain/error-codes';
import { hasPermission } from '@workmate/domain/permissions';
import { createContext, type AppDeps } from './context.ts';
import { pdfState } from './routers/invoices/pdf.ts';

const PATH = /^\/api\/invoices\/([0-9a-f-]{36})\/pdf(?:\?(.*))?$/i;

export function isInvoicePdfRequest(url: string): boolean {
  return PATH.test(url);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A refusal: the English text as `error` (as ever), with its error code and parameters for the web app to word. */
function refuse<C extends ErrorCode>(res: ServerResponse, status: number, code: C, params: ErrorParams<C>) {
  json(res, status, { error: englishMessage(code, params), appCode: code, params });
}

/**
 * `GET /api/invoices/:id/pdf` — the PDF as a file, for the browser (preview frame and download),
 * with the same session or token and permission as `invoices.pdf`. While it is being rendered
 * the answer is 202 with the job's state; `?download=1` asks the browser to save it.
 */
export async function serveInvoicePdf(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = PATH.exec(req.url ?? '');
  if (!match || req.method !== 'GET') return refuse(res, 405, 'request.onlyGet', {});
  const ctx = await createContext(deps, req, res);
  if (!ctx.user) return refuse(res, 401, 'auth.signInRequired', {});
  if (!hasPermission(ctx.user.permissions, 'invoices.read')) return refuse(res, 403, 'auth.permissionMissing', { permission: 'invoices.read' });
  const id = match[1] as string;
  const exists = await ctx.em.getConnection().execute<Array<{ n: number }>>('select 1 as n from invoices where id = ?', [id]);
  if (exists.length === 0) return refuse(res, 404, 'record.notFound', { what: 'Invoice', id });
  const result = await pdfState(ctx.em, deps, id);
  if (result.status !== 'ready') return json(res, result.status === 'failed' ? 500 : 202, result);
  const { file } = result;
  // The archived file never changes: a browser that has it already gets 304.
  if (req.headers['if-none-match'] === `"${file.sha256}"`) {
    res.writeHead(304, { ETag: `"${file.sha256}"`, 'Cache-Control': 'private, no-cache' });
    res.end();
    return;
  }
  const data = await deps.storage.get(file.storageKey);
  const download = new URLSearchParams(match[2] ?? '').get('download') === '1';
  res.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(data.length),
    'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename="${file.fileName.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'Cache-Control': 'private, no-cache',
    ETag: `"${file.sha256}"`,
  });
  res.end(data);
}
