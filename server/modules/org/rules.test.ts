import { describe, expect, it } from 'vitest';
import {
  canChangeMajorStatus,
  defaultFirstWeek,
  idCheckCharacter,
  isMajorCode,
  isPlainCode,
  isValidIdNumber,
  isValidMobile,
  teachingWeekOn,
  teachingWeeks,
  termCode,
  termDatesProblem,
} from './rules.ts';

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

describe('term dates and the first teaching week', () => {
  const term = { startsOn: '2026-09-01', endsOn: '2027-01-17', firstWeekStartsOn: '2026-09-07' };
  it('week 1 begins on the first Monday of the term unless said otherwise', () => {
    expect(defaultFirstWeek('2026-09-01')).toBe('2026-09-07');
    expect(defaultFirstWeek('2026-08-31')).toBe('2026-08-31');
  });
  it('accepts a Monday within the term, the start day included', () => {
    expect(termDatesProblem(term)).toBeNull();
    expect(termDatesProblem({ ...term, startsOn: '2026-08-31', firstWeekStartsOn: '2026-08-31' })).toBeNull();
    expect(termDatesProblem({ ...term, firstWeekStartsOn: '2026-09-14' })).toBeNull();
  });
  it('refuses an end before the start, a term with no Monday, a first week not on a Monday or outside the term', () => {
    expect(termDatesProblem({ ...term, endsOn: '2026-09-01' })).toEqual({ problem: 'term.ends_before_start', field: 'endsOn' });
    expect(termDatesProblem({ startsOn: '2026-09-01', endsOn: '2026-09-05', firstWeekStartsOn: '2026-09-07' })).toEqual({
      problem: 'term.no_monday',
      field: 'endsOn',
    });
    expect(termDatesProblem({ ...term, firstWeekStartsOn: '2026-09-08' })?.problem).toBe('term.first_week_not_monday');
    expect(termDatesProblem({ ...term, firstWeekStartsOn: '2026-08-31' })?.problem).toBe('term.first_week_outside');
    expect(termDatesProblem({ ...term, firstWeekStartsOn: '2027-01-18' })?.problem).toBe('term.first_week_outside');
  });
  it('counts teaching weeks from the first week, not from the start date', () => {
    expect(teachingWeeks(term)).toBe(19);
    expect(teachingWeeks({ ...term, firstWeekStartsOn: '2026-09-14' })).toBe(18);
    expect(teachingWeekOn(term, '2026-09-06')).toBeNull();
    expect(teachingWeekOn(term, '2026-09-07')).toBe(1);
    expect(teachingWeekOn(term, '2026-11-02')).toBe(9);
    expect(teachingWeekOn(term, '2027-01-18')).toBeNull();
  });
});
