import dayjs from 'dayjs';

/** A point in time as the UI shows it: 2026-12-01 08:30 (— when there is none). */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

/** Credits and hours to one decimal place. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Punctuation around UI text: full-width in Chinese, half-width with a space in English
 * (开始时间：… / Opens: …, 何震（2024…） / He Zhen (2024…)).
 */
export function marks(language: string) {
  const english = language === 'en';
  const open = english ? ' (' : '（';
  const close = english ? ')' : '）';
  return {
    colon: english ? ': ' : '：',
    list: english ? ', ' : '、',
    semicolon: english ? '; ' : '；',
    open,
    close,
    /** "何震（2024…）" / "He Zhen (2024…)". */
    paren: (inner: string | number) => `${open}${inner}${close}`,
  };
}
