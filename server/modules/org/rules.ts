/** Pure rules of the organisation model: codes, ID numbers, phones, major status changes, term dates. */
import { isoWeekday, mondayOnOrAfter, teachingWeekOf } from '../../platform/calendar.ts';

export const majorStatuses = ['enrolling', 'suspended', 'revoked'] as const;
export type MajorStatus = (typeof majorStatuses)[number];
export const majorStatusLabels: Record<MajorStatus, { 'zh-CN': string; en: string }> = {
  enrolling: { 'zh-CN': '招生', en: 'Enrolling' },
  suspended: { 'zh-CN': '停招', en: 'Suspended' },
  revoked: { 'zh-CN': '撤销', en: 'Revoked' },
};

export const studentStatuses = ['enrolled', 'suspended', 'graduated', 'withdrawn'] as const;
export type StudentStatus = (typeof studentStatuses)[number];

/** A teacher's employment status (在职 / 离职 / 退休 / 停用). */
export const teacherStatuses = ['active', 'left', 'retired', 'inactive'] as const;
export const teacherStatusLabels: Record<(typeof teacherStatuses)[number], { 'zh-CN': string; en: string }> = {
  active: { 'zh-CN': '在职', en: 'Active' },
  left: { 'zh-CN': '离职', en: 'Left' },
  retired: { 'zh-CN': '退休', en: 'Retired' },
  inactive: { 'zh-CN': '停用', en: 'Inactive' },
};

export const majorLevels = ['secondary_vocational', 'higher_vocational', 'undergraduate', 'technician'] as const;
export const majorLevelLabels: Record<(typeof majorLevels)[number], { 'zh-CN': string; en: string }> = {
  secondary_vocational: { 'zh-CN': '中职', en: 'Secondary vocational' },
  higher_vocational: { 'zh-CN': '高职', en: 'Higher vocational' },
  undergraduate: { 'zh-CN': '职业本科', en: 'Vocational undergraduate' },
  technician: { 'zh-CN': '技工', en: 'Technician' },
};

export const institutionKinds = [
  'higher_vocational',
  'technician_college',
  'secondary_vocational',
  'undergraduate',
  'enterprise',
  'government_park',
  'industry_association',
] as const;
export const allianceKinds = ['vocational_group', 'city_consortium', 'industry_community'] as const;

/** National major catalogue codes (职业教育专业目录) have six digits. */
export function isMajorCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code);
}

/** Staff, student, class and department codes: letters, digits, '-' and '_'. */
export function isPlainCode(code: string): boolean {
  return /^[A-Za-z0-9_-]{1,40}$/.test(code);
}

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

/** GB 11643-1999 citizen ID: 17 digits + check character, with a real birth date. */
export function isValidIdNumber(idNumber: string): boolean {
  const value = idNumber.trim().toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  return idCheckCharacter(value.slice(0, 17)) === value[17];
}

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * idWeights[i]!;
  return idCheckChars[sum % 11]!;
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export function isValidMobile(phone: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(phone.trim());
}

/** 招生 ⇄ 停招 both ways; either may become 撤销, which is final. */
export function canChangeMajorStatus(from: MajorStatus, to: MajorStatus): 'ok' | 'unchanged' | 'final' {
  if (from === to) return 'unchanged';
  if (from === 'revoked') return 'final';
  return 'ok';
}

export function termCode(startYear: number, termNo: 1 | 2): string {
  return `${startYear}-${startYear + 1}-${termNo}`;
}

/** What is wrong with a term's dates, if anything: the message key says it in both languages. */
export type TermDatesProblem = 'term.ends_before_start' | 'term.no_monday' | 'term.first_week_not_monday' | 'term.first_week_outside';

export interface TermDates {
  startsOn: string;
  endsOn: string;
  /** The Monday of teaching week 1 (第一教学周周一). */
  firstWeekStartsOn: string;
}

/** Teaching week 1 begins, unless said otherwise, on the first Monday of the term. */
export function defaultFirstWeek(startsOn: string): string {
  return mondayOnOrAfter(startsOn);
}

/** A term ends after it starts, and its first teaching week begins on a Monday within it. */
export function termDatesProblem(dates: TermDates): { problem: TermDatesProblem; field: keyof TermDates } | null {
  if (dates.endsOn <= dates.startsOn) return { problem: 'term.ends_before_start', field: 'endsOn' };
  if (defaultFirstWeek(dates.startsOn) > dates.endsOn) return { problem: 'term.no_monday', field: 'endsOn' };
  if (isoWeekday(dates.firstWeekStartsOn) !== 1) return { problem: 'term.first_week_not_monday', field: 'firstWeekStartsOn' };
  if (dates.firstWeekStartsOn < dates.startsOn || dates.firstWeekStartsOn > dates.endsOn)
    return { problem: 'term.first_week_outside', field: 'firstWeekStartsOn' };
  return null;
}

/** How many teaching weeks a term has: week 1 to the week its last day falls in. */
export function teachingWeeks(dates: Pick<TermDates, 'endsOn' | 'firstWeekStartsOn'>): number {
  return Math.max(0, teachingWeekOf(dates.firstWeekStartsOn, dates.endsOn));
}

/** The teaching week of a day within the term, or null outside its teaching weeks. */
export function teachingWeekOn(dates: Pick<TermDates, 'endsOn' | 'firstWeekStartsOn'>, day: string): number | null {
  if (day < dates.firstWeekStartsOn || day > dates.endsOn) return null;
  return teachingWeekOf(dates.firstWeekStartsOn, day);
}
