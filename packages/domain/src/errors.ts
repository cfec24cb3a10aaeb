import { codeOfText, englishMessage, messageOf, type ErrorCode, type ErrorIssue, type ErrorParams } from './error-codes.ts';

/**
 * One error type for everything a user or script can get wrong. The API maps the code to a
 * tRPC/HTTP status; `field` lets a form show the message next to the right input.
 */
export const AppErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field: string | undefined;
  /** Several problems at once, by field (e.g. the missing mandatory content of an invoice). */
  readonly fields: Record<string, string> | undefined;
  /** The stable code of the refusal and its parameters (see error-codes.ts); the web app words it. */
  readonly issue: ErrorIssue | undefined;
  /** The code of each entry of `fields`. */
  readonly fieldIssues: Record<string, ErrorIssue> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { field?: string; fields?: Record<string, string>; issue?: ErrorIssue; fieldIssues?: Record<string, ErrorIssue>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.fields = options.fields;
    // A message without parameters has its code in the catalog; a sentence with parameters
    // must come through appError() to carry one.
    this.issue = options.issue ?? codeOfText(message);
    this.fieldIssues = options.fieldIssues;
  }
}

/**
 * A refusal by code: the English message is the code's catalog text with `params` filled in.
 * `fields` lists several problems at once (field → code), as the finalize check does.
 */
export function appError<C extends ErrorCode>(
  status: AppErrorCode,
  code: C,
  params: ErrorParams<C>,
  options: { field?: string; fields?: Record<string, ErrorIssue>; cause?: unknown } = {},
): AppError {
  const { fields, ...rest } = options;
  const issue: ErrorIssue = { code, params };
  const messages = fields ? Object.fromEntries(Object.entries(fields).map(([f, i]) => [f, messageOf(i)])) : undefined;
  return new AppError(status, englishMessage(code, params), { ...rest, issue, ...(fields ? { fields: messages, fieldIssues: fields } : {}) });
}

export const notFound = (what: string, id: string) => appError('NOT_FOUND', 'record.notFound', { what, id }, { field: 'id' });

export const conflict = (message: string, field?: string) =>
  new AppError('CONFLICT', message, field === undefined ? {} : { field });

export const badRequest = (message: string, field?: string) =>
  new AppError('BAD_REQUEST', message, field === undefined ? {} : { field });
