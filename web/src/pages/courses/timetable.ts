/** Laying out a week of meetings in a timetable grid (pure, so it can be unit-tested). */
import type { Enrolment, Meeting } from '../../api.ts';

export interface Block {
  entry: Enrolment;
  meeting: Meeting;
}
export interface Cluster {
  first: number;
  last: number;
  blocks: Block[];
}

/** Per weekday, meetings that overlap are drawn in one cell spanning all their periods. */
export function clustersOf(entries: Enrolment[], weekday: number): Cluster[] {
  const blocks = entries
    .flatMap((entry) => entry.meetings.filter((meeting) => meeting.weekday === weekday).map((meeting) => ({ entry, meeting })))
    .sort((a, b) => a.meeting.firstPeriod - b.meeting.firstPeriod);
  const clusters: Cluster[] = [];
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
