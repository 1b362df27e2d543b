/**
 * The organisation's people: students and teachers (ID numbers and phones sealed, shown in clear only
 * to roles that need them, and that viewing audited) and the contacts of partner enterprises.
 */
import { and, asc, eq, ilike, inArray, like, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { authorize, authorizeInside, can, reachableWithin, requireActor, type ScopeRef } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { forbidden, invalidReference, notFound, unprocessable } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/pii.ts';
import { classes, departments, enterpriseContacts, institutions, majors, professionalGroups, students, teachers } from './schema.ts';
import './messages.ts';
import { countAll } from '../../db/sql.ts';
import { institutionOfActor } from './structure-service.ts';
import type { StudentStatus } from './rules.ts';
import { allocateIds } from '../../db/sql.ts';
import { sealedAt } from './sealed.ts';
import { listExportLimit } from './people-export.ts';
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
  /** Teachers only: 双师型 or not. */
  dualQualified?: boolean;
  page: number;
  pageSize: number;
}

function searchCondition(
  q: string | undefined,
  codeColumn: typeof students.studentNo | typeof teachers.staffNo,
  nameColumn: typeof students.name | typeof teachers.name,
): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  const escaped = term.replace(/[\\%_]/g, (char) => `\\${char}`);
  // Digits are a number prefix (an index range); Chinese names need no case folding (LIKE is cheaper
  // than ILIKE); Latin text may be either a code prefix or part of a name.
  if (/^[0-9]+$/.test(term)) return like(codeColumn, `${escaped}%`);
  if (/^[A-Za-z0-9_-]+$/.test(term)) return or(like(codeColumn, `${escaped}%`), ilike(nameColumn, `%${escaped}%`));
  return like(nameColumn, `%${escaped}%`);
}

/** The rows a student list shows for its filters, within what the actor may read (the list and its export share it). */
async function studentFilter(app: AppContext, request: RequestContext, query: Omit<PeopleQuery, 'page' | 'pageSize'>) {
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
  if (query.status) conditions.push(eq(students.status, query.status as StudentStatus));
  const search = searchCondition(query.q, students.studentNo, students.name);
  if (search) conditions.push(search);
  return { institutionId, where: and(...conditions) };
}

const studentListColumns = {
  id: students.id,
  studentNo: students.studentNo,
  name: students.name,
  gender: students.gender,
  cohortYear: students.cohortYear,
  majorId: students.majorId,
  majorCode: majors.code,
  majorName: majors.name,
  classId: students.classId,
  className: classes.name,
  status: students.status,
  idNumber: students.idNumberMasked,
  phone: students.phoneMasked,
};

export async function listStudents(app: AppContext, request: RequestContext, query: PeopleQuery) {
  const { where } = await studentFilter(app, request, query);
  const [items, [{ total }]] = await Promise.all([
    app.db
      .select(studentListColumns)
      .from(students)
      .innerJoin(majors, eq(majors.id, students.majorId))
      .leftJoin(classes, eq(classes.id, students.classId))
      .where(where)
      .orderBy(asc(students.studentNo))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    app.db.select({ total: countAll() }).from(students).where(where),
  ]);
  return { items, total: total!, page: query.page, pageSize: query.pageSize };
}

/**
 * Every row of the filtered student list (not only the page shown), ID numbers and phones masked as on the
 * screen; audited as an export with its filter and row count.
 */
export async function exportStudents(app: AppContext, request: RequestContext, query: Omit<PeopleQuery, 'page' | 'pageSize'>) {
  const { institutionId, where } = await studentFilter(app, request, query);
  const [{ total }] = await app.db.select({ total: countAll() }).from(students).where(where);
  if (total! > listExportLimit)
    throw unprocessable('EXPORT_TOO_LARGE', 'people.export_too_large', { rows: total!, limit: listExportLimit });
  const rows = await app.db
    .select(studentListColumns)
    .from(students)
    .innerJoin(majors, eq(majors.id, students.majorId))
    .leftJoin(classes, eq(classes.id, students.classId))
    .where(where)
    .orderBy(asc(students.studentNo));
  await recordAudit(app.db, request, {
    action: 'export.download',
    entity: 'export:students-list',
    institutionId,
    summary: `导出学生名册（按筛选）：${rows.length} 行，身份证号与手机号已脱敏`,
    after: { rows: rows.length, personalData: 'masked', filter: exportFilter(query) },
  });
  return rows;
}

/** The filter of a list export as its audit entry keeps it (only what was set). */
function exportFilter(query: Omit<PeopleQuery, 'page' | 'pageSize'>) {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== ''));
}

async function teacherFilter(app: AppContext, request: RequestContext, query: Omit<PeopleQuery, 'page' | 'pageSize'>) {
  const actor = requireActor(request.actor);
  const institutionId = institutionOfActor(actor, query.institutionId);
  const tree = await app.scopes.get();
  if (!tree.has({ type: 'institution', id: institutionId })) throw notFound('institution', institutionId);
  const reach = reachableWithin(actor, 'people.read', institutionId, 'group', tree);
  const conditions: SQL[] = [eq(teachers.institutionId, institutionId)];
  if (reach !== 'all') conditions.push(inArray(teachers.homeGroupId, reach));
  if (query.groupId) conditions.push(eq(teachers.homeGroupId, query.groupId));
  if (query.status) conditions.push(eq(teachers.status, query.status));
  if (query.dualQualified !== undefined) conditions.push(eq(teachers.isDualQualified, query.dualQualified));
  const search = searchCondition(query.q, teachers.staffNo, teachers.name);
  if (search) conditions.push(search);
  return { institutionId, where: and(...conditions) };
}

const teacherListColumns = {
  id: teachers.id,
  staffNo: teachers.staffNo,
  name: teachers.name,
  gender: teachers.gender,
  title: teachers.title,
  isDualQualified: teachers.isDualQualified,
  status: teachers.status,
  departmentId: teachers.departmentId,
  departmentName: departments.name,
  homeGroupId: teachers.homeGroupId,
  homeGroupName: professionalGroups.name,
  phone: teachers.phoneMasked,
  idNumber: teachers.idNumberMasked,
};

export async function listTeachers(app: AppContext, request: RequestContext, query: PeopleQuery) {
  const { where } = await teacherFilter(app, request, query);
  const [items, [{ total }]] = await Promise.all([
    app.db
      .select(teacherListColumns)
      .from(teachers)
      .leftJoin(departments, eq(departments.id, teachers.departmentId))
      .leftJoin(professionalGroups, eq(professionalGroups.id, teachers.homeGroupId))
      .where(where)
      .orderBy(asc(teachers.staffNo))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    app.db.select({ total: countAll() }).from(teachers).where(where),
  ]);
  return { items, total: total!, page: query.page, pageSize: query.pageSize };
}

/** Every row of the filtered teacher list, numbers masked; audited as an export. */
export async function exportTeachers(app: AppContext, request: RequestContext, query: Omit<PeopleQuery, 'page' | 'pageSize'>) {
  const { institutionId, where } = await teacherFilter(app, request, query);
  const [{ total }] = await app.db.select({ total: countAll() }).from(teachers).where(where);
  if (total! > listExportLimit)
    throw unprocessable('EXPORT_TOO_LARGE', 'people.export_too_large', { rows: total!, limit: listExportLimit });
  const rows = await app.db
    .select(teacherListColumns)
    .from(teachers)
    .leftJoin(departments, eq(departments.id, teachers.departmentId))
    .leftJoin(professionalGroups, eq(professionalGroups.id, teachers.homeGroupId))
    .where(where)
    .orderBy(asc(teachers.staffNo));
  await recordAudit(app.db, request, {
    action: 'export.download',
    entity: 'export:teachers-list',
    institutionId,
    summary: `导出教师名册（按筛选）：${rows.length} 行，身份证号与手机号已脱敏`,
    after: { rows: rows.length, personalData: 'masked', filter: exportFilter(query) },
  });
  return rows;
}

/**
 * Full record, ID number and phone masked: nobody sees them in full by opening a record. Those who may
 * (people.pii, and the person themself) reveal one field at a time with {@link revealStudentField}.
 * A student's own record shows their numbers when they ask (`revealOwn`).
 */
export async function getStudent(app: AppContext, request: RequestContext, studentId: number, options: { revealOwn?: boolean } = {}) {
  const actor = requireActor(request.actor);
  const [row] = await app.db.select().from(students).where(eq(students.id, studentId));
  if (!row) throw notFound('student', studentId);
  const tree = await app.scopes.get();
  const ownRecord = actor.studentId === studentId;
  if (!ownRecord) authorize(actor, 'people.read', { type: 'major', id: row.majorId }, tree);
  const [major] = await app.db
    .select({ code: majors.code, name: majors.name, groupId: majors.groupId })
    .from(majors)
    .where(eq(majors.id, row.majorId));
  const [klass] = row.classId
    ? await app.db.select({ code: classes.code, name: classes.name }).from(classes).where(eq(classes.id, row.classId))
    : [];
  const reveal = ownRecord && Boolean(options.revealOwn);
  return {
    id: row.id,
    institutionId: row.institutionId,
    studentNo: row.studentNo,
    name: row.name,
    gender: row.gender,
    cohortYear: row.cohortYear,
    majorId: row.majorId,
    majorCode: major?.code ?? null,
    majorName: major?.name ?? null,
    classId: row.classId,
    classCode: klass?.code ?? null,
    className: klass?.name ?? null,
    status: row.status,
    idNumber:
      reveal && row.idNumberEnc ? app.pii.decrypt(row.idNumberEnc, sealedAt('students', 'id_number_enc', row.id)) : row.idNumberMasked,
    phone: reveal && row.phoneEnc ? app.pii.decrypt(row.phoneEnc, sealedAt('students', 'phone_enc', row.id)) : row.phoneMasked,
    piiRevealed: reveal,
    canReveal: ownRecord || can(actor, 'people.pii', { type: 'major', id: row.majorId }, tree),
  };
}

/** The personal fields one may reveal, with their sealed column. */
export const revealableFields = { idNumber: 'id_number_enc', phone: 'phone_enc' } as const;
export type RevealableField = keyof typeof revealableFields;
const revealLabel: Record<RevealableField, string> = { idNumber: '身份证号', phone: '手机号' };

/**
 * One personal field of a student in clear, for those holding people.pii on the student's major (and the
 * student themself). Each reveal by someone else is one audit entry naming the field.
 */
export async function revealStudentField(app: AppContext, request: RequestContext, studentId: number, field: RevealableField) {
  const actor = requireActor(request.actor);
  const [row] = await app.db.select().from(students).where(eq(students.id, studentId));
  if (!row) throw notFound('student', studentId);
  const ownRecord = actor.studentId === studentId;
  if (!ownRecord) {
    const tree = await app.scopes.get();
    authorize(actor, 'people.read', { type: 'major', id: row.majorId }, tree);
    if (!can(actor, 'people.pii', { type: 'major', id: row.majorId }, tree)) throw forbidden();
  }
  const sealed = field === 'idNumber' ? row.idNumberEnc : row.phoneEnc;
  const value = sealed ? app.pii.decrypt(sealed, sealedAt('students', revealableFields[field], row.id)) : null;
  if (!ownRecord && sealed) {
    await recordAudit(app.db, request, {
      action: 'person.reveal',
      entity: 'student',
      entityId: studentId,
      institutionId: row.institutionId,
      summary: `查看学生 ${row.studentNo} 的${revealLabel[field]}`,
      after: { field },
    });
  }
  return { field, value };
}

export async function getTeacher(app: AppContext, request: RequestContext, teacherId: number) {
  const actor = requireActor(request.actor);
  const [row] = await app.db.select().from(teachers).where(eq(teachers.id, teacherId));
  if (!row) throw notFound('teacher', teacherId);
  const tree = await app.scopes.get();
  const scope = teacherScope(row);
  const ownRecord = actor.teacherId === teacherId;
  if (!ownRecord) authorize(actor, 'people.read', scope, tree);
  const { idNumberEnc, idNumberHash, phoneEnc, phoneHash, idNumberMasked, phoneMasked, ...rest } = row;
  // A teacher sees their own numbers; everyone else sees them masked and reveals one field at a time.
  return {
    ...rest,
    idNumber: ownRecord && idNumberEnc ? app.pii.decrypt(idNumberEnc, sealedAt('teachers', 'id_number_enc', row.id)) : idNumberMasked,
    phone: ownRecord && phoneEnc ? app.pii.decrypt(phoneEnc, sealedAt('teachers', 'phone_enc', row.id)) : phoneMasked,
    piiRevealed: ownRecord,
    canReveal: ownRecord || can(actor, 'people.pii', scope, tree),
  };
}

function teacherScope(row: { homeGroupId: number | null; institutionId: number }): ScopeRef {
  return row.homeGroupId ? { type: 'group', id: row.homeGroupId } : { type: 'institution', id: row.institutionId };
}

/** One personal field of a teacher in clear, for people.pii on their group (or institution); audited with the field. */
export async function revealTeacherField(app: AppContext, request: RequestContext, teacherId: number, field: RevealableField) {
  const actor = requireActor(request.actor);
  const [row] = await app.db.select().from(teachers).where(eq(teachers.id, teacherId));
  if (!row) throw notFound('teacher', teacherId);
  const ownRecord = actor.teacherId === teacherId;
  if (!ownRecord) {
    const tree = await app.scopes.get();
    authorize(actor, 'people.read', teacherScope(row), tree);
    if (!can(actor, 'people.pii', teacherScope(row), tree)) throw forbidden();
  }
  const sealed = field === 'idNumber' ? row.idNumberEnc : row.phoneEnc;
  const value = sealed ? app.pii.decrypt(sealed, sealedAt('teachers', revealableFields[field], row.id)) : null;
  if (!ownRecord && sealed) {
    await recordAudit(app.db, request, {
      action: 'person.reveal',
      entity: 'teacher',
      entityId: teacherId,
      institutionId: row.institutionId,
      summary: `查看教师 ${row.staffNo} 的${revealLabel[field]}`,
      after: { field },
    });
  }
  return { field, value };
}

export async function updateStudent(
  app: AppContext,
  request: RequestContext,
  studentId: number,
  patch: { name?: string; status?: StudentStatus; classId?: number | null; phone?: string | null },
) {
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
        const [klass] = await tx
          .select({ majorId: classes.majorId })
          .from(classes)
          .where(and(eq(classes.id, patch.classId), eq(classes.institutionId, before!.institutionId)));
        if (!klass) throw invalidReference('class', 'classId');
      }
      changes.classId = patch.classId;
    }
    if (patch.phone !== undefined) {
      changes.phoneEnc = patch.phone ? app.pii.encrypt(patch.phone, sealedAt('students', 'phone_enc', studentId)) : null;
      changes.phoneMasked = patch.phone ? maskPhone(patch.phone) : null;
      changes.phoneHash = patch.phone ? app.pii.lookupHash(patch.phone) : null;
    }
    const [after] = await tx.update(students).set(changes).where(eq(students.id, studentId)).returning();
    await recordAudit(tx, request, {
      action: 'student.update',
      entity: 'student',
      entityId: studentId,
      institutionId: before!.institutionId,
      summary: `修改学生 ${before!.studentNo}`,
      before: publicStudent(before!),
      after: publicStudent(after!),
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
  const actor = authorizeInside(
    request.actor,
    'people.read',
    enterprise.allianceId ? { type: 'alliance', id: enterprise.allianceId } : { type: 'institution', id: enterpriseId },
    tree,
  );
  const rows = await app.db
    .select()
    .from(enterpriseContacts)
    .where(eq(enterpriseContacts.institutionId, enterpriseId))
    .orderBy(asc(enterpriseContacts.id));
  const reveal = can(actor, 'people.pii', { type: 'institution', id: enterpriseId }, tree);
  if (reveal && rows.some((row) => row.phoneEnc)) {
    await recordAudit(app.db, request, {
      action: 'pii.view',
      entity: 'enterprise_contact',
      entityId: enterpriseId,
      institutionId: enterpriseId,
      summary: `查看 ${enterprise.name} 联系人的手机号`,
    });
  }
  return {
    enterprise: { id: enterprise.id, code: enterprise.code, name: enterprise.name },
    items: rows.map(({ phoneEnc, phoneMasked, ...rest }) => ({
      ...rest,
      phone: reveal && phoneEnc ? app.pii.decrypt(phoneEnc, sealedAt('enterprise_contacts', 'phone_enc', rest.id)) : phoneMasked,
      piiRevealed: reveal,
    })),
  };
}

export async function createEnterpriseContact(
  app: AppContext,
  request: RequestContext,
  enterpriseId: number,
  input: { name: string; position?: string | null; phone?: string | null; email?: string | null },
) {
  const enterprise = await enterpriseOrThrow(app, enterpriseId);
  authorize(request.actor, 'people.write', { type: 'institution', id: enterpriseId }, await app.scopes.get());
  return app.db.transaction(async (tx) => {
    const [contactId] = await allocateIds(tx, 'enterprise_contacts', 1);
    const [row] = await tx
      .insert(enterpriseContacts)
      .overridingSystemValue()
      .values({
        id: contactId!,
        institutionId: enterpriseId,
        name: input.name,
        position: input.position ?? null,
        email: input.email ?? null,
        phoneEnc: input.phone ? app.pii.encrypt(input.phone, sealedAt('enterprise_contacts', 'phone_enc', contactId!)) : null,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'enterprise_contact.create',
      entity: 'enterprise_contact',
      entityId: row!.id,
      institutionId: enterpriseId,
      summary: `新增 ${enterprise.name} 联系人 ${input.name}`,
      after: { name: input.name, position: input.position ?? null, phone: row!.phoneMasked, email: input.email ?? null },
    });
    const { phoneEnc: _sealed, ...shown } = row!;
    return { ...shown, phone: shown.phoneMasked };
  });
}
