import { createHash, randomBytes } from 'node:crypto';

/** A new link token (32 random bytes, base64url, 43 characters) and the SHA-256 (hex) that is stored instead of it. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export const hashLinkToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
