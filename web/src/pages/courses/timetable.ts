/** Pure helpers of the student's selection, timetable and progress pages (unit-tested in timetable.test.ts). */
import type { Meeting } from '../../api.ts';

/** Anything with meetings that goes into the timetable: a place in a section, or a class's section. */
export interface Timed {
  meetings: Meeting[];
}

export interface Block<T extends Timed = Timed> {
  entry: T;
  meeting: Meeting;
}
export interface Cluster<T extends Timed = Timed> {
  first: number;
  last: number;
  blocks: Array<Block<T>>;
}

/** Per weekday, meetings that overlap are drawn in one cell spanning all their periods. */
export function clustersOf<T extends Timed>(entries: T[], weekday: number): Array<Cluster<T>> {
  const blocks = entries
    .flatMap((entry) => entry.meetings.filter((meeting) => meeting.weekday === weekday).map((meeting) => ({ entry, meeting })))
    .sort((a, b) => a.meeting.firstPeriod - b.meeting.firstPeriod);
  const clusters: Array<Cluster<T>> = [];
  for (const block of blocks) {
    const last = clusters[clusters.length - 1];
    if (last && block.meeting.firstPeriod <= last.last) {
      last.blocks.push(block);
      last.last = Math.max(last.last, block.meeting.lastPeriod);
    } else {
      clusters.push({ first: block.meeting.firstPeriod, last: block.meeting.lastPeriod, blocks: [block] });
    }
  }
  return clusters;
}

/** The days of a week list on a phone: each weekday with classes, its meetings in period order. */
export function dayList<T extends Timed>(entries: T[]): Array<{ weekday: number; blocks: Array<Block<T>> }> {
  const days = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const blocks = clustersOf(entries, weekday).flatMap((cluster) => cluster.blocks);
    if (blocks.length > 0) days.push({ weekday, blocks });
  }
  return days;
}

/** A course's name in the UI language: the stored English name in English, else the Chinese one. */
export function localName(row: { courseName: string; courseNameEn?: string | null }, language: string): string {
  return language === 'en' && row.courseNameEn ? row.courseNameEn : row.courseName;
}

const chineseOrdinals = ['一', '二', '三', '四'];

/** A term's whole name: 2026-2027学年第二学期 / 2026-2027, term 2. */
export function termName(term: { academicYear: string; termNo: number }, language: string): string {
  return language === 'en'
    ? `${term.academicYear}, term ${term.termNo}`
    : `${term.academicYear}学年第${chineseOrdinals[term.termNo - 1] ?? term.termNo}学期`;
}

export interface SectionFilter {
  text: string;
  layer: string | null;
  group: string | null;
  weekdays: number[];
  freeSeatsOnly: boolean;
  selectableOnly: boolean;
}

export const emptyFilter: SectionFilter = { text: '', layer: null, group: null, weekdays: [], freeSeatsOnly: false, selectableOnly: false };

export interface FilterableSection extends Timed {
  code: string;
  courseCode: string;
  courseName: string;
  courseNameEn: string | null;
  layer: string;
  ownerGroupName: string | null;
  capacity: number;
  enrolledCount: number;
  availability: 'held' | 'open' | 'waitlist' | 'blocked';
}

/** The sections a filter keeps: text in the section or course code or either name, layer, group, any chosen weekday, seats. */
export function filterSections<T extends FilterableSection>(sections: T[], filter: SectionFilter): T[] {
  const text = filter.text.trim().toLowerCase();
  return sections.filter(
    (section) =>
      (!text || `${section.code} ${section.courseCode} ${section.courseName} ${section.courseNameEn ?? ''}`.toLowerCase().includes(text)) &&
      (!filter.layer || section.layer === filter.layer) &&
      (!filter.group || section.ownerGroupName === filter.group) &&
      (filter.weekdays.length === 0 || section.meetings.some((meeting) => filter.weekdays.includes(meeting.weekday))) &&
      (!filter.freeSeatsOnly || section.enrolledCount < section.capacity) &&
      (!filter.selectableOnly || section.availability === 'open' || section.availability === 'waitlist'),
  );
}

export type Grouping = 'course' | 'group' | 'weekday';

/**
 * Sections in groups, in the order they first appear: by course (the sections of one course are
 * alternatives), by owning group, or by weekday (a section meeting on two days is in both). Course
 * and group groups where nothing can be taken come last.
 */
export function groupSections<T extends FilterableSection>(
  sections: T[],
  grouping: Grouping,
  language: string,
): Array<{ key: string; title: string; weekday?: number; sections: T[] }> {
  const groups = new Map<string, { key: string; title: string; weekday?: number; sections: T[] }>();
  const add = (key: string, title: string, section: T, weekday?: number) => {
    const group = groups.get(key) ?? { key, title, weekday, sections: [] };
    group.sections.push(section);
    groups.set(key, group);
  };
  for (const section of sections) {
    if (grouping === 'course') add(section.courseCode, `${section.courseCode} ${localName(section, language)}`, section);
    else if (grouping === 'group') add(section.ownerGroupName ?? '—', section.ownerGroupName ?? '—', section);
    else for (const weekday of [...new Set(section.meetings.map((meeting) => meeting.weekday))]) add(`d${weekday}`, '', section, weekday);
  }
  const result = [...groups.values()];
  if (grouping === 'weekday') return result.sort((a, b) => a.weekday! - b.weekday!);
  // What the student cannot take at all goes to the end (a stable sort keeps the order otherwise).
  const closed = (group: { sections: T[] }) => (group.sections.every((section) => section.availability === 'blocked') ? 1 : 0);
  return result.sort((a, b) => closed(a) - closed(b));
}
