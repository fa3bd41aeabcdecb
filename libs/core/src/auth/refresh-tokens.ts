import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A refresh token is `<row id>.<secret>`; the row stores only SHA-256(secret). */
export function newRefreshToken(): { id: string; token: string; hash: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${id}.${secret}`, hash: sha256(secret) };
}

export function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const m = /^([0-9a-f-]{36})\.([\w-]{20,100})$/i.exec(token);
  return m ? { id: m[1].toLowerCase(), secret: m[2] } : null;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function hashMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
