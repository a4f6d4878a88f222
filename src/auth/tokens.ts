/**
 * Signed tokens for the API: who the caller is, their role and the
 * organisation they act for. HS256 with a server secret (jose); the claims
 * are checked by zod after the signature, so a well-signed token with a
 * made-up role is still refused.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { OrgId } from '../schemas/common';

const Role = z.enum(['cell_secretary', 'committee', 'auditor', 'admin']);
export type Role = z.infer<typeof Role>;

export const Principal = z.object({
  userId: z.string().min(1).max(200),
  role: Role,
  /** The cell of a secretary, the committee of a committee user; the province for auditors and admins. */
  orgId: OrgId,
});
export type Principal = z.infer<typeof Principal>;

const ISSUER = 'party-pipeline';

export class Unauthenticated extends Error {}

export interface TokenKeys {
  secret: Uint8Array;
}

export function tokenKeys(secret: string): TokenKeys {
  if (secret.length < 32) throw new Error('configuration: PIPELINE_TOKEN_SECRET must be at least 32 characters');
  return { secret: new TextEncoder().encode(secret) };
}

/** expiresIn: a span like '8h', or the expiry instant in epoch seconds. */
export function issueToken(keys: TokenKeys, p: Principal, expiresIn: string | number = '8h'): Promise<string> {
  return new SignJWT({ role: p.role, org: p.orgId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(p.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keys.secret);
}

export async function verifyToken(keys: TokenKeys, token: string): Promise<Principal> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keys.secret, { issuer: ISSUER, algorithms: ['HS256'] }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new Unauthenticated('token expired');
    throw new Unauthenticated('token invalid (signature, issuer or format)');
  }
  const parsed = Principal.safeParse({ userId: payload.sub, role: payload.role, orgId: payload.org });
  if (!parsed.success) throw new Unauthenticated(`token claims invalid: ${parsed.error.issues[0]!.path.join('.')}`);
  return parsed.data;
}
