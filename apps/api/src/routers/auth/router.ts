import { TRPCError } from '@trpc/server';
import { confirmLastingToken, createApiToken, listApiTokens, revokeApiToken } from '@workmate/db/auth/api-tokens';
import { changePassword } from '@workmate/db/auth/change-password';
import { login, logout } from '@workmate/db/auth/sessions';
import { ApiTokenCreateInput, ApiTokenRevokeInput, ChangePasswordInput, LoginInput } from '@workmate/domain/schemas/auth';
import { clearedSessionCookie, sessionCookie } from '../../cookies.ts';
import { hit, reset } from '../../rate-limit.ts';
import { authedProcedure, publicProcedure, router } from '../../trpc.ts';

export const authRouter = router({
  /** Sign-in attempts are limited per account and per IP address (Redis counters). */
  login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
    const env = ctx.deps.env;
    const accountKey = `login:account:${input.email}`;
    const ipKey = `login:ip:${ctx.ip ?? 'unknown'}`;
    const [account, ip] = await Promise.all([
      hit(ctx.deps.redis, accountKey, env.LOGIN_MAX_ATTEMPTS_ACCOUNT, env.LOGIN_WINDOW_SECONDS),
      hit(ctx.deps.redis, ipKey, env.LOGIN_MAX_ATTEMPTS_IP, env.LOGIN_WINDOW_SECONDS),
    ]);
    if (!account.allowed || !ip.allowed) {
      const wait = Math.max(account.allowed ? 0 : account.retryAfter, ip.allowed ? 0 : ip.retryAfter);
      ctx.res.setHeader('Retry-After', String(wait));
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).` });
    }
    const result = await login(ctx.em, input, { ip: ctx.ip, userAgent: ctx.req.headers['user-agent'] ?? null }, { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS });
    await reset(ctx.deps.redis, accountKey);
    ctx.res.appendHeader('Set-Cookie', sessionCookie(result.token, { maxAgeSeconds: env.SESSION_MAX_HOURS * 3600, secure: env.COOKIE_SECURE }));
    return { user: result.user, expiresAt: result.expiresAt.toISOString() };
  }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionId) await logout(ctx.em, ctx.sessionId);
    ctx.res.appendHeader('Set-Cookie', clearedSessionCookie(ctx.deps.env.COOKIE_SECURE));
    return { ok: true };
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
});
