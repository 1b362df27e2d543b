import { describe, expect, it } from 'vitest';
import type { Enrolment, Meeting } from '../../api.ts';
import { newRequestId } from '../../api.ts';
import { clustersOf } from './timetable.ts';

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

describe('selection request ids', () => {
  it('are fresh for each click and fit the server’s format', () => {
    const first = newRequestId();
    const second = newRequestId();
    expect(first).not.toBe(second);
    for (const id of [first, second]) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
