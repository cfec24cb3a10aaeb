import { TRPCClientError } from '@trpc/client';
import type { ErrorIssue } from '@workmate/domain/error-codes';
import { rememberIssues } from '../i18n/error-text.ts';
import type { FieldErrors } from './field-errors.ts';
import { UploadError } from './upload.ts';

export type { FieldErrors };

export interface ErrorInfo {
  code: string | null;
  message: string;
  fieldErrors: FieldErrors;
  /** The refusal's error code and parameters (`data.appCode`, `data.params`), when the API sent one. */
  issue: ErrorIssue | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readFieldErrors(value: unknown): FieldErrors {
  if (!isRecord(value)) return {};
  const out: FieldErrors = {};
  for (const [path, messages] of Object.entries(value)) {
    // The API joins nested paths (`permissions.3`); forms show them at the top-level field.
    const key = path.split('.')[0] || path;
    const list = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string') : typeof messages === 'string' ? [messages] : [];
    (out[key] ??= []).push(...list);
  }
  return out;
}

/** Reads code, message and per-field messages from whatever a tRPC call threw. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const code = isRecord(data) && typeof data.code === 'string' ? data.code : null;
    const fieldErrors = isRecord(data) ? readFieldErrors(data.fieldErrors) : {};
    const issue = isRecord(data) ? rememberIssues(data) : null;
    return { code, message: error.message, fieldErrors, issue };
  }
  if (error instanceof UploadError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors, issue: null };
  if (error instanceof Error) return { code: null, message: error.message, fieldErrors: {}, issue: null };
  return { code: null, message: String(error), fieldErrors: {}, issue: null };
}

export function errorCode(error: unknown): string | null {
  return errorInfo(error).code;
}

/**
 * Per-field messages under the full paths the API sends (`lines.0.quantity`, `customer.street`),
 * for forms that show nested errors where they belong instead of at the top-level field.
 */
export function fieldErrorPaths(error: unknown): FieldErrors {
  if (!(error instanceof TRPCClientError) || !isRecord(error.data) || !isRecord(error.data.fieldErrors)) return {};
  rememberIssues(error.data);
  const out: FieldErrors = {};
  for (const [path, messages] of Object.entries(error.data.fieldErrors)) {
    const list = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string') : typeof messages === 'string' ? [messages] : [];
    if (list.length) out[path] = list;
  }
  return out;
}
