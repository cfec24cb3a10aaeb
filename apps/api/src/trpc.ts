import { initTRPC, TRPCError, type TRPCDefaultErrorShape } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { runAs } from '@workmate/db/shared/actor';
import { collectChatChanges } from '@workmate/db/chat/system';
import { announceChat } from '@workmate/db/notifications/announce';
import { translateDbError } from '@workmate/db/shared/db-errors';
import { codeOfText, englishMessage, type ErrorCode, type ErrorIssue } from '@workmate/domain/error-codes';
import { fieldProblem } from '@workmate/domain/field-issues';
import { AppError, appError } from '@workmate/domain/errors';
import { hasPermission, type Permission } from '@workmate/domain/permissions';
import type { Context } from './context.ts';
import { isUnavailable, UNAVAILABLE_MESSAGE } from './unavailable.ts';
import { AUTH_CHANGING, principals } from './principal-cache.ts';
import { AUTH_CHANNEL } from '@workmate/domain/jobs';

/** What the client sent at `path` (undefined when it is not there). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod's own text for a value that is not there: "Invalid input: expected string, received undefined". */
const ZOD_MISSING = /received (undefined|null)$/;
/**
 * Zod issues as one message per field: the first issue of each field, which is the most basic
 * one (a wrong type is reported before the rules about the value). A field the client left out
 * (or sent as null where a value is needed) is "is required", whatever the schema would say about
 * a wrong value ("must be a valid id"), unless the schema's own rule says more (a custom issue
 * such as "is required (or give a date and a duration)"). `input` is what the client sent.
 */
export function fieldErrorsOf(cause: unknown, input?: unknown): Record<string, string[]> | undefined {
  const problems = fieldProblemsOf(cause, input);
  return problems && Object.fromEntries(Object.entries(problems).map(([field, list]) => [field, list.map((p) => p.message)]));
}

/** The same field problems with their codes: `{ field: [{ code, params }] }` (a problem without a code is left out). */
export function fieldIssuesOf(cause: unknown, input?: unknown): Record<string, ErrorIssue[]> | undefined {
  const problems = fieldProblemsOf(cause, input);
  if (!problems) return undefined;
  const out: Record<string, ErrorIssue[]> = {};
  for (const [field, list] of Object.entries(problems)) {
    const issues = list.flatMap((p) => (p.issue ? [p.issue] : []));
    if (issues.length) out[field] = issues;
  }
  return out;
}

function fieldProblemsOf(cause: unknown, input?: unknown): Record<string, Array<{ message: string; issue?: ErrorIssue }>> | undefined {
  if (cause instanceof ZodError) {
    const out: Record<string, Array<{ message: string; issue?: ErrorIssue }>> = {};
    for (const issue of cause.issues) {
      const key = issue.path.length ? issue.path.join('.') : '_';
      if (out[key]) continue;
      const missing = issue.code !== 'custom' && (ZOD_MISSING.test(issue.message) || (input !== undefined && valueAt(input, issue.path) == null && issue.path.length > 0));
      out[key] = [missing ? { message: 'is required', issue: { code: 'field.required', params: {} } } : fieldProblem(issue)];
    }
    return out;
  }
  if (cause instanceof AppError && cause.fields) {
    const issues = cause.fieldIssues;
    return Object.fromEntries(Object.entries(cause.fields).map(([field, message]) => [field, [{ message, ...(issues?.[field] ? { issue: issues[field] } : codeIssue(message)) }]]));
  }
  if (cause instanceof AppError && cause.field) return { [cause.field]: [{ message: cause.message, ...(cause.issue ? { issue: cause.issue } : {}) }] };
  return undefined;
}

const codeIssue = (message: string) => {
  const issue = codeOfText(message);
  return issue ? { issue } : {};
};

/** "Invalid input: name is required; email must be a valid email address" */
export function invalidInputMessage(fieldErrors: Record<string, string[]>): string {
  return `Invalid input: ${Object.entries(fieldErrors).map(([field, messages]) => `${field} ${messages.join(', ')}`).join('; ')}`;
}

/** The largest request body the API reads (a batch of calls, a settings logo). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The most calls one batched request may carry (GET or POST). The web app batches a page's few
 * queries; a thousand aggregates in one request would only tie up the database.
 */
export const MAX_BATCH_CALLS = 50;
/** What tRPC says when a batch is over maxBatchSize; the answer names the limit instead. */
const TRPC_BATCH_TOO_LARGE = 'Batch call exceeds maximum size';

/**
 * What every error answer carries in `data`. Named, so that the router's type refers to it: every
 * nested router repeats the error shape, and spelled out each time (with its 200 error codes) the
 * router's declarations grow past what TypeScript will write (the client package needs them).
 */
export interface AppErrorData {
  code: TRPCDefaultErrorShape['data']['code'];
  httpStatus: number;
  path?: string | undefined;
  fieldErrors: Record<string, string[]> | undefined;
  fieldIssues?: Record<string, ErrorIssue[]>;
  appCode?: ErrorCode;
  params?: Record<string, string | number>;
}
export interface AppErrorShape {
  message: string;
  code: TRPCDefaultErrorShape['code'];
  data: AppErrorData;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, input }): AppErrorShape {
    const fieldErrors = fieldErrorsOf(error.cause, input);
    const fieldIssues = fieldIssuesOf(error.cause, input);
    let message = shape.message;
    // The refusal's code and parameters (the web app words them); English `message` stays for scripts.
    let issue: ErrorIssue | undefined = error.cause instanceof AppError ? error.cause.issue : codeOfText(shape.message);
    if (error.cause instanceof ZodError && fieldErrors) {
      message = invalidInputMessage(fieldErrors);
      issue = { code: 'request.invalidInput', params: { details: message.slice('Invalid input: '.length) } };
    } else if (error.code === 'BAD_REQUEST' && error.message === TRPC_BATCH_TOO_LARGE) {
      issue = { code: 'request.batchTooLarge', params: { max: MAX_BATCH_CALLS } };
      message = englishMessage('request.batchTooLarge', { max: MAX_BATCH_CALLS });
    } else if (error.code === 'PAYLOAD_TOO_LARGE') {
      issue = { code: 'request.tooLarge', params: { mb: MAX_BODY_BYTES / 1024 / 1024 } };
      message = englishMessage('request.tooLarge', { mb: MAX_BODY_BYTES / 1024 / 1024 });
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      issue = { code: 'server.error', params: {} };
      message = englishMessage('server.error', {});
    }
    const coded = issue ? { appCode: issue.code, params: issue.params } : {};
    return { ...shape, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors, ...(fieldIssues ? { fieldIssues } : {}), ...coded } };
  },
});

/** The refusal for a missing permission, with its code (procedures that check a second permission use it too). */
export function lacksPermission(permission: string): TRPCError {
  const cause = appError('FORBIDDEN', 'auth.permissionMissing', { permission });
  return new TRPCError({ code: 'FORBIDDEN', message: cause.message, cause });
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** AppErrors and database refusals (unique, check, optimistic lock) become proper 4xx answers. */
function mapError(cause: unknown): void {
  if (isUnavailable(cause)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, cause });
  }
  const mapped = translateDbError(cause);
  if (mapped instanceof AppError) throw new TRPCError({ code: mapped.code, message: mapped.message, cause: mapped });
}

/**
 * Cross-site request forgery guard: a browser on another site can send a simple POST with our
 * cookie, but never a custom header. Every mutation must carry `x-workmate-client` or a bearer
 * token, and a foreign Origin is refused outright.
 */
function guardAgainstForgery(ctx: Context): void {
  const { headers } = ctx.req;
  const origin = headers.origin;
  if (origin) {
    const allowed = ctx.deps.env.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
    let sameHost = false;
    try {
      sameHost = new URL(origin).host === headers.host;
    } catch {
      sameHost = false;
    }
    if (!sameHost && !allowed.includes(origin)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Requests from other sites are not allowed' });
  }
  const bearer = headers.authorization?.startsWith('Bearer ');
  if (!bearer && !headers['x-workmate-client']) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Mutations need the x-workmate-client header (or a bearer token)' });
  }
}

/**
 * What every call goes through, in one middleware (each tRPC middleware layer copies the call's
 * options, which shows under load):
 * - mutations pass the forgery guard;
 * - each call gets its own EntityManager: a batched HTTP request runs several calls at once, and
 *   they must not share one unit of work;
 * - system messages (project created, status changed, invoice finalized or paid, budget used) are
 *   written by the services inside their transactions; once a mutation has succeeded, every API
 *   process is told which project chats changed;
 * - a change to sign-ins, tokens, people or roles takes effect at once: this process forgets the
 *   principals it has cached, and tells the other API processes to do the same;
 * - errors are mapped (see mapError);
 * - a call made with an API token is counted in the usage log (ApiUsageRecorder).
 */
const everyCall = t.middleware(async ({ ctx, type, path, next }) => {
  const call = async () => {
    const em = ctx.deps.orm.em.fork() as Context['em'];
    if (type !== 'mutation') {
      const outcome = await next({ ctx: { em } });
      if (!outcome.ok) mapError(outcome.error.cause);
      return outcome;
    }
    guardAgainstForgery(ctx);
    const { result, projects } = collectChatChanges(() => next({ ctx: { em } }));
    const outcome = await result;
    if (AUTH_CHANGING.test(`${path}.`)) {
      principals.clear();
      await ctx.deps.redis.publish(AUTH_CHANNEL, path).catch(() => undefined);
    }
    if (outcome.ok && projects.size) await announceChat(ctx.deps.redis, [...projects]).catch(() => undefined);
    if (!outcome.ok) mapError(outcome.error.cause);
    return outcome;
  };
  // The usage log per API token: procedure, HTTP status and duration of every call made with one.
  const usage = ctx.apiTokenId ? ctx.deps.usage : undefined;
  if (!usage || !ctx.apiTokenId) return call();
  const started = performance.now();
  let status = 500;
  try {
    const outcome = await call();
    status = outcome.ok ? 200 : getHTTPStatusCodeFromError(outcome.error);
    return outcome;
  } catch (error) {
    status = error instanceof TRPCError ? getHTTPStatusCodeFromError(error) : 500;
    throw error;
  } finally {
    usage.record({ tokenId: ctx.apiTokenId, procedure: path, status, ms: performance.now() - started });
  }
});

export const publicProcedure = t.procedure.use(everyCall);

function signedIn(ctx: Context): NonNullable<Context['user']> {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
  return ctx.user;
}

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = signedIn(ctx);
  // Everything this request changes is written to the audit trail under this user.
  return runAs({ id: user.id, label: user.email }, () => next({ ctx: { ...ctx, user } }));
});

/** Signed in and holding the permission, checked in one layer. */
export const permissionProcedure = (permission: Permission) =>
  publicProcedure.use(({ ctx, next }) => {
    const user = signedIn(ctx);
    if (!hasPermission(user.permissions, permission)) {
      throw lacksPermission(permission);
    }
    return runAs({ id: user.id, label: user.email }, () => next({ ctx: { ...ctx, user } }));
  });
