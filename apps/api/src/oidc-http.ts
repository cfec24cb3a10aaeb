import type { IncomingMessage, ServerResponse } from 'node:http';
import * as client from 'openid-client';
import { signInWithOidc } from '@workmate/db/auth/oidc-sign-in';
import { newSecret, sha256 } from '@workmate/db/auth/tokens';
import type { EntityManager } from '@workmate/db/orm';
import { AppError } from '@workmate/domain/errors';
import type { ErrorCode } from '@workmate/domain/error-codes';
import { clientIp } from './client-ip.ts';
import { readCookie, sessionCookie } from './cookies.ts';
import type { AppDeps } from './context.ts';
import { isProviderUnreachable, type OidcProvider } from './oidc.ts';

const START = '/auth/oidc/start';
const CALLBACK = '/auth/oidc/callback';
/** Binds a sign-in attempt to the browser that started it (a callback URL alone is worth nothing). */
const BINDING_COOKIE = 'workmate_oidc';
/** How long a started sign-in may take at the provider. */
const ATTEMPT_SECONDS = 600;
const stateKey = (state: string) => `oidc:state:${sha256(state)}`;

/** What the start keeps of an attempt (in Redis, under the state's hash, until its callback or 10 minutes). */
interface Attempt {
  binding: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  next: string;
}

export function isOidcRequest(url: string): boolean {
  const path = url.split('?')[0];
  return path === START || path === CALLBACK;
}

/**
 * GET /auth/oidc/start and /auth/oidc/callback: the authorization code flow with PKCE, state and
 * nonce. A refusal that concerns the person (no account, disabled, provider down) sends the
 * browser back to the sign-in page with an error code it shows translated; a forged, replayed or
 * expired callback is a 400.
 */
export async function serveOidc(deps: AppDeps, provider: OidcProvider | null, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://workmate.invalid');
  if (!provider) return answerText(res, 404, 'Not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET');
    return answerText(res, 405, 'Method not allowed');
  }
  if (url.pathname === START) return start(deps, provider, req, res, url);
  return callback(deps, provider, req, res, url);
}

async function start(deps: AppDeps, provider: OidcProvider, req: IncomingMessage, res: ServerResponse, url: URL) {
  let config: client.Configuration;
  try {
    config = await provider.configuration();
  } catch (error) {
    console.warn(`[api] OIDC: the provider ${provider.issuer.href} cannot be reached:`, (error as Error).message);
    return toLogin(res, 'auth.oidcUnavailable');
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  // A second tab's sign-in keeps the first one's binding, so both can finish.
  const binding = readCookie(req.headers.cookie, BINDING_COOKIE) ?? newSecret('');
  const redirectUri = deps.env.OIDC_REDIRECT_URL ?? `${deps.env.COOKIE_SECURE ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}${CALLBACK}`;
  const attempt: Attempt = { binding: sha256(binding), nonce, verifier, redirectUri, next: safeNext(url.searchParams.get('next')) };
  await deps.redis.set(stateKey(state), JSON.stringify(attempt), 'EX', ATTEMPT_SECONDS);
  const target = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  res.appendHeader('Set-Cookie', bindingCookie(binding, ATTEMPT_SECONDS, deps.env.COOKIE_SECURE));
  redirect(res, 302, target.href);
}

async function callback(deps: AppDeps, provider: OidcProvider, req: IncomingMessage, res: ServerResponse, url: URL) {
  const state = url.searchParams.get('state');
  // The attempt is taken (and so used up) at once: the same callback a second time finds nothing.
  const stored = state ? await deps.redis.getdel(stateKey(state)) : null;
  const attempt = stored ? (JSON.parse(stored) as Attempt) : null;
  const binding = readCookie(req.headers.cookie, BINDING_COOKIE);
  if (!state || !attempt || !binding || sha256(binding) !== attempt.binding) return refuse(res, 'auth.oidcStateInvalid');
  if (url.searchParams.has('error')) {
    // The person cancelled at the provider, or the provider refused the client.
    console.warn(`[api] OIDC: the provider answered ${url.searchParams.get('error')}: ${url.searchParams.get('error_description') ?? ''}`);
    return toLogin(res, 'auth.oidcFailed');
  }

  let identity: { issuer: string; subject: string; email: string | null; emailVerified: boolean };
  try {
    const config = await provider.configuration();
    const current = new URL(attempt.redirectUri);
    current.search = url.search;
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: attempt.verifier, expectedState: state, expectedNonce: attempt.nonce, idTokenExpected: true });
    const claims = tokens.claims();
    if (!claims) return toLogin(res, 'auth.oidcFailed');
    let email = typeof claims.email === 'string' ? claims.email : null;
    let verified = claims.email_verified;
    // Keycloak puts the email into the ID token; others (Zitadel, oidc-provider) only into userinfo.
    if (!email || verified === undefined) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : null;
      verified = info.email_verified;
    }
    identity = { issuer: config.serverMetadata().issuer, subject: claims.sub, email, emailVerified: verified === true || verified === 'true' };
  } catch (error) {
    const unreachable = isProviderUnreachable(error);
    console.warn(`[api] OIDC: ${unreachable ? 'the provider cannot be reached' : 'the sign-in was refused'}:`, (error as Error).message);
    return toLogin(res, unreachable ? 'auth.oidcUnavailable' : 'auth.oidcFailed');
  }

  const em = deps.orm.em.fork() as EntityManager;
  const policy = { idleMinutes: deps.env.SESSION_IDLE_MINUTES, maxHours: deps.env.SESSION_MAX_HOURS };
  let result: Awaited<ReturnType<typeof signInWithOidc>>;
  try {
    result = await signInWithOidc(em, identity, { ip: clientIp(req, deps.env.TRUSTED_PROXIES), userAgent: req.headers['user-agent'] ?? null }, policy, { requireVerifiedEmail: deps.env.OIDC_REQUIRE_EMAIL_VERIFIED });
  } catch (error) {
    if (error instanceof AppError && error.issue && error.code === 'UNAUTHORIZED') return toLogin(res, error.issue.code as ErrorCode);
    throw error;
  }
  res.appendHeader('Set-Cookie', sessionCookie(result.token, { maxAgeSeconds: deps.env.SESSION_MAX_HOURS * 3600, secure: deps.env.COOKIE_SECURE }));
  res.appendHeader('Set-Cookie', bindingCookie('', 0, deps.env.COOKIE_SECURE));
  redirect(res, 303, attempt.next);
}

/** Only a path of this site is followed after sign-in (never `//evil.example` or the sign-in page). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') && next.length <= 500 ? next : '/';
}

function bindingCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  // Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies.
  return [`${BINDING_COOKIE}=${encodeURIComponent(value)}`, 'Path=/auth/oidc', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

function redirect(res: ServerResponse, status: 302 | 303, location: string) {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function toLogin(res: ServerResponse, code: ErrorCode) {
  redirect(res, 303, `/login?oidcError=${encodeURIComponent(code)}`);
}

/** A callback that cannot belong to a sign-in begun here: 400, with the way back to the sign-in page. */
function refuse(res: ServerResponse, code: ErrorCode) {
  const back = `/login?oidcError=${encodeURIComponent(code)}`;
  res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'" });
  res.end(
    `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Workmate</title></head><body>` +
      `<h1>Anmeldung fehlgeschlagen / Sign-in failed</h1>` +
      `<p>Dieser Anmeldeversuch ist ungültig, abgelaufen oder wurde schon verwendet.</p>` +
      `<p>This sign-in attempt is invalid, expired or was already used.</p>` +
      `<p><a href="${back}">Zur Anmeldung / Back to sign-in</a></p></body></html>`,
  );
}

function answerText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
