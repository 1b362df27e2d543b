/** Who on the rosters can hold an account, and the names of scopes, for the platform's 用户与权限. */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import type { ScopeRef } from '../../platform/access.ts';
import type { AccountHolder, AccountSelection } from '../../platform/module.ts';
import { alliances, classes, clusters, departments, institutions, majors, professionalGroups, students, teachers } from './schema.ts';

/** Who of the students can hold an account: those enrolled, in the institution (or the major or class asked for). */
function studentsOf(selection: AccountSelection): SQL | undefined {
  const where: SQL[] = [eq(students.institutionId, selection.institutionId), eq(students.status, 'enrolled')];
  if (selection.majorId) where.push(eq(students.majorId, selection.majorId));
  if (selection.classId) where.push(eq(students.classId, selection.classId));
  return and(...where);
}

// Teachers belong to an institution, not to a class or major: they come with a whole-institution run.
const teachersIncluded = (selection: AccountSelection) => selection.kinds.includes('teacher') && !selection.majorId && !selection.classId;
const teachersOf = (selection: AccountSelection) => and(eq(teachers.institutionId, selection.institutionId), eq(teachers.status, 'active'));

export async function accountHolders(db: Db, selection: AccountSelection): Promise<AccountHolder[]> {
  const holders: AccountHolder[] = [];
  if (selection.kinds.includes('student')) {
    const rows = await db
      .select({ id: students.id, studentNo: students.studentNo, name: students.name, majorId: students.majorId, className: classes.name })
      .from(students)
      .leftJoin(classes, eq(classes.id, students.classId))
      .where(studentsOf(selection))
      .orderBy(asc(classes.code), asc(students.studentNo));
    for (const row of rows)
      holders.push({
        kind: 'student',
        personId: row.id,
        username: row.studentNo,
        displayName: row.name,
        institutionId: selection.institutionId,
        email: null,
        scope: { type: 'major', id: row.majorId },
        listedUnder: row.className ?? '未分班',
      });
  }
  if (teachersIncluded(selection)) {
    const rows = await db
      .select({
        id: teachers.id,
        staffNo: teachers.staffNo,
        name: teachers.name,
        email: teachers.email,
        homeGroupId: teachers.homeGroupId,
        departmentName: departments.name,
      })
      .from(teachers)
      .leftJoin(departments, eq(departments.id, teachers.departmentId))
      .where(teachersOf(selection))
      .orderBy(asc(departments.code), asc(teachers.staffNo));
    for (const row of rows)
      holders.push({
        kind: 'teacher',
        personId: row.id,
        username: row.staffNo,
        displayName: row.name,
        institutionId: selection.institutionId,
        email: row.email,
        scope: row.homeGroupId ? { type: 'group', id: row.homeGroupId } : { type: 'institution', id: selection.institutionId },
        listedUnder: row.departmentName ?? '教师',
      });
  }
  return holders;
}

/** The same roster as `accountHolders`, as a subquery of (kind, person_id) for counting who has no account. */
export function accountHolderSet(selection: AccountSelection): SQL {
  const parts: SQL[] = [];
  if (selection.kinds.includes('student'))
    parts.push(sql`SELECT 'student'::text AS kind, ${students.id} AS person_id FROM ${students} WHERE ${studentsOf(selection)}`);
  if (teachersIncluded(selection))
    parts.push(sql`SELECT 'teacher'::text AS kind, ${teachers.id} AS person_id FROM ${teachers} WHERE ${teachersOf(selection)}`);
  if (parts.length === 0) parts.push(sql`SELECT NULL::text AS kind, NULL::bigint AS person_id WHERE false`);
  return sql.join(parts, sql` UNION ALL `);
}

/** "天津工业职业学院", "430401 钢铁智能冶金技术", … for each scope asked for. */
export async function scopeLabels(db: Db, refs: ScopeRef[]): Promise<Map<string, string>> {
  const ids = (type: ScopeRef['type']) => [...new Set(refs.filter((ref) => ref.type === type).map((ref) => ref.id))];
  const labels = new Map<string, string>();
  const put = (type: ScopeRef['type'], rows: Array<{ id: number; label: string }>) => {
    for (const row of rows) labels.set(`${type}:${row.id}`, row.label);
  };
  const some = <T>(list: number[], read: (list: number[]) => Promise<T[]>) => (list.length ? read(list) : Promise.resolve([]));
  put(
    'alliance',
    await some(ids('alliance'), (list) =>
      db.select({ id: alliances.id, label: alliances.name }).from(alliances).where(inArray(alliances.id, list)),
    ),
  );
  put(
    'institution',
    await some(ids('institution'), (list) =>
      db.select({ id: institutions.id, label: institutions.name }).from(institutions).where(inArray(institutions.id, list)),
    ),
  );
  put(
    'cluster',
    await some(ids('cluster'), (list) =>
      db.select({ id: clusters.id, label: clusters.name }).from(clusters).where(inArray(clusters.id, list)),
    ),
  );
  put(
    'group',
    await some(ids('group'), (list) =>
      db
        .select({ id: professionalGroups.id, label: professionalGroups.name })
        .from(professionalGroups)
        .where(inArray(professionalGroups.id, list)),
    ),
  );
  const majorRows = await some(ids('major'), (list) =>
    db.select({ id: majors.id, code: majors.code, name: majors.name }).from(majors).where(inArray(majors.id, list)),
  );
  put(
    'major',
    majorRows.map((row) => ({ id: row.id, label: `${row.code} ${row.name}` })),
  );
  return labels;
}
