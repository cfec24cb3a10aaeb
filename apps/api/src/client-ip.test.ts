import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp, parseTrustedProxies } from './client-ip.ts';
import { readEnv } from './env.ts';
import { lockSecondsAfter } from './rate-limit.ts';

const request = (peer: string | undefined, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('client address', () => {
  it('is the socket address when no proxy is trusted, whatever the header says', () => {
    expect(clientIp(request('127.0.0.5', '203.0.113.9'), '')).toBe('127.0.0.5');
    expect(clientIp(request('::ffff:192.0.2.7', '203.0.113.9'), '')).toBe('192.0.2.7');
    expect(clientIp(request(undefined), '')).toBeNull();
  });

  it('is the socket address when the peer is not one of the trusted proxies', () => {
    expect(clientIp(request('192.0.2.7', '203.0.113.9'), '10.0.0.0/8')).toBe('192.0.2.7');
  });

  it('behind trusted proxies is the rightmost address that is not a trusted proxy', () => {
    const trusted = '10.0.0.0/8, 192.0.2.1, fd00::/8';
    expect(clientIp(request('10.0.0.2', '203.0.113.9'), trusted)).toBe('203.0.113.9');
    // Left entries are the client's own words: a spoofed "1.1.1.1" is passed over.
    expect(clientIp(request('10.0.0.2', '1.1.1.1, 203.0.113.9, 192.0.2.1'), trusted)).toBe('203.0.113.9');
    expect(clientIp(request('::ffff:10.0.0.2', '2001:db8::1, fd00::5'), trusted)).toBe('2001:db8::1');
    // No header, or only trusted hops: the nearest address there is.
    expect(clientIp(request('10.0.0.2'), trusted)).toBe('10.0.0.2');
    expect(clientIp(request('10.0.0.2', '10.9.9.9'), trusted)).toBe('10.9.9.9');
    // Garbage stops the walk at the last address a trusted proxy vouched for.
    expect(clientIp(request('10.0.0.2', '203.0.113.9, not-an-ip'), trusted)).toBe('10.0.0.2');
  });

  it('refuses a TRUSTED_PROXIES entry that is no address or range, naming it', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, example.org')).toThrow('"example.org"');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
    expect(() => readEnv({ DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://x', TRUSTED_PROXIES: '10.0.0.0/x' })).toThrow(/TRUSTED_PROXIES: not an IP address or CIDR range: "10.0.0.0\/x"/);
    expect(readEnv({ DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://x' }).TRUSTED_PROXIES).toBe('');
  });
});

describe('sign-in lock backoff', () => {
  it('starts after the limit, doubles with every further failure, and stops at the cap', () => {
    const limits = { perAccountIp: 5, perIp: 20, windowSeconds: 900, lockSeconds: 60, lockMaxSeconds: 3600, perAccount: 100 };
    expect([1, 4, 5, 6, 7, 10, 11, 50].map((n) => lockSecondsAfter(n, limits))).toEqual([0, 0, 60, 120, 240, 1920, 3600, 3600]);
  });
});
