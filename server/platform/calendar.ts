/**
 * The calendar day as the cluster's users live it. Dates such as a rule's validity are calendar
 * days in China (UTC+8, no daylight saving); the server's clock is UTC, and between 00:00 and 08:00
 * Beijing time the UTC date is still yesterday.
 */
export const institutionTimeZone = 'Asia/Shanghai';

const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: institutionTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The ISO date (YYYY-MM-DD) of an instant in the institution's time zone. */
export function institutionDate(at: Date = new Date()): string {
  return isoDayFormat.format(at);
}

const dayMs = 86_400_000;
const utcDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  return ((new Date(utcDay(isoDate)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday on or after a calendar day. */
export function mondayOnOrAfter(isoDate: string): string {
  return isoOf(utcDay(isoDate) + ((8 - isoWeekday(isoDate)) % 7) * dayMs);
}

/**
 * The teaching week (教学周) a calendar day falls in, counted from the Monday of week 1: that Monday
 * to the Sunday after is week 1. Days before week 1 give 0 or less.
 */
export function teachingWeekOf(firstWeekMonday: string, isoDate: string): number {
  return Math.floor((utcDay(isoDate) - utcDay(firstWeekMonday)) / (7 * dayMs)) + 1;
}

/** The calendar day a number of days after (or before) another. */
export function addDays(isoDate: string, days: number): string {
  return isoOf(utcDay(isoDate) + days * dayMs);
}

/**
 * The instant of a wall-clock time (HH:MM) on a calendar day in the institution's time zone. China
 * has kept UTC+8 all year since 1991, so the offset is fixed.
 */
export function institutionInstant(isoDate: string, time: string): Date {
  return new Date(`${isoDate}T${time}:00+08:00`);
}
