import { describe, expect, it } from 'vitest';
import { addDays, institutionDate, institutionInstant, isoWeekday, mondayOnOrAfter, teachingWeekOf } from './calendar.ts';

describe('institutionDate', () => {
  it('is already the next day in Beijing at 16:00 UTC and later', () => {
    expect(institutionDate(new Date('2026-09-01T15:59:59Z'))).toBe('2026-09-01');
    expect(institutionDate(new Date('2026-09-01T16:00:00Z'))).toBe('2026-09-02');
  });
  it('crosses the year boundary at Beijing midnight', () => {
    expect(institutionDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(institutionDate(new Date('2026-12-31T15:30:00Z'))).toBe('2026-12-31');
  });
});

describe('teaching weeks', () => {
  it('knows the weekday of a date', () => {
    expect(isoWeekday('2026-08-31')).toBe(1);
    expect(isoWeekday('2026-09-06')).toBe(7);
  });
  it('the Monday on or after a day is that day when it is a Monday', () => {
    expect(mondayOnOrAfter('2026-08-31')).toBe('2026-08-31');
    expect(mondayOnOrAfter('2026-09-01')).toBe('2026-09-07');
    expect(mondayOnOrAfter('2026-09-06')).toBe('2026-09-07');
    expect(mondayOnOrAfter('2026-12-29')).toBe('2027-01-04');
  });
  it('counts weeks from the Monday of week 1, Sunday still in the week', () => {
    expect(teachingWeekOf('2026-09-07', '2026-09-07')).toBe(1);
    expect(teachingWeekOf('2026-09-07', '2026-09-13')).toBe(1);
    expect(teachingWeekOf('2026-09-07', '2026-09-14')).toBe(2);
    expect(teachingWeekOf('2026-09-07', '2026-09-06')).toBe(0);
    expect(teachingWeekOf('2026-09-07', '2027-01-17')).toBe(19);
  });
  it('counts across month ends and a leap day', () => {
    expect(teachingWeekOf('2027-03-01', '2027-03-29')).toBe(5);
    expect(teachingWeekOf('2024-02-26', '2024-03-04')).toBe(2);
  });
});

describe('days and times of the institution', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2027-02-22', 3)).toBe('2027-02-25');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2024-02-26', 3)).toBe('2024-02-29');
    expect(addDays('2026-09-07', -1)).toBe('2026-09-06');
  });
  it('places a Beijing wall-clock time at its instant, eight hours ahead of UTC', () => {
    expect(institutionInstant('2027-02-25', '08:00').toISOString()).toBe('2027-02-25T00:00:00.000Z');
    expect(institutionInstant('2027-02-25', '07:30').toISOString()).toBe('2027-02-24T23:30:00.000Z');
    expect(institutionDate(institutionInstant('2027-02-25', '00:10'))).toBe('2027-02-25');
  });
});
