import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where a sealed value lives: its ciphertext opens only there (a value copied to another row or column does not). */
export interface SealBinding {
  table: string;
  column: string;
  rowId: string | number;
}

const bindingText = (binding: SealBinding) => `sitong:${binding.table}.${binding.column}#${binding.rowId}`;

/**
 * Personal data (ID numbers, phones) and secrets are stored encrypted with AES-256-GCM, bound to
 * their table, column and row id as associated data; a keyed hash allows exact-match lookups (e.g.
 * matching a certificate body's list on ID number) without decrypting.
 */
export class PiiCipher {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The PII master key must be 32 bytes');
    this.encryptionKey = crypto.createHmac('sha256', masterKey).update('sitong-pii-encryption').digest();
    this.lookupKey = crypto.createHmac('sha256', masterKey).update('sitong-pii-lookup').digest();
  }

  encrypt(plain: string, binding: SealBinding): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(bindingText(binding), 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v2:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Opens a value sealed for this binding; throws when it was sealed for another row, column or key, or was altered. */
  decrypt(sealed: string, binding: SealBinding): string {
    const version = sealed.slice(0, 3);
    if (version !== 'v2:' && version !== 'v1:') throw new Error('Unknown PII envelope');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    // v1 (before binding) has no associated data; `npm run keys -- rotate` re-seals such values as v2.
    if (version === 'v2:') decipher.setAAD(Buffer.from(bindingText(binding), 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  lookupHash(plain: string): string {
    return crypto.createHmac('sha256', this.lookupKey).update(plain.trim().toUpperCase()).digest('hex');
  }
}

/** 120101199001011234 → 120***********1234 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 7) + idNumber.slice(-4);
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Key from SITONG_SECRET_KEY (base64, 32 bytes) or a key file, created once (mode 600) where the configuration says. */
export function loadMasterKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.SITONG_SECRET_KEY) {
    const key = Buffer.from(env.SITONG_SECRET_KEY, 'base64');
    if (key.length !== 32) throw new Error('SITONG_SECRET_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  if (fs.existsSync(`${keyFile}.next`))
    throw new Error(`A key rotation was interrupted (${keyFile}.next exists): run \`npm run keys -- rotate --resume\` first`);
  if (fs.existsSync(keyFile)) return Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(keyFile, key.toString('base64'), { mode: 0o600 });
  return key;
}
