/**
 * The four-stage pathway for students and staff: a student's stage and what is missing for the next,
 * the distribution of a cluster's students over the stages per major, and the cluster's criteria
 * (the defaults of pathway.ts until 教务 saves others).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { inJsonList, type Db } from '../../db/connection.ts';
import { authorize, authorizeInside, authorizeStudentRecord, can } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { translateBoth } from '../../platform/messages.ts';
import { graduationCreditsOf } from '../courses/read.ts';
import { clusterById, groupsOfCluster, majorWithGroup, majorsOfGroups, studentProfile, studentsOfMajors } from '../org/read.ts';
import {
  checkPathway,
  defaultPathway,
  evaluatePathway,
  stageKeys,
  stageNames,
  type MajorLevel,
  type PathwayFacts,
  type StageCriteria,
  type StageKey,
} from './pathway.ts';
import { levelRank, type CertificateLevel } from './rules.ts';
import { apprenticePathways, certificates, ledgerEntries, learningOutcomes } from './schema.ts';
import './messages.ts';

export async function pathwayOf(
  db: Db,
  clusterId: number,
): Promise<{ stages: StageCriteria[]; revision: number; isDefault: boolean; updatedAt: Date | null }> {
  const [row] = await db.select().from(apprenticePathways).where(eq(apprenticePathways.clusterId, clusterId));
  return row
    ? { stages: row.stages as StageCriteria[], revision: row.revision, isDefault: false, updatedAt: row.updatedAt }
    : { stages: defaultPathway, revision: 0, isDefault: true, updatedAt: null };
}

/** Coursework (course credits and exempted courses) standing in the ledger, per student. */
async function courseworkOf(db: Db, studentIds: number[]): Promise<Map<number, number>> {
  if (studentIds.length === 0) return new Map();
  const rows = await db
    .select({ studentId: ledgerEntries.studentId, credits: sql<number>`sum(${ledgerEntries.credits})::float8` })
    .from(ledgerEntries)
    .where(and(inJsonList(ledgerEntries.studentId, studentIds, 'bigint'), sql`${ledgerEntries.category} IN ('course', 'exemption')`))
    .groupBy(ledgerEntries.studentId);
  return new Map(rows.map((row) => [row.studentId, Number(row.credits)]));
}

/** The highest certificate level held (granted, not reversed), per student. */
async function highestCertificatesOf(db: Db, studentIds: number[]): Promise<Map<number, { level: CertificateLevel; name: string }>> {
  const best = new Map<number, { level: CertificateLevel; name: string }>();
  if (studentIds.length === 0) return best;
  const rows = await db
    .select({ studentId: learningOutcomes.studentId, level: learningOutcomes.level, name: certificates.name })
    .from(learningOutcomes)
    .innerJoin(certificates, eq(certificates.id, learningOutcomes.certificateId))
    .where(
      and(
        inJsonList(learningOutcomes.studentId, studentIds, 'bigint'),
        eq(learningOutcomes.kind, 'certificate'),
        eq(learningOutcomes.status, 'granted'),
      ),
    );
  for (const row of rows) {
    const level = row.level as CertificateLevel;
    const current = best.get(row.studentId);
    if (!current || levelRank(level) > levelRank(current.level)) best.set(row.studentId, { level, name: row.name });
  }
  return best;
}

/** A student's stage, each stage's criteria and what is missing for the next. The student, or staff in scope. */
export async function studentPathway(app: AppContext, request: RequestContext, studentId: number) {
  const student = await studentProfile(app.db, studentId);
  if (!student) throw notFound('student', studentId);
  authorizeStudentRecord(request.actor, 'creditbank.read', student, await app.scopes.get());
  const major = (await majorWithGroup(app.db, student.majorId))!;
  const pathway = student.clusterId ? await pathwayOf(app.db, student.clusterId) : { stages: defaultPathway };
  const facts = {
    majorLevel: major.level as MajorLevel,
    status: student.status,
    courseworkCredits: (await courseworkOf(app.db, [student.id])).get(student.id) ?? 0,
    programmeGraduationCredits: await graduationCreditsOf(app.db, student.majorId, student.cohortYear),
    highestCertificate: (await highestCertificatesOf(app.db, [student.id])).get(student.id) ?? null,
  } satisfies PathwayFacts;
  return { studentId: student.id, clusterId: student.clusterId, ...evaluatePathway(pathway.stages, facts), facts };
}

/** How many of each major's students stand at each stage (withdrawn students are not counted). */
export async function pathwayDistribution(app: AppContext, request: RequestContext, clusterId: number) {
  const cluster = await clusterById(app.db, clusterId);
  if (!cluster) throw notFound('cluster', clusterId);
  const scopes = await app.scopes.get();
  // A group or major lead sees the majors inside their scope.
  const actor = authorizeInside(request.actor, 'creditbank.read', { type: 'cluster', id: clusterId }, scopes);
  const { stages } = await pathwayOf(app.db, clusterId);
  const majors = (
    await majorsOfGroups(
      app.db,
      (await groupsOfCluster(app.db, clusterId)).map((group) => group.id),
    )
  ).filter((major) => can(actor, 'creditbank.read', { type: 'major', id: major.id }, scopes));
  const students = (
    await studentsOfMajors(
      app.db,
      majors.map((major) => major.id),
    )
  ).filter((student) => student.status !== 'withdrawn');
  const ids = students.map((student) => student.id);
  const [coursework, highest] = [await courseworkOf(app.db, ids), await highestCertificatesOf(app.db, ids)];
  const programmeCredits = new Map<string, number | null>();
  for (const key of new Set(students.map((student) => `${student.majorId}:${student.cohortYear}`))) {
    const [majorId, cohortYear] = key.split(':').map(Number) as [number, number];
    programmeCredits.set(key, await graduationCreditsOf(app.db, majorId, cohortYear));
  }
  const emptyCounts = () => Object.fromEntries(['none', ...stageKeys].map((key) => [key, 0])) as Record<StageKey | 'none', number>;
  const rows = new Map(
    majors.map((major) => [major.id, { majorId: major.id, code: major.code, name: major.name, total: 0, counts: emptyCounts() }]),
  );
  const levels = new Map(majors.map((major) => [major.id, major.level as MajorLevel]));
  for (const student of students) {
    const result = evaluatePathway(stages, {
      majorLevel: levels.get(student.majorId)!,
      status: student.status,
      courseworkCredits: coursework.get(student.id) ?? 0,
      programmeGraduationCredits: programmeCredits.get(`${student.majorId}:${student.cohortYear}`) ?? null,
      highestCertificate: highest.get(student.id) ?? null,
    });
    const row = rows.get(student.majorId)!;
    row.total += 1;
    row.counts[result.current ?? 'none'] += 1;
  }
  return { clusterId, stages: stageKeys.map((key) => ({ key, name: stageNames[key] })), majors: [...rows.values()] };
}

export async function getPathwaySettings(app: AppContext, request: RequestContext, clusterId: number) {
  const cluster = await clusterById(app.db, clusterId);
  if (!cluster) throw notFound('cluster', clusterId);
  authorize(request.actor, 'creditbank.read', { type: 'cluster', id: clusterId }, await app.scopes.get());
  return { clusterId, defaults: defaultPathway, ...(await pathwayOf(app.db, clusterId)), names: stageNames };
}

/** Saves a cluster's criteria; `revision` is the one the editor read, so a concurrent save is refused, not overwritten. */
export async function savePathwaySettings(
  app: AppContext,
  request: RequestContext,
  clusterId: number,
  input: { stages: StageCriteria[]; revision: number },
) {
  const cluster = await clusterById(app.db, clusterId);
  if (!cluster) throw notFound('cluster', clusterId);
  const actor = authorize(request.actor, 'creditbank.rules', { type: 'cluster', id: clusterId }, await app.scopes.get());
  const problems = checkPathway(input.stages);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw unprocessable(
      'PATHWAY_INVALID',
      'creditbank.pathway.invalid',
      { count: problems.length, first: translateBoth(first.messageKey, first.params ?? {}) },
      { problems },
    );
  }
  await app.db.transaction(async (tx) => {
    const [current] = await tx.select().from(apprenticePathways).where(eq(apprenticePathways.clusterId, clusterId)).for('update');
    if ((current?.revision ?? 0) !== input.revision) throw new AppError(409, 'STALE', 'creditbank.pathway.stale');
    if (current) {
      await tx
        .update(apprenticePathways)
        .set({ stages: input.stages, updatedBy: actor.userId, updatedAt: new Date(), revision: current.revision + 1 })
        .where(eq(apprenticePathways.clusterId, clusterId));
    } else {
      const inserted = await tx
        .insert(apprenticePathways)
        .values({ clusterId, institutionId: cluster.institutionId, stages: input.stages, updatedBy: actor.userId })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw new AppError(409, 'STALE', 'creditbank.pathway.stale');
    }
    await recordAudit(tx, request, {
      action: 'creditbank.pathway.save',
      entity: 'apprentice_pathway',
      entityId: clusterId,
      institutionId: cluster.institutionId,
      summary: `修改学徒成长路径设置（${cluster.name}）`,
      before: current?.stages ?? defaultPathway,
      after: input.stages,
    });
  });
  return getPathwaySettings(app, request, clusterId);
}
