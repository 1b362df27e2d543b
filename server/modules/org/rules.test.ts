import { describe, expect, it } from 'vitest';
import { canChangeMajorStatus, idCheckCharacter, isMajorCode, isPlainCode, isValidIdNumber, isValidMobile, termCode } from './rules.ts';

describe('ID numbers (GB 11643)', () => {
  it('accepts a number whose check character matches', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check digit, a wrong length, letters and impossible dates', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('1101051949123100XX')).toBe(false);
    const feb30 = '11010519490230002';
    expect(isValidIdNumber(feb30 + idCheckCharacter(feb30))).toBe(false);
    const year1850 = '11010518500101002';
    expect(isValidIdNumber(year1850 + idCheckCharacter(year1850))).toBe(false);
  });
  it('every 17-digit prefix has exactly one valid check character', () => {
    const prefix = '12010120070101123';
    const valid = '0123456789X'.split('').filter((char) => isValidIdNumber(prefix + char));
    expect(valid).toEqual([idCheckCharacter(prefix)]);
  });
});

describe('codes and phones', () => {
  it('major codes have six digits', () => {
    expect(isMajorCode('430401')).toBe(true);
    for (const bad of ['43040', '4304011', '43040a', '', ' 430401']) expect(isMajorCode(bad)).toBe(false);
  });
  it('plain codes are letters, digits, - and _', () => {
    expect(isPlainCode('YJ2024-1_a')).toBe(true);
    for (const bad of ['', 'a b', '=1+1', '班级', 'x'.repeat(41)]) expect(isPlainCode(bad)).toBe(false);
  });
  it('mobiles have 11 digits starting with 13–19', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    for (const bad of ['12812345678', '1381234567', '138123456789', '1381234567a']) expect(isValidMobile(bad)).toBe(false);
  });
  it('term codes span consecutive years', () => {
    expect(termCode(2025, 1)).toBe('2025-2026-1');
    expect(termCode(2025, 2)).toBe('2025-2026-2');
  });
});

describe('major status changes', () => {
  it('allows 招生 ⇄ 停招 and either → 撤销; 撤销 is final; same status is no change', () => {
    expect(canChangeMajorStatus('enrolling', 'suspended')).toBe('ok');
    expect(canChangeMajorStatus('suspended', 'enrolling')).toBe('ok');
    expect(canChangeMajorStatus('enrolling', 'revoked')).toBe('ok');
    expect(canChangeMajorStatus('suspended', 'revoked')).toBe('ok');
    expect(canChangeMajorStatus('revoked', 'enrolling')).toBe('final');
    expect(canChangeMajorStatus('revoked', 'suspended')).toBe('final');
    for (const status of ['enrolling', 'suspended', 'revoked'] as const) expect(canChangeMajorStatus(status, status)).toBe('unchanged');
  });
});
