/** The selection rush: one open first-come window with many sections, and what each student submits. */
import crypto from 'node:crypto';
import type { Database } from '../server/db/connection.ts';
import { SeededRandom } from '../server/demo/random.ts';
import type { SeededSession } from '../tests/support/sessions.ts';

export interface RushSetup {
  windowId: number;
  sections: Array<{ id: number; courseId: number; ownerGroupId: number; slot: number }>;
  students: Array<{ id: number; groupId: number }>;
}

export async function setUpRush(database: Database, sectionCount: number): Promise<RushSetup> {
  const [term] = await database.query<{ id: number; institution_id: number }>(
    "SELECT id, institution_id FROM terms WHERE code = '2026-2027-2' AND institution_id = (SELECT id FROM institutions WHERE code = 'TJPC')",
  );
  const extensions = await database.query<{ id: number; version_id: number; owner_group_id: number }>(`
    SELECT c.id, cv.id AS version_id, cv.owner_group_id FROM courses c JOIN course_versions cv ON cv.course_id = c.id AND cv.version_no = c.current_version_no
    WHERE cv.layer = 'extension' AND c.status = 'published' ORDER BY c.code`);
  const [window] = await database.query<{ id: number }>(
    `
    INSERT INTO selection_windows (institution_id, term_id, name, mode, cohort_years, opens_at, closes_at, drop_deadline, credit_cap, waitlist_limit)
    VALUES ($1, $2, '选课高峰压测', 'first_come', '{2023,2024,2025}', now() - interval '1 hour', now() + interval '1 day', now() + interval '2 days', 12, 30)
    RETURNING id`,
    [term!.institution_id, term!.id],
  );
  const sections: RushSetup['sections'] = [];
  for (let index = 0; index < sectionCount; index++) {
    const course = extensions[index % extensions.length]!;
    const slot = Math.floor(index / extensions.length) % 30;
    const [row] = await database.query<{ id: number }>(
      `
      INSERT INTO sections (institution_id, term_id, course_id, course_version_id, window_id, code, capacity, room)
      VALUES ($1, $2, $3, $4, $5, $6, 50, $7) RETURNING id`,
      [
        term!.institution_id,
        term!.id,
        course.id,
        course.version_id,
        window!.id,
        `RUSH-${String(index + 1).padStart(3, '0')}`,
        `压测楼${index + 1}`,
      ],
    );
    await database.query(
      `INSERT INTO section_meetings (institution_id, section_id, weekday, first_period, last_period, first_week, last_week) VALUES ($1, $2, $3, $4, $5, 1, 16)`,
      [term!.institution_id, row!.id, (slot % 5) + 1, 1 + 2 * Math.floor(slot / 5), 2 + 2 * Math.floor(slot / 5)],
    );
    sections.push({ id: Number(row!.id), courseId: Number(course.id), ownerGroupId: Number(course.owner_group_id), slot });
  }
  const students = await database.query<{ id: number; group_id: number }>(
    `
    SELECT s.id, m.group_id FROM students s JOIN majors m ON m.id = s.major_id
    WHERE s.institution_id = $1 AND s.status = 'enrolled' AND m.group_id IS NOT NULL AND s.cohort_year IN (2023, 2024, 2025) ORDER BY s.id`,
    [term!.institution_id],
  );
  return {
    windowId: Number(window!.id),
    sections,
    students: students.map((row) => ({ id: Number(row.id), groupId: Number(row.group_id) })),
  };
}

export interface RushStudent {
  session: SeededSession;
  ops: Array<{ sectionId: number; requestId: string }>;
}

/** Each student: a first choice, the same request again (a double click), and a second course at another time. */
export function rushPlan(rush: RushSetup, sessions: SeededSession[], seed: number): RushStudent[] {
  const random = new SeededRandom(seed);
  const groupOf = new Map(rush.students.map((student) => [student.id, student.groupId]));
  const plan = sessions.map((session) => {
    const eligible = rush.sections.filter((section) => section.ownerGroupId !== groupOf.get(session.studentId));
    const first = random.pick(eligible);
    const others = eligible.filter((section) => section.courseId !== first.courseId && section.slot !== first.slot);
    const second = random.pick(others);
    const requestId = crypto.randomUUID();
    return {
      session,
      ops: [
        { sectionId: first.id, requestId },
        { sectionId: first.id, requestId },
        { sectionId: second.id, requestId: crypto.randomUUID() },
      ],
    };
  });
  for (let index = plan.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [plan[index], plan[other]] = [plan[other]!, plan[index]!];
  }
  return plan;
}
