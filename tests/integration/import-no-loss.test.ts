// Imports never lose data: a column absent from the file, or a cell left empty, changes nothing; defaults
// apply only to new rows; the preview lists every change old → new; the commit writes exactly what the
// preview showed or refuses. Each import definition is imported over the demo with only its key column
// and one other column, and SQL shows that nothing else moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealedAt } from '../../server/modules/org/read.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { testMasterKey } from '../support/constants.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx } from '../support/xlsx.ts';

let app: TestApp;
let jiaowu: TestClient;
let institutionId: number;
const pii = new PiiCipher(testMasterKey);

// Tables every request may touch (sessions, the audit trail, the batches themselves): not data an import may change.
const bookkeeping = new Set([
  'audit_log',
  'import_batches',
  'sessions',
  'rate_limits',
  'login_failures',
  'auth_changes',
  'job_runs',
  'domain_events',
]);

type Row = Record<string, unknown>;

async function snapshot(table: string, where = `institution_id = ${institutionId}`): Promise<Map<number, Row>> {
  const rows = await app.sql<Row>(`SELECT * FROM ${table} WHERE ${where} ORDER BY id`);
  return new Map(rows.map((row) => [Number(row.id), row]));
}

/** `id.column` for every value that differs between two snapshots (updated_at aside), plus added/removed ids. */
function differences(before: Map<number, Row>, after: Map<number, Row>): string[] {
  const found: string[] = [];
  for (const [id, row] of after) {
    const old = before.get(id);
    if (!old) {
      found.push(`${id}+`);
      continue;
    }
    for (const column of Object.keys(row)) {
      if (column === 'updated_at') continue;
      if (JSON.stringify(old[column]) !== JSON.stringify(row[column])) found.push(`${id}.${column}`);
    }
  }
  for (const id of before.keys()) if (!after.has(id)) found.push(`${id}-`);
  return found.sort();
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await app.sql<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (bookkeeping.has(name)) continue;
    counts[name] = Number((await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`))[0]!.n);
  }
  return counts;
}

const preview = (entity: string, file: Buffer) => jiaowu.upload(`/api/imports/${entity}/preview`, 'data.xlsx', file);

async function previewAndCommit(entity: string, headers: string[], rows: unknown[][]) {
  const previewed = await preview(entity, await makeXlsx(headers, rows));
  expect(previewed.statusCode, previewed.body).toBe(201);
  expect(previewed.json().errors).toEqual([]);
  const changes = (await jiaowu.get(`/api/imports/batches/${previewed.json().id}/changes?limit=500`)).json();
  const committed = await jiaowu.post(`/api/imports/batches/${previewed.json().id}/commit`);
  expect(committed.statusCode, committed.body).toBe(200);
  return { summary: previewed.json().summary, changes, committed: committed.json() };
}

/** Imports key + one column over the demo and returns what moved in the table, checking no other table grew or shrank. */
async function importOnly(entity: string, table: string, headers: string[], rows: unknown[][]) {
  const before = await snapshot(table);
  const counts = await tableCounts();
  const result = await previewAndCommit(entity, headers, rows);
  expect(await tableCounts()).toEqual(counts);
  return { ...result, moved: differences(before, await snapshot(table)) };
}

beforeAll(async () => {
  app = await createTestApp();
  jiaowu = await app.login('jiaowu');
  institutionId = (await jiaowu.get('/api/auth/me')).json().institutionId;
});
afterAll(async () => {
  await app?.close();
});

describe('a file with only the key column and one other column changes only that column', () => {
  it('departments: 系部代码 + 系部名称', async () => {
    const [a, b] = await app.sql<{ id: number; code: string; name: string }>(
      `SELECT id, code, name FROM departments WHERE institution_id = ${institutionId} ORDER BY id LIMIT 2`,
    );
    const { moved, summary } = await importOnly(
      'departments',
      'departments',
      ['系部代码', '系部名称'],
      [
        [a!.code, `${a!.name}（改）`],
        [b!.code, b!.name],
      ],
    );
    expect(summary).toMatchObject({ update: 1, unchanged: 1, create: 0 });
    expect(moved).toEqual([`${a!.id}.name`]);
  });

  it('groups: 专业群代码 + 面向产业链', async () => {
    const [group] = await app.sql<{ id: number; code: string }>(
      `SELECT id, code FROM professional_groups WHERE institution_id = ${institutionId} AND cluster_id IS NOT NULL AND department_id IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const { moved } = await importOnly('groups', 'professional_groups', ['专业群代码', '面向产业链'], [[group!.code, '新能源汽车产业链']]);
    expect(moved).toEqual([`${group!.id}.industry_chain`]);
  });

  it('majors: 专业代码 + 首次招生年份', async () => {
    const [major] = await app.sql<{ id: number; code: string; first_enrolment_year: number | null }>(
      `SELECT id, code, first_enrolment_year FROM majors WHERE institution_id = ${institutionId} AND group_id IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const { moved, changes } = await importOnly('majors', 'majors', ['专业代码', '首次招生年份'], [[major!.code, 1999]]);
    expect(moved).toEqual([`${major!.id}.first_enrolment_year`]);
    expect(changes.items).toEqual([
      {
        row: 2,
        key: major!.code,
        fields: [{ column: 'firstEnrolmentYear', columnLabel: '首次招生年份', before: major!.first_enrolment_year, after: 1999 }],
      },
    ]);
  });

  it('classes: 班级代码 + 班级名称', async () => {
    const [klass] = await app.sql<{ id: number; code: string; name: string }>(
      `SELECT id, code, name FROM classes WHERE institution_id = ${institutionId} AND head_teacher_id IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const { moved } = await importOnly('classes', 'classes', ['班级代码', '班级名称'], [[klass!.code, `${klass!.name}（订单班）`]]);
    expect(moved).toEqual([`${klass!.id}.name`]);
  });

  it('teachers: 工号 + 职称 (sealed ID numbers and phones are not rewritten)', async () => {
    const [teacher] = await app.sql<{ id: number; staff_no: string }>(
      `SELECT id, staff_no FROM teachers WHERE institution_id = ${institutionId} AND id_number_enc IS NOT NULL AND phone_enc IS NOT NULL
       AND department_id IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const { moved } = await importOnly('teachers', 'teachers', ['工号', '职称'], [[teacher!.staff_no, '正高级讲师']]);
    expect(moved).toEqual([`${teacher!.id}.title`]);
  });

  it('students: 学号 + 手机号 (only the phone’s sealed value, mask and hash move)', async () => {
    const [student] = await app.sql<{ id: number; student_no: string }>(
      `SELECT id, student_no FROM students WHERE institution_id = ${institutionId} AND id_number_enc IS NOT NULL AND class_id IS NOT NULL
       ORDER BY id LIMIT 1`,
    );
    const { moved, changes } = await importOnly('students', 'students', ['学号', '手机号'], [[student!.student_no, '13900001111']]);
    expect(moved).toEqual([`${student!.id}.phone_enc`, `${student!.id}.phone_hash`, `${student!.id}.phone_masked`]);
    // Personal data is masked in the list of changes.
    expect(changes.items[0].fields).toEqual([
      { column: 'phone', columnLabel: '手机号', before: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/), after: '139****1111' },
    ]);
  });

  it('the course pool: 课程代码 + 课程名称 makes a new version that differs only in its name', async () => {
    const [course] = await app.sql<{ id: number; code: string; current_version_no: number }>(
      `SELECT id, code, current_version_no FROM courses WHERE institution_id = ${institutionId} AND status = 'published' ORDER BY id LIMIT 1`,
    );
    const coursesBefore = await snapshot('courses');
    const { summary } = await previewAndCommit('courses', ['课程代码', '课程名称'], [[course!.code, '生态文明与绿色发展']]);
    expect(summary).toMatchObject({ update: 1 });
    expect(differences(coursesBefore, await snapshot('courses'))).toEqual([`${course!.id}.current_version_no`]);
    const [previous, next] = await app.sql<Row>(
      `SELECT * FROM course_versions WHERE course_id = ${course!.id} AND version_no IN (${course!.current_version_no}, ${course!.current_version_no + 1}) ORDER BY version_no`,
    );
    const differing = Object.keys(next!).filter(
      (column) =>
        !['id', 'version_no', 'created_at', 'created_by'].includes(column) &&
        JSON.stringify(previous![column]) !== JSON.stringify(next![column]),
    );
    expect(differing).toEqual(['name']);
  });

  it('grades: 学号 + 成绩 changes only the grades given; 学号 + 姓名 changes none', async () => {
    const teacher = await app.login('teacher');
    const teacherId = (await teacher.get('/api/auth/me')).json().teacherId;
    const [section] = await app.sql<{ id: number }>(
      `SELECT s.id FROM sections s JOIN section_teachers t ON t.section_id = s.id WHERE t.teacher_id = ${teacherId} AND s.grades_published_at IS NULL
       AND (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'enrolled') >= 3 ORDER BY s.id LIMIT 1`,
    );
    const book = (await teacher.get(`/api/sections/${section!.id}/grades`)).json();
    const [a, b, c] = book.students as Array<{ studentNo: string; name: string }>;
    const upload = (headers: string[], rows: unknown[][]) =>
      makeXlsx(headers, rows).then((file) => teacher.upload(`/api/sections/${section!.id}/grades/upload`, 'grades.xlsx', file));
    expect(
      (
        await upload(
          ['学号', '成绩'],
          [
            [a!.studentNo, '80'],
            [b!.studentNo, '70'],
            [c!.studentNo, '90'],
          ],
        )
      ).json(),
    ).toEqual({
      saved: 3,
      changed: 3,
    });
    const where = `section_id = ${section!.id}`;
    const before = await snapshot('grades', where);
    const counts = await tableCounts();
    const namesOnly = await upload(
      ['学号', '姓名'],
      [
        [a!.studentNo, '改名'],
        [b!.studentNo, ''],
      ],
    );
    expect(namesOnly.statusCode).toBe(422);
    expect(namesOnly.json().error.message).toBe('文件中没有填写任何成绩（成绩为空的学生保持原样）');
    // One grade given, one left empty: only the first student's grade moves.
    expect(
      (
        await upload(
          ['学号', '成绩'],
          [
            [a!.studentNo, '95'],
            [b!.studentNo, ''],
          ],
        )
      ).json(),
    ).toEqual({ saved: 1, changed: 1 });
    const moved = differences(before, await snapshot('grades', where));
    const gradeOfA = Number(
      (
        await app.sql<{ id: number }>(
          `SELECT g.id FROM grades g JOIN students s ON s.id = g.student_id WHERE ${where} AND s.student_no = '${a!.studentNo}'`,
        )
      )[0]!.id,
    );
    expect(moved).toEqual([`${gradeOfA}.entered_at`, `${gradeOfA}.score`]);
    expect(await tableCounts()).toEqual(counts);
    const [{ name }] = await app.sql<{ name: string }>(`SELECT name FROM students WHERE student_no = '${a!.studentNo}'`);
    expect(name).toBe(a!.name);
  });

  it('certificate results: a register that only adds outcomes needs all its columns, and never rewrites one on record', async () => {
    const [person] = await app.sql<{ id: number; name: string; id_number_enc: string }>(
      `SELECT id, name, id_number_enc FROM students WHERE institution_id = ${institutionId} AND id_number_enc IS NOT NULL ORDER BY id DESC LIMIT 1`,
    );
    const idNumber = pii.decrypt(person!.id_number_enc, sealedAt('students', 'id_number_enc', Number(person!.id)));
    const [certificate] = await app.sql<{ code: string }>(
      `SELECT code FROM certificates WHERE institution_id = ${institutionId} AND status = 'active' AND levels @> '{intermediate}' ORDER BY code LIMIT 1`,
    );
    const headers = ['姓名', '身份证号', '证书代码', '等级', '证书编号', '发证日期', '发证机构'];
    const first = await previewAndCommit('certificate_results', headers, [
      [person!.name, idNumber, certificate!.code, '中级', 'NOLOSS-0001', '2026-06-30', '天津市职业技能鉴定指导中心'],
    ]);
    expect(first.summary).toMatchObject({ create: 1 });
    const counts = await tableCounts();
    const outcomes = await snapshot('learning_outcomes');
    const keyAndName = await preview('certificate_results', await makeXlsx(['证书编号', '姓名'], [['NOLOSS-0001', '张三']]));
    expect(keyAndName.statusCode).toBe(422);
    expect(keyAndName.json().error.message).toBe('缺少必需的列：身份证号、证书代码、等级');
    // The same result again, with another date and issuer: the outcome on record stays as it is.
    const again = await preview(
      'certificate_results',
      await makeXlsx(headers, [[person!.name, idNumber, certificate!.code, '中级', 'NOLOSS-0001', '2026-07-01', '别的机构']]),
    );
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().summary).toMatchObject({ create: 0, update: 0, unchanged: 1 });
    expect((await jiaowu.post(`/api/imports/batches/${again.json().id}/commit`)).statusCode).toBe(200);
    expect(await tableCounts()).toEqual(counts);
    expect(differences(outcomes, await snapshot('learning_outcomes'))).toEqual([]);
  });
});

describe('the majors table exactly as 表 1-1 prints it', () => {
  it('changes only the years it brings, keeps groups, levels and 停招, says which header it ignored, and lists old → new', async () => {
    const majors = await app.sql<{ id: number; code: string; name: string; first_enrolment_year: number | null; department_id: number }>(
      `SELECT id, code, name, first_enrolment_year, department_id FROM majors WHERE institution_id = ${institutionId} ORDER BY code`,
    );
    const departmentNames = new Map(
      (await app.sql<{ id: number; name: string }>(`SELECT id, name FROM departments WHERE institution_id = ${institutionId}`)).map(
        (row) => [Number(row.id), row.name],
      ),
    );
    const levels = await app.sql<{ level: string; n: number }>(
      `SELECT level, count(*)::int AS n FROM majors WHERE institution_id = ${institutionId} GROUP BY level ORDER BY level`,
    );
    expect(levels.length).toBeGreaterThan(1); // the demo has 中职 majors at 天铁校区 besides 高职 ones
    // A 停招 major must not enrol again because a file without a status column was imported.
    const stopped = majors[1]!;
    await app.sql(`UPDATE majors SET status = 'suspended' WHERE id = ${stopped.id}`);
    const changed = majors[0]!;
    const before = await snapshot('majors');
    const rows = majors.map((major) => [
      major.code,
      major.name,
      departmentNames.get(Number(major.department_id)) ?? '',
      major.id === changed.id ? 2001 : major.first_enrolment_year,
    ]);
    const previewed = await preview('majors', await makeXlsx(['专业代码', '专业名称', '所属系部', '首次招生年份'], rows));
    expect(previewed.statusCode).toBe(201);
    const summary = previewed.json().summary;
    expect(summary).toMatchObject({ update: 1, unchanged: majors.length - 1, create: 0, changedRows: 1 });
    expect(summary.ignoredHeaders).toEqual(['所属系部']);
    expect(summary.columns).toEqual(['code', 'name', 'firstEnrolmentYear']);
    const changes = (await jiaowu.get(`/api/imports/batches/${previewed.json().id}/changes`)).json();
    expect(changes).toEqual({
      total: 1,
      items: [
        {
          row: 2,
          key: changed.code,
          fields: [{ column: 'firstEnrolmentYear', columnLabel: '首次招生年份', before: changed.first_enrolment_year, after: 2001 }],
        },
      ],
    });
    const english = await jiaowu.get(`/api/imports/batches/${previewed.json().id}/changes`, { headers: { 'accept-language': 'en' } });
    expect(english.json().items[0].fields[0].columnLabel).toBe('First enrolment year');
    expect((await jiaowu.post(`/api/imports/batches/${previewed.json().id}/commit`)).statusCode).toBe(200);
    expect(differences(before, await snapshot('majors'))).toEqual([`${changed.id}.first_enrolment_year`]);
    expect(
      await app.sql(`SELECT level, count(*)::int AS n FROM majors WHERE institution_id = ${institutionId} GROUP BY level ORDER BY level`),
    ).toEqual(levels);
    expect((await app.sql<{ status: string }>(`SELECT status FROM majors WHERE id = ${stopped.id}`))[0]!.status).toBe('suspended');
  });
});

describe('clearing, defaults and what the preview promised', () => {
  it('"-" clears an optional field, is refused for a status, and defaults apply only to new rows', async () => {
    const [group] = await app.sql<{ id: number; code: string }>(
      `SELECT id, code FROM professional_groups WHERE institution_id = ${institutionId} AND industry_chain IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const cleared = await previewAndCommit('groups', ['专业群代码', '面向产业链'], [[group!.code, '-']]);
    expect(cleared.changes.items[0].fields[0]).toMatchObject({ column: 'industryChain', after: null });
    expect(
      (await app.sql<{ chain: string | null }>(`SELECT industry_chain AS chain FROM professional_groups WHERE id = ${group!.id}`))[0]!
        .chain,
    ).toBeNull();

    const [major] = await app.sql<{ code: string }>(`SELECT code FROM majors WHERE institution_id = ${institutionId} ORDER BY id LIMIT 1`);
    const refused = await preview('majors', await makeXlsx(['专业代码', '状态'], [[major!.code, '-']]));
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ row: 2, column: 'status', reason: '此项不能清空（“-”表示清空，仅适用于选填项）' }),
    ]);

    const created = await previewAndCommit('majors', ['专业代码', '专业名称'], [['460999', '新专业（试办）']]);
    expect(created.summary).toMatchObject({ create: 1 });
    const [fresh] = await app.sql<{ level: string; status: string; group_id: number | null }>(
      `SELECT level, status, group_id FROM majors WHERE institution_id = ${institutionId} AND code = '460999'`,
    );
    expect(fresh).toEqual({ level: 'higher_vocational', status: 'enrolling', group_id: null });
  });

  it('refuses the commit when a record it would update changed after the preview, and keeps a change to a field the file leaves alone', async () => {
    const [a, b] = await app.sql<{ id: number; code: string; name: string }>(
      `SELECT id, code, name FROM classes WHERE institution_id = ${institutionId} ORDER BY id LIMIT 2`,
    );
    const file = await makeXlsx(['班级代码', '班级名称'], [[a!.code, `${a!.name}·A`]]);
    const first = (await preview('classes', file)).json();
    // Someone renames the class between the preview and the commit.
    await app.sql(`UPDATE classes SET name = '他人修改的班名' WHERE id = ${a!.id}`);
    const stale = await jiaowu.post(`/api/imports/batches/${first.id}/commit`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('IMPORT_STALE');
    expect(stale.json().error.message).toBe('预览之后，1 条相关数据已被他人修改；为免覆盖，本次未导入任何数据，请重新上传文件预览');
    expect((await app.sql<{ name: string }>(`SELECT name FROM classes WHERE id = ${a!.id}`))[0]!.name).toBe('他人修改的班名');
    expect((await app.sql<{ status: string }>(`SELECT status FROM import_batches WHERE id = '${first.id}'`))[0]!.status).toBe('previewed');

    // A concurrent change to a field the file does not carry is kept: the commit writes only what it showed.
    const second = (await preview('classes', await makeXlsx(['班级代码', '班级名称'], [[b!.code, `${b!.name}·B`]]))).json();
    await app.sql(`UPDATE classes SET cohort_year = cohort_year + 1 WHERE id = ${b!.id}`);
    const [{ cohort_year: concurrentYear }] = await app.sql<{ cohort_year: number }>(`SELECT cohort_year FROM classes WHERE id = ${b!.id}`);
    expect((await jiaowu.post(`/api/imports/batches/${second.id}/commit`)).statusCode).toBe(200);
    const [after] = await app.sql<{ name: string; cohort_year: number }>(`SELECT name, cohort_year FROM classes WHERE id = ${b!.id}`);
    expect(after).toEqual({ name: `${b!.name}·B`, cohort_year: concurrentYear });
  });

  it('the changes of a batch are its uploader’s, and bad paging is a 400', async () => {
    const [department] = await app.sql<{ code: string; name: string }>(
      `SELECT code, name FROM departments WHERE institution_id = ${institutionId} ORDER BY id DESC LIMIT 1`,
    );
    const batch = (
      await preview('departments', await makeXlsx(['系部代码', '系部名称'], [[department!.code, `${department!.name}2`]]))
    ).json();
    const other = await app.login('admin');
    // admin may open any batch of the institution (import.any_batch); a teacher may not open it at all.
    expect((await other.get(`/api/imports/batches/${batch.id}/changes`)).statusCode).toBe(200);
    const teacher = await app.login('teacher');
    expect((await teacher.get(`/api/imports/batches/${batch.id}/changes`)).statusCode).toBe(403);
    expect((await jiaowu.get(`/api/imports/batches/${batch.id}/changes?limit=0`)).statusCode).toBe(400);
    expect((await jiaowu.get(`/api/imports/batches/${batch.id}/changes?offset=-1`)).statusCode).toBe(400);
    expect((await jiaowu.get(`/api/imports/batches/not-a-uuid/changes`)).statusCode).toBe(400);
  });
});
