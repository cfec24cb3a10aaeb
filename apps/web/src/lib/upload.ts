import type { RouterOutputs } from '../trpc.ts';
import type { ErrorIssue } from '@workmate/domain/error-codes';
import { fieldProblemsOf, readIssue, type FieldErrors } from './field-errors.ts';

export type DocumentDto = RouterOutputs['documents']['get'];

export interface UploadResult {
  document: DocumentDto;
  /** The same content was already stored: the existing document came back. */
  duplicate: boolean;
}

/** What `POST /api/documents` takes besides the file; empty values are left out. */
export interface UploadFields {
  title?: string | undefined;
  category?: string | undefined;
  confidential?: boolean | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Upload a new version of this document. */
  documentId?: string | undefined;
}

/** A refused or failed upload, shaped like a tRPC error so `errorInfo` and the alerts read it the same way. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly fieldErrors: FieldErrors = {},
    /** The refusal's error code and parameters, when it has one. */
    readonly issue: ErrorIssue | null = null,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function readError(status: number, body: unknown): UploadError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const message = error && typeof error.message === 'string' ? error.message : `HTTP ${status}`;
  const code = error && typeof error.code === 'string' ? error.code : null;
  // The endpoint sends error codes as tRPC does (`data.appCode`, `data.fieldIssues`); shown by code.
  const data = error && isRecord(error.data) ? error.data : null;
  const fieldErrors = data ? fieldProblemsOf(data) : error ? fieldProblemsOf({ fieldErrors: error.fieldErrors }) : {};
  return new UploadError(message, code, fieldErrors, data ? readIssue(data.appCode, data.params) : null);
}

/**
 * Sends a file to `POST /api/documents` with XMLHttpRequest, because fetch cannot report upload
 * progress. `onProgress` gets 0–99 while bytes go out; 100 only once the server has stored the
 * file and answered. The session cookie goes along by itself; the header is the anti-forgery rule.
 */
export function uploadDocument(file: File, fields: UploadFields, options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {}): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || value === '') continue;
      form.append(key, typeof value === 'boolean' ? String(value) : value);
    }
    // The file goes last: the server reads the small fields before the bytes.
    form.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.setRequestHeader('x-workmate-client', 'web');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300 && isRecord(body) && isRecord(body.document)) {
        options.onProgress?.(100);
        resolve(body as unknown as UploadResult);
      } else {
        reject(readError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new UploadError('network', 'NETWORK'));
    xhr.onabort = () => reject(new UploadError('aborted', 'ABORTED'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
