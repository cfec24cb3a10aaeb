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

  constructor(code: AppErrorCode, message: string, options: { field?: string; fields?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.fields = options.fields;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', `${what} ${id} was not found`, { field: 'id' });

export const conflict = (message: string, field?: string) =>
  new AppError('CONFLICT', message, field === undefined ? {} : { field });

export const badRequest = (message: string, field?: string) =>
  new AppError('BAD_REQUEST', message, field === undefined ? {} : { field });
