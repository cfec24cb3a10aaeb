import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

const BASE = { DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://x' };

describe('the OIDC settings', () => {
  it('are off when unset or empty', () => {
    expect(readEnv(BASE).OIDC_ISSUER).toBeUndefined();
    const empty = readEnv({ ...BASE, OIDC_ISSUER: '', OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '', OIDC_REDIRECT_URL: '' });
    expect(empty.OIDC_ISSUER).toBeUndefined();
    expect(empty.OIDC_CLIENT_SECRET).toBeUndefined();
  });

  it('take an https issuer with its client, and default the rest', () => {
    const env = readEnv({ ...BASE, OIDC_ISSUER: 'https://id.example.de/realms/firma', OIDC_CLIENT_ID: 'workmate' });
    expect(env).toMatchObject({ OIDC_BUTTON_LABEL: 'SSO', OIDC_SCOPES: 'openid email profile', OIDC_REQUIRE_EMAIL_VERIFIED: true });
  });

  it('refuse an issuer without a client id, plain http to another machine, and scopes without openid', () => {
    expect(() => readEnv({ ...BASE, OIDC_ISSUER: 'https://id.example.de' })).toThrow(/OIDC_CLIENT_ID is required/);
    expect(() => readEnv({ ...BASE, OIDC_ISSUER: 'http://id.example.de', OIDC_CLIENT_ID: 'w' })).toThrow(/OIDC_ISSUER must use https/);
    expect(readEnv({ ...BASE, OIDC_ISSUER: 'http://127.0.0.1:8080', OIDC_CLIENT_ID: 'w' }).OIDC_ISSUER).toBe('http://127.0.0.1:8080');
    expect(readEnv({ ...BASE, OIDC_ISSUER: 'http://localhost:8080/realms/x', OIDC_CLIENT_ID: 'w' }).OIDC_ISSUER).toBe('http://localhost:8080/realms/x');
    expect(() => readEnv({ ...BASE, OIDC_ISSUER: 'ftp://id.example.de', OIDC_CLIENT_ID: 'w' })).toThrow(/OIDC_ISSUER must be an http\(s\) URL/);
    expect(() => readEnv({ ...BASE, OIDC_ISSUER: 'https://id.example.de', OIDC_CLIENT_ID: 'w', OIDC_SCOPES: 'email profile' })).toThrow(/must include openid/);
  });
});
