/** Course pool (课程池): courses with versions (the credit-structure rules are in credit-rules-service.ts). */
import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, authorizeInside, requireActor, type Actor, type ScopeRef } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, duplicate, notFound, unprocessable } from '../../platform/errors.ts';
import { clusterById, clustersOfInstitution, groupsOfCluster } from '../org/read.ts';
import {
  diffVersions,
  ownerFitsLayer,
  type AssessmentType,
  type CourseLayer,
  type CourseStatus,
  type CourseVersionFields,
  type CreditStructureRules,
  type FieldChange,
  type ModuleType,
} from './rules.ts';
import { courses, courseVersions } from './schema.ts';
import { currentCohort, rulesInForce } from './credit-rules-service.ts';
import { countAll } from '../../db/sql.ts';

export interface CourseFields {
  name: string;
  nameEn?: string | null;
  credits: number;
  theoryHours: number;
  practiceHours: number;
  assessment: AssessmentType;
  layer: CourseLayer;
  moduleType: ModuleType;
  ownerGroupId: number | null;
  certificateCodes?: string[];
  prerequisiteCodes?: string[];
  description?: string | null;
}

export type CourseRow = typeof courses.$inferSelect;
export type CourseVersionRow = typeof courseVersions.$inferSelect;

/** Shared courses are the cluster's; the others belong to their owner group. */
export function courseScope(clusterId: number, ownerGroupId: number | null): ScopeRef {
  return ownerGroupId === null ? { type: 'cluster', id: clusterId } : { type: 'group', id: ownerGroupId };
}

/** The versioned fields of a course version, typed as the database's CHECK constraints keep them. */
export function versionFields(version: CourseVersionRow) {
  return {
    name: version.name,
    nameEn: version.nameEn,
    credits: version.credits,
    theoryHours: version.theoryHours,
    practiceHours: version.practiceHours,
    assessment: version.assessment as AssessmentType,
    layer: version.layer as CourseLayer,
    moduleType: version.moduleType as ModuleType,
    ownerGroupId: version.ownerGroupId,
    certificateCodes: version.certificateCodes,
    prerequisiteCodes: version.prerequisiteCodes,
    description: version.description,
  } satisfies CourseVersionFields;
}

/** The value of a versioned field: text, a number, a list of codes, or none. */
export type CourseFieldValue = string | number | string[] | null;

/** A change between two versions, with the values as the versions hold them. */
export function presentChanges(changes: FieldChange[]) {
  return changes.map((change) => ({ field: change.field, from: change.from as CourseFieldValue, to: change.to as CourseFieldValue }));
}

export function presentCourse(course: CourseRow, version: CourseVersionRow) {
  return {
    id: course.id,
    code: course.code,
    clusterId: course.clusterId,
    institutionId: course.institutionId,
    status: course.status as CourseStatus,
    versionNo: version.versionNo,
    versionId: version.id,
    ...versionFields(version),
    hours: version.theoryHours + version.practiceHours,
    updatedAt: course.updatedAt,
  };
}

async function requireCluster(app: AppContext, clusterId: number) {
  const cluster = await clusterById(app.db, clusterId);
  if (!cluster) throw notFound('cluster', clusterId);
  return cluster;
}

/** The cluster of the acting user's institution when none is named (a college runs one cluster). */
export async function resolveClusterId(app: AppContext, request: RequestContext, clusterId?: number): Promise<number> {
  if (clusterId) return clusterId;
  const actor = requireActor(request.actor);
  const institutionId = actor.institutionId;
  if (!institutionId) throw notFound('cluster', '-');
  const [first] = await clustersOfInstitution(app.db, institutionId);
  if (!first) throw notFound('cluster', '-');
  return first.id;
}

async function checkFields(db: Db, clusterId: number, institutionId: number, fields: CourseFields, ownCode: string | null) {
  if (!ownerFitsLayer(fields.layer, fields.ownerGroupId)) throw unprocessable('BAD_OWNER', 'course.bad_owner');
  if (fields.ownerGroupId !== null) {
    const groups = await groupsOfCluster(db, clusterId);
    if (!groups.some((group) => group.id === fields.ownerGroupId))
      throw unprocessable('OWNER_OUTSIDE_CLUSTER', 'course.owner_outside_cluster');
  }
  const prerequisites = [...new Set(fields.prerequisiteCodes ?? [])];
  if (ownCode && prerequisites.includes(ownCode)) throw unprocessable('SELF_PREREQUISITE', 'course.self_prerequisite');
  if (prerequisites.length > 0) {
    const found = await db
      .select({ code: courses.code })
      .from(courses)
      .where(and(eq(courses.institutionId, institutionId), inArray(courses.code, prerequisites)));
    const missing = prerequisites.filter((code) => !found.some((row) => row.code === code));
    if (missing.length > 0) throw unprocessable('UNKNOWN_PREREQUISITE', 'course.unknown_prerequisite', { codes: missing.join('、') });
  }
}

function versionValues(fields: CourseFields) {
  return {
    name: fields.name,
    nameEn: fields.nameEn ?? null,
    credits: fields.credits,
    theoryHours: fields.theoryHours,
    practiceHours: fields.practiceHours,
    assessment: fields.assessment,
    layer: fields.layer,
    moduleType: fields.moduleType,
    ownerGroupId: fields.ownerGroupId,
    certificateCodes: [...new Set(fields.certificateCodes ?? [])],
    prerequisiteCodes: [...new Set(fields.prerequisiteCodes ?? [])],
    description: fields.description ?? null,
  };
}

/** The pool is the whole cluster's: whoever may read courses anywhere in the cluster reads all of it. */
async function authorizePoolRead(app: AppContext, actor: Actor, clusterId: number) {
  authorizeInside(actor, 'course.read', { type: 'cluster', id: clusterId }, await app.scopes.get());
}

export interface CourseFilter {
  clusterId?: number;
  layer?: CourseLayer;
  /** A group id, or 0 for the cluster's shared courses. */
  ownerGroupId?: number;
  moduleType?: ModuleType;
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listCourses(app: AppContext, request: RequestContext, filter: CourseFilter) {
  const actor = requireActor(request.actor);
  const clusterId = await resolveClusterId(app, request, filter.clusterId);
  await requireCluster(app, clusterId);
  await authorizePoolRead(app, actor, clusterId);
  const groups = await groupsOfCluster(app.db, clusterId);
  const conditions: SQL[] = [eq(courses.clusterId, clusterId)];
  if (filter.layer) conditions.push(eq(courseVersions.layer, filter.layer));
  if (filter.ownerGroupId !== undefined)
    conditions.push(filter.ownerGroupId === 0 ? isNull(courseVersions.ownerGroupId) : eq(courseVersions.ownerGroupId, filter.ownerGroupId));
  if (filter.moduleType) conditions.push(eq(courseVersions.moduleType, filter.moduleType));
  if (filter.status) conditions.push(eq(courses.status, filter.status));
  if (filter.q) conditions.push(or(ilike(courses.code, `${filter.q}%`), ilike(courseVersions.name, `%${filter.q}%`))!);
  const where = and(...conditions);
  const join = and(eq(courseVersions.courseId, courses.id), eq(courseVersions.versionNo, courses.currentVersionNo));
  const rows = await app.db
    .select({ course: courses, version: courseVersions })
    .from(courses)
    .innerJoin(courseVersions, join)
    .where(where)
    .orderBy(asc(courseVersions.layer), asc(courses.code))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [{ total }] = (await app.db.select({ total: countAll() }).from(courses).innerJoin(courseVersions, join).where(where)) as [
    { total: number },
  ];
  return { items: rows.map((row) => presentCourse(row.course, row.version)), total, page: filter.page, pageSize: filter.pageSize, groups };
}

async function loadCourse(db: Db, courseId: number) {
  const [row] = await db
    .select({ course: courses, version: courseVersions })
    .from(courses)
    .innerJoin(courseVersions, and(eq(courseVersions.courseId, courses.id), eq(courseVersions.versionNo, courses.currentVersionNo)))
    .where(eq(courses.id, courseId));
  if (!row) throw notFound('course', courseId);
  return row;
}

export async function getCourse(app: AppContext, request: RequestContext, courseId: number) {
  const { course, version } = await loadCourse(app.db, courseId);
  await authorizePoolRead(app, requireActor(request.actor), course.clusterId);
  const versions = await app.db
    .select()
    .from(courseVersions)
    .where(eq(courseVersions.courseId, courseId))
    .orderBy(desc(courseVersions.versionNo));
  return {
    ...presentCourse(course, version),
    versions: versions.map((row) => ({
      versionNo: row.versionNo,
      id: row.id,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      ...versionFields(row),
    })),
  };
}

export async function createCourse(
  app: AppContext,
  request: RequestContext,
  input: CourseFields & { clusterId?: number; code: string; publish?: boolean },
) {
  const clusterId = await resolveClusterId(app, request, input.clusterId);
  const cluster = await requireCluster(app, clusterId);
  const tree = await app.scopes.get();
  authorize(request.actor, 'course.write', courseScope(clusterId, input.ownerGroupId), tree);
  return app.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.institutionId, cluster.institutionId), eq(courses.code, input.code)));
    if (existing) throw duplicate('course', input.code);
    await checkFields(tx, clusterId, cluster.institutionId, input, input.code);
    const [course] = await tx
      .insert(courses)
      .values({ institutionId: cluster.institutionId, clusterId, code: input.code, status: input.publish ? 'published' : 'draft' })
      .returning();
    const [version] = await tx
      .insert(courseVersions)
      .values({
        institutionId: cluster.institutionId,
        courseId: course!.id,
        versionNo: 1,
        ...versionValues(input),
        createdBy: request.actor!.userId,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'course.create',
      entity: 'course',
      entityId: course!.id,
      institutionId: cluster.institutionId,
      summary: `新增课程 ${input.code} ${input.name}`,
      after: presentCourse(course!, version!),
    });
    return presentCourse(course!, version!);
  });
}

/**
 * A draft is edited in place. A published course is never changed: the edit becomes version n+1,
 * and programmes keep pointing at the version they were built with.
 */
export async function updateCourse(app: AppContext, request: RequestContext, courseId: number, patch: Partial<CourseFields>) {
  const current = await loadCourse(app.db, courseId);
  const tree = await app.scopes.get();
  authorize(request.actor, 'course.write', courseScope(current.course.clusterId, current.version.ownerGroupId), tree);
  const merged: CourseFields = { ...(versionFields(current.version) as unknown as CourseFields), ...patch };
  if (patch.ownerGroupId !== undefined || patch.layer !== undefined)
    authorize(request.actor, 'course.write', courseScope(current.course.clusterId, merged.ownerGroupId), tree);
  return app.db.transaction(async (tx) => {
    const [course] = await tx.select().from(courses).where(eq(courses.id, courseId)).for('update');
    if (course!.status === 'retired') throw new AppError(409, 'COURSE_RETIRED', 'course.retired', { code: course!.code });
    const [version] = await tx
      .select()
      .from(courseVersions)
      .where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.versionNo, course!.currentVersionNo)));
    await checkFields(tx, course!.clusterId, course!.institutionId, merged, course!.code);
    const values = versionValues(merged);
    const changes = diffVersions(versionFields(version!), values as unknown as CourseVersionFields);
    if (changes.length === 0) throw new AppError(409, 'NO_CHANGE', 'course.no_change');
    let after: CourseVersionRow;
    if (course!.status === 'draft') {
      [after] = (await tx.update(courseVersions).set(values).where(eq(courseVersions.id, version!.id)).returning()) as [CourseVersionRow];
    } else {
      [after] = (await tx
        .insert(courseVersions)
        .values({
          institutionId: course!.institutionId,
          courseId,
          versionNo: course!.currentVersionNo + 1,
          ...values,
          createdBy: request.actor!.userId,
        })
        .returning()) as [CourseVersionRow];
    }
    const [updated] = await tx
      .update(courses)
      .set({ currentVersionNo: after.versionNo, updatedAt: new Date() })
      .where(eq(courses.id, courseId))
      .returning();
    await recordAudit(tx, request, {
      action: course!.status === 'draft' ? 'course.update' : 'course.version',
      entity: 'course',
      entityId: courseId,
      institutionId: course!.institutionId,
      summary: course!.status === 'draft' ? `修改课程 ${course!.code}` : `课程 ${course!.code} 生成第 ${after.versionNo} 版`,
      before: versionFields(version!),
      after: { versionNo: after.versionNo, changes },
    });
    return { ...presentCourse(updated!, after), changes: presentChanges(changes) };
  });
}

export async function setCourseStatus(app: AppContext, request: RequestContext, courseId: number, status: 'published' | 'retired') {
  const current = await loadCourse(app.db, courseId);
  authorize(request.actor, 'course.write', courseScope(current.course.clusterId, current.version.ownerGroupId), await app.scopes.get());
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(courses).where(eq(courses.id, courseId)).for('update');
    if (before!.status === status) return presentCourse(before!, current.version);
    const [after] = await tx.update(courses).set({ status, updatedAt: new Date() }).where(eq(courses.id, courseId)).returning();
    await recordAudit(tx, request, {
      action: `course.${status === 'published' ? 'publish' : 'retire'}`,
      entity: 'course',
      entityId: courseId,
      institutionId: before!.institutionId,
      summary: `课程 ${before!.code}：${before!.status} → ${status}`,
      before: { status: before!.status },
      after: { status },
    });
    return presentCourse(after!, current.version);
  });
}

export async function diffCourseVersions(
  app: AppContext,
  request: RequestContext,
  courseId: number,
  fromVersion: number,
  toVersion: number,
) {
  const { course } = await loadCourse(app.db, courseId);
  await authorizePoolRead(app, requireActor(request.actor), course.clusterId);
  const rows = await app.db
    .select()
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, courseId), inArray(courseVersions.versionNo, [fromVersion, toVersion])));
  const from = rows.find((row) => row.versionNo === fromVersion);
  const to = rows.find((row) => row.versionNo === toVersion);
  if (!from) throw new AppError(404, 'VERSION_NOT_FOUND', 'course.version_not_found', { version: fromVersion });
  if (!to) throw new AppError(404, 'VERSION_NOT_FOUND', 'course.version_not_found', { version: toVersion });
  const changes = presentChanges(diffVersions(versionFields(from), versionFields(to)));
  return { courseId, code: course.code, from: fromVersion, to: toVersion, changes };
}

/**
 * The credit-structure rules in force for a cohort of a cluster (default: this year's cohort). A
 * programme's own rules — the version it keeps once submitted — come from rulesOfProgramme.
 */
export async function creditRulesOf(db: Db, clusterId: number, cohortYear: number = currentCohort()): Promise<CreditStructureRules> {
  return (await rulesInForce(db, clusterId, cohortYear)).rules;
}
