/**
 * Random secrets and how they are kept: sessions and access tokens are long random strings, so a SHA-256 of them is
 * enough at rest (a password, which a person chooses, gets argon2id instead: passwords.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

export const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Letters and digits a person can read aloud and type without confusing 0/O or 1/l/I. */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password an admin reads out or hands over: 16 characters in four groups, about 79 bits. */
export function oneTimePassword(): string {
  const chars = [...randomBytes(16)].map((b) => READABLE[b % READABLE.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
