import { describe, expect, it } from 'vitest';
import { academicYearOf, bandsAreOrdered, classify, defaultBands, periodPattern, scheduledPeriods } from './rules.ts';

describe('threshold bands and warning levels', () => {
  it('derives default bands from the target on the failing side', () => {
    expect(defaultBands(0.3, '>=')).toEqual({ yellow: 0.27, orange: 0.225 });
    expect(defaultBands(120, '>=')).toEqual({ yellow: 108, orange: 90 });
    expect(defaultBands(10, '<=')).toEqual({ yellow: 11, orange: 12.5 });
  });

  it('classifies a value against target and bands (at least)', () => {
    const bands = { yellow: 0.27, orange: 0.225 };
    expect(classify(0.3, 0.3, '>=', bands)).toBe('met');
    expect(classify(0.45, 0.3, '>=', bands)).toBe('met');
    expect(classify(0.29, 0.3, '>=', bands)).toBe('yellow');
    expect(classify(0.27, 0.3, '>=', bands)).toBe('yellow');
    expect(classify(0.25, 0.3, '>=', bands)).toBe('orange');
    expect(classify(0.2, 0.3, '>=', bands)).toBe('red');
  });

  it('classifies a value against target and bands (at most)', () => {
    const bands = { yellow: 11, orange: 12.5 };
    expect(classify(9, 10, '<=', bands)).toBe('met');
    expect(classify(10.5, 10, '<=', bands)).toBe('yellow');
    expect(classify(12, 10, '<=', bands)).toBe('orange');
    expect(classify(13, 10, '<=', bands)).toBe('red');
  });

  it('accepts only bands ordered from mild to severe on the failing side', () => {
    expect(bandsAreOrdered(0.3, '>=', { yellow: 0.27, orange: 0.2 })).toBe(true);
    expect(bandsAreOrdered(0.3, '>=', { yellow: 0.3, orange: 0.3 })).toBe(true);
    expect(bandsAreOrdered(0.3, '>=', { yellow: 0.35, orange: 0.2 })).toBe(false);
    expect(bandsAreOrdered(0.3, '>=', { yellow: 0.2, orange: 0.25 })).toBe(false);
    expect(bandsAreOrdered(10, '<=', { yellow: 11, orange: 12 })).toBe(true);
    expect(bandsAreOrdered(10, '<=', { yellow: 9, orange: 12 })).toBe(false);
  });

  it('accepts academic years and terms as periods', () => {
    for (const ok of ['2025', '2025-2026', '2025-2026-1']) expect(periodPattern.test(ok)).toBe(true);
    for (const bad of ['25-26', '2025-2026-3', 'last year', '']) expect(periodPattern.test(bad)).toBe(false);
  });
});

describe('the periods the scheduler computes', () => {
  it('takes the academic year in progress (from 1 September, Beijing time) and the year before', () => {
    expect(academicYearOf(new Date('2026-12-02T19:17:00Z'))).toBe('2026-2027');
    expect(scheduledPeriods(new Date('2026-12-02T19:17:00Z'))).toEqual(['2026-2027', '2025-2026']);
    // 31 August 23:30 in Beijing is still the old year; 1 September 00:30 in Beijing (16:30 UTC the day before) the new one.
    expect(academicYearOf(new Date('2026-08-31T15:30:00Z'))).toBe('2025-2026');
    expect(academicYearOf(new Date('2026-08-31T16:30:00Z'))).toBe('2026-2027');
    expect(academicYearOf(new Date('2027-01-15T00:00:00Z'))).toBe('2026-2027');
  });
});
