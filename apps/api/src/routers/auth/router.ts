import { TRPCError } from '@trpc/server';
import { confirmLastingToken, createApiToken, listApiTokens, revokeApiToken } from '@workmate/db/auth/api-tokens';
import { changePassword } from '@workmate/db/auth/change-password';
import { listOidcLinks, removeOidcLink } from '@workmate/db/auth/oidc-links';
import { login, logout } from '@workmate/db/auth/sessions';
import { DEMO_SIGN_IN, isDemoInstallation } from '@workmate/db/seeds/first-start';
import { AppError, appError } from '@workmate/domain/errors';
import { IdInput } from '@workmate/domain/schemas/common';
import { ApiTokenCreateInput, ApiTokenRevokeInput, ChangePasswordInput, LoginInput } from '@workmate/domain/schemas/auth';
import { clearedSessionCookie, sessionCookie } from '../../cookies.ts';
import type { ApiEnv } from '../../env.ts';
import { oidcPublicInfo } from '../../oidc.ts';
import { loginBlocked, recordLoginFailure, recordLoginSuccess, type LoginBlock, type LoginLimits } from '../../rate-limit.ts';
import { authedProcedure, permissionProcedure, publicProcedure, router } from '../../trpc.ts';

function loginLimits(env: ApiEnv): LoginLimits {
  return {
    perAccountIp: env.LOGIN_MAX_ATTEMPTS_ACCOUNT,
    perIp: env.LOGIN_MAX_ATTEMPTS_IP,
    windowSeconds: env.LOGIN_WINDOW_SECONDS,
    lockSeconds: env.LOGIN_LOCK_SECONDS,
    lockMaxSeconds: env.LOGIN_LOCK_MAX_SECONDS,
    perAccount: env.LOGIN_MAX_FAILURES_ACCOUNT_HOUR,
  };
}

/**
 * The refusal of a blocked sign-in, by code: which limit was hit and how long to wait, in seconds
 * under two minutes and in whole minutes above (the English message is unchanged for scripts).
 */
function blockedError(block: LoginBlock): AppError {
  const seconds = block.retryAfter;
  const minutes = Math.ceil(block.retryAfter / 60);
  const short = seconds < 120;
  switch (block.scope) {
    case 'account-ip':
      return short ? appError('TOO_MANY_REQUESTS', 'auth.signInBlockedAccountIpSeconds', { seconds }) : appError('TOO_MANY_REQUESTS', 'auth.signInBlockedAccountIpMinutes', { minutes });
    case 'ip':
      return short ? appError('TOO_MANY_REQUESTS', 'auth.signInBlockedIpSeconds', { seconds }) : appError('TOO_MANY_REQUESTS', 'auth.signInBlockedIpMinutes', { minutes });
    case 'account':
      return short ? appError('TOO_MANY_REQUESTS', 'auth.signInBlockedAccountSeconds', { seconds }) : appError('TOO_MANY_REQUESTS', 'auth.signInBlockedAccountMinutes', { minutes });
  }
}

export const authRouter = router({
  /** Failed sign-ins are limited per (account, IP), per IP and per account (see rate-limit.ts). */
  login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
    const env = ctx.deps.env;
    const ip = ctx.ip ?? 'unknown';
    const limits = loginLimits(env);
    const blocked = await loginBlocked(ctx.deps.redis, input.email, ip, limits);
    if (blocked) {
      ctx.res.setHeader('Retry-After', String(blocked.retryAfter));
      const cause = blockedError(blocked);
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
    }
    let result: Awaited<ReturnType<typeof login>>;
    try {
      result = await login(ctx.em, input, { ip: ctx.ip, userAgent: ctx.req.headers['user-agent'] ?? null }, { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS });
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHORIZED') await recordLoginFailure(ctx.deps.redis, input.email, ip, limits);
      throw error;
    }
    await recordLoginSuccess(ctx.deps.redis, input.email, ip);
    ctx.res.appendHeader('Set-Cookie', sessionCookie(result.token, { maxAgeSeconds: env.SESSION_MAX_HOURS * 3600, secure: env.COOKIE_SECURE }));
    return { user: result.user, expiresAt: result.expiresAt.toISOString() };
  }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionId) await logout(ctx.em, ctx.sessionId);
    ctx.res.appendHeader('Set-Cookie', clearedSessionCookie(ctx.deps.env.COOKIE_SECURE));
    return { ok: true };
  }),

  /**
   * Public facts the sign-in page needs: a demo installation (the demo accounts with their
   * well-known password exist) says so, with the demo sign-in; with OIDC configured, the label
   * of the "Sign in with …" button (it leads to /auth/oidc/start).
   */
  instance: publicProcedure.query(async ({ ctx }) => {
    const demo = await isDemoInstallation(ctx.em);
    return { demo, demoSignIn: demo ? { ...DEMO_SIGN_IN } : null, oidc: oidcPublicInfo(ctx.deps.env) };
  }),

  /** The signed-in user, or null: the web app asks this first. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  changePassword: authedProcedure.input(ChangePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.em, ctx.user.id, input, ctx.sessionId);
    return { ok: true };
  }),

  apiTokens: router({
    list: authedProcedure.query(({ ctx }) => listApiTokens(ctx.em, ctx.user.id)),
    create: authedProcedure.input(ApiTokenCreateInput).mutation(async ({ ctx, input }) => {
      await confirmLastingToken(ctx.em, ctx.user.id, input);
      return createApiToken(ctx.em, ctx.user.id, input);
    }),
    revoke: authedProcedure.input(ApiTokenRevokeInput).mutation(({ ctx, input }) => revokeApiToken(ctx.em, ctx.user.id, input.id)),
  }),

  /** An employee's identities at the OpenID provider (admins, on the employee's page): see and unlink. */
  oidcLinks: router({
    list: permissionProcedure('core.admin').input(IdInput).query(({ ctx, input }) => listOidcLinks(ctx.em, input.id)),
    remove: permissionProcedure('core.admin').input(IdInput).mutation(({ ctx, input }) => removeOidcLink(ctx.em, input.id)),
  }),
});
