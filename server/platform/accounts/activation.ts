/**
 * One-time activation codes: how a provisioned account is first opened (never a shared default
 * password). Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 59 bits;
 * only a hash is stored, a code expires, and it opens one session that must choose a password.
 */
import crypto from 'node:crypto';

const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const activationRules = {
  /** Days a code stays valid (a class teacher hands out the sheet in the first week). */
  validDays: 14,
};

export function newActivationCode(): string {
  const bytes = crypto.randomBytes(12);
  let code = '';
  // 256 is not a multiple of 31: bytes past the last whole multiple are redrawn, so every character is equally likely.
  for (let index = 0; code.length < 12; index++) {
    const byte = index < bytes.length ? bytes[index]! : crypto.randomBytes(1)[0]!;
    if (byte >= 248) continue;
    code += alphabet[byte % alphabet.length];
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** As typed: case, spaces and dashes do not matter. */
export const normaliseActivationCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

export const activationCodeHash = (code: string) =>
  crypto
    .createHash('sha256')
    .update(`activation:${normaliseActivationCode(code)}`)
    .digest('hex');

/** Whether `typed` is the stored code, still valid (compared in constant time). */
export function activationMatches(
  stored: { codeHash: string; expiresAt: Date } | null | undefined,
  typed: string,
  now = new Date(),
): boolean {
  if (!stored || stored.expiresAt <= now) return false;
  const a = Buffer.from(stored.codeHash, 'hex');
  const b = Buffer.from(activationCodeHash(typed), 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Stored instead of a password hash while an account waits for activation: no password verifies against it. */
export const noPasswordYet = '!activation-pending';
