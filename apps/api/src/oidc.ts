import * as client from 'openid-client';
import type { ApiEnv } from './env.ts';

/** What the sign-in page learns of OIDC: whether it is on, and the button's label. */
export function oidcPublicInfo(env: ApiEnv): { label: string } | null {
  return env.OIDC_ISSUER ? { label: env.OIDC_BUTTON_LABEL } : null;
}

/**
 * The OpenID provider, discovered on first use and remembered. A provider that cannot be reached
 * is not remembered: the next sign-in tries again, and the API starts whether it is up or not.
 */
export class OidcProvider {
  private pending: Promise<client.Configuration> | null = null;
  readonly issuer: URL;

  constructor(
    private readonly env: ApiEnv & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string },
    private readonly timeoutSeconds = 10,
  ) {
    // env.ts allows plain http for a provider on this machine only.
    this.issuer = new URL(env.OIDC_ISSUER);
  }

  static fromEnv(env: ApiEnv): OidcProvider | null {
    const { OIDC_ISSUER, OIDC_CLIENT_ID } = env;
    return OIDC_ISSUER && OIDC_CLIENT_ID ? new OidcProvider({ ...env, OIDC_ISSUER, OIDC_CLIENT_ID }) : null;
  }

  get scopes(): string {
    return this.env.OIDC_SCOPES;
  }

  configuration(): Promise<client.Configuration> {
    this.pending ??= this.discover().catch((error: unknown) => {
      this.pending = null;
      throw error;
    });
    return this.pending;
  }

  private discover(): Promise<client.Configuration> {
    const secret = this.env.OIDC_CLIENT_SECRET;
    return client.discovery(
      this.issuer,
      this.env.OIDC_CLIENT_ID,
      secret ? { client_secret: secret } : {},
      secret ? client.ClientSecretPost(secret) : client.None(),
      { timeout: this.timeoutSeconds, execute: this.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [] },
    );
  }
}

/** Whether an error of openid-client means the provider could not be reached (rather than refused). */
export function isProviderUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  // A provider answering 5xx (or a proxy's error page) instead of JSON.
  const code = (error as { code?: string }).code;
  return code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON';
}
