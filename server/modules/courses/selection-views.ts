/** What a student sees of their selection and timetable, and the staff view of a section's roster. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db } from '../../db/connection.ts';
import { authorizeWithinInstitution } from '../../platform/access.ts';
import { type RequestContext } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { translate, type Locale } from '../../platform/messages.ts';
import { groupsOfCluster, studentProfile, studentProfiles, termById, type StudentProfile } from '../org/read.ts';
import { courseVersionColumns, meetingOf } from './offering-service.ts';
import { round1 } from '../../platform/numbers.ts';
import { selectionRefusal, type ActiveEnrolmentStatus, type CourseLayer, type EnrolmentSource, type Refusal } from './rules.ts';
import { courses, courseVersions, enrolments, sectionMeetings, sections, selectionPreferences, selectionWindows } from './schema.ts';
import './messages.ts';
import { rowsOf } from '../../db/sql.ts';
import { programmeCourseIds } from './selection-select.ts';
import { effectiveWindow, rawOf, requireStudent, studentState, type StudentState } from './selection-state.ts';
import { publicWindow, windowPhase, windowSections, type WindowRow } from './selection-windows.ts';

// ---------------------------------------------------------------------------------------------
// What a student sees, and staff views of a section

export async function mySelection(app: AppContext, request: RequestContext, locale: Locale = 'zh-CN') {
  const { studentId } = requireStudent(request);
  const student = await studentProfile(app.db, studentId);
  if (!student) throw notFound('student', studentId);
  const now = new Date();
  const windows = (
    await app.db
      .select()
      .from(selectionWindows)
      .where(eq(selectionWindows.institutionId, student.institutionId))
      .orderBy(asc(selectionWindows.opensAt))
  ).filter((window) => window.cohortYears.includes(student.cohortYear) && windowPhase(window, now) !== 'closed');
  const enrolled = await myEnrolments(app.db, studentId);
  const programme = windows.length > 0 ? await programmeCourseIds(app.db, student.majorId, student.cohortYear) : null;
  const groups = new Map(
    (student.clusterId ? await groupsOfCluster(app.db, student.clusterId) : []).map((group) => [group.id, group.shortName ?? group.name]),
  );
  // The student's state per term, as the selection itself reads it (courses_selection_states).
  const states = new Map<number, StudentState>();
  const result = [];
  for (const window of windows) {
    const offered = await windowSections(app.db, window.id);
    if (!states.has(window.termId)) states.set(window.termId, await studentState(rawOf(app.db), studentId, window.termId, ''));
    const state = states.get(window.termId)!;
    const englishNames = new Map<number, string | null>([
      ...enrolled.map((entry) => [entry.courseId, entry.courseNameEn] as const),
      ...offered.map((section) => [section.courseId, section.courseNameEn] as const),
    ]);
    const courseName = (courseId: number, name: string) => (locale === 'en' && englishNames.get(courseId)) || name;
    const preferences = await app.db
      .select()
      .from(selectionPreferences)
      .where(and(eq(selectionPreferences.windowId, window.id), eq(selectionPreferences.studentId, studentId)))
      .orderBy(asc(selectionPreferences.rank));
    result.push({
      ...publicWindow(window),
      heldCredits: round1(state.current.reduce((total, entry) => total + entry.credits, 0)),
      sections: offered.map((section) => {
        const availability = sectionAvailability({ window, section, student, programme, state, now, courseName });
        return {
          ...section,
          crossGroup: section.layer === 'extension' && section.ownerGroupId !== null && section.ownerGroupId !== student.groupId,
          ownGroup: section.ownerGroupId === student.groupId,
          ownerGroupName: section.ownerGroupId === null ? null : (groups.get(section.ownerGroupId) ?? null),
          availability: availability.kind,
          blockedReason: availability.refusal?.reason ?? null,
          blockedMessage: availability.refusal ? translate(availability.refusal.messageKey, locale, availability.refusal.params) : null,
        };
      }),
      preferences: preferences.map((row) => row.sectionId),
    });
  }
  return {
    student: {
      id: student.id,
      studentNo: student.studentNo,
      name: student.name,
      cohortYear: student.cohortYear,
      majorName: student.majorName,
      groupId: student.groupId,
    },
    windows: result,
    enrolments: enrolled,
    terms: await termLabels(app.db, [...result.map((window) => window.termId), ...enrolled.map((entry) => entry.termId)]),
  };
}

export const sectionAvailabilities = ['held', 'open', 'waitlist', 'blocked'] as const;
export type SectionAvailability = (typeof sectionAvailabilities)[number];

/**
 * What the student may do with a section before they click: hold it already, take it, join its
 * waitlist, or nothing, with the reason the selection would give. The reason comes from the same
 * rule (selectionRefusal on the window as it applies to adds, on the student's state as the
 * selection reads it); the window's timing is left to the window's phase, so the reason names what
 * the student can act on (another section, a drop, the credit cap).
 */
export function sectionAvailability(input: {
  window: WindowRow;
  section: Awaited<ReturnType<typeof windowSections>>[number];
  student: Pick<StudentProfile, 'cohortYear' | 'groupId' | 'status'>;
  programme: Set<number> | null;
  state: StudentState;
  now: Date;
  courseName: (courseId: number, name: string) => string;
}): { kind: SectionAvailability; refusal: Refusal | null } {
  const { window, section, state, courseName } = input;
  if (state.current.some((entry) => Number(entry.section_id) === section.id)) return { kind: 'held', refusal: null };
  if (section.status !== 'open') return blocked({ reason: 'cancelled', messageKey: 'selection.refused.cancelled', params: {} });
  const ranking = window.mode === 'lottery' && !window.drawnAt;
  const effective = effectiveWindow(window);
  // Ranked choices are checked one by one (as submitPreferences does): the draw keeps the cap across them.
  const ruleWindow = ranking ? { ...effective, creditCap: Number.MAX_SAFE_INTEGER } : effective;
  const at = new Date(Math.min(Math.max(input.now.getTime(), ruleWindow.opensAt.getTime()), ruleWindow.closesAt.getTime()));
  const refusal = selectionRefusal({
    now: at,
    window: ruleWindow,
    student: input.student,
    course: {
      id: section.courseId,
      code: section.courseCode,
      name: courseName(section.courseId, section.courseName),
      credits: section.credits,
      layer: section.layer,
      ownerGroupId: section.ownerGroupId,
      prerequisiteCodes: section.prerequisiteCodes,
    },
    programmeCourseIds: input.programme,
    passedCourseCodes: state.passed,
    current: state.current.map((entry) => ({
      courseId: Number(entry.course_id),
      credits: entry.credits,
      status: entry.status,
      meetings: entry.meetings,
      courseName: courseName(Number(entry.course_id), entry.course_name),
    })),
    sectionMeetings: section.meetings,
  });
  if (refusal) return blocked(refusal);
  if (!ranking && section.enrolledCount >= section.capacity) {
    if (section.waitlistCount >= window.waitlistLimit)
      return blocked({ reason: 'waitlist_full', messageKey: 'selection.refused.waitlist_full', params: {} });
    return { kind: 'waitlist', refusal: null };
  }
  return { kind: 'open', refusal: null };
}

const blocked = (refusal: Refusal) => ({ kind: 'blocked' as const, refusal });

/** Codes of the terms a student's pages mention (students may not list the institution's terms). */
async function termLabels(db: Db, termIds: number[]) {
  const terms = [];
  for (const id of [...new Set(termIds)]) {
    const term = await termById(db, id);
    if (term) terms.push({ id: term.id, code: term.code, academicYear: term.academicYear, termNo: term.termNo });
  }
  return terms;
}

export async function myEnrolments(db: Db, studentId: number, termId?: number) {
  const conditions = [eq(enrolments.studentId, studentId), inArray(enrolments.status, ['enrolled', 'waitlisted'])];
  if (termId) conditions.push(eq(enrolments.termId, termId));
  const rows = await db
    .select({
      id: enrolments.id,
      sectionId: enrolments.sectionId,
      termId: enrolments.termId,
      status: enrolments.status,
      waitlistSeq: enrolments.waitlistSeq,
      source: enrolments.source,
      sectionCode: sections.code,
      room: sections.room,
      windowId: sections.windowId,
      courseId: courses.id,
      courseCode: courses.code,
      ...courseVersionColumns,
    })
    .from(enrolments)
    .innerJoin(sections, eq(sections.id, enrolments.sectionId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .where(and(...conditions))
    .orderBy(asc(courses.code));
  const meetings =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(sectionMeetings)
          .where(
            inArray(
              sectionMeetings.sectionId,
              rows.map((row) => row.sectionId),
            ),
          );
  const positions = new Map<number, number>();
  for (const row of rows.filter((entry) => entry.status === 'waitlisted')) {
    const result = await db.execute(
      sql`SELECT count(*)::int AS ahead FROM enrolments WHERE section_id = ${row.sectionId} AND status = 'waitlisted' AND waitlist_seq < ${row.waitlistSeq}`,
    );
    positions.set(row.id, Number(rowsOf<{ ahead: number }>(result)[0]!.ahead) + 1);
  }
  return rows.map((row) => ({
    ...row,
    status: row.status as ActiveEnrolmentStatus,
    source: row.source as EnrolmentSource,
    layer: row.layer as CourseLayer,
    position: positions.get(row.id) ?? null,
    meetings: meetings.filter((m) => m.sectionId === row.sectionId).map(meetingOf),
  }));
}

export async function sectionRoster(app: AppContext, request: RequestContext, sectionId: number) {
  const [section] = await app.db.select().from(sections).where(eq(sections.id, sectionId));
  if (!section) throw notFound('section', sectionId);
  authorizeWithinInstitution(request.actor, 'section.read', section.institutionId, await app.scopes.get());
  const rows = await app.db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sectionId, sectionId), inArray(enrolments.status, ['enrolled', 'waitlisted'])))
    .orderBy(asc(enrolments.status), asc(enrolments.waitlistSeq), asc(enrolments.id));
  const profiles = new Map(
    (
      await studentProfiles(
        app.db,
        rows.map((row) => row.studentId),
      )
    ).map((profile) => [profile.id, profile]),
  );
  const present = (row: (typeof rows)[number]) => {
    const profile = profiles.get(row.studentId);
    return {
      enrolmentId: row.id,
      studentId: row.studentId,
      studentNo: profile?.studentNo ?? '',
      name: profile?.name ?? '',
      majorName: profile?.majorName ?? '',
      source: row.source as EnrolmentSource,
      at: row.createdAt,
    };
  };
  const enrolled = rows
    .filter((row) => row.status === 'enrolled')
    .map(present)
    .sort((a, b) => a.studentNo.localeCompare(b.studentNo));
  const waitlist = rows.filter((row) => row.status === 'waitlisted').map((row, index) => ({ ...present(row), position: index + 1 }));
  return {
    sectionId,
    code: section.code,
    capacity: section.capacity,
    enrolledCount: section.enrolledCount,
    waitlistCount: section.waitlistCount,
    enrolled,
    waitlist,
  };
}
