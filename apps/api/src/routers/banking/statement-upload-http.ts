import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { sanitizeFileName } from '@workmate/db/documents/file-names';
import { FileTooLargeError, receiveFile } from '@workmate/db/documents/receive';
import { importBankStatement } from '@workmate/db/banking/import';
import { runAs } from '@workmate/db/shared/actor';
import { MAX_BANK_STATEMENT_BYTES } from '@workmate/domain/bank-statement';
import type { AppDeps } from '../../context.ts';
import { failWith, readForm, sendError, signIn, type Form } from '../../documents-http.ts';

const UPLOAD = /^\/api\/banking\/statements\/?(?:\?.*)?$/;
const FORM_OVERHEAD = 1024 * 1024;

export function isBankStatementRequest(url: string): boolean {
  return url === '/api/banking/statements' || url.startsWith('/api/banking/statements/') || url.startsWith('/api/banking/statements?');
}

/**
 * `POST /api/banking/statements`: a CAMT.053 or MT940 file, as multipart/form-data (field `file`)
 * or as the raw body (the name in `X-File-Name`), handled as the e-invoice upload is (same
 * sign-in, anti-forgery header, streaming to a temporary file with a size limit). For files larger
 * than the tRPC mutation `banking.statements.import` takes (base64, 720 KB), up to 10 MB. Answers
 * 201 with the counts (imported / skipped), or a coded 4xx naming what is wrong, having stored nothing.
 */
export async function serveBankStatements(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (!UPLOAD.test(req.url ?? '')) throw failWith('NOT_FOUND', 'request.nothingHere', {});
    if (req.method !== 'POST') throw failWith('METHOD_NOT_SUPPORTED', 'request.onlyPost', {});
    const { em, user } = await signIn(deps, req, res, 'banking.write', true);
    if (Number(req.headers['content-length']) > MAX_BANK_STATEMENT_BYTES + FORM_OVERHEAD) throw new FileTooLargeError(MAX_BANK_STATEMENT_BYTES);
    const file = await readBody(deps, req);
    try {
      if (file.size === 0) throw failWith('BAD_REQUEST', 'upload.fileEmpty', {}, 'file');
      const bytes = new Uint8Array(await readFile(file.incoming.path));
      const result = await runAs({ id: user.id, label: user.email }, () => importBankStatement(em, user, { fileName: file.fileName, bytes }));
      res.writeHead(201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(result));
    } finally {
      await file.incoming.discard();
    }
  } catch (error) {
    sendError(req, res, error);
  }
}

async function readBody(deps: AppDeps, req: IncomingMessage): Promise<Form['file']> {
  if ((req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) return (await readForm(deps, req, MAX_BANK_STATEMENT_BYTES)).file;
  const bytes = await receiveFile(deps.storage, req, MAX_BANK_STATEMENT_BYTES);
  const header = req.headers['x-file-name'];
  let name = typeof header === 'string' ? header : 'kontoauszug';
  try {
    name = decodeURIComponent(name);
  } catch {
    // A name that is not percent-encoded is taken as it is.
  }
  return { ...bytes, fileName: sanitizeFileName(name) };
}
