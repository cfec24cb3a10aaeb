import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email?: string;
  emailVerified?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people the provider knows, by subject; a test adds its own. */
  accounts: Map<string, TestAccount>;
  /** Registers the app's callback (known only once the app listens). */
  start: (redirectUris: string[]) => void;
  close: () => Promise<void>;
}

/**
 * A real OpenID provider (panva's oidc-provider) in this process, on a free port, with one
 * confidential client. Its development sign-in form takes any subject as "login"; the account
 * behind it comes from `accounts`.
 */
export async function startTestProvider(): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const clientId = 'workmate-test';
  const clientSecret = 'a-secret-of-the-test-client-0123456789';
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    start: (redirectUris) => {
      const provider = new Provider(issuer, {
        clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        cookies: { keys: ['test-cookie-key-0123456789'] },
        pkce: { required: () => true },
        // Lifetimes of its own records, given so it does not note on every use that the defaults ran.
        ttl: { AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600, DeviceCode: 600, Grant: 600, IdToken: 600, Interaction: 600, RefreshToken: 600, Session: 600, BackchannelAuthenticationRequest: 600 },
        findAccount: (_ctx, sub) => {
          const account = accounts.get(sub);
          if (!account) return undefined;
          return {
            accountId: sub,
            claims: () => ({ sub, ...(account.email === undefined ? {} : { email: account.email }), ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }) }),
          };
        },
      });
      server.on('request', provider.callback());
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Cookies by name for one site (paths ignored: each site here sets few, with distinct names). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Walks the provider's side of a sign-in as a browser would: from the authorization URL through
 * its sign-in and consent forms (signing in as `subject`) to the redirect back to the app, which
 * it returns without following.
 */
export async function signInAtProvider(authorizationUrl: string, subject: string, appCallback: string): Promise<string> {
  const jar = new CookieJar();
  let next: { url: string; method: 'GET' | 'POST'; body?: string } = { url: authorizationUrl, method: 'GET' };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(next.url, {
      method: next.method,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(next.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: next.body,
    });
    jar.take(res);
    const location = res.headers.get('location');
    if (location) {
      const target = new URL(location, next.url).href;
      if (target.startsWith(appCallback)) return target;
      next = { url: target, method: 'GET' };
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`The provider answered ${res.status}: ${html.slice(0, 500)}`);
    // The development interaction: a sign-in form, then a consent form, both posted to the page itself.
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (prompt === 'login') next = { url: next.url, method: 'POST', body: new URLSearchParams({ prompt, login: subject, password: 'any' }).toString() };
    else if (prompt === 'consent') next = { url: next.url, method: 'POST', body: new URLSearchParams({ prompt }).toString() };
    else throw new Error(`Unexpected page at the provider: ${html.slice(0, 500)}`);
  }
  throw new Error('The provider never sent the browser back to the app');
}
