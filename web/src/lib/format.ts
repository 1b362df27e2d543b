import dayjs from 'dayjs';

/** A point in time as the UI shows it: 2026-12-01 08:30 (— when there is none). */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

/** Credits and hours to one decimal place. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
