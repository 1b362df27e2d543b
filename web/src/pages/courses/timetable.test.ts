import { describe, expect, it } from 'vitest';
import type { Enrolment, Meeting } from '../../api.ts';
import { newRequestId } from '../../api.ts';
import {
  clustersOf,
  dayList,
  emptyFilter,
  filterSections,
  groupSections,
  localName,
  termName,
  type FilterableSection,
} from './timetable.ts';

function enrolment(id: number, meetings: Meeting[]): Enrolment {
  return {
    id,
    sectionId: id,
    termId: 8,
    status: 'enrolled',
    waitlistSeq: null,
    source: 'first_come',
    sectionCode: `S-${id}`,
    room: null,
    windowId: 1,
    courseId: id,
    courseCode: `C-${id}`,
    courseName: `课程${id}`,
    courseNameEn: null,
    credits: 4,
    layer: 'extension',
    ownerGroupId: 2,
    position: null,
    meetings,
  };
}
const at = (weekday: number, firstPeriod: number, lastPeriod: number): Meeting => ({
  weekday,
  firstPeriod,
  lastPeriod,
  firstWeek: 1,
  lastWeek: 16,
});

describe('timetable layout', () => {
  it('puts each meeting of a weekday in its own cell, in period order', () => {
    const entries = [enrolment(1, [at(4, 3, 4)]), enrolment(2, [at(4, 1, 2), at(1, 5, 6)])];
    const thursday = clustersOf(entries, 4);
    expect(thursday.map((cluster) => [cluster.first, cluster.last, cluster.blocks.map((block) => block.entry.id)])).toEqual([
      [1, 2, [2]],
      [3, 4, [1]],
    ]);
    expect(clustersOf(entries, 1).map((cluster) => [cluster.first, cluster.last])).toEqual([[5, 6]]);
    expect(clustersOf(entries, 2)).toEqual([]);
  });

  it('draws overlapping meetings (a clash) in one cell spanning both', () => {
    const clusters = clustersOf([enrolment(1, [at(2, 1, 2)]), enrolment(2, [at(2, 2, 4)])], 2);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ first: 1, last: 4 });
    expect(clusters[0]!.blocks).toHaveLength(2);
  });
});

function section(code: string, extra: Partial<FilterableSection> = {}): FilterableSection {
  return {
    code,
    courseCode: code.slice(0, 6),
    courseName: `课程${code}`,
    courseNameEn: `Course ${code}`,
    layer: 'extension',
    ownerGroupName: '控制专业群',
    capacity: 30,
    enrolledCount: 0,
    availability: 'open',
    meetings: [at(1, 1, 2)],
    ...extra,
  };
}

describe('section filters and grouping', () => {
  const sections = [
    section('KZ-401-01', { meetings: [at(4, 3, 4)] }),
    section('KZ-401-02', { meetings: [at(2, 1, 2)], enrolledCount: 30, availability: 'waitlist' }),
    section('HL-402-01', {
      ownerGroupName: '互联专业群',
      courseName: '5G 工业应用',
      courseNameEn: '5G in Industry',
      availability: 'blocked',
    }),
    section('GX-101-01', { layer: 'shared', ownerGroupName: null, meetings: [at(1, 5, 6), at(3, 1, 2)], availability: 'held' }),
  ];
  const codes = (list: FilterableSection[]) => list.map((entry) => entry.code);

  it('filters by text in codes and both names, layer, group, weekday, free seats and what can be taken', () => {
    expect(codes(filterSections(sections, emptyFilter))).toEqual(codes(sections));
    expect(codes(filterSections(sections, { ...emptyFilter, text: ' 5g ' }))).toEqual(['HL-402-01']);
    expect(codes(filterSections(sections, { ...emptyFilter, text: 'in industry' }))).toEqual(['HL-402-01']);
    expect(codes(filterSections(sections, { ...emptyFilter, text: 'kz-401' }))).toEqual(['KZ-401-01', 'KZ-401-02']);
    expect(codes(filterSections(sections, { ...emptyFilter, layer: 'shared' }))).toEqual(['GX-101-01']);
    expect(codes(filterSections(sections, { ...emptyFilter, group: '互联专业群' }))).toEqual(['HL-402-01']);
    expect(codes(filterSections(sections, { ...emptyFilter, weekdays: [2, 3] }))).toEqual(['KZ-401-02', 'GX-101-01']);
    expect(codes(filterSections(sections, { ...emptyFilter, freeSeatsOnly: true }))).toEqual(['KZ-401-01', 'HL-402-01', 'GX-101-01']);
    expect(codes(filterSections(sections, { ...emptyFilter, selectableOnly: true }))).toEqual(['KZ-401-01', 'KZ-401-02']);
  });

  it('groups by course, by group and by weekday (a section on two days is under both)', () => {
    expect(groupSections(sections, 'course', 'zh-CN').map((group) => [group.title, codes(group.sections)])).toEqual([
      ['KZ-401 课程KZ-401-01', ['KZ-401-01', 'KZ-401-02']],
      ['GX-101 课程GX-101-01', ['GX-101-01']],
      // Nothing in it can be taken: last.
      ['HL-402 5G 工业应用', ['HL-402-01']],
    ]);
    expect(groupSections(sections, 'course', 'en')[2]!.title).toBe('HL-402 5G in Industry');
    expect(groupSections(sections, 'group', 'zh-CN').map((group) => [group.title, codes(group.sections)])).toEqual([
      ['控制专业群', ['KZ-401-01', 'KZ-401-02']],
      ['—', ['GX-101-01']],
      ['互联专业群', ['HL-402-01']],
    ]);
    expect(groupSections(sections, 'weekday', 'zh-CN').map((group) => [group.weekday, codes(group.sections)])).toEqual([
      [1, ['HL-402-01', 'GX-101-01']],
      [2, ['KZ-401-02']],
      [3, ['GX-101-01']],
      [4, ['KZ-401-01']],
    ]);
  });
});

describe('names', () => {
  it('uses the stored English name in English, the Chinese one otherwise or when there is none', () => {
    expect(localName({ courseName: '智能产线集成', courseNameEn: 'Smart Line Integration' }, 'en')).toBe('Smart Line Integration');
    expect(localName({ courseName: '智能产线集成', courseNameEn: 'Smart Line Integration' }, 'zh-CN')).toBe('智能产线集成');
    expect(localName({ courseName: '智能产线集成', courseNameEn: null }, 'en')).toBe('智能产线集成');
  });
  it('gives a term its whole name', () => {
    expect(termName({ academicYear: '2026-2027', termNo: 2 }, 'zh-CN')).toBe('2026-2027学年第二学期');
    expect(termName({ academicYear: '2026-2027', termNo: 1 }, 'en')).toBe('2026-2027, term 1');
  });
});

describe('the day list of a phone', () => {
  it('lists the weekdays with classes, each in period order', () => {
    const days = dayList([enrolment(1, [at(4, 3, 4)]), enrolment(2, [at(4, 1, 2), at(1, 5, 6)])]);
    expect(days.map((day) => [day.weekday, day.blocks.map((block) => block.entry.id)])).toEqual([
      [1, [2]],
      [4, [2, 1]],
    ]);
  });
});

describe('selection request ids', () => {
  it('are fresh for each click and fit the server’s format', () => {
    const first = newRequestId();
    const second = newRequestId();
    expect(first).not.toBe(second);
    for (const id of [first, second]) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
