/**
 * What other modules may read from the organisation model. They never query org tables
 * themselves (DESIGN.md §4): these functions are the module's read interface.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { inJsonList, type Db } from '../../db/connection.ts';
import type { StudentStatus } from './rules.ts';
import { classes, clusters, institutions, majors, professionalGroups, students, teachers, terms } from './schema.ts';

export interface StudentProfile {
  id: number;
  institutionId: number;
  studentNo: string;
  name: string;
  cohortYear: number;
  majorId: number;
  majorCode: string;
  majorName: string;
  groupId: number | null;
  clusterId: number | null;
  classId: number | null;
  status: StudentStatus;
}

const profileColumns = {
  id: students.id,
  institutionId: students.institutionId,
  studentNo: students.studentNo,
  name: students.name,
  cohortYear: students.cohortYear,
  majorId: students.majorId,
  majorCode: majors.code,
  majorName: majors.name,
  groupId: majors.groupId,
  clusterId: professionalGroups.clusterId,
  classId: students.classId,
  status: students.status,
};

export async function studentProfile(db: Db, studentId: number): Promise<StudentProfile | null> {
  const [row] = await db
    .select(profileColumns)
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .leftJoin(professionalGroups, eq(professionalGroups.id, majors.groupId))
    .where(eq(students.id, studentId));
  return row ?? null;
}

export async function studentProfiles(db: Db, studentIds: number[]): Promise<StudentProfile[]> {
  if (studentIds.length === 0) return [];
  return db
    .select(profileColumns)
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .leftJoin(professionalGroups, eq(professionalGroups.id, majors.groupId))
    .where(inArray(students.id, studentIds));
}

export async function studentsByNumbers(db: Db, institutionId: number, studentNos: string[]) {
  if (studentNos.length === 0) return [];
  return db
    .select({ id: students.id, studentNo: students.studentNo, name: students.name })
    .from(students)
    .where(and(eq(students.institutionId, institutionId), inArray(students.studentNo, studentNos)));
}

export async function studentsOfMajorCohort(db: Db, majorId: number, cohortYear: number) {
  return db
    .select({ id: students.id, studentNo: students.studentNo })
    .from(students)
    .where(and(eq(students.majorId, majorId), eq(students.cohortYear, cohortYear), eq(students.status, 'enrolled')))
    .orderBy(asc(students.studentNo));
}

export async function majorWithGroup(db: Db, majorId: number) {
  const [row] = await db
    .select({
      id: majors.id,
      institutionId: majors.institutionId,
      code: majors.code,
      name: majors.name,
      groupId: majors.groupId,
      groupName: professionalGroups.name,
      clusterId: professionalGroups.clusterId,
      status: majors.status,
      level: majors.level,
    })
    .from(majors)
    .leftJoin(professionalGroups, eq(professionalGroups.id, majors.groupId))
    .where(eq(majors.id, majorId));
  return row ?? null;
}

export async function groupsOfCluster(db: Db, clusterId: number) {
  return db
    .select({
      id: professionalGroups.id,
      code: professionalGroups.code,
      name: professionalGroups.name,
      shortName: professionalGroups.shortName,
      institutionId: professionalGroups.institutionId,
    })
    .from(professionalGroups)
    .where(eq(professionalGroups.clusterId, clusterId))
    .orderBy(asc(professionalGroups.code));
}

/** Every major of an institution (ids only): to turn a role's scope into the majors it reaches. */
export async function majorIdsOfInstitution(db: Db, institutionId: number): Promise<number[]> {
  return (await db.select({ id: majors.id }).from(majors).where(eq(majors.institutionId, institutionId))).map((row) => row.id);
}

/** A subquery of the ids of the students of these majors, for `inArray(column, …)` in another module's query. */
export function studentIdsOfMajorsQuery(db: Db, majorIds: number[]) {
  return db
    .select({ id: students.id })
    .from(students)
    .where(inJsonList(students.majorId, majorIds, 'bigint'));
}

export async function majorsOfGroups(db: Db, groupIds: number[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({ id: majors.id, code: majors.code, name: majors.name, groupId: majors.groupId, level: majors.level })
    .from(majors)
    .where(inArray(majors.groupId, groupIds))
    .orderBy(asc(majors.code));
}

export async function clusterById(db: Db, clusterId: number) {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, clusterId));
  return row ?? null;
}

export async function clustersOfInstitution(db: Db, institutionId: number) {
  return db.select().from(clusters).where(eq(clusters.institutionId, institutionId)).orderBy(asc(clusters.id));
}

export async function termById(db: Db, termId: number) {
  const [row] = await db.select().from(terms).where(eq(terms.id, termId));
  return row ?? null;
}

/**
 * Teaching weeks are counted from a term's first teaching week (its `firstWeekStartsOn` Monday), not
 * from its first day: other modules that place a date in a week use these.
 */
export { teachingWeekOn, teachingWeeks } from './rules.ts';

export async function termsOfInstitution(db: Db, institutionId: number) {
  return db.select().from(terms).where(eq(terms.institutionId, institutionId)).orderBy(asc(terms.code));
}

export async function teachersByIds(db: Db, teacherIds: number[]) {
  if (teacherIds.length === 0) return [];
  return db
    .select({
      id: teachers.id,
      institutionId: teachers.institutionId,
      staffNo: teachers.staffNo,
      name: teachers.name,
      homeGroupId: teachers.homeGroupId,
    })
    .from(teachers)
    .where(inArray(teachers.id, teacherIds));
}

export async function classesByIds(db: Db, classIds: number[]) {
  if (classIds.length === 0) return [];
  return db
    .select({
      id: classes.id,
      institutionId: classes.institutionId,
      code: classes.code,
      name: classes.name,
      majorId: classes.majorId,
      cohortYear: classes.cohortYear,
    })
    .from(classes)
    .where(inArray(classes.id, classIds));
}

export async function studentsOfClasses(db: Db, classIds: number[]) {
  if (classIds.length === 0) return [];
  return db
    .select({ id: students.id, studentNo: students.studentNo, classId: students.classId })
    .from(students)
    .where(and(inArray(students.classId, classIds), eq(students.status, 'enrolled')))
    .orderBy(asc(students.studentNo));
}

export async function institutionById(db: Db, institutionId: number) {
  const [row] = await db.select().from(institutions).where(eq(institutions.id, institutionId));
  return row ?? null;
}

/** Students of an institution whose ID number has one of these lookup hashes (PiiCipher.lookupHash). */
export async function studentsByIdNumberHashes(db: Db, institutionId: number, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db
    .select({ id: students.id, name: students.name, studentNo: students.studentNo, idNumberHash: students.idNumberHash })
    .from(students)
    .where(and(eq(students.institutionId, institutionId), inJsonList(students.idNumberHash, hashes, 'text')));
}

/** Name and sealed ID number of students, for exports in the issuing body's shape. */
export async function studentIdentities(db: Db, studentIds: number[]) {
  if (studentIds.length === 0) return [];
  return db
    .select({
      id: students.id,
      name: students.name,
      studentNo: students.studentNo,
      idNumberEnc: students.idNumberEnc,
      idNumberMasked: students.idNumberMasked,
    })
    .from(students)
    .where(inJsonList(students.id, studentIds, 'bigint'));
}

/** Every student of these majors with what the academic side of the credit bank looks at. */
export async function studentsOfMajors(db: Db, majorIds: number[]) {
  if (majorIds.length === 0) return [];
  return db
    .select({ id: students.id, majorId: students.majorId, cohortYear: students.cohortYear, status: students.status })
    .from(students)
    .where(inArray(students.majorId, majorIds));
}

/** A cluster found by its code (e.g. the demo's LSZNZZ). */
export async function clusterByCode(db: Db, code: string) {
  const [row] = await db.select().from(clusters).where(eq(clusters.code, code));
  return row ?? null;
}

export { majorLevels, studentStatuses, type StudentStatus } from './rules.ts';
export { sealedAt } from './sealed.ts';
