/**
 * Quiet hours (免打扰时段): a span of the day, Beijing time, in which a person's e-mail waits. The
 * span may cross midnight (22:00–07:00). Pure functions, so they are tested for every edge.
 */
const beijingOffsetMinutes = 8 * 60;
const minutesPerDay = 24 * 60;

export interface QuietHours {
  /** Minutes after midnight, Beijing time (0–1439). */
  start: number;
  end: number;
}

/** Minutes after Beijing midnight of an instant. */
export function beijingMinuteOfDay(at: Date): number {
  const minutes = Math.floor(at.getTime() / 60_000) + beijingOffsetMinutes;
  return ((minutes % minutesPerDay) + minutesPerDay) % minutesPerDay;
}

export function insideQuietHours(at: Date, quiet: QuietHours): boolean {
  const minute = beijingMinuteOfDay(at);
  return quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
}

/** When a message due `at` may go: `at` itself outside quiet hours, else the moment they end. */
export function releaseTime(at: Date, quiet: QuietHours | null): Date {
  if (!quiet || !insideQuietHours(at, quiet)) return at;
  const minute = beijingMinuteOfDay(at);
  const wait = (quiet.end - minute + minutesPerDay) % minutesPerDay;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}

/** "22:30" ↔ 1350. */
export function parseClock(text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
