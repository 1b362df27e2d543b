/**
 * The hot selection shape: most students want the same five popular sections. Each student runs a
 * short script over HTTP, deciding each step on the answer it got: the first choice, a retry of the
 * same request (an answer lost on the way), pressing again while the section is full, another hot
 * section, dropping a place and selecting it again while others wait for it, leaving a waitlist.
 */
import crypto from 'node:crypto';
import type { Database } from '../server/db/connection.ts';
import { SeededRandom } from '../server/demo/random.ts';
import type { SeededSession } from '../tests/support/sessions.ts';
import type { RushSetup } from './rush.ts';

export interface HotSetup extends RushSetup {
  /** The five popular sections: five courses of the three groups, at five different times. */
  hot: RushSetup['sections'];
}

/** Picks the five hot sections among the rush's sections (distinct courses, distinct times). */
export function pickHotSections(rush: RushSetup): HotSetup {
  const hot: RushSetup['sections'] = [];
  const groups = [...new Set(rush.sections.map((section) => section.ownerGroupId))].sort((a, b) => a - b);
  for (let index = 0; hot.length < 5 && index < rush.sections.length * groups.length; index++) {
    const group = groups[index % groups.length]!;
    const found = rush.sections.find(
      (section) =>
        section.ownerGroupId === group &&
        !hot.some((taken) => taken.courseId === section.courseId || taken.slot === section.slot) &&
        section.slot === hot.length,
    );
    if (found) hot.push(found);
  }
  if (hot.length < 5) throw new Error('the rush has no five sections of distinct courses at distinct times');
  return { ...rush, hot };
}

export interface HotAnswer {
  status: number;
  outcome: string;
}

export interface HotClient {
  select(sectionId: number, requestId: string): Promise<HotAnswer>;
  drop(sectionId: number, requestId: string): Promise<HotAnswer>;
}

export interface HotStudent {
  session: SeededSession;
  /** Runs the student's steps; each step's request goes through `client`. */
  run(client: HotClient): Promise<void>;
}

/** One script per student, shuffled; the seed fixes every choice (the answers decide the branches). */
export function hotPlan(setup: HotSetup, sessions: SeededSession[], seed: number): HotStudent[] {
  const random = new SeededRandom(seed);
  const groupOf = new Map(setup.students.map((student) => [student.id, student.groupId]));
  // Popularity falls off from the first hot section to the fifth.
  const weights = [0.3, 0.25, 0.2, 0.15, 0.1];
  const plan = sessions.map((session): HotStudent => {
    const group = groupOf.get(session.studentId);
    const eligible = setup.hot.filter((section) => section.ownerGroupId !== group);
    const weighted = (sections: RushSetup['sections']) => {
      const total = sections.reduce((sum, section) => sum + weights[setup.hot.indexOf(section)]!, 0);
      let at = random.next() * total;
      for (const section of sections) if ((at -= weights[setup.hot.indexOf(section)]!) < 0) return section;
      return sections.at(-1)!;
    };
    const first = weighted(eligible);
    const second = weighted(eligible.filter((section) => section.id !== first.id));
    const roll = [random.next(), random.next()];
    const ordinary = setup.sections.filter(
      (section) =>
        section.ownerGroupId !== group &&
        !setup.hot.some((hot) => hot.id === section.id || hot.courseId === section.courseId || hot.slot === section.slot),
    );
    const fallback = random.pick(ordinary);
    const id = () => crypto.randomUUID();
    return {
      session,
      async run(client) {
        const firstRequest = id();
        let answer = await client.select(first.id, firstRequest);
        // The answer was lost on the way: the browser sends the same request again.
        await client.select(first.id, firstRequest);
        if (answer.outcome === 'refused') {
          // Full: pressing again (a new request) while the seats are taken, then the next hot section.
          answer = await client.select(first.id, id());
          if (answer.outcome === 'refused') answer = await client.select(second.id, id());
          if (answer.outcome === 'refused') await client.select(fallback.id, id());
        } else if (answer.outcome === 'enrolled' && roll[0]! < 0.25) {
          // Drops the place (the waitlist's first moves up) and wants it back: waitlisted or refused now.
          await client.drop(first.id, id());
          await client.select(first.id, id());
        } else if (answer.outcome === 'waitlisted' && roll[1]! < 0.3) {
          await client.drop(first.id, id());
          await client.select(second.id, id());
        }
      },
    };
  });
  for (let index = plan.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [plan[index], plan[other]] = [plan[other]!, plan[index]!];
  }
  return plan;
}

export interface SelectionInvariants {
  /** Sections holding more places than seats, or whose count disagrees with their places. */
  overCapacity: number;
  /** Students with two active places in one course (and term). */
  duplicates: number;
  /** Sections with a free seat while someone waits for it. */
  seatLeftWhileWaiting: number;
  /** Sections where a student was promoted past someone who joined the waitlist before them and still waits. */
  waitlistOrder: number;
  /** Places without their audit entry (enrolled, waitlisted or promoted; and dropped, for a dropped one). */
  unaudited: number;
  enrolled: number;
  waitlisted: number;
}

/** The invariants a rush must keep, counted in SQL afterwards. */
export async function selectionInvariants(database: Pick<Database, 'query'>, windowId: number): Promise<SelectionInvariants> {
  const [row] = await database.query<Record<keyof SelectionInvariants, number>>(
    `
    WITH s AS (SELECT * FROM sections WHERE window_id = $1)
    SELECT
      (SELECT count(*)::int FROM s WHERE s.enrolled_count > s.capacity
         OR s.enrolled_count <> (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'enrolled')
         OR s.waitlist_count <> (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'waitlisted')) AS "overCapacity",
      (SELECT count(*)::int FROM (SELECT 1 FROM enrolments WHERE status IN ('enrolled', 'waitlisted') GROUP BY student_id, course_id, term_id HAVING count(*) > 1) d) AS duplicates,
      (SELECT count(*)::int FROM s WHERE s.status = 'open' AND s.waitlist_count > 0 AND s.enrolled_count < s.capacity) AS "seatLeftWhileWaiting",
      (SELECT count(*)::int FROM s WHERE
         (SELECT max(e.id) FROM enrolments e WHERE e.section_id = s.id AND e.source = 'promotion')
         > (SELECT min(e.id) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'waitlisted')) AS "waitlistOrder",
      (SELECT count(*)::int FROM enrolments e JOIN s ON s.id = e.section_id WHERE NOT EXISTS (
         SELECT 1 FROM audit_log a WHERE a.entity = 'enrolment' AND a.entity_id = e.id::text
           AND a.action IN ('selection.enrol', 'selection.waitlist', 'selection.promote'))
         OR (e.status = 'dropped' AND NOT EXISTS (
         SELECT 1 FROM audit_log a WHERE a.entity = 'enrolment' AND a.entity_id = e.id::text
           AND a.action IN ('selection.drop', 'selection.leave_waitlist')))) AS unaudited,
      (SELECT count(*)::int FROM enrolments e JOIN s ON s.id = e.section_id WHERE e.status = 'enrolled') AS enrolled,
      (SELECT count(*)::int FROM enrolments e JOIN s ON s.id = e.section_id WHERE e.status = 'waitlisted') AS waitlisted`,
    [windowId],
  );
  return row!;
}
