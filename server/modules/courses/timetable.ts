/**
 * A student's term as a calendar (pure, no I/O): the period timetable (作息时间表: when each 节次
 * begins and ends), which programme term (第几学期) a calendar term is for a cohort, when a weekly
 * meeting takes place, and the .ics file of a timetable.
 */
import ical, { ICalEventRepeatingFreq } from 'ical-generator';
import { addDays, institutionInstant } from '../../platform/calendar.ts';
import { type Meeting } from './rules.ts';

export interface PeriodTime {
  period: number;
  /** HH:MM, Beijing time. */
  startsAt: string;
  endsAt: string;
}

/**
 * The period timetable an institution starts with (the seeds give none): 45-minute periods with
 * 10-minute breaks and a 20-minute break mid-morning and mid-afternoon; four in the morning, four in
 * the afternoon, four in the evening. 教务 sets the institution's own.
 */
export const defaultPeriodTimes: PeriodTime[] = [
  ['08:00', '08:45'],
  ['08:55', '09:40'],
  ['10:00', '10:45'],
  ['10:55', '11:40'],
  ['14:00', '14:45'],
  ['14:55', '15:40'],
  ['16:00', '16:45'],
  ['16:55', '17:40'],
  ['18:30', '19:15'],
  ['19:25', '20:10'],
  ['20:20', '21:05'],
  ['21:15', '22:00'],
].map(([startsAt, endsAt], index) => ({ period: index + 1, startsAt: startsAt!, endsAt: endsAt! }));

/** The most periods a day may have (a meeting's periods are 1–14). */
export const maxPeriods = 14;

export type PeriodTimesProblem =
  | { problem: 'period_times.count'; params: { max: number } }
  | { problem: 'period_times.numbering'; params: { period: number; expected: number } }
  | { problem: 'period_times.time'; params: { period: number } }
  | { problem: 'period_times.order'; params: { period: number } }
  | { problem: 'period_times.overlap'; params: { period: number; previous: number } };

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Why a period timetable cannot be used, or null: periods 1…n in order, each ending after it starts
 * and starting after the one before ends.
 */
export function periodTimesProblem(periods: PeriodTime[]): PeriodTimesProblem | null {
  if (periods.length < 1 || periods.length > maxPeriods) return { problem: 'period_times.count', params: { max: maxPeriods } };
  for (const [index, entry] of periods.entries()) {
    if (entry.period !== index + 1) return { problem: 'period_times.numbering', params: { period: entry.period, expected: index + 1 } };
    if (!clock.test(entry.startsAt) || !clock.test(entry.endsAt)) return { problem: 'period_times.time', params: { period: entry.period } };
    if (entry.startsAt >= entry.endsAt) return { problem: 'period_times.order', params: { period: entry.period } };
    const previous = periods[index - 1];
    if (previous && entry.startsAt < previous.endsAt)
      return { problem: 'period_times.overlap', params: { period: entry.period, previous: previous.period } };
  }
  return null;
}

/** Which term of the programme (1 = the cohort's first autumn) a calendar term is: 2026-2027 term 2 is term 6 for cohort 2024. */
export function programmeTermNo(cohortYear: number, term: { academicYear: string; termNo: number }): number {
  const startYear = Number(term.academicYear.slice(0, 4));
  return (startYear - cohortYear) * 2 + term.termNo;
}

export interface TermCalendar {
  /** The Monday of teaching week 1. */
  firstWeekStartsOn: string;
  /** How many teaching weeks the term has. */
  weeks: number;
}

export interface Occurrence {
  week: number;
  date: string;
  start: Date;
  end: Date;
}

/**
 * Every class of a weekly meeting in the term: its weeks that fall in the term's teaching weeks, at
 * the times of its first and last period. None when a period is not in the period timetable.
 */
export function meetingOccurrences(term: TermCalendar, meeting: Meeting, periods: PeriodTime[]): Occurrence[] {
  const first = periods.find((entry) => entry.period === meeting.firstPeriod);
  const last = periods.find((entry) => entry.period === meeting.lastPeriod);
  if (!first || !last) return [];
  const occurrences: Occurrence[] = [];
  for (let week = Math.max(1, meeting.firstWeek); week <= Math.min(meeting.lastWeek, term.weeks); week += 1) {
    const date = addDays(term.firstWeekStartsOn, (week - 1) * 7 + meeting.weekday - 1);
    occurrences.push({ week, date, start: institutionInstant(date, first.startsAt), end: institutionInstant(date, last.endsAt) });
  }
  return occurrences;
}

export interface CalendarEntry {
  /** Stable across exports, so that a calendar re-importing the file updates instead of duplicating. */
  uid: string;
  summary: string;
  location: string | null;
  description: string;
  meeting: Meeting;
}

/**
 * The .ics file (RFC 5545) of a timetable: one weekly event per meeting (RRULE FREQ=WEEKLY with its
 * count of classes), times in UTC so that every calendar places them right without a VTIMEZONE.
 */
export function timetableCalendar(input: {
  name: string;
  term: TermCalendar;
  periods: PeriodTime[];
  entries: CalendarEntry[];
  stamp: Date;
}): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: 'Sitong', product: 'timetable', language: 'ZH' },
    x: { 'X-WR-TIMEZONE': 'Asia/Shanghai' },
  });
  for (const entry of input.entries) {
    const occurrences = meetingOccurrences(input.term, entry.meeting, input.periods);
    if (occurrences.length === 0) continue;
    calendar.createEvent({
      id: entry.uid,
      start: occurrences[0]!.start,
      end: occurrences[0]!.end,
      stamp: input.stamp,
      summary: entry.summary,
      location: entry.location,
      description: entry.description,
      repeating: occurrences.length > 1 ? { freq: ICalEventRepeatingFreq.WEEKLY, count: occurrences.length } : null,
    });
  }
  return calendar.toString();
}
