import type { IncomingMessage, ServerResponse } from 'node:http';
import { englishMessage, type ErrorCode, type ErrorParams } from '@workmate/domain/error-codes';
import { hasPermission, type Permission } from '@workmate/domain/permissions';
import { createContext, type AppDeps, type Context } from './context.ts';

/**
 * What the plain-HTTP file endpoints of archived documents share (the invoice PDF, the
 * e-invoice files): JSON answers, refusals with their error code, the signed-in reader, and
 * sending an archived file with its checksum as ETag (an archived file never changes).
 */

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A refusal: the English text as `error` (as ever), with its error code and parameters for the web app to word. */
export function refuse<C extends ErrorCode>(res: ServerResponse, status: number, code: C, params: ErrorParams<C>) {
  json(res, status, { error: englishMessage(code, params), appCode: code, params });
}

/** The request's context when the caller is signed in (session or token) and holds `permission`; otherwise refused (401/403) and null. */
export async function readerContext(deps: AppDeps, req: IncomingMessage, res: ServerResponse, permission: Permission): Promise<Context | null> {
  const ctx = await createContext(deps, req, res);
  if (!ctx.user) {
    refuse(res, 401, 'auth.signInRequired', {});
    return null;
  }
  if (!hasPermission(ctx.user.permissions, permission)) {
    refuse(res, 403, 'auth.permissionMissing', { permission });
    return null;
  }
  return ctx;
}

export interface ArchivedFile {
  fileName: string;
  sha256: string;
  storageKey: string;
}

/** Sends an archived file (304 when the browser has it already); `attachment` asks the browser to save it. */
export async function sendArchivedFile(deps: AppDeps, req: IncomingMessage, res: ServerResponse, file: ArchivedFile, options: { contentType: string; attachment: boolean; extraHeaders?: Record<string, string> }) {
  if (req.headers['if-none-match'] === `"${file.sha256}"`) {
    res.writeHead(304, { ETag: `"${file.sha256}"`, 'Cache-Control': 'private, no-cache' });
    res.end();
    return;
  }
  const data = await deps.storage.get(file.storageKey);
  res.writeHead(200, {
    'Content-Type': options.contentType,
    'Content-Length': String(data.length),
    'Content-Disposition': `${options.attachment ? 'attachment' : 'inline'}; filename="${file.fileName.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'Cache-Control': 'private, no-cache',
    ETag: `"${file.sha256}"`,
    ...options.extraHeaders,
  });
  res.end(data);
}
