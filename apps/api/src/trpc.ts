import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { runAs } from '@workmate/db/audit/actor';
import { collectChatChanges } from '@workmate/db/chat/system';
import { announceChat } from '@workmate/db/notifications/announce';
import { translateDbError } from '@workmate/db/shared/db-errors';
import { AppError } from '@workmate/domain/errors';
import { hasPermission, type Permission } from '@workmate/domain/permissions';
import type { Context } from './context.ts';
import { isUnavailable, UNAVAILABLE_MESSAGE } from './unavailable.ts';
import { AUTH_CHANGING, principals } from './principal-cache.ts';
import { AUTH_CHANNEL } from '@workmate/domain/jobs';

export function fieldErrorsOf(cause: unknown): Record<string, string[]> | undefined {
  if (cause instanceof ZodError) {
    const out: Record<string, string[]> = {};
    for (const issue of cause.issues) {
      const key = issue.path.length ? issue.path.join('.') : '_';
      (out[key] ??= []).push(issue.message);
    }
    return out;
  }
  if (cause instanceof AppError && cause.fields) return Object.fromEntries(Object.entries(cause.fields).map(([field, message]) => [field, [message]]));
  if (cause instanceof AppError && cause.field) return { [cause.field]: [cause.message] };
  return undefined;
}

/** "Invalid input: name is required; email must be a valid email address" */
export function invalidInputMessage(fieldErrors: Record<string, string[]>): string {
  return `Invalid input: ${Object.entries(fieldErrors).map(([field, messages]) => `${field} ${messages.join(', ')}`).join('; ')}`;
}

/** The largest request body the API reads (a batch of calls, a settings logo). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const fieldErrors = fieldErrorsOf(error.cause);
    let message = shape.message;
    if (error.cause instanceof ZodError && fieldErrors) {
      message = invalidInputMessage(fieldErrors);
    } else if (error.code === 'PAYLOAD_TOO_LARGE') {
      message = `The request is too large: at most ${MAX_BODY_BYTES / 1024 / 1024} MB`;
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = 'Something went wrong on the server. The error was logged.';
    }
    return { ...shape, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** AppErrors and database refusals (unique, check, optimistic lock) become proper 4xx answers. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isUnavailable(cause)) {
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, cause });
    }
    const mapped = translateDbError(cause);
    if (mapped instanceof AppError) throw new TRPCError({ code: mapped.code, message: mapped.message, cause: mapped });
  }
  return result;
});

/**
 * Cross-site request forgery guard: a browser on another site can send a simple POST with our
 * cookie, but never a custom header. Every mutation must carry `x-workmate-client` or a bearer
 * token, and a foreign Origin is refused outright.
 */
const csrfGuard = t.middleware(({ ctx, type, next }) => {
  if (type !== 'mutation') return next();
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
  return next();
});

/**
 * Each procedure call gets its own EntityManager: a batched HTTP request runs several calls at
 * once, and they must not share one unit of work.
 */
const ownEntityManager = t.middleware(({ ctx, next }) => next({ ctx: { em: ctx.deps.orm.em.fork() as Context['em'] } }));

/**
 * System messages (project created, status changed, invoice finalized or paid, budget used) are
 * written by the services inside their transactions; once a mutation has succeeded, every API
 * process is told which project chats changed.
 */
const announceChatChanges = t.middleware(async ({ ctx, type, next }) => {
  if (type !== 'mutation') return next();
  const { result, projects } = collectChatChanges(() => next());
  const outcome = await result;
  if (outcome.ok && projects.size) await announceChat(ctx.deps.redis, [...projects]).catch(() => undefined);
  return outcome;
});

/**
 * A change to sign-ins, tokens, people or roles takes effect at once: this process forgets the
 * principals it has cached, and tells the other API processes to do the same.
 */
const forgetPrincipals = t.middleware(async ({ ctx, type, path, next }) => {
  if (type !== 'mutation' || !AUTH_CHANGING.test(`${path}.`)) return next();
  const outcome = await next();
  principals.clear();
  await ctx.deps.redis.publish(AUTH_CHANNEL, path).catch(() => undefined);
  return outcome;
});

export const publicProcedure = t.procedure.use(mapErrors).use(csrfGuard).use(ownEntityManager).use(forgetPrincipals).use(announceChatChanges);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const { user } = ctx;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
  // Everything this request changes is written to the audit trail under this user.
  return runAs({ id: user.id, label: user.email }, () => next({ ctx: { ...ctx, user } }));
});

export const permissionProcedure = (permission: Permission) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!hasPermission(ctx.user.permissions, permission)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `You lack the permission "${permission}"` });
    }
    return next();
  });
