import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, readerContext, refuse, sendArchivedFile } from './archived-file-http.ts';
import type { AppDeps } from './context.ts';
import { pdfState } from './routers/invoices/pdf.ts';

const PATH = /^\/api\/invoices\/([0-9a-f-]{36})\/pdf(?:\?(.*))?$/i;

export function isInvoicePdfRequest(url: string): boolean {
  return PATH.test(url);
}

/**
 * `GET /api/invoices/:id/pdf` — the PDF as a file, for the browser (preview frame and download),
 * with the same session or token and permission as `invoices.pdf`. While it is being rendered
 * the answer is 202 with the job's state; `?download=1` asks the browser to save it.
 */
export async function serveInvoicePdf(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = PATH.exec(req.url ?? '');
  if (!match || req.method !== 'GET') return refuse(res, 405, 'request.onlyGet', {});
  const ctx = await readerContext(deps, req, res, 'invoices.read');
  if (!ctx) return;
  const id = match[1] as string;
  const exists = await ctx.em.getConnection().execute<Array<{ n: number }>>('select 1 as n from invoices where id = ?', [id]);
  if (exists.length === 0) return refuse(res, 404, 'record.notFound', { what: 'Invoice', id });
  const result = await pdfState(ctx.em, deps, id);
  if (result.status !== 'ready') return json(res, result.status === 'failed' ? 500 : 202, result);
  const download = new URLSearchParams(match[2] ?? '').get('download') === '1';
  await sendArchivedFile(deps, req, res, result.file, { contentType: 'application/pdf', attachment: download });
}
