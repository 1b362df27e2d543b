/** Offerings (开课): sections per term with teachers, capacity, weekly schedule and room; clash detection. */
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, authorizeWithinInstitution, requireActor } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, invalidReference, notFound, unprocessable } from '../../platform/errors.ts';
import { translate, type Locale } from '../../platform/messages.ts';
import { classesByIds, studentsOfClasses, teachersByIds, termById } from '../org/read.ts';
import {
  describeMeeting,
  findClashes,
  isValidMeeting,
  type Clash,
  type CourseLayer,
  type GradeScheme,
  type Meeting,
  type ScheduledSection,
  type SectionStatus,
} from './rules.ts';
import { clearSelectionCache } from './selection-cache.ts';
import {
  courses,
  courseVersions,
  enrolments,
  sectionClasses,
  sectionMeetings,
  sections,
  sectionTeachers,
  selectionWindows,
} from './schema.ts';
import './messages.ts';
import { countAll } from '../../db/sql.ts';

/** The course version columns every section listing shows beside the section. */
export const courseVersionColumns = {
  courseName: courseVersions.name,
  courseNameEn: courseVersions.nameEn,
  credits: courseVersions.credits,
  layer: courseVersions.layer,
  ownerGroupId: courseVersions.ownerGroupId,
};

export type SectionRow = typeof sections.$inferSelect;

export interface SectionInput {
  termId: number;
  courseId: number;
  code: string;
  capacity: number;
  room?: string | null;
  windowId?: number | null;
  gradeScheme?: GradeScheme;
  teacherIds: number[];
  classIds?: number[];
  meetings: Meeting[];
}

/** The open sections of a term (or only `onlyIds`) with teachers, classes and meetings, as the clash rules read them. */
export async function scheduledSections(db: Db, termId: number, onlyIds?: number[]): Promise<ScheduledSection[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  const rows = await db
    .select({ id: sections.id, code: sections.code, room: sections.room, courseName: courseVersions.name })
    .from(sections)
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .where(and(eq(sections.termId, termId), eq(sections.status, 'open'), onlyIds ? inArray(sections.id, onlyIds) : undefined));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  // Sequential: inside a transaction all three share one connection.
  const teacherRows = await db.select().from(sectionTeachers).where(inArray(sectionTeachers.sectionId, ids));
  const classRows = await db.select().from(sectionClasses).where(inArray(sectionClasses.sectionId, ids));
  const meetingRows = await db.select().from(sectionMeetings).where(inArray(sectionMeetings.sectionId, ids));
  return rows.map((row) => ({
    ...row,
    teacherIds: teacherRows.filter((entry) => entry.sectionId === row.id).map((entry) => entry.teacherId),
    classIds: classRows.filter((entry) => entry.sectionId === row.id).map((entry) => entry.classId),
    meetings: meetingRows.filter((entry) => entry.sectionId === row.id).map(meetingOf),
  }));
}

export const meetingOf = (row: typeof sectionMeetings.$inferSelect): Meeting => ({
  weekday: row.weekday,
  firstPeriod: row.firstPeriod,
  lastPeriod: row.lastPeriod,
  firstWeek: row.firstWeek,
  lastWeek: row.lastWeek,
});

async function describeClashes<T extends Clash>(db: Db, clashes: T[], locale: Locale) {
  const teacherNames = new Map(
    (
      await teachersByIds(
        db,
        clashes.filter((c) => c.kind === 'teacher').map((c) => c.resource as number),
      )
    ).map((t) => [t.id, `${t.name}（${t.staffNo}）`]),
  );
  const classNames = new Map(
    (
      await classesByIds(
        db,
        clashes.filter((c) => c.kind === 'class').map((c) => c.resource as number),
      )
    ).map((c) => [c.id, c.name]),
  );
  return clashes.map((clash) => {
    const resource =
      clash.kind === 'teacher'
        ? (teacherNames.get(clash.resource as number) ?? String(clash.resource))
        : clash.kind === 'class'
          ? (classNames.get(clash.resource as number) ?? String(clash.resource))
          : String(clash.resource);
    const params = {
      resource,
      when: describeMeeting(clash.meeting, locale),
      course: clash.otherCourseName,
      section: clash.otherSectionCode,
    };
    return { ...clash, message: translate(`section.clash.${clash.kind}`, locale, params) };
  });
}

async function validateSectionInput(db: Db, institutionId: number, input: SectionInput) {
  for (const meeting of input.meetings) if (!isValidMeeting(meeting)) throw unprocessable('BAD_MEETING', 'section.bad_meeting');
  const teacherRows = await teachersByIds(db, input.teacherIds);
  if (teacherRows.length !== new Set(input.teacherIds).size || teacherRows.some((row) => row.institutionId !== institutionId))
    throw invalidReference('teacher', 'teacherIds');
  const classRows = await classesByIds(db, input.classIds ?? []);
  if (classRows.length !== new Set(input.classIds ?? []).size || classRows.some((row) => row.institutionId !== institutionId))
    throw invalidReference('class', 'classIds');
  if (input.windowId) {
    const [window] = await db
      .select({ id: selectionWindows.id, termId: selectionWindows.termId })
      .from(selectionWindows)
      .where(eq(selectionWindows.id, input.windowId));
    if (!window || window.termId !== input.termId) throw invalidReference('selection_window', 'windowId');
  }
}

async function rejectClashes(db: Db, candidate: ScheduledSection, termId: number, locale: Locale) {
  const clashes = findClashes(candidate, await scheduledSections(db, termId));
  if (clashes.length === 0) return;
  const described = await describeClashes(db, clashes, locale);
  throw new AppError(409, 'CLASH', 'section.clash', { count: described.length, first: described[0]!.message }, described);
}

async function courseForOffering(db: Db, courseId: number) {
  const [row] = await db
    .select({ course: courses, version: courseVersions })
    .from(courses)
    .innerJoin(courseVersions, and(eq(courseVersions.courseId, courses.id), eq(courseVersions.versionNo, courses.currentVersionNo)))
    .where(eq(courses.id, courseId));
  if (!row) throw invalidReference('course', 'courseId');
  if (row.course.status !== 'published') throw unprocessable('COURSE_NOT_PUBLISHED', 'course.not_published', { code: row.course.code });
  return row;
}

export async function createSection(app: AppContext, request: RequestContext, input: SectionInput, locale: Locale) {
  const term = await termById(app.db, input.termId);
  if (!term) throw invalidReference('term', 'termId');
  authorize(request.actor, 'section.write', { type: 'institution', id: term.institutionId }, await app.scopes.get());
  const { course, version } = await courseForOffering(app.db, input.courseId);
  if (course.institutionId !== term.institutionId) throw invalidReference('course', 'courseId');
  const id = await app.db.transaction(async (tx) => {
    await validateSectionInput(tx, term.institutionId, input);
    await rejectClashes(
      tx,
      {
        id: 0,
        code: input.code,
        courseName: version.name,
        teacherIds: input.teacherIds,
        room: input.room ?? null,
        classIds: input.classIds ?? [],
        meetings: input.meetings,
      },
      input.termId,
      locale,
    );
    const [row] = await tx
      .insert(sections)
      .values({
        institutionId: term.institutionId,
        termId: input.termId,
        courseId: course.id,
        courseVersionId: version.id,
        windowId: input.windowId ?? null,
        code: input.code,
        capacity: input.capacity,
        room: input.room ?? null,
        gradeScheme: input.gradeScheme ?? 'percent',
      })
      .returning();
    await writeChildren(tx, row!.id, term.institutionId, input);
    await recordAudit(tx, request, {
      action: 'section.create',
      entity: 'section',
      entityId: row!.id,
      institutionId: term.institutionId,
      summary: `开课 ${input.code} 《${version.name}》`,
      after: { ...row, teacherIds: input.teacherIds, classIds: input.classIds ?? [], meetings: input.meetings },
    });
    return row!.id;
  });
  clearSelectionCache(app);
  return getSection(app, request, id);
}

async function writeChildren(
  tx: Db,
  sectionId: number,
  institutionId: number,
  input: Pick<SectionInput, 'teacherIds' | 'classIds' | 'meetings'>,
) {
  if (input.teacherIds.length > 0)
    await tx.insert(sectionTeachers).values([...new Set(input.teacherIds)].map((teacherId) => ({ institutionId, sectionId, teacherId })));
  if ((input.classIds ?? []).length > 0)
    await tx.insert(sectionClasses).values([...new Set(input.classIds)].map((classId) => ({ institutionId, sectionId, classId })));
  if (input.meetings.length > 0)
    await tx.insert(sectionMeetings).values(input.meetings.map((meeting) => ({ institutionId, sectionId, ...meeting })));
}

/** Changes a section; a larger capacity promotes waitlisted students at once, in order. */
export async function updateSection(
  app: AppContext,
  request: RequestContext,
  sectionId: number,
  patch: Partial<Omit<SectionInput, 'termId' | 'courseId'>>,
  locale: Locale,
) {
  const current = await loadSection(app.db, sectionId);
  authorize(request.actor, 'section.write', { type: 'institution', id: current.institutionId }, await app.scopes.get());
  await app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(sections).where(eq(sections.id, sectionId)).for('update');
    const [existing] = await scheduledSections(tx, before!.termId, [sectionId]);
    const merged: SectionInput = {
      termId: before!.termId,
      courseId: before!.courseId,
      code: patch.code ?? before!.code,
      capacity: patch.capacity ?? before!.capacity,
      room: patch.room === undefined ? before!.room : patch.room,
      windowId: patch.windowId === undefined ? before!.windowId : patch.windowId,
      gradeScheme: patch.gradeScheme ?? (before!.gradeScheme as GradeScheme),
      teacherIds: patch.teacherIds ?? existing?.teacherIds ?? [],
      classIds: patch.classIds ?? existing?.classIds ?? [],
      meetings: patch.meetings ?? existing?.meetings ?? [],
    };
    if (merged.capacity < before!.enrolledCount)
      throw unprocessable('CAPACITY_BELOW_ENROLLED', 'section.capacity_below_enrolled', { enrolled: before!.enrolledCount });
    await validateSectionInput(tx, before!.institutionId, merged);
    await rejectClashes(
      tx,
      {
        id: sectionId,
        code: merged.code,
        courseName: existing?.courseName ?? '',
        teacherIds: merged.teacherIds,
        room: merged.room ?? null,
        classIds: merged.classIds ?? [],
        meetings: merged.meetings,
      },
      before!.termId,
      locale,
    );
    const [after] = await tx
      .update(sections)
      .set({
        code: merged.code,
        capacity: merged.capacity,
        room: merged.room ?? null,
        windowId: merged.windowId ?? null,
        gradeScheme: merged.gradeScheme,
        updatedAt: new Date(),
      })
      .where(eq(sections.id, sectionId))
      .returning();
    if (patch.teacherIds || patch.classIds || patch.meetings) {
      if (patch.teacherIds) await tx.delete(sectionTeachers).where(eq(sectionTeachers.sectionId, sectionId));
      if (patch.classIds) await tx.delete(sectionClasses).where(eq(sectionClasses.sectionId, sectionId));
      if (patch.meetings) await tx.delete(sectionMeetings).where(eq(sectionMeetings.sectionId, sectionId));
      await writeChildren(tx, sectionId, before!.institutionId, {
        teacherIds: patch.teacherIds ?? [],
        classIds: patch.classIds ?? [],
        meetings: patch.meetings ?? [],
      });
    }
    const promoted = await promoteFromWaitlist(tx, request, sectionId);
    await recordAudit(tx, request, {
      action: 'section.update',
      entity: 'section',
      entityId: sectionId,
      institutionId: before!.institutionId,
      summary: `修改教学班 ${after!.code}${promoted > 0 ? `，候补递补 ${promoted} 人` : ''}`,
      before: { ...before, ...existing },
      after: { ...after, teacherIds: merged.teacherIds, classIds: merged.classIds, meetings: merged.meetings },
    });
  });
  // After the commit: a selection that reloads the facts now sees the change.
  clearSelectionCache(app);
  return getSection(app, request, sectionId);
}

/**
 * Fills free seats from the waitlist in order. Rows another transaction holds (a student leaving
 * the waitlist at this moment) are skipped rather than waited for, so the two cannot deadlock.
 */
export async function promoteFromWaitlist(tx: Db, request: RequestContext, sectionId: number): Promise<number> {
  let promoted = 0;
  for (;;) {
    const result = await tx.execute(sql`
      WITH next AS (
        SELECT id FROM enrolments
        WHERE section_id = ${sectionId} AND status = 'waitlisted'
        ORDER BY waitlist_seq LIMIT 1 FOR UPDATE SKIP LOCKED
      ), seat AS (
        UPDATE sections SET enrolled_count = enrolled_count + 1, waitlist_count = waitlist_count - 1, updated_at = now()
        WHERE id = ${sectionId} AND status = 'open' AND enrolled_count < capacity AND EXISTS (SELECT 1 FROM next)
        RETURNING id
      )
      UPDATE enrolments SET status = 'enrolled', waitlist_seq = NULL, source = 'promotion', updated_at = now()
      FROM next, seat WHERE enrolments.id = next.id
      RETURNING enrolments.id, enrolments.student_id, enrolments.institution_id`);
    const row = (result as unknown as { rows: Array<{ id: number; student_id: number; institution_id: number }> }).rows[0];
    if (!row) break;
    promoted += 1;
    await recordAudit(tx, request, {
      action: 'selection.promote',
      entity: 'enrolment',
      entityId: row.id,
      institutionId: Number(row.institution_id),
      summary: `候补递补：学生 ${row.student_id} 进入教学班 ${sectionId}`,
      after: { status: 'enrolled', source: 'promotion' },
    });
  }
  return promoted;
}

/** A section row with its text columns typed as their CHECK constraints keep them. */
export function presentSectionRow(row: SectionRow) {
  return { ...row, gradeScheme: row.gradeScheme as GradeScheme, status: row.status as SectionStatus };
}

export async function loadSection(db: Db, sectionId: number) {
  const [row] = await db.select().from(sections).where(eq(sections.id, sectionId));
  if (!row) throw notFound('section', sectionId);
  return row;
}

export async function getSection(app: AppContext, request: RequestContext, sectionId: number) {
  const section = await loadSection(app.db, sectionId);
  authorizeWithinInstitution(request.actor, 'section.read', section.institutionId, await app.scopes.get());
  const [version] = await app.db.select().from(courseVersions).where(eq(courseVersions.id, section.courseVersionId));
  const [course] = await app.db.select().from(courses).where(eq(courses.id, section.courseId));
  const [scheduled] = await scheduledSections(app.db, section.termId, [sectionId]);
  const teacherRows = await teachersByIds(app.db, scheduled?.teacherIds ?? []);
  const classRows = await classesByIds(app.db, scheduled?.classIds ?? []);
  return {
    ...presentSectionRow(section),
    courseCode: course!.code,
    courseName: version!.name,
    courseNameEn: version!.nameEn,
    credits: version!.credits,
    layer: version!.layer as CourseLayer,
    ownerGroupId: version!.ownerGroupId,
    teachers: teacherRows.map((row) => ({ id: row.id, name: row.name, staffNo: row.staffNo })),
    classes: classRows.map((row) => ({ id: row.id, name: row.name, code: row.code })),
    meetings: scheduled?.meetings ?? [],
    seatsLeft: section.capacity - section.enrolledCount,
  };
}

export interface SectionFilter {
  termId: number;
  windowId?: number;
  courseId?: number;
  teacherId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listSections(app: AppContext, request: RequestContext, filter: SectionFilter) {
  const term = await termById(app.db, filter.termId);
  if (!term) throw notFound('term', filter.termId);
  authorizeWithinInstitution(request.actor, 'section.read', term.institutionId, await app.scopes.get());
  const conditions: SQL[] = [eq(sections.termId, filter.termId)];
  if (filter.windowId) conditions.push(eq(sections.windowId, filter.windowId));
  if (filter.courseId) conditions.push(eq(sections.courseId, filter.courseId));
  if (filter.teacherId)
    conditions.push(
      inArray(
        sections.id,
        app.db.select({ id: sectionTeachers.sectionId }).from(sectionTeachers).where(eq(sectionTeachers.teacherId, filter.teacherId)),
      ),
    );
  if (filter.q)
    conditions.push(
      or(ilike(sections.code, `%${filter.q}%`), ilike(courseVersions.name, `%${filter.q}%`), ilike(courses.code, `${filter.q}%`))!,
    );
  const where = and(...conditions);
  const rows = await app.db
    .select({
      section: sections,
      courseCode: courses.code,
      ...courseVersionColumns,
    })
    .from(sections)
    .innerJoin(courses, eq(courses.id, sections.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .where(where)
    .orderBy(asc(sections.code))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [{ total }] = (await app.db
    .select({ total: countAll() })
    .from(sections)
    .innerJoin(courses, eq(courses.id, sections.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, sections.courseVersionId))
    .where(where)) as [{ total: number }];
  const scheduled = new Map(
    (
      await scheduledSections(
        app.db,
        filter.termId,
        rows.map((row) => row.section.id),
      )
    ).map((entry) => [entry.id, entry]),
  );
  const teacherNames = new Map(
    (await teachersByIds(app.db, [...new Set(rows.flatMap((row) => scheduled.get(row.section.id)?.teacherIds ?? []))])).map((row) => [
      row.id,
      row.name,
    ]),
  );
  return {
    items: rows.map((row) => ({
      ...presentSectionRow(row.section),
      courseCode: row.courseCode,
      courseName: row.courseName,
      courseNameEn: row.courseNameEn,
      credits: row.credits,
      layer: row.layer as CourseLayer,
      ownerGroupId: row.ownerGroupId,
      seatsLeft: row.section.capacity - row.section.enrolledCount,
      meetings: scheduled.get(row.section.id)?.meetings ?? [],
      teachers: (scheduled.get(row.section.id)?.teacherIds ?? []).map((id) => ({ id, name: teacherNames.get(id) ?? '' })),
    })),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** Every clash among a term's sections (e.g. after an import of the timetable). */
export async function termClashes(app: AppContext, request: RequestContext, termId: number, locale: Locale) {
  const term = await termById(app.db, termId);
  if (!term) throw notFound('term', termId);
  authorizeWithinInstitution(request.actor, 'section.read', term.institutionId, await app.scopes.get());
  const all = await scheduledSections(app.db, termId);
  const clashes: Array<Clash & { sectionId: number; sectionCode: string }> = [];
  for (const [index, section] of all.entries()) {
    for (const clash of findClashes(section, all.slice(index + 1)))
      clashes.push({ ...clash, sectionId: section.id, sectionCode: section.code });
  }
  const described = await describeClashes(app.db, clashes, locale);
  return { termId, count: described.length, clashes: described };
}

/** Enrols every student of the section's classes (required courses taught to whole classes). */
export async function enrolSectionClasses(app: AppContext, request: RequestContext, sectionId: number) {
  const section = await loadSection(app.db, sectionId);
  authorize(request.actor, 'section.write', { type: 'institution', id: section.institutionId }, await app.scopes.get());
  requireActor(request.actor);
  return app.db.transaction(async (tx) => {
    // Lock the section first, so the counts below include every claim committed before it.
    await tx.select({ id: sections.id }).from(sections).where(eq(sections.id, sectionId)).for('update');
    const roster = await studentsOfClasses(
      tx,
      (await tx.select({ classId: sectionClasses.classId }).from(sectionClasses).where(eq(sectionClasses.sectionId, sectionId))).map(
        (row) => row.classId,
      ),
    );
    let added = 0;
    for (let start = 0; start < roster.length; start += 1000) {
      const inserted = await tx
        .insert(enrolments)
        .values(
          roster.slice(start, start + 1000).map((student) => ({
            institutionId: section.institutionId,
            sectionId,
            courseId: section.courseId,
            termId: section.termId,
            studentId: student.id,
            status: 'enrolled',
            source: 'assigned',
          })),
        )
        .onConflictDoNothing()
        .returning({ id: enrolments.id });
      added += inserted.length;
    }
    const [after] = await tx
      .update(sections)
      .set({
        enrolledCount: sql`(SELECT count(*)::int FROM enrolments WHERE section_id = ${sectionId} AND status = 'enrolled')`,
        capacity: sql`GREATEST(capacity, (SELECT count(*)::int FROM enrolments WHERE section_id = ${sectionId} AND status = 'enrolled'))`,
        updatedAt: new Date(),
      })
      .where(eq(sections.id, sectionId))
      .returning();
    await recordAudit(tx, request, {
      action: 'section.enrol_classes',
      entity: 'section',
      entityId: sectionId,
      institutionId: section.institutionId,
      summary: `教学班 ${section.code} 按行政班编入 ${added} 名学生`,
      after: { added, enrolled: after!.enrolledCount },
    });
    return { added, enrolled: after!.enrolledCount };
  });
}
