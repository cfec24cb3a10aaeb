import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { SessionUser } from '@workmate/domain/schemas/auth';
import { resolveApiToken } from '@workmate/db/auth/api-tokens';
import { resolveSession } from '@workmate/db/auth/sessions';
import type { FileStorage } from '@workmate/db/documents/storage';
import type { EntityManager } from '@workmate/db/orm';
import { clientIp } from './client-ip.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import type { ApiEnv } from './env.ts';
import type { ChatHub } from './chat-hub.ts';
import type { NotificationEvents } from './notification-events.ts';
import type { JobQueues } from './queues.ts';
import type { ApiUsageRecorder } from './api-usage.ts';
import { isUnavailable, UNAVAILABLE_MESSAGE } from './unavailable.ts';
import { principals } from './principal-cache.ts';

export interface AppDeps {
  orm: MikroORM;
  redis: Redis;
  env: ApiEnv;
  /** Where uploaded and generated files live. */
  storage: FileStorage;
  queues: JobQueues;
  /** Wakes live notification subscriptions when Redis announces new ones. */
  events: NotificationEvents;
  /** Hands project chat events to this process's live subscribers. */
  chat: ChatHub;
  /** Counts the calls made with API tokens (the usage log); createAppServer makes one when none is given. */
  usage?: ApiUsageRecorder;
}

export interface Context {
  deps: AppDeps;
  em: EntityManager;
  req: IncomingMessage;
  res: ServerResponse;
  ip: string | null;
  user: SessionUser | null;
  sessionId: string | null;
  apiTokenId: string | null;
}

/**
 * Every request gets its own EntityManager and is identified by a bearer token or the session
 * cookie. The lookup runs before any procedure (and its error mapping): with the database down
 * it answers 503 with a clear message here, not a 500.
 */
export async function createContext(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  try {
    return await identify(deps, req, res);
  } catch (error) {
    if (isUnavailable(error)) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, cause: error });
    throw error;
  }
}

async function identify(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  const em = deps.orm.em.fork() as EntityManager;
  const base: Context = { deps, em, req, res, ip: clientIp(req, deps.env.TRUSTED_PROXIES), user: null, sessionId: null, apiTokenId: null };
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const secret = auth.slice(7).trim();
    const principal = await principals.remember(`t:${secret}`, async () => {
      const found = await resolveApiToken(em, secret);
      return found && { user: found.user, apiTokenId: found.tokenId, sessionId: null };
    });
    return principal ? { ...base, ...principal } : base;
  }
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (token) {
    const principal = await principals.remember(`s:${token}`, async () => {
      const found = await resolveSession(em, token, { idleMinutes: deps.env.SESSION_IDLE_MINUTES, maxHours: deps.env.SESSION_MAX_HOURS });
      return found && { user: found.user, sessionId: found.sessionId, apiTokenId: null };
    });
    if (principal) return { ...base, ...principal };
  }
  return base;
}
