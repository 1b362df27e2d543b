import { and, asc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, authorizeInside, authorizeWithinInstitution, can, reachableWithin, requireActor, ScopeTree, type Actor, type ScopeRef } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, duplicate, invalidReference, notFound } from '../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../platform/pii.ts';
import { canChangeMajorStatus, majorStatusLabels, type MajorStatus } from './rules.ts';
import {
  alliances, classes, clusters, departments, enterpriseContacts, institutions, majorStatusHistory, majors, professionalGroups, students, teachers, terms,
} from './schema.ts';
import './messages.ts';
import { countAll } from '../../db/sql.ts';

// ---------------------------------------------------------------------------------------------
// Scope tree (used by the platform for every permission check)

export async function loadScopeTree(db: Db): Promise<ScopeTree> {
  const [allianceRows, institutionRows, clusterRows, groupRows, majorRows] = await Promise.all([
    db.select({ id: alliances.id }).from(alliances),
    db.select({ id: institutions.id, allianceId: institutions.allianceId }).from(institutions),
    db.select({ id: clusters.id, institutionId: clusters.institutionId }).from(clusters),
    db.select({ id: professionalGroups.id, institutionId: professionalGroups.institutionId, clusterId: professionalGroups.clusterId }).from(professionalGroups),
    db.select({ id: majors.id, institutionId: majors.institutionId, groupId: majors.groupId }).from(majors),
  ]);
  const nodes: Array<{ ref: ScopeRef; parent: ScopeRef | null }> = [
    ...allianceRows.map((row) => ({ ref: { type: 'alliance' as const, id: row.id }, parent: null })),
    ...institutionRows.map((row) => ({ ref: { type: 'institution' as const, id: row.id }, parent: row.allianceId ? { type: 'alliance' as const, id: row.allianceId } : null })),
    ...clusterRows.map((row) => ({ ref: { type: 'cluster' as const, id: row.id }, parent: { type: 'institution' as const, id: row.institutionId } })),
    ...groupRows.map((row) => ({ ref: { type: 'group' as const, id: row.id }, parent: row.clusterId ? { type: 'cluster' as const, id: row.clusterId } : { type: 'institution' as const, id: row.institutionId } })),
    ...majorRows.map((row) => ({ ref: { type: 'major' as const, id: row.id }, parent: row.groupId ? { type: 'group' as const, id: row.groupId } : { type: 'institution' as const, id: row.institutionId } })),
  ];
  return new ScopeTree(nodes);
}

async function requireScope(app: AppContext, ref: ScopeRef, entity: string) {
  const tree = await app.scopes.get();
  if (!tree.has(ref)) throw notFound(entity, ref.id);
  return tree;
}

function institutionOfActor(actor: Actor, requested?: number): number {
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
  return { alliances: allianceRows, institutions: visible };
}

export async function listDepartments(app: AppContext, request: RequestContext, institutionId?: number) {
  const actor = requireActor(request.actor);
  const id = institutionOfActor(actor, institutionId);
  const tree = await requireScope(app, { type: 'institution', id }, 'institution');
  authorizeWithinInstitution(actor, 'org.read', id, tree);
  return app.db.select().from(departments).where(eq(departments.institutionId, id)).orderBy(asc(departments.code));
}

export async function createDepartment(app: AppContext, request: RequestContext, input: { institutionId?: number; code: string; name: string; kind: string }) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, input.institutionId);
  const tree = await requireScope(app, { type: 'institution', id: institutionId }, 'institution');
  authorize(actor, 'org.write', { type: 'institution', id: institutionId }, tree);
  return app.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.institutionId, institutionId), eq(departments.code, input.code)));
    if (existing) throw duplicate('department', input.code);
    const [row] = await tx.insert(departments).values({ institutionId, code: input.code, name: input.name, kind: input.kind }).returning();
    await recordAudit(tx, request, { action: 'department.create', entity: 'department', entityId: row!.id, institutionId, summary: `新增系部 ${row!.name}`, after: row });
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
  const visibleClusters = clusterRows.filter((cluster) => can(actor, 'org.read', { type: 'cluster', id: cluster.id }, tree)
    || tree.descendants({ type: 'cluster', id: cluster.id }, 'major').some((majorId) => can(actor, 'org.read', { type: 'major', id: majorId }, tree)));
  if (clusterRows.length > 0 && visibleClusters.length === 0) authorize(actor, 'org.read', { type: 'cluster', id: clusterRows[0]!.id }, tree);
  const groupRows = await app.db.select().from(professionalGroups).where(eq(professionalGroups.institutionId, id)).orderBy(asc(professionalGroups.code));
  const majorRows = await app.db.select({
    id: majors.id, code: majors.code, name: majors.name, groupId: majors.groupId, status: majors.status, level: majors.level,
    departmentId: majors.departmentId, firstEnrolmentYear: majors.firstEnrolmentYear,
  }).from(majors).where(eq(majors.institutionId, id)).orderBy(asc(majors.code));
  const studentCounts = await app.db.select({ majorId: students.majorId, count: countAll() })
    .from(students).where(and(eq(students.institutionId, id), eq(students.status, 'enrolled'))).groupBy(students.majorId);
  const teacherCounts = await app.db.select({ groupId: teachers.homeGroupId, count: countAll(), dual: sql<number>`count(*) FILTER (WHERE ${teachers.isDualQualified})::int` })
    .from(teachers).where(and(eq(teachers.institutionId, id), eq(teachers.status, 'active'))).groupBy(teachers.homeGroupId);
  const studentsOf = new Map(studentCounts.map((row) => [row.majorId, row.count]));
  const teachersOf = new Map(teacherCounts.map((row) => [row.groupId, row]));
  return visibleClusters.map((cluster) => {
    const groups = groupRows.filter((group) => group.clusterId === cluster.id).map((group) => {
      const groupMajors = majorRows.filter((major) => major.groupId === group.id).map((major) => ({ ...major, students: studentsOf.get(major.id) ?? 0 }));
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

export async function getGroup(app: AppContext, request: RequestContext, groupId: number) {
  const tree = await requireScope(app, { type: 'group', id: groupId }, 'group');
  authorize(request.actor, 'org.read', { type: 'group', id: groupId }, tree);
  const [group] = await app.db.select().from(professionalGroups).where(eq(professionalGroups.id, groupId));
  const groupMajors = await app.db.select().from(majors).where(eq(majors.groupId, groupId)).orderBy(asc(majors.code));
  return { ...group!, majors: groupMajors };
}

export async function updateGroup(app: AppContext, request: RequestContext, groupId: number, patch: { name?: string; shortName?: string | null; industryChain?: string | null; coreMajorCode?: string | null }) {
  const tree = await requireScope(app, { type: 'group', id: groupId }, 'group');
  authorize(request.actor, 'group.write', { type: 'group', id: groupId }, tree);
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(professionalGroups).where(eq(professionalGroups.id, groupId)).for('update');
    if (patch.coreMajorCode) {
      const [core] = await tx.select({ id: majors.id }).from(majors).where(and(eq(majors.institutionId, before!.institutionId), eq(majors.code, patch.coreMajorCode)));
      if (!core) throw invalidReference('major', 'coreMajorCode');
    }
    const [after] = await tx.update(professionalGroups).set({ ...patch, updatedAt: new Date() }).where(eq(professionalGroups.id, groupId)).returning();
    await recordAudit(tx, request, { action: 'group.update', entity: 'group', entityId: groupId, institutionId: before!.institutionId, summary: `修改专业群 ${after!.name}`, before, after });
    return after!;
  });
}

export async function getMajor(app: AppContext, request: RequestContext, majorId: number) {
  const tree = await requireScope(app, { type: 'major', id: majorId }, 'major');
  authorize(request.actor, 'org.read', { type: 'major', id: majorId }, tree);
  const [major] = await app.db.select().from(majors).where(eq(majors.id, majorId));
  const history = await app.db.select().from(majorStatusHistory).where(eq(majorStatusHistory.majorId, majorId)).orderBy(asc(majorStatusHistory.changedAt), asc(majorStatusHistory.id));
  const [counts] = await app.db.select({ students: countAll() }).from(students).where(eq(students.majorId, majorId));
  const classRows = await app.db.select().from(classes).where(eq(classes.majorId, majorId)).orderBy(asc(classes.code));
  return { ...major!, statusHistory: history, students: counts?.students ?? 0, classes: classRows };
}

export async function updateMajor(app: AppContext, request: RequestContext, majorId: number, patch: { name?: string; departmentId?: number | null; groupId?: number | null; firstEnrolmentYear?: number | null }) {
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
      const [department] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, patch.departmentId), eq(departments.institutionId, before!.institutionId)));
      if (!department) throw invalidReference('department', 'departmentId');
    }
    if (patch.groupId && tree.institutionOf({ type: 'group', id: patch.groupId }) !== before!.institutionId) throw invalidReference('group', 'groupId');
    const [after] = await tx.update(majors).set({ ...patch, updatedAt: new Date() }).where(eq(majors.id, majorId)).returning();
    await recordAudit(tx, request, { action: 'major.update', entity: 'major', entityId: majorId, institutionId: before!.institutionId, summary: `修改专业 ${after!.code} ${after!.name}`, before, after });
    return after!;
  });
  app.scopes.invalidate();
  return result;
}

export async function changeMajorStatus(app: AppContext, request: RequestContext, majorId: number, input: { status: MajorStatus; effectiveYear?: number; reason?: string }) {
  const tree = await requireScope(app, { type: 'major', id: majorId }, 'major');
  authorize(request.actor, 'major.status', { type: 'major', id: majorId }, tree);
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(majors).where(eq(majors.id, majorId)).for('update');
    const verdict = canChangeMajorStatus(before!.status as MajorStatus, input.status);
    if (verdict === 'unchanged') throw new AppError(409, 'STATUS_UNCHANGED', 'major.status_unchanged', { status: majorStatusLabels[input.status] });
    if (verdict === 'final') throw new AppError(409, 'STATUS_FINAL', 'major.revoked_final');
    const [after] = await tx.update(majors).set({ status: input.status, updatedAt: new Date() }).where(eq(majors.id, majorId)).returning();
    await tx.insert(majorStatusHistory).values({
      institutionId: before!.institutionId, majorId, fromStatus: before!.status, toStatus: input.status,
      effectiveYear: input.effectiveYear ?? null, reason: input.reason ?? null, changedBy: request.actor!.userId,
    });
    await recordAudit(tx, request, {
      action: 'major.status', entity: 'major', entityId: majorId, institutionId: before!.institutionId,
      summary: `专业 ${before!.code} ${before!.name}：${majorStatusLabels[before!.status as MajorStatus]['zh-CN']} → ${majorStatusLabels[input.status]['zh-CN']}`,
      before: { status: before!.status }, after: { status: input.status, reason: input.reason ?? null, effectiveYear: input.effectiveYear ?? null },
    });
    return after!;
  });
}

// ---------------------------------------------------------------------------------------------
// Terms and classes

export async function listTerms(app: AppContext, request: RequestContext, institutionId?: number) {
  const actor = requireActor(request.actor);
  const id = institutionOfActor(actor, institutionId);
  const tree = await requireScope(app, { type: 'institution', id }, 'institution');
  authorizeWithinInstitution(actor, 'org.read', id, tree);
  return app.db.select().from(terms).where(eq(terms.institutionId, id)).orderBy(asc(terms.code));
}

export async function createTerm(app: AppContext, request: RequestContext, input: { institutionId?: number; code: string; startsOn: string; endsOn: string }) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, input.institutionId);
  const tree = await requireScope(app, { type: 'institution', id: institutionId }, 'institution');
  authorize(actor, 'org.write', { type: 'institution', id: institutionId }, tree);
  if (input.endsOn <= input.startsOn) throw new AppError(400, 'VALIDATION_FAILED', 'error.validation', {}, [{ path: 'body.endsOn', message: '结束日期须晚于开始日期 / must be after the start date' }]);
  const [startYear, , termNo] = input.code.split('-');
  return app.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: terms.id }).from(terms).where(and(eq(terms.institutionId, institutionId), eq(terms.code, input.code)));
    if (existing) throw duplicate('term', input.code);
    const [row] = await tx.insert(terms).values({
      institutionId, code: input.code, academicYear: `${startYear}-${Number(startYear) + 1}`, termNo: Number(termNo), startsOn: input.startsOn, endsOn: input.endsOn,
    }).returning();
    await recordAudit(tx, request, { action: 'term.create', entity: 'term', entityId: row!.id, institutionId, summary: `新增学期 ${row!.code}`, after: row });
    return row!;
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
  return app.db.select({
    id: classes.id, code: classes.code, name: classes.name, majorId: classes.majorId, cohortYear: classes.cohortYear,
    majorName: majors.name, students: sql<number>`(SELECT count(*)::int FROM students s WHERE s.class_id = ${classes.id})`,
  }).from(classes).innerJoin(majors, eq(majors.id, classes.majorId)).where(and(...conditions)).orderBy(asc(classes.code)).limit(2000);
}

// ---------------------------------------------------------------------------------------------
// People

export interface PeopleQuery {
  institutionId?: number;
  q?: string;
  majorId?: number;
  groupId?: number;
  classId?: number;
  cohortYear?: number;
  status?: string;
  page: number;
  pageSize: number;
}

function searchCondition(q: string | undefined, codeColumn: typeof students.studentNo | typeof teachers.staffNo, nameColumn: typeof students.name | typeof teachers.name): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  const escaped = term.replace(/[\\%_]/g, (char) => `\\${char}`);
  // Digits are a number prefix (an index range); Chinese names need no case folding (LIKE is cheaper
  // than ILIKE); Latin text may be either a code prefix or part of a name.
  if (/^[0-9]+$/.test(term)) return like(codeColumn, `${escaped}%`);
  if (/^[A-Za-z0-9_-]+$/.test(term)) return or(like(codeColumn, `${escaped}%`), ilike(nameColumn, `%${escaped}%`));
  return like(nameColumn, `%${escaped}%`);
}

export async function listStudents(app: AppContext, request: RequestContext, query: PeopleQuery) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, query.institutionId);
  const tree = await app.scopes.get();
  if (!tree.has({ type: 'institution', id: institutionId })) throw notFound('institution', institutionId);
  const reach = reachableWithin(actor, 'people.read', institutionId, 'major', tree);
  const conditions: SQL[] = [eq(students.institutionId, institutionId)];
  if (reach !== 'all') conditions.push(inArray(students.majorId, reach));
  if (query.majorId) conditions.push(eq(students.majorId, query.majorId));
  if (query.groupId) conditions.push(inArray(students.majorId, tree.descendants({ type: 'group', id: query.groupId }, 'major').concat(-1)));
  if (query.classId) conditions.push(eq(students.classId, query.classId));
  if (query.cohortYear) conditions.push(eq(students.cohortYear, query.cohortYear));
  if (query.status) conditions.push(eq(students.status, query.status));
  const search = searchCondition(query.q, students.studentNo, students.name);
  if (search) conditions.push(search);
  const where = and(...conditions);
  const [items, [{ total }]] = await Promise.all([
    app.db.select({
      id: students.id, studentNo: students.studentNo, name: students.name, gender: students.gender, cohortYear: students.cohortYear,
      majorId: students.majorId, majorCode: majors.code, majorName: majors.name, classId: students.classId, className: classes.name,
      status: students.status, idNumber: students.idNumberMasked, phone: students.phoneMasked,
    }).from(students)
      .innerJoin(majors, eq(majors.id, students.majorId))
      .leftJoin(classes, eq(classes.id, students.classId))
      .where(where).orderBy(asc(students.studentNo))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    app.db.select({ total: countAll() }).from(students).where(where),
  ]);
  return { items, total: total!, page: query.page, pageSize: query.pageSize };
}

export async function listTeachers(app: AppContext, request: RequestContext, query: PeopleQuery) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, query.institutionId);
  const tree = await app.scopes.get();
  if (!tree.has({ type: 'institution', id: institutionId })) throw notFound('institution', institutionId);
  const reach = reachableWithin(actor, 'people.read', institutionId, 'group', tree);
  const conditions: SQL[] = [eq(teachers.institutionId, institutionId)];
  if (reach !== 'all') conditions.push(inArray(teachers.homeGroupId, reach));
  if (query.groupId) conditions.push(eq(teachers.homeGroupId, query.groupId));
  if (query.status) conditions.push(eq(teachers.status, query.status));
  const search = searchCondition(query.q, teachers.staffNo, teachers.name);
  if (search) conditions.push(search);
  const where = and(...conditions);
  const [items, [{ total }]] = await Promise.all([
    app.db.select({
      id: teachers.id, staffNo: teachers.staffNo, name: teachers.name, gender: teachers.gender, title: teachers.title,
      isDualQualified: teachers.isDualQualified, status: teachers.status, departmentId: teachers.departmentId, departmentName: departments.name,
      homeGroupId: teachers.homeGroupId, homeGroupName: professionalGroups.name, phone: teachers.phoneMasked, idNumber: teachers.idNumberMasked,
    }).from(teachers)
      .leftJoin(departments, eq(departments.id, teachers.departmentId))
      .leftJoin(professionalGroups, eq(professionalGroups.id, teachers.homeGroupId))
      .where(where).orderBy(asc(teachers.staffNo))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    app.db.select({ total: countAll() }).from(teachers).where(where),
  ]);
  return { items, total: total!, page: query.page, pageSize: query.pageSize };
}

/** Full record; ID number and phone in clear only for roles that need them, and that viewing is audited. */
export async function getStudent(app: AppContext, request: RequestContext, studentId: number, options: { revealOwn?: boolean } = {}) {
  const actor = requireActor(request.actor);
  const [row] = await app.db.select().from(students).where(eq(students.id, studentId));
  if (!row) throw notFound('student', studentId);
  const tree = await app.scopes.get();
  const ownRecord = actor.studentId === studentId;
  if (!ownRecord) authorize(actor, 'people.read', { type: 'major', id: row.majorId }, tree);
  const [major] = await app.db.select({ code: majors.code, name: majors.name, groupId: majors.groupId }).from(majors).where(eq(majors.id, row.majorId));
  const [klass] = row.classId ? await app.db.select({ code: classes.code, name: classes.name }).from(classes).where(eq(classes.id, row.classId)) : [];
  // A student's own numbers stay masked on screen until they ask to see them.
  const reveal = ownRecord ? Boolean(options.revealOwn) : can(actor, 'people.pii', { type: 'major', id: row.majorId }, tree);
  if (reveal && !ownRecord && (row.idNumberEnc || row.phoneEnc)) {
    await recordAudit(app.db, request, { action: 'pii.view', entity: 'student', entityId: studentId, institutionId: row.institutionId, summary: `查看学生 ${row.studentNo} 的身份证号与手机号` });
  }
  return {
    id: row.id, institutionId: row.institutionId, studentNo: row.studentNo, name: row.name, gender: row.gender, cohortYear: row.cohortYear,
    majorId: row.majorId, majorCode: major?.code ?? null, majorName: major?.name ?? null, classId: row.classId, classCode: klass?.code ?? null, className: klass?.name ?? null,
    status: row.status,
    idNumber: reveal && row.idNumberEnc ? app.pii.decrypt(row.idNumberEnc) : row.idNumberMasked,
    phone: reveal && row.phoneEnc ? app.pii.decrypt(row.phoneEnc) : row.phoneMasked,
    piiRevealed: reveal,
  };
}

export async function getTeacher(app: AppContext, request: RequestContext, teacherId: number) {
  const actor = requireActor(request.actor);
  const [row] = await app.db.select().from(teachers).where(eq(teachers.id, teacherId));
  if (!row) throw notFound('teacher', teacherId);
  const tree = await app.scopes.get();
  const scope: ScopeRef = row.homeGroupId ? { type: 'group', id: row.homeGroupId } : { type: 'institution', id: row.institutionId };
  const ownRecord = actor.teacherId === teacherId;
  if (!ownRecord) authorize(actor, 'people.read', scope, tree);
  const reveal = ownRecord || can(actor, 'people.pii', scope, tree);
  if (reveal && !ownRecord && (row.idNumberEnc || row.phoneEnc)) {
    await recordAudit(app.db, request, { action: 'pii.view', entity: 'teacher', entityId: teacherId, institutionId: row.institutionId, summary: `查看教师 ${row.staffNo} 的身份证号与手机号` });
  }
  const { idNumberEnc, idNumberHash, phoneEnc, phoneHash, idNumberMasked, phoneMasked, ...rest } = row;
  return {
    ...rest,
    idNumber: reveal && idNumberEnc ? app.pii.decrypt(idNumberEnc) : idNumberMasked,
    phone: reveal && phoneEnc ? app.pii.decrypt(phoneEnc) : phoneMasked,
    piiRevealed: reveal,
  };
}

export async function updateStudent(app: AppContext, request: RequestContext, studentId: number, patch: { name?: string; status?: string; classId?: number | null; phone?: string | null }) {
  const actor = requireActor(request.actor);
  const [current] = await app.db.select().from(students).where(eq(students.id, studentId));
  if (!current) throw notFound('student', studentId);
  authorize(actor, 'people.write', { type: 'major', id: current.majorId }, await app.scopes.get());
  return app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(students).where(eq(students.id, studentId)).for('update');
    const changes: Partial<typeof students.$inferInsert> = { updatedAt: new Date() };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.status !== undefined) changes.status = patch.status;
    if (patch.classId !== undefined) {
      if (patch.classId !== null) {
        const [klass] = await tx.select({ majorId: classes.majorId }).from(classes).where(and(eq(classes.id, patch.classId), eq(classes.institutionId, before!.institutionId)));
        if (!klass) throw invalidReference('class', 'classId');
      }
      changes.classId = patch.classId;
    }
    if (patch.phone !== undefined) {
      changes.phoneEnc = patch.phone ? app.pii.encrypt(patch.phone) : null;
      changes.phoneMasked = patch.phone ? maskPhone(patch.phone) : null;
      changes.phoneHash = patch.phone ? app.pii.lookupHash(patch.phone) : null;
    }
    const [after] = await tx.update(students).set(changes).where(eq(students.id, studentId)).returning();
    await recordAudit(tx, request, {
      action: 'student.update', entity: 'student', entityId: studentId, institutionId: before!.institutionId, summary: `修改学生 ${before!.studentNo}`,
      before: publicStudent(before!), after: publicStudent(after!),
    });
    return publicStudent(after!);
  });
}

/** A student row without the encrypted columns: what audit entries and responses carry. */
export function publicStudent(row: typeof students.$inferSelect) {
  const { idNumberEnc, idNumberHash, phoneEnc, phoneHash, ...rest } = row;
  return rest;
}

export function publicTeacher(row: typeof teachers.$inferSelect) {
  const { idNumberEnc, idNumberHash, phoneEnc, phoneHash, ...rest } = row;
  return rest;
}

export const maskers = { maskIdNumber, maskPhone };

// ---------------------------------------------------------------------------------------------
// Enterprise contacts (企业联系人): the people at partner enterprises the colleges work with

async function enterpriseOrThrow(app: AppContext, enterpriseId: number) {
  const [enterprise] = await app.db.select().from(institutions).where(eq(institutions.id, enterpriseId));
  if (!enterprise || enterprise.kind !== 'enterprise') throw notFound('institution', enterpriseId);
  return enterprise;
}

/**
 * An enterprise's contacts: names, posts and e-mail to whoever reads people anywhere in its
 * alliance; phones masked except to those holding people.pii on the enterprise (audited).
 */
export async function listEnterpriseContacts(app: AppContext, request: RequestContext, enterpriseId: number) {
  const enterprise = await enterpriseOrThrow(app, enterpriseId);
  const tree = await app.scopes.get();
  const actor = authorizeInside(request.actor, 'people.read', enterprise.allianceId ? { type: 'alliance', id: enterprise.allianceId } : { type: 'institution', id: enterpriseId }, tree);
  const rows = await app.db.select().from(enterpriseContacts).where(eq(enterpriseContacts.institutionId, enterpriseId)).orderBy(asc(enterpriseContacts.id));
  const reveal = can(actor, 'people.pii', { type: 'institution', id: enterpriseId }, tree);
  if (reveal && rows.some((row) => row.phoneEnc)) {
    await recordAudit(app.db, request, { action: 'pii.view', entity: 'enterprise_contact', entityId: enterpriseId, institutionId: enterpriseId, summary: `查看 ${enterprise.name} 联系人的手机号` });
  }
  return {
    enterprise: { id: enterprise.id, code: enterprise.code, name: enterprise.name },
    items: rows.map(({ phoneEnc, phoneMasked, ...rest }) => ({ ...rest, phone: reveal && phoneEnc ? app.pii.decrypt(phoneEnc) : phoneMasked, piiRevealed: reveal })),
  };
}

export async function createEnterpriseContact(app: AppContext, request: RequestContext, enterpriseId: number, input: { name: string; position?: string | null; phone?: string | null; email?: string | null }) {
  const enterprise = await enterpriseOrThrow(app, enterpriseId);
  authorize(request.actor, 'people.write', { type: 'institution', id: enterpriseId }, await app.scopes.get());
  return app.db.transaction(async (tx) => {
    const [row] = await tx.insert(enterpriseContacts).values({
      institutionId: enterpriseId, name: input.name, position: input.position ?? null, email: input.email ?? null,
      phoneEnc: input.phone ? app.pii.encrypt(input.phone) : null, phoneMasked: input.phone ? maskPhone(input.phone) : null,
    }).returning();
    await recordAudit(tx, request, {
      action: 'enterprise_contact.create', entity: 'enterprise_contact', entityId: row!.id, institutionId: enterpriseId,
      summary: `新增 ${enterprise.name} 联系人 ${input.name}`, after: { name: input.name, position: input.position ?? null, phone: row!.phoneMasked, email: input.email ?? null },
    });
    const { phoneEnc: _sealed, ...shown } = row!;
    return { ...shown, phone: shown.phoneMasked };
  });
}
