/**
 * The organisation's structure: the scope tree every permission check walks, alliances and
 * institutions, departments, the cluster tree (cluster → groups → majors), majors and their status
 * history, terms and classes.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import {
  authorize,
  authorizeWithinInstitution,
  can,
  reachableWithin,
  requireActor,
  ScopeTree,
  type Actor,
  type ScopeRef,
} from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { institutionDate } from '../../platform/calendar.ts';
import { AppError, badRequest, duplicate, invalidReference, notFound } from '../../platform/errors.ts';
import {
  canChangeMajorStatus,
  defaultFirstWeek,
  majorLevels,
  majorStatusLabels,
  teachingWeekOn,
  teachingWeeks,
  termDatesProblem,
  type MajorStatus,
  type TermDates,
} from './rules.ts';
import {
  alliances,
  classes,
  clusters,
  departments,
  institutionAlliances,
  institutions,
  majorStatusHistory,
  majors,
  professionalGroups,
  students,
  teachers,
  terms,
} from './schema.ts';
import './messages.ts';
import { membershipsOf } from './setup-service.ts';
import { countAll, rowsOf } from '../../db/sql.ts';

// ---------------------------------------------------------------------------------------------
// Scope tree (used by the platform for every permission check)

/**
 * One statement, not one per level: the tree is also loaded inside transactions, where a single
 * connection must not be handed several queries at once.
 */
export async function loadScopeTree(db: Db): Promise<ScopeTree> {
  const rows = rowsOf<{ type: ScopeRef['type']; id: number; parent_type: ScopeRef['type'] | null; parent_id: number | null }>(
    await db.execute(sql`
      SELECT type, id, parent_type, parent_id FROM (
        SELECT 1 AS depth, 'alliance' AS type, id, NULL AS parent_type, NULL::bigint AS parent_id FROM ${alliances}
        UNION ALL
        SELECT 2, 'institution', i.id, CASE WHEN m.alliance_id IS NULL THEN NULL ELSE 'alliance' END, m.alliance_id
        FROM ${institutions} i LEFT JOIN ${institutionAlliances} m ON m.institution_id = i.id
        UNION ALL
        SELECT 3, 'cluster', id, 'institution', institution_id FROM ${clusters}
        UNION ALL
        SELECT 4, 'group', id, CASE WHEN cluster_id IS NULL THEN 'institution' ELSE 'cluster' END, coalesce(cluster_id, institution_id)
        FROM ${professionalGroups}
        UNION ALL
        SELECT 5, 'major', id, CASE WHEN group_id IS NULL THEN 'institution' ELSE 'group' END, coalesce(group_id, institution_id) FROM ${majors}
      ) nodes ORDER BY depth, id`),
  );
  return new ScopeTree(
    rows.map((row) => ({
      ref: { type: row.type, id: Number(row.id) },
      parent: row.parent_type === null ? null : { type: row.parent_type, id: Number(row.parent_id) },
    })),
  );
}

export async function requireScope(app: AppContext, ref: ScopeRef, entity: string) {
  const tree = await app.scopes.get();
  if (!tree.has(ref)) throw notFound(entity, ref.id);
  return tree;
}

export function institutionOfActor(actor: Actor, requested?: number): number {
  const id = requested ?? actor.institutionId;
  if (!id) throw notFound('institution', requested ?? '-');
  return id;
}

// ---------------------------------------------------------------------------------------------
// Alliance, institutions, departments

export async function listInstitutions(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  const tree = await app.scopes.get();
  const rows = await app.db.select().from(institutions).orderBy(asc(institutions.id));
  const allianceRows = await app.db.select().from(alliances).orderBy(asc(alliances.id));
  const visible = rows.filter((row) => can(actor, 'org.read', { type: 'institution', id: row.id }, tree) || row.id === actor.institutionId);
  const memberships = await membershipsOf(
    app.db,
    visible.map((row) => row.id),
  );
  return { alliances: allianceRows, institutions: visible.map((row) => ({ ...row, memberships: memberships.get(row.id) ?? [] })) };
}

export async function listDepartments(app: AppContext, request: RequestContext, institutionId?: number) {
  const actor = requireActor(request.actor);
  const id = institutionOfActor(actor, institutionId);
  const tree = await requireScope(app, { type: 'institution', id }, 'institution');
  authorizeWithinInstitution(actor, 'org.read', id, tree);
  return app.db.select().from(departments).where(eq(departments.institutionId, id)).orderBy(asc(departments.code));
}

export async function createDepartment(
  app: AppContext,
  request: RequestContext,
  input: { institutionId?: number; code: string; name: string; kind: string },
) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, input.institutionId);
  const tree = await requireScope(app, { type: 'institution', id: institutionId }, 'institution');
  authorize(actor, 'org.write', { type: 'institution', id: institutionId }, tree);
  return app.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.institutionId, institutionId), eq(departments.code, input.code)));
    if (existing) throw duplicate('department', input.code);
    const [row] = await tx.insert(departments).values({ institutionId, code: input.code, name: input.name, kind: input.kind }).returning();
    await recordAudit(tx, request, {
      action: 'department.create',
      entity: 'department',
      entityId: row!.id,
      institutionId,
      summary: `新增系部 ${row!.name}`,
      after: row,
    });
    return row!;
  });
}

// ---------------------------------------------------------------------------------------------
// Cluster → groups → majors

export async function clusterTree(app: AppContext, request: RequestContext, institutionId?: number) {
  const actor = requireActor(request.actor);
  const id = institutionOfActor(actor, institutionId);
  const tree = await requireScope(app, { type: 'institution', id }, 'institution');
  const clusterRows = await app.db.select().from(clusters).where(eq(clusters.institutionId, id)).orderBy(asc(clusters.id));
  const visibleClusters = clusterRows.filter(
    (cluster) =>
      can(actor, 'org.read', { type: 'cluster', id: cluster.id }, tree) ||
      tree
        .descendants({ type: 'cluster', id: cluster.id }, 'major')
        .some((majorId) => can(actor, 'org.read', { type: 'major', id: majorId }, tree)),
  );
  if (clusterRows.length > 0 && visibleClusters.length === 0)
    authorize(actor, 'org.read', { type: 'cluster', id: clusterRows[0]!.id }, tree);
  const groupRows = await app.db
    .select()
    .from(professionalGroups)
    .where(eq(professionalGroups.institutionId, id))
    .orderBy(asc(professionalGroups.code));
  const majorRows = await app.db
    .select({
      id: majors.id,
      code: majors.code,
      name: majors.name,
      groupId: majors.groupId,
      status: majors.status,
      level: majors.level,
      departmentId: majors.departmentId,
      firstEnrolmentYear: majors.firstEnrolmentYear,
    })
    .from(majors)
    .where(eq(majors.institutionId, id))
    .orderBy(asc(majors.code));
  const studentCounts = await app.db
    .select({ majorId: students.majorId, count: countAll() })
    .from(students)
    .where(and(eq(students.institutionId, id), eq(students.status, 'enrolled')))
    .groupBy(students.majorId);
  const teacherCounts = await app.db
    .select({
      groupId: teachers.homeGroupId,
      count: countAll(),
      dual: sql<number>`count(*) FILTER (WHERE ${teachers.isDualQualified})::int`,
    })
    .from(teachers)
    .where(and(eq(teachers.institutionId, id), eq(teachers.status, 'active')))
    .groupBy(teachers.homeGroupId);
  const studentsOf = new Map(studentCounts.map((row) => [row.majorId, row.count]));
  const teachersOf = new Map(teacherCounts.map((row) => [row.groupId, row]));
  return visibleClusters.map((cluster) => {
    const groups = groupRows
      .filter((group) => group.clusterId === cluster.id)
      .map((group) => {
        const groupMajors = majorRows
          .filter((major) => major.groupId === group.id)
          .map((major) => ({ ...major, students: studentsOf.get(major.id) ?? 0 }));
        return {
          ...group,
          majors: groupMajors,
          students: groupMajors.reduce((sum, major) => sum + major.students, 0),
          teachers: teachersOf.get(group.id)?.count ?? 0,
          dualQualifiedTeachers: teachersOf.get(group.id)?.dual ?? 0,
        };
      });
    return {
      ...cluster,
      groups,
      majors: groups.reduce((sum, group) => sum + group.majors.length, 0),
      students: groups.reduce((sum, group) => sum + group.students, 0),
      teachers: groups.reduce((sum, group) => sum + group.teachers, 0),
    };
  });
}

/**
 * Every major of the institution (those in no group too), by department and code, with the cluster of
 * its group and its enrolled students: the whole institution, which the cluster tree shows only in part.
 */
export async function listMajors(app: AppContext, request: RequestContext, institutionId?: number) {
  const actor = requireActor(request.actor);
  const id = institutionOfActor(actor, institutionId);
  const tree = await requireScope(app, { type: 'institution', id }, 'institution');
  authorizeWithinInstitution(actor, 'org.read', id, tree);
  const [rows, studentCounts] = await Promise.all([
    app.db
      .select({
        id: majors.id,
        institutionId: majors.institutionId,
        code: majors.code,
        name: majors.name,
        departmentId: majors.departmentId,
        groupId: majors.groupId,
        level: majors.level,
        firstEnrolmentYear: majors.firstEnrolmentYear,
        status: majors.status,
        createdAt: majors.createdAt,
        updatedAt: majors.updatedAt,
        clusterId: professionalGroups.clusterId,
      })
      .from(majors)
      .leftJoin(professionalGroups, eq(professionalGroups.id, majors.groupId))
      .where(eq(majors.institutionId, id))
      .orderBy(asc(majors.code)),
    app.db
      .select({ majorId: students.majorId, count: countAll() })
      .from(students)
      .where(and(eq(students.institutionId, id), eq(students.status, 'enrolled')))
      .groupBy(students.majorId),
  ]);
  const studentsOf = new Map(studentCounts.map((row) => [row.majorId, row.count]));
  return rows.map((row) => ({ ...row, students: studentsOf.get(row.id) ?? 0 }));
}

export async function getGroup(app: AppContext, request: RequestContext, groupId: number) {
  const tree = await requireScope(app, { type: 'group', id: groupId }, 'group');
  authorize(request.actor, 'org.read', { type: 'group', id: groupId }, tree);
  const [group] = await app.db.select().from(professionalGroups).where(eq(professionalGroups.id, groupId));
  const groupMajors = await app.db.select().from(majors).where(eq(majors.groupId, groupId)).orderBy(asc(majors.code));
  return { ...group!, majors: groupMajors };
}

export async function updateGroup(
  app: AppContext,
  request: RequestContext,
  groupId: number,
  patch: {
    name?: string;
    shortName?: string | null;
    industryChain?: string | null;
    coreMajorCode?: string | null;
    departmentId?: number | null;
  },
) {
  const tree = await requireScope(app, { type: 'group', id: groupId }, 'group');
  authorize(request.actor, 'group.write', { type: 'group', id: groupId }, tree);
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(professionalGroups).where(eq(professionalGroups.id, groupId)).for('update');
    if (patch.departmentId && patch.departmentId !== before!.departmentId) {
      const [department] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.id, patch.departmentId), eq(departments.institutionId, before!.institutionId)));
      if (!department) throw invalidReference('department', 'departmentId');
    }
    // A core major named before its major was added (as a new group may) is kept as it is.
    if (patch.coreMajorCode && patch.coreMajorCode !== before!.coreMajorCode) {
      const [core] = await tx
        .select({ id: majors.id })
        .from(majors)
        .where(and(eq(majors.institutionId, before!.institutionId), eq(majors.code, patch.coreMajorCode)));
      if (!core) throw invalidReference('major', 'coreMajorCode');
    }
    const [after] = await tx
      .update(professionalGroups)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(professionalGroups.id, groupId))
      .returning();
    await recordAudit(tx, request, {
      action: 'group.update',
      entity: 'group',
      entityId: groupId,
      institutionId: before!.institutionId,
      summary: `修改专业群 ${after!.name}`,
      before,
      after,
    });
    return after!;
  });
}

export async function getMajor(app: AppContext, request: RequestContext, majorId: number) {
  const tree = await requireScope(app, { type: 'major', id: majorId }, 'major');
  authorize(request.actor, 'org.read', { type: 'major', id: majorId }, tree);
  const [major] = await app.db.select().from(majors).where(eq(majors.id, majorId));
  const history = await app.db
    .select()
    .from(majorStatusHistory)
    .where(eq(majorStatusHistory.majorId, majorId))
    .orderBy(asc(majorStatusHistory.changedAt), asc(majorStatusHistory.id));
  const [counts] = await app.db.select({ students: countAll() }).from(students).where(eq(students.majorId, majorId));
  const classRows = await app.db.select().from(classes).where(eq(classes.majorId, majorId)).orderBy(asc(classes.code));
  return { ...major!, statusHistory: history, students: counts?.students ?? 0, classes: classRows };
}

export async function updateMajor(
  app: AppContext,
  request: RequestContext,
  majorId: number,
  patch: {
    name?: string;
    departmentId?: number | null;
    groupId?: number | null;
    firstEnrolmentYear?: number | null;
    level?: (typeof majorLevels)[number];
  },
) {
  const tree = await requireScope(app, { type: 'major', id: majorId }, 'major');
  authorize(request.actor, 'major.write', { type: 'major', id: majorId }, tree);
  // Moving a major to another group needs the right over the destination too.
  if (patch.groupId) {
    if (!tree.has({ type: 'group', id: patch.groupId })) throw invalidReference('group', 'groupId');
    authorize(request.actor, 'group.write', { type: 'group', id: patch.groupId }, tree);
  }
  const result = await app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(majors).where(eq(majors.id, majorId)).for('update');
    if (patch.departmentId) {
      const [department] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.id, patch.departmentId), eq(departments.institutionId, before!.institutionId)));
      if (!department) throw invalidReference('department', 'departmentId');
    }
    if (patch.groupId && tree.institutionOf({ type: 'group', id: patch.groupId }) !== before!.institutionId)
      throw invalidReference('group', 'groupId');
    const [after] = await tx
      .update(majors)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(majors.id, majorId))
      .returning();
    await recordAudit(tx, request, {
      action: 'major.update',
      entity: 'major',
      entityId: majorId,
      institutionId: before!.institutionId,
      summary: `修改专业 ${after!.code} ${after!.name}`,
      before,
      after,
    });
    return after!;
  });
  app.scopes.invalidate();
  return result;
}

export async function changeMajorStatus(
  app: AppContext,
  request: RequestContext,
  majorId: number,
  input: { status: MajorStatus; effectiveYear?: number; reason?: string },
) {
  const tree = await requireScope(app, { type: 'major', id: majorId }, 'major');
  authorize(request.actor, 'major.status', { type: 'major', id: majorId }, tree);
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(majors).where(eq(majors.id, majorId)).for('update');
    const verdict = canChangeMajorStatus(before!.status as MajorStatus, input.status);
    if (verdict === 'unchanged')
      throw new AppError(409, 'STATUS_UNCHANGED', 'major.status_unchanged', { status: majorStatusLabels[input.status] });
    if (verdict === 'final') throw new AppError(409, 'STATUS_FINAL', 'major.revoked_final');
    const [after] = await tx.update(majors).set({ status: input.status, updatedAt: new Date() }).where(eq(majors.id, majorId)).returning();
    await tx.insert(majorStatusHistory).values({
      institutionId: before!.institutionId,
      majorId,
      fromStatus: before!.status,
      toStatus: input.status,
      effectiveYear: input.effectiveYear ?? null,
      reason: input.reason ?? null,
      changedBy: request.actor!.userId,
    });
    await recordAudit(tx, request, {
      action: 'major.status',
      entity: 'major',
      entityId: majorId,
      institutionId: before!.institutionId,
      summary: `专业 ${before!.code} ${before!.name}：${majorStatusLabels[before!.status as MajorStatus]['zh-CN']} → ${majorStatusLabels[input.status]['zh-CN']}`,
      before: { status: before!.status },
      after: { status: input.status, reason: input.reason ?? null, effectiveYear: input.effectiveYear ?? null },
    });
    return after!;
  });
}

// ---------------------------------------------------------------------------------------------
// Terms and classes

/** A term as answered: its dates, the Monday of teaching week 1, how many teaching weeks it has and which one is now. */
function termView(row: typeof terms.$inferSelect, today = institutionDate()) {
  return { ...row, teachingWeeks: teachingWeeks(row), currentWeek: teachingWeekOn(row, today) };
}

function refuseTermDates(dates: TermDates) {
  const found = termDatesProblem(dates);
  if (found) throw badRequest('BAD_TERM_DATES', found.problem, {}, { field: found.field });
}

export async function listTerms(app: AppContext, request: RequestContext, institutionId?: number) {
  const actor = requireActor(request.actor);
  const id = institutionOfActor(actor, institutionId);
  const tree = await requireScope(app, { type: 'institution', id }, 'institution');
  authorizeWithinInstitution(actor, 'org.read', id, tree);
  const today = institutionDate();
  return (await app.db.select().from(terms).where(eq(terms.institutionId, id)).orderBy(asc(terms.code))).map((row) => termView(row, today));
}

export async function createTerm(
  app: AppContext,
  request: RequestContext,
  input: { institutionId?: number; code: string; startsOn: string; endsOn: string; firstWeekStartsOn?: string | null },
) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, input.institutionId);
  const tree = await requireScope(app, { type: 'institution', id: institutionId }, 'institution');
  authorize(actor, 'org.write', { type: 'institution', id: institutionId }, tree);
  const dates = {
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    firstWeekStartsOn: input.firstWeekStartsOn ?? defaultFirstWeek(input.startsOn),
  };
  refuseTermDates(dates);
  const [startYear, , termNo] = input.code.split('-');
  return app.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: terms.id })
      .from(terms)
      .where(and(eq(terms.institutionId, institutionId), eq(terms.code, input.code)));
    if (existing) throw duplicate('term', input.code);
    const [row] = await tx
      .insert(terms)
      .values({
        institutionId,
        code: input.code,
        academicYear: `${startYear}-${Number(startYear) + 1}`,
        termNo: Number(termNo),
        ...dates,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'term.create',
      entity: 'term',
      entityId: row!.id,
      institutionId,
      summary: `新增学期 ${row!.code}`,
      after: row,
    });
    return termView(row!);
  });
}

/** A term's dates and its first teaching week; the code (学年 and 学期) stays, being what others refer to. */
export async function updateTerm(
  app: AppContext,
  request: RequestContext,
  termId: number,
  patch: { startsOn?: string; endsOn?: string; firstWeekStartsOn?: string },
) {
  const actor = requireActor(request.actor);
  const [existing] = await app.db.select({ institutionId: terms.institutionId }).from(terms).where(eq(terms.id, termId));
  if (!existing) throw notFound('term', termId);
  const tree = await requireScope(app, { type: 'institution', id: existing.institutionId }, 'institution');
  authorize(actor, 'org.write', { type: 'institution', id: existing.institutionId }, tree);
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(terms).where(eq(terms.id, termId)).for('update');
    const dates = {
      startsOn: patch.startsOn ?? before!.startsOn,
      endsOn: patch.endsOn ?? before!.endsOn,
      firstWeekStartsOn: patch.firstWeekStartsOn ?? before!.firstWeekStartsOn,
    };
    refuseTermDates(dates);
    const [after] = await tx.update(terms).set(dates).where(eq(terms.id, termId)).returning();
    await recordAudit(tx, request, {
      action: 'term.update',
      entity: 'term',
      entityId: termId,
      institutionId: before!.institutionId,
      summary: `修改学期 ${after!.code}`,
      before,
      after,
    });
    return termView(after!);
  });
}

export async function listClasses(app: AppContext, request: RequestContext, filter: { majorId?: number; institutionId?: number }) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, filter.institutionId);
  const tree = await app.scopes.get();
  const reach = reachableWithin(actor, 'org.read', institutionId, 'major', tree);
  const conditions: SQL[] = [eq(classes.institutionId, institutionId)];
  if (filter.majorId) conditions.push(eq(classes.majorId, filter.majorId));
  if (reach !== 'all') conditions.push(inArray(classes.majorId, reach));
  return app.db
    .select({
      id: classes.id,
      code: classes.code,
      name: classes.name,
      majorId: classes.majorId,
      cohortYear: classes.cohortYear,
      majorName: majors.name,
      students: sql<number>`(SELECT count(*)::int FROM students s WHERE s.class_id = ${classes.id})`,
    })
    .from(classes)
    .innerJoin(majors, eq(majors.id, classes.majorId))
    .where(and(...conditions))
    .orderBy(asc(classes.code))
    .limit(2000);
}

/**
 * The alliance a first administrator is granted on: the existing one (the first, if several), or a new
 * one with this name when the install is empty. Run by the first-administrator set-up, before anyone can sign in.
 */
export async function allianceForFirstAdmin(db: Db, name: string | null): Promise<{ id: number; name: string; created: boolean }> {
  const [existing] = await db.select({ id: alliances.id, name: alliances.name }).from(alliances).orderBy(asc(alliances.id)).limit(1);
  if (existing) return { ...existing, created: false };
  const [created] = await db
    .insert(alliances)
    .values({ code: 'ALLIANCE', name: name?.trim() || '专业集群联盟', kind: 'industry_community' })
    .returning({ id: alliances.id, name: alliances.name });
  return { ...created!, created: true };
}
