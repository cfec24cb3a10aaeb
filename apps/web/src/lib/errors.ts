import { TRPCClientError } from '@trpc/client';
import type { ErrorIssue } from '@workmate/domain/error-codes';
import { fieldProblemsOf, readIssue, type FieldErrors } from './field-errors.ts';
import { UploadError } from './upload.ts';

export type { FieldErrors, FieldProblem } from './field-errors.ts';

export interface ErrorInfo {
  code: string | null;
  message: string;
  /** Per field, its problems by code where the API gave one (`data.fieldIssues`), else as text. */
  fieldErrors: FieldErrors;
  /** The refusal's error code and parameters (`data.appCode`, `data.params`), when the API sent one. */
  issue: ErrorIssue | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The API joins nested paths (`permissions.3`); forms show them at the top-level field. */
function topLevel(problems: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, list] of Object.entries(problems)) (out[path.split('.')[0] || path] ??= []).push(...list);
  return out;
}

/** Reads code, message and per-field problems from whatever a tRPC call threw. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    if (!isRecord(data)) return { code: null, message: error.message, fieldErrors: {}, issue: null };
    const code = typeof data.code === 'string' ? data.code : null;
    return { code, message: error.message, fieldErrors: topLevel(fieldProblemsOf(data)), issue: readIssue(data.appCode, data.params) };
  }
  if (error instanceof UploadError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors, issue: error.issue };
  if (error instanceof Error) return { code: null, message: error.message, fieldErrors: {}, issue: null };
  return { code: null, message: String(error), fieldErrors: {}, issue: null };
}

export function errorCode(error: unknown): string | null {
  return errorInfo(error).code;
}

/**
 * Per-field problems under the full paths the API sends (`lines.0.quantity`, `customer.street`),
 * for forms that show nested errors where they belong instead of at the top-level field.
 */
export function fieldErrorPaths(error: unknown): FieldErrors {
  if (!(error instanceof TRPCClientError) || !isRecord(error.data)) return {};
  return fieldProblemsOf(error.data);
}
