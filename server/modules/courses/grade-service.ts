/**
 * Grades (成绩): entry by the section's teachers (or a spreadsheet), publication that records the
 * credits earned and publishes `courses.credits_earned`, corrections by 教务; and a student's
 * progress against their programme.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorizeStudentRecord, authorizeWithinInstitution, can, requireActor, type Actor } from '../../platform/access.ts';
import { recordAudit, recordAuditMany, type AuditEntry, type RequestContext } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import type { ImportColumn } from '../../platform/imports/definition.ts';
import { buildExportWorkbook, describeError, parseWorkbook, type SheetShape } from '../../platform/imports/spreadsheet.ts';
import { translate, type Locale } from '../../platform/messages.ts';
import { studentProfile, studentProfiles, termById } from '../org/read.ts';
import { loadSection } from './offering-service.ts';
import { creditRulesOf } from './pool-service.ts';
import { programmeItems, programmeStatusLabels, publishedProgrammeOf, type ProgrammeStatus } from './programme-service.ts';
import { fiveLevels, parseGrade, passFailLevels, type CourseLayer, type GradeLevel, type GradeScheme } from './rules.ts';
import { courses, courseVersions, earnedCredits, enrolments, grades, programmes, sections, sectionTeachers } from './schema.ts';
import { creditsEarned, creditsRevoked } from './events.ts';
import { withCoursesUnderWay } from './progress-view.ts';
import './messages.ts';

const schemeLabels: Record<GradeScheme, { 'zh-CN': string; en: string }> = {
  percent: { 'zh-CN': '百分制', en: 'percentage' },
  five_level: { 'zh-CN': '五级制', en: 'five-level' },
  pass_fail: { 'zh-CN': '二级制（合格/不合格）', en: 'pass/fail' },
};

const gradeColumns: ImportColumn[] = [
  {
    key: 'studentNo',
    header: { 'zh-CN': '学号', en: 'Student number' },
    required: true,
    kind: 'text',
    example: '20244304010001',
    digitsAsText: true,
    maxLength: 40,
    width: 20,
  },
  { key: 'name', header: { 'zh-CN': '姓名', en: 'Name' }, required: false, kind: 'text', example: '张三', maxLength: 50 },
  { key: 'grade', header: { 'zh-CN': '成绩', en: 'Grade' }, required: true, kind: 'text', example: '85', maxLength: 10 },
];
export const gradeSheet: SheetShape = {
  title: { 'zh-CN': '成绩录入', en: 'Grades' },
  columns: gradeColumns,
  keyColumn: 'studentNo',
  maxRows: 2000,
};

/** The section's own teachers enter grades; 教务 (grade.correct) may always. */
async function authorizeGrading(
  app: AppContext,
  actor: Actor | null,
  section: typeof sections.$inferSelect,
): Promise<{ actor: Actor; asStaff: boolean }> {
  const who = requireActor(actor);
  const tree = await app.scopes.get();
  if (can(who, 'grade.correct', { type: 'institution', id: section.institutionId }, tree)) return { actor: who, asStaff: true };
  authorizeWithinInstitution(who, 'grade.enter', section.institutionId, tree);
  if (!who.teacherId) throw new AppError(403, 'NOT_SECTION_TEACHER', 'section.not_teacher');
  const [teaches] = await app.db
    .select()
    .from(sectionTeachers)
    .where(and(eq(sectionTeachers.sectionId, section.id), eq(sectionTeachers.teacherId, who.teacherId)));
  if (!teaches) throw new AppError(403, 'NOT_SECTION_TEACHER', 'section.not_teacher');
  return { actor: who, asStaff: false };
}

async function sectionCourse(db: Db, section: typeof sections.$inferSelect) {
  const [row] = await db
    .select({
      code: courses.code,
      name: courseVersions.name,
      nameEn: courseVersions.nameEn,
      credits: courseVersions.credits,
      layer: courseVersions.layer,
      ownerGroupId: courseVersions.ownerGroupId,
      versionId: courseVersions.id,
    })
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, section.courseVersionId))
    .where(eq(courses.id, section.courseId));
  return row!;
}

/** Roster of the section with each student's grade (the teacher's grade book). */
export async function gradeBook(app: AppContext, request: RequestContext, sectionId: number) {
  const section = await loadSection(app.db, sectionId);
  await authorizeGrading(app, request.actor, section);
  const course = await sectionCourse(app.db, section);
  const roster = await app.db
    .select({ studentId: enrolments.studentId })
    .from(enrolments)
    .where(and(eq(enrolments.sectionId, sectionId), eq(enrolments.status, 'enrolled')));
  const profiles = (
    await studentProfiles(
      app.db,
      roster.map((row) => row.studentId),
    )
  ).sort((a, b) => a.studentNo.localeCompare(b.studentNo));
  const gradeRows = await app.db.select().from(grades).where(eq(grades.sectionId, sectionId));
  const scheme = section.gradeScheme as GradeScheme;
  return {
    sectionId,
    code: section.code,
    courseCode: course.code,
    courseName: course.name,
    courseNameEn: course.nameEn,
    credits: course.credits,
    scheme,
    schemeLabel: schemeLabels[scheme],
    published: section.gradesPublishedAt !== null,
    publishedAt: section.gradesPublishedAt,
    levels:
      scheme === 'five_level'
        ? fiveLevels.map((level) => level.label)
        : scheme === 'pass_fail'
          ? passFailLevels.map((level) => level.label)
          : null,
    students: profiles.map((profile) => {
      const grade = gradeRows.find((row) => row.studentId === profile.id);
      return {
        studentId: profile.id,
        studentNo: profile.studentNo,
        name: profile.name,
        majorName: profile.majorName,
        score: grade?.score ?? null,
        level: (grade?.level ?? null) as GradeLevel | null,
        passed: grade?.passed ?? null,
      };
    }),
  };
}

export interface GradeEntry {
  studentNo: string;
  grade: string | number;
  /** Sheet row, for messages about an uploaded file. */
  row?: number;
}

interface EntryError {
  row: number | null;
  studentNo: string;
  column: string;
  message: string;
}

/** Saves grades all-or-nothing. Before publication the teacher may change them; afterwards only 教务, as a correction. */
export async function saveGrades(
  app: AppContext,
  request: RequestContext,
  sectionId: number,
  entries: GradeEntry[],
  locale: Locale,
  reason?: string,
) {
  const section = await loadSection(app.db, sectionId);
  const { asStaff } = await authorizeGrading(app, request.actor, section);
  if (section.gradesPublishedAt && !asStaff) throw new AppError(409, 'GRADES_LOCKED', 'grade.locked');
  const course = await sectionCourse(app.db, section);
  const scheme = section.gradeScheme as GradeScheme;
  const roster = await app.db
    .select({ studentId: enrolments.studentId })
    .from(enrolments)
    .where(and(eq(enrolments.sectionId, sectionId), eq(enrolments.status, 'enrolled')));
  const profiles = await studentProfiles(
    app.db,
    roster.map((row) => row.studentId),
  );
  const byNo = new Map(profiles.map((profile) => [profile.studentNo, profile]));
  const errors: EntryError[] = [];
  const parsed = entries.map((entry) => {
    const profile = byNo.get(entry.studentNo.trim());
    if (!profile) {
      errors.push({
        row: entry.row ?? null,
        studentNo: entry.studentNo,
        column: 'studentNo',
        message: translate('grade.not_enrolled', locale, { studentNo: entry.studentNo }),
      });
      return null;
    }
    const outcome = parseGrade(scheme, entry.grade);
    if (!outcome) {
      errors.push({
        row: entry.row ?? null,
        studentNo: entry.studentNo,
        column: 'grade',
        message: translate('grade.bad_value', locale, { value: String(entry.grade), scheme: schemeLabels[scheme][locale] }),
      });
      return null;
    }
    return { profile, outcome };
  });
  if (errors.length > 0) throw new AppError(422, 'GRADE_ERRORS', 'import.has_errors', { count: errors.length }, errors);
  const valid = parsed.filter((entry) => entry !== null);
  const result = await app.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(sections).where(eq(sections.id, sectionId)).for('update');
    if (locked!.gradesPublishedAt && !asStaff) throw new AppError(409, 'GRADES_LOCKED', 'grade.locked');
    const existing = await tx.select().from(grades).where(eq(grades.sectionId, sectionId));
    const audits: AuditEntry[] = [];
    let changed = 0;
    for (const { profile, outcome } of valid) {
      const before = existing.find((row) => row.studentId === profile.id);
      if (before && before.score === outcome.score && before.level === outcome.level) continue;
      changed += 1;
      const values = {
        scheme,
        score: outcome.score,
        level: outcome.level,
        passed: outcome.passed,
        credits: outcome.passed ? course.credits : 0,
        enteredBy: request.actor!.userId,
        enteredAt: new Date(),
      };
      const [after] = before
        ? await tx.update(grades).set(values).where(eq(grades.id, before.id)).returning()
        : await tx
            .insert(grades)
            .values({
              institutionId: section.institutionId,
              sectionId,
              studentId: profile.id,
              courseId: section.courseId,
              termId: section.termId,
              ...values,
            })
            .returning();
      audits.push({
        action: locked!.gradesPublishedAt ? 'grade.correct' : 'grade.enter',
        entity: 'grade',
        entityId: after!.id,
        institutionId: section.institutionId,
        summary: `${profile.studentNo} 《${course.name}》成绩 ${outcome.score ?? outcome.level}${reason ? `（${reason}）` : ''}`,
        before: before ?? null,
        after,
      });
      if (locked!.gradesPublishedAt) await recordCredits(tx, section, course, after!, profile);
    }
    await recordAuditMany(tx, request, audits);
    return { saved: valid.length, changed };
  });
  return result;
}

/** Reads a teacher's grade sheet (.xlsx: 学号, 姓名, 成绩) and saves it all-or-nothing. */
export async function uploadGrades(app: AppContext, request: RequestContext, sectionId: number, data: Buffer, locale: Locale) {
  const section = await loadSection(app.db, sectionId);
  await authorizeGrading(app, request.actor, section);
  const sheet = await parseWorkbook(data, gradeSheet);
  if (sheet.errors.length > 0) {
    const errors = sheet.errors.map((error) => ({
      row: error.row,
      column: error.column,
      message: describeError(error, gradeSheet, locale).reason,
    }));
    throw new AppError(422, 'GRADE_ERRORS', 'import.has_errors', { count: errors.length }, errors);
  }
  if (sheet.rows.length === 0) throw new AppError(422, 'EMPTY', 'import.empty');
  // An empty grade cell (or a sheet without the grade column) leaves that student's grade as it is.
  const entries = sheet.rows
    .filter((row) => row.values.grade !== undefined && row.values.grade !== null)
    .map((row) => ({ studentNo: String(row.values.studentNo), grade: String(row.values.grade), row: row.row }));
  if (entries.length === 0) throw new AppError(422, 'NO_GRADES', 'grade.none_in_file');
  return saveGrades(app, request, sectionId, entries, locale);
}

export async function gradeSheetWorkbook(app: AppContext, request: RequestContext, sectionId: number, locale: Locale) {
  const book = await gradeBook(app, request, sectionId);
  const rows = book.students.map((student) => ({
    studentNo: student.studentNo,
    name: student.name,
    grade: student.score ?? (student.level ? labelOf(book.scheme, student.level, locale) : ''),
  }));
  return { fileName: `${book.code}-${book.courseName}-成绩.xlsx`, data: await buildExportWorkbook(gradeSheet, rows, locale) };
}

function labelOf(scheme: GradeScheme, level: string, locale: Locale): string {
  const levels: ReadonlyArray<{ value: string; label: { 'zh-CN': string; en: string } }> =
    scheme === 'five_level' ? fiveLevels : passFailLevels;
  return levels.find((entry) => entry.value === level)?.label[locale] ?? level;
}

/**
 * Publishing locks the grades and puts the credits of every passed course on the student's
 * record, publishing one `courses.credits_earned` event per credit (the credit bank consumes them).
 */
export async function publishGrades(app: AppContext, request: RequestContext, sectionId: number) {
  const section = await loadSection(app.db, sectionId);
  await authorizeGrading(app, request.actor, section);
  const course = await sectionCourse(app.db, section);
  return app.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(sections).where(eq(sections.id, sectionId)).for('update');
    if (locked!.gradesPublishedAt) return { sectionId, published: true, earned: 0, alreadyPublished: true };
    // Only students still enrolled earn credits: a grade of someone who left the section stays, unpublished.
    const enrolled = new Set(
      (
        await tx
          .select({ studentId: enrolments.studentId })
          .from(enrolments)
          .where(and(eq(enrolments.sectionId, sectionId), eq(enrolments.status, 'enrolled')))
      ).map((row) => row.studentId),
    );
    const rows = (await tx.select().from(grades).where(eq(grades.sectionId, sectionId))).filter((grade) => enrolled.has(grade.studentId));
    const profiles = new Map(
      (
        await studentProfiles(
          tx,
          rows.map((row) => row.studentId),
        )
      ).map((profile) => [profile.id, profile]),
    );
    let earned = 0;
    for (const grade of rows) if (await recordCredits(tx, section, course, grade, profiles.get(grade.studentId)!)) earned += 1;
    await tx.update(sections).set({ gradesPublishedAt: new Date(), updatedAt: new Date() }).where(eq(sections.id, sectionId));
    await recordAudit(tx, request, {
      action: 'grade.publish',
      entity: 'section',
      entityId: sectionId,
      institutionId: section.institutionId,
      summary: `发布《${course.name}》（${section.code}）成绩：${rows.length} 人，取得学分 ${earned} 人`,
      after: { graded: rows.length, earned },
    });
    return { sectionId, published: true, earned, alreadyPublished: false };
  });
}

/** Keeps earned_credits in step with a published grade; returns true when credits were newly earned. */
async function recordCredits(
  tx: Db,
  section: typeof sections.$inferSelect,
  course: Awaited<ReturnType<typeof sectionCourse>>,
  grade: typeof grades.$inferSelect,
  profile: { id: number; studentNo: string; groupId: number | null },
): Promise<boolean> {
  const [existing] = await tx
    .select()
    .from(earnedCredits)
    .where(and(eq(earnedCredits.studentId, grade.studentId), eq(earnedCredits.courseId, grade.courseId)));
  if (grade.passed && !existing) {
    const crossGroup = course.layer === 'extension' && course.ownerGroupId !== null && course.ownerGroupId !== profile.groupId;
    const [row] = await tx
      .insert(earnedCredits)
      .values({
        institutionId: section.institutionId,
        studentId: grade.studentId,
        courseId: grade.courseId,
        courseVersionId: course.versionId,
        termId: section.termId,
        gradeId: grade.id,
        credits: course.credits,
        layer: course.layer,
        crossGroup,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return false;
    await publishEvent(tx, creditsEarned, {
      institutionId: section.institutionId,
      aggregate: 'student',
      aggregateId: grade.studentId,
      dedupeKey: `${creditsEarned.type}:${row.id}`,
      payload: {
        earnedCreditId: row.id,
        studentId: grade.studentId,
        studentNo: profile.studentNo,
        courseId: grade.courseId,
        courseCode: course.code,
        courseName: course.name,
        courseVersionId: course.versionId,
        credits: course.credits,
        layer: course.layer,
        crossGroup,
        termId: section.termId,
        gradeId: grade.id,
      },
    });
    return true;
  }
  if (!grade.passed && existing && existing.gradeId === grade.id) {
    await tx.delete(earnedCredits).where(eq(earnedCredits.id, existing.id));
    await publishEvent(tx, creditsRevoked, {
      institutionId: section.institutionId,
      aggregate: 'student',
      aggregateId: grade.studentId,
      dedupeKey: `${creditsRevoked.type}:${existing.id}`,
      payload: {
        earnedCreditId: existing.id,
        studentId: grade.studentId,
        courseId: grade.courseId,
        credits: existing.credits,
        reason: 'grade_corrected',
      },
    });
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Progress against the programme

/** Credits per layer earned / required, for a student (themselves, or staff who may read them). */
export async function studentProgress(app: AppContext, request: RequestContext, studentId: number, locale: Locale) {
  requireActor(request.actor);
  const student = await studentProfile(app.db, studentId);
  if (!student) throw notFound('student', studentId);
  authorizeStudentRecord(request.actor, 'people.read', student, await app.scopes.get());
  const programme =
    (await publishedProgrammeOf(app.db, student.majorId, student.cohortYear)) ??
    (
      await app.db
        .select()
        .from(programmes)
        .where(and(eq(programmes.majorId, student.majorId), eq(programmes.cohortYear, student.cohortYear)))
    )[0] ??
    null;
  const earned = await app.db
    .select({
      courseId: earnedCredits.courseId,
      credits: earnedCredits.credits,
      layer: earnedCredits.layer,
      crossGroup: earnedCredits.crossGroup,
      termId: earnedCredits.termId,
      code: courses.code,
      name: courseVersions.name,
      nameEn: courseVersions.nameEn,
    })
    .from(earnedCredits)
    .innerJoin(courses, eq(courses.id, earnedCredits.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, earnedCredits.courseVersionId))
    .where(eq(earnedCredits.studentId, studentId))
    .orderBy(asc(earnedCredits.termId), asc(courses.code));
  const sum = (items: Array<{ credits: number }>) => Math.round(items.reduce((total, item) => total + item.credits, 0) * 10) / 10;
  const items = programme ? await programmeItems(app.db, programme.id) : [];
  const required = items.filter((item) => !item.isElective);
  const inProgramme = new Set(items.map((item) => item.courseId));
  const rules = programme ? await creditRulesOf(app.db, programme.clusterId) : null;
  const layerOf = (layer: string) => ({
    required: sum(required.filter((item) => item.layer === layer && !(layer === 'extension' && item.ownerGroupId !== student.groupId))),
    earned: sum(earned.filter((entry) => entry.layer === layer && !entry.crossGroup && (inProgramme.has(entry.courseId) || !programme))),
  });
  const crossGroupRequired = programme
    ? sum(required.filter((item) => item.layer === 'extension' && item.ownerGroupId !== null && item.ownerGroupId !== student.groupId)) +
      programme.electiveCreditsRequired
    : (rules?.crossGroupExtensionCredits ?? 0);
  const terms = new Map<number, string>();
  for (const entry of earned) if (!terms.has(entry.termId)) terms.set(entry.termId, (await termById(app.db, entry.termId))?.code ?? '');
  return withCoursesUnderWay(app.db, student, programme ? items : null, {
    student: {
      id: student.id,
      studentNo: student.studentNo,
      name: student.name,
      majorName: student.majorName,
      cohortYear: student.cohortYear,
    },
    programme: programme
      ? {
          id: programme.id,
          name: programme.name,
          status: programme.status as ProgrammeStatus,
          statusLabel: programmeStatusLabels[programme.status as ProgrammeStatus][locale],
          graduationCredits: programme.graduationCredits,
        }
      : null,
    layers: {
      shared: layerOf('shared'),
      core: layerOf('core'),
      crossGroupExtension: { required: crossGroupRequired, earned: sum(earned.filter((entry) => entry.crossGroup)) },
      total: { required: programme?.graduationCredits ?? 0, earned: sum(earned) },
    },
    earned: earned.map((entry) => ({ ...entry, layer: entry.layer as CourseLayer, termCode: terms.get(entry.termId) ?? '' })),
  });
}
