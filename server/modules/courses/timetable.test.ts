import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { institutionDate } from '../../platform/calendar.ts';
import {
  defaultPeriodTimes,
  meetingOccurrences,
  periodTimesProblem,
  programmeTermNo,
  timetableCalendar,
  type PeriodTime,
} from './timetable.ts';

const term = { firstWeekStartsOn: '2027-02-22', weeks: 20 };
const beijing = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(date);

describe('the period timetable', () => {
  it('defaults to twelve periods that follow each other', () => {
    expect(defaultPeriodTimes).toHaveLength(12);
    expect(defaultPeriodTimes[0]).toEqual({ period: 1, startsAt: '08:00', endsAt: '08:45' });
    expect(defaultPeriodTimes[3]).toEqual({ period: 4, startsAt: '10:55', endsAt: '11:40' });
    expect(periodTimesProblem(defaultPeriodTimes)).toBeNull();
  });

  it('refuses gaps in the numbering, bad clock times, a period ending before it starts, and overlaps', () => {
    const two = (second: Partial<PeriodTime>): PeriodTime[] => [
      { period: 1, startsAt: '08:00', endsAt: '08:45' },
      { period: 2, startsAt: '08:55', endsAt: '09:40', ...second },
    ];
    expect(periodTimesProblem([])).toMatchObject({ problem: 'period_times.count' });
    expect(periodTimesProblem(two({ period: 3 }))).toEqual({ problem: 'period_times.numbering', params: { period: 3, expected: 2 } });
    expect(periodTimesProblem(two({ startsAt: '8:55' }))).toMatchObject({ problem: 'period_times.time' });
    expect(periodTimesProblem(two({ endsAt: '24:00' }))).toMatchObject({ problem: 'period_times.time' });
    expect(periodTimesProblem(two({ endsAt: '08:55' }))).toEqual({ problem: 'period_times.order', params: { period: 2 } });
    expect(periodTimesProblem(two({ startsAt: '08:40' }))).toEqual({ problem: 'period_times.overlap', params: { period: 2, previous: 1 } });
    expect(periodTimesProblem(two({ startsAt: '08:45' }))).toBeNull();
  });
});

describe('terms of a programme', () => {
  it('counts from the cohort’s first autumn', () => {
    expect(programmeTermNo(2024, { academicYear: '2024-2025', termNo: 1 })).toBe(1);
    expect(programmeTermNo(2024, { academicYear: '2025-2026', termNo: 2 })).toBe(4);
    expect(programmeTermNo(2024, { academicYear: '2026-2027', termNo: 2 })).toBe(6);
    expect(programmeTermNo(2025, { academicYear: '2024-2025', termNo: 2 })).toBe(0);
  });
});

describe('classes of a weekly meeting', () => {
  it('fall on the meeting’s weekday of each of its weeks, at the first period’s start and the last period’s end', () => {
    const thursday = { weekday: 4, firstPeriod: 3, lastPeriod: 4, firstWeek: 1, lastWeek: 16 };
    const classes = meetingOccurrences(term, thursday, defaultPeriodTimes);
    expect(classes).toHaveLength(16);
    expect(classes[0]).toMatchObject({ week: 1, date: '2027-02-25' });
    expect(beijing(classes[0]!.start)).toBe('2027-02-25 10:00');
    expect(beijing(classes[0]!.end)).toBe('2027-02-25 11:40');
    expect(classes[15]).toMatchObject({ week: 16, date: '2027-06-10' });
  });

  it('keeps to the term’s teaching weeks and needs both periods in the timetable', () => {
    expect(
      meetingOccurrences(
        { ...term, weeks: 10 },
        { weekday: 1, firstPeriod: 1, lastPeriod: 2, firstWeek: 8, lastWeek: 16 },
        defaultPeriodTimes,
      ),
    ).toHaveLength(3);
    expect(
      meetingOccurrences(term, { weekday: 1, firstPeriod: 12, lastPeriod: 13, firstWeek: 1, lastWeek: 2 }, defaultPeriodTimes),
    ).toEqual([]);
  });
});

describe('the .ics file, read back by ical.js', () => {
  const file = timetableCalendar({
    name: '我的课表 2026-2027学年第二学期',
    term,
    periods: defaultPeriodTimes,
    stamp: new Date('2026-12-01T00:00:00Z'),
    entries: [
      {
        uid: 'sitong-section-8-0@sitong',
        summary: '智能产线集成（KZ-401-01）',
        location: '实训楼A109',
        description: 'KZ-401 · 4 学分; with a comma, a semicolon; and a\nline break',
        meeting: { weekday: 4, firstPeriod: 3, lastPeriod: 4, firstWeek: 1, lastWeek: 16 },
      },
      {
        uid: 'sitong-section-9-0@sitong',
        summary: '岗位实习',
        location: null,
        description: 'one class',
        meeting: { weekday: 1, firstPeriod: 9, lastPeriod: 11, firstWeek: 3, lastWeek: 3 },
      },
      {
        uid: 'sitong-section-10-0@sitong',
        summary: 'no times',
        location: null,
        description: '',
        meeting: { weekday: 2, firstPeriod: 13, lastPeriod: 14, firstWeek: 1, lastWeek: 16 },
      },
    ],
  });
  const calendar = new ICAL.Component(ICAL.parse(file));
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));

  it('is a calendar with one event per meeting that has times', () => {
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('我的课表 2026-2027学年第二学期');
    expect(events.map((event) => event.uid)).toEqual(['sitong-section-8-0@sitong', 'sitong-section-9-0@sitong']);
    expect(events[0]!.summary).toBe('智能产线集成（KZ-401-01）');
    expect(events[0]!.location).toBe('实训楼A109');
    expect(events[0]!.description).toBe('KZ-401 · 4 学分; with a comma, a semicolon; and a\nline break');
  });

  it('repeats weekly for the meeting’s weeks, each class at the period timetable’s times in Beijing', () => {
    const weekly = events[0]!;
    expect(weekly.isRecurring()).toBe(true);
    const iterator = weekly.iterator();
    const starts: Date[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) starts.push(next.toJSDate());
    expect(starts).toHaveLength(16);
    expect(beijing(starts[0]!)).toBe('2027-02-25 10:00');
    expect(beijing(starts[15]!)).toBe('2027-06-10 10:00');
    expect(starts.every((start) => new Date(start).getUTCDay() === 4)).toBe(true);
    expect(beijing(weekly.endDate.toJSDate())).toBe('2027-02-25 11:40');
    expect(institutionDate(starts[1]!)).toBe('2027-03-04');

    const once = events[1]!;
    expect(once.isRecurring()).toBe(false);
    expect(beijing(once.startDate.toJSDate())).toBe('2027-03-08 18:30');
    expect(beijing(once.endDate.toJSDate())).toBe('2027-03-08 21:05');
  });
});
