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
