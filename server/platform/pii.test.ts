import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, PiiCipher } from './pii.ts';
import { escapeFormula } from './imports/spreadsheet.ts';
import { localeFromHeader, messageCatalog, translate } from './messages.ts';
import '../modules/org/messages.ts';
import '../modules/courses/messages.ts';
import '../modules/creditbank/messages.ts';

describe('personal data', () => {
  const cipher = new PiiCipher(Buffer.alloc(32, 1));
  const at = { table: 'students', column: 'id_number_enc', rowId: 7 };
  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = cipher.encrypt('11010519491231002X', at);
    const b = cipher.encrypt('11010519491231002X', at);
    expect(a).not.toBe(b);
    expect(a.startsWith('v2:')).toBe(true);
    expect(a).not.toContain('1101051949');
    expect(cipher.decrypt(a, at)).toBe('11010519491231002X');
  });
  it('detects tampering and a wrong key', () => {
    const sealed = cipher.encrypt('13812345678', at);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v2:${raw.toString('base64')}`, at)).toThrow();
    expect(() => new PiiCipher(Buffer.alloc(32, 2)).decrypt(sealed, at)).toThrow();
  });
  it('a value opens only in the row, column and table it was sealed for', () => {
    const sealed = cipher.encrypt('11010519491231002X', at);
    expect(() => cipher.decrypt(sealed, { ...at, rowId: 8 })).toThrow();
    expect(() => cipher.decrypt(sealed, { ...at, column: 'phone_enc' })).toThrow();
    expect(() => cipher.decrypt(sealed, { ...at, table: 'teachers' })).toThrow();
    expect(cipher.decrypt(sealed, { ...at })).toBe('11010519491231002X');
  });
  it('still opens values sealed before binding (v1), which key rotation re-seals', () => {
    const key = crypto.createHmac('sha256', Buffer.alloc(32, 1)).update('sitong-pii-encryption').digest();
    const iv = crypto.randomBytes(12);
    const legacy = crypto.createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([legacy.update('13812345678', 'utf8'), legacy.final()]);
    const v1 = `v1:${Buffer.concat([iv, legacy.getAuthTag(), body]).toString('base64')}`;
    expect(cipher.decrypt(v1, at)).toBe('13812345678');
    expect(() => cipher.decrypt('v9:abc', at)).toThrow('Unknown PII envelope');
  });
  it('hashes for lookup deterministically, case-insensitively, and per key', () => {
    expect(cipher.lookupHash('11010519491231002x')).toBe(cipher.lookupHash('11010519491231002X'));
    expect(new PiiCipher(Buffer.alloc(32, 2)).lookupHash('x')).not.toBe(cipher.lookupHash('x'));
  });
  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('spreadsheet formula escaping', () => {
  it('prefixes text a spreadsheet would evaluate', () => {
    for (const dangerous of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(dangerous)).toBe(`'${dangerous}`);
    for (const safe of ['张三', '430401', 'a=b']) expect(escapeFormula(safe)).toBe(safe);
    expect(escapeFormula(42)).toBe(42);
  });
});

describe('messages', () => {
  it('every message has zh-CN and English text with the same placeholders', () => {
    expect(messageCatalog().length).toBeGreaterThan(200);
    for (const [key, texts] of messageCatalog()) {
      // `{count:problem|problems}` (an English count with its noun) is the placeholder `count`.
      const names = (text: string) => [...text.matchAll(/\{(\w+)(?::[^{}]*)?\}/g)].map((match) => match[1]!).sort();
      const zh = names(texts['zh-CN']);
      const en = names(texts.en);
      expect(en, key).toEqual(zh);
      expect(texts['zh-CN'].length, key).toBeGreaterThan(0);
      expect(texts.en.length, key).toBeGreaterThan(0);
    }
  });
  it('picks English only when asked first', () => {
    expect(localeFromHeader(undefined)).toBe('zh-CN');
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(translate('error.not_found', 'en', { entity: 'major', id: 7 })).toBe('No major with id 7');
  });
  it("a parameter given in both languages is shown in the reader's", () => {
    const status = { 'zh-CN': '已发布', en: 'published' };
    expect(translate('programme.bad_transition', 'zh-CN', { from: status, action: { 'zh-CN': '提交', en: 'submit' } })).toBe(
      '培养方案当前为“已发布”，不能执行“提交”',
    );
    expect(translate('programme.bad_transition', 'en', { from: status, action: { 'zh-CN': '提交', en: 'submit' } })).toBe(
      'The programme is published; "submit" is not possible',
    );
  });
});
