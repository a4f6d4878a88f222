/**
 * Passwords: argon2id (RFC 9106) through @node-rs/argon2's prebuilt binaries, with OWASP's minimum parameters
 * written out so a library upgrade cannot weaken them silently; and the rules a new password must meet, with the
 * reason in Vietnamese and English.
 */
import { hash, verify } from '@node-rs/argon2';

const PARAMS = {
  // Algorithm.Argon2id: the package declares its enum as an ambient const enum, which isolated modules cannot read.
  algorithm: 2 as const,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string) => hash(password, PARAMS);

/** A hash of nothing anyone knows, verified when the username is unknown so that its answer takes as long. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await (decoy ??= hashPassword('decoy: no such account')), password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 200;

/** Why a new password is refused, or null. Length matters more than character classes (NIST SP 800-63B). */
export function passwordProblem(
  password: string,
  context: { username: string; fullName: string; current?: string },
): { vi: string; en: string } | null {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return {
      vi: `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
      en: `the password must have at least ${PASSWORD_MIN_LENGTH} characters`,
    };
  if (password.length > PASSWORD_MAX_LENGTH)
    return {
      vi: `Mật khẩu dài quá ${PASSWORD_MAX_LENGTH} ký tự`,
      en: `the password is longer than ${PASSWORD_MAX_LENGTH} characters`,
    };
  const lower = password.toLowerCase();
  if (lower.includes(context.username.toLowerCase()))
    return { vi: 'Mật khẩu không được chứa tên đăng nhập', en: 'the password must not contain the username' };
  if (context.fullName && lower === context.fullName.toLowerCase())
    return { vi: 'Mật khẩu không được là họ tên', en: 'the password must not be the full name' };
  if (context.current !== undefined && password === context.current)
    return { vi: 'Mật khẩu mới phải khác mật khẩu cũ', en: 'the new password must differ from the old one' };
  if (new Set(password).size < 4) return { vi: 'Mật khẩu quá đơn giản', en: 'the password is too simple' };
  return null;
}
