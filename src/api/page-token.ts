/**
 * Page tokens handed to callers are the store's own, with a MAC: a token the
 * API did not issue is refused as a bad field before it reaches Temporal
 * (whose visibility store answers a made-up or carried-over token with an
 * opaque failure).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TokenKeys } from '../auth/server-secret';

const MAC_BYTES = 16;

export function pageTokens(keys: TokenKeys) {
  // Bound to the list it came from: a token carried over to another filter is refused too.
  const mac = (raw: Buffer, list: string) =>
    createHmac('sha256', keys.secret).update(`page-token\0${list}\0`).update(raw).digest().subarray(0, MAC_BYTES);
  return {
    seal(raw: string | null, list: string): string | null {
      if (raw === null) return null;
      const bytes = Buffer.from(raw, 'base64url');
      return Buffer.concat([mac(bytes, list), bytes]).toString('base64url');
    },
    /** The store's token, or null when the token was not issued by this API. */
    open(token: string, list: string): string | null {
      const all = Buffer.from(token, 'base64url');
      if (all.length <= MAC_BYTES) return null;
      const bytes = all.subarray(MAC_BYTES);
      return timingSafeEqual(all.subarray(0, MAC_BYTES), mac(bytes, list)) ? bytes.toString('base64url') : null;
    },
  };
}
