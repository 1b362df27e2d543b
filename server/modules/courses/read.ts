/**
 * What other modules (the credit bank) may read from the courses module: course facts, whether a
 * student passed a course, and the graduation credits of a student's published programme.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { publishedProgrammeOf } from './programme-service.ts';
import { courses, courseVersions, earnedCredits, grades } from './schema.ts';

export interface CourseFacts {
  id: number;
  institutionId: number;
  clusterId: number;
  code: string;
  name: string;
  nameEn: string | null;
  credits: number;
  ownerGroupId: number | null;
  status: string;
}

/** Courses by id, with their current version's name and credits. */
export async function coursesByIds(db: Db, ids: number[]): Promise<CourseFacts[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: courses.id,
      institutionId: courses.institutionId,
      clusterId: courses.clusterId,
      code: courses.code,
      name: courseVersions.name,
      nameEn: courseVersions.nameEn,
      credits: courseVersions.credits,
      ownerGroupId: courseVersions.ownerGroupId,
      status: courses.status,
    })
    .from(courses)
    .innerJoin(courseVersions, and(eq(courseVersions.courseId, courses.id), eq(courseVersions.versionNo, courses.currentVersionNo)))
    .where(inArray(courses.id, ids));
}

export async function hasPassedCourse(db: Db, studentId: number, courseId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: earnedCredits.id })
    .from(earnedCredits)
    .where(and(eq(earnedCredits.studentId, studentId), eq(earnedCredits.courseId, courseId)));
  return Boolean(row);
}

/** The graduation credits of the published programme of a major and cohort, or null. */
export async function graduationCreditsOf(db: Db, majorId: number, cohortYear: number): Promise<number | null> {
  return (await publishedProgrammeOf(db, majorId, cohortYear))?.graduationCredits ?? null;
}

/** The grade behind each earned credit (for the credit bank's transcript): score or level, and its term. */
export async function gradesOfEarnedCredits(db: Db, earnedCreditIds: number[]) {
  if (earnedCreditIds.length === 0) return [];
  return db
    .select({
      earnedCreditId: earnedCredits.id,
      termId: earnedCredits.termId,
      scheme: grades.scheme,
      score: grades.score,
      level: grades.level,
    })
    .from(earnedCredits)
    .innerJoin(grades, eq(grades.id, earnedCredits.gradeId))
    .where(inArray(earnedCredits.id, earnedCreditIds));
}
export { fiveLevels, passFailLevels } from './rules.ts';
