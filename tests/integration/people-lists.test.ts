// The whole institution's majors, the student and teacher lists with their status filters and the
// export of the filtered list (.xlsx, parsed here; LibreOffice opens it), and a person's ID number and
// phone: masked on opening, revealed one field at a time by those who may, each reveal audited.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { readXlsx } from '../support/xlsx.ts';

let app: TestApp;
let jiaowu: TestClient;
let grouplead: TestClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  app = await createTestApp();
  jiaowu = await app.login('jiaowu');
  grouplead = await app.login('grouplead');
  ids.tjpc = await app.number("SELECT id FROM institutions WHERE code = 'TJPC'");
  ids.major430401 = await app.number(`SELECT id FROM majors WHERE code = '430401' AND institution_id = ${ids.tjpc}`);
  ids.student = await app.number(
    `SELECT id FROM students WHERE major_id = ${ids.major430401} AND id_number_enc IS NOT NULL AND phone_enc IS NOT NULL ORDER BY student_no LIMIT 1`,
  );
  ids.groupYJ = await app.number("SELECT id FROM professional_groups WHERE code = 'YJ'");
  ids.teacher = await app.number(`SELECT id FROM teachers WHERE home_group_id = ${ids.groupYJ} ORDER BY staff_no LIMIT 1`);
});
afterAll(async () => {
  await app?.close();
});

const auditCount = async (action: string, entity: string) =>
  app.number(`SELECT count(*)::int AS n FROM audit_log WHERE action = '${action}' AND entity = '${entity}'`, 'n');

describe('the whole institution (GET /api/majors)', () => {
  it('lists all 29 majors of 表 1-1 by department, the 15 of the cluster with their group, others in none', async () => {
    const majors = (await jiaowu.get('/api/majors')).json() as Array<{
      code: string;
      departmentId: number | null;
      groupId: number | null;
      clusterId: number | null;
      level: string;
      students: number;
    }>;
    expect(majors).toHaveLength(29);
    expect(majors.every((major) => major.departmentId !== null)).toBe(true);
    expect(majors.filter((major) => major.groupId !== null)).toHaveLength(15);
    const cluster = await app.number("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
    expect(majors.filter((major) => major.groupId !== null).every((major) => major.clusterId === cluster)).toBe(true);
    // 无人机应用技术 and the five majors of 天铁校区教学部 are the institution's, outside the cluster.
    expect(majors.find((major) => major.code === '460609')).toMatchObject({ groupId: null, clusterId: null });
    expect(majors.filter((major) => major.level === 'secondary_vocational').map((major) => major.code)).toHaveLength(5);
    const enrolled = await app.number(
      `SELECT count(*)::int AS n FROM students WHERE major_id = ${ids.major430401} AND status = 'enrolled'`,
      'n',
    );
    expect(majors.find((major) => major.code === '430401')!.students).toBe(enrolled);
  });

  it('shows the technician college its own two majors, in no group (it has no cluster yet)', async () => {
    const jishi = await app.login('jishi');
    const majors = (await jishi.get('/api/majors')).json();
    expect(majors.map((major: { code: string }) => major.code).sort()).toEqual(['630401', '660302']);
    expect(majors.every((major: { groupId: number | null }) => major.groupId === null)).toBe(true);
    expect((await jishi.get('/api/cluster-tree')).json()).toEqual([]);
    expect((await jishi.get(`/api/majors?institutionId=${ids.tjpc}`)).statusCode).toBe(403);
  });
});

describe('student and teacher lists: status filters', () => {
  it('filters students by 学籍状态 and refuses an unknown status in both languages', async () => {
    await app.sql(
      `UPDATE students SET status = 'withdrawn' WHERE id IN (SELECT id FROM students WHERE institution_id = ${ids.tjpc} ORDER BY student_no DESC LIMIT 3)`,
    );
    const counts = await app.sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM students WHERE institution_id = ${ids.tjpc} GROUP BY status`,
    );
    for (const { status, n } of counts) {
      const page = (await jiaowu.get(`/api/students?status=${status}&pageSize=5`)).json();
      expect(page.total).toBe(n);
      expect(page.items.every((item: { status: string }) => item.status === status)).toBe(true);
    }
    const bad = await jiaowu.get('/api/students?status=expelled');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('请求参数不合法');
    const badEn = await jiaowu.get('/api/students?status=expelled', { headers: { 'accept-language': 'en' } });
    expect(badEn.statusCode).toBe(400);
    expect(badEn.json().error.message).toBe('The request is not valid');
  });

  it('filters teachers by status, group and 双师型', async () => {
    const one = await app.number(`SELECT id FROM teachers WHERE home_group_id = ${ids.groupYJ} ORDER BY staff_no DESC LIMIT 1`);
    await app.sql(`UPDATE teachers SET status = 'retired' WHERE id = ${one}`);
    const retired = (await jiaowu.get('/api/teachers?status=retired')).json();
    expect(retired.items.map((item: { id: number }) => item.id)).toEqual([one]);
    const dual = await app.number(
      `SELECT count(*)::int AS n FROM teachers WHERE home_group_id = ${ids.groupYJ} AND is_dual_qualified AND status = 'active'`,
      'n',
    );
    expect((await jiaowu.get(`/api/teachers?groupId=${ids.groupYJ}&status=active&dualQualified=true`)).json().total).toBe(dual);
    expect((await jiaowu.get('/api/teachers?status=gone')).statusCode).toBe(400);
    expect((await jiaowu.get('/api/teachers?dualQualified=yes')).statusCode).toBe(400);
  });
});

describe('export of the filtered list (.xlsx)', () => {
  it('holds every row of the filter (not only the page), numbers masked, in the asker’s language; audited with the filter', async () => {
    const query = `majorId=${ids.major430401}&status=enrolled&cohortYear=2024`;
    const page = (await jiaowu.get(`/api/students?${query}&pageSize=20`)).json();
    const before = await auditCount('export.download', 'export:students-list');
    const file = await jiaowu.get(`/api/students/export.xlsx?${query}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toMatch(/学生名册-\d{4}-\d{2}-\d{2}\.xlsx/);
    const rows = await readXlsx(file.rawPayload);
    expect(rows[0]).toEqual([
      '学号',
      '姓名',
      '性别',
      '年级',
      '专业代码',
      '专业名称',
      '班级',
      '学籍状态',
      '身份证号（脱敏）',
      '手机号（脱敏）',
    ]);
    const expected = await app.sql<{ student_no: string }>(
      `SELECT student_no FROM students WHERE major_id = ${ids.major430401} AND status = 'enrolled' AND cohort_year = 2024 ORDER BY student_no`,
    );
    expect(page.total).toBe(expected.length);
    expect(rows.slice(1).map((row) => row[0])).toEqual(expected.map((row) => row.student_no));
    for (const row of rows.slice(1)) {
      expect(row[4]).toBe('430401');
      expect(row[5]).toBe('钢铁智能冶金技术');
      expect(row[7]).toBe('在读');
      expect(row[8]).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      if (row[9]) expect(row[9]).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    expect(await auditCount('export.download', 'export:students-list')).toBe(before + 1);
    const [audit] = await app.sql<{ after: { rows: number; personalData: string; filter: Record<string, unknown> } }>(
      "SELECT after FROM audit_log WHERE action = 'export.download' AND entity = 'export:students-list' ORDER BY id DESC LIMIT 1",
    );
    expect(audit!.after).toEqual({
      rows: expected.length,
      personalData: 'masked',
      filter: { majorId: ids.major430401, status: 'enrolled', cohortYear: 2024 },
    });

    const english = await readXlsx((await jiaowu.get(`/api/students/export.xlsx?${query}&lang=en`)).rawPayload);
    expect(english[0]!.slice(0, 3)).toEqual(['Student no.', 'Name', 'Gender']);
    expect(english[1]![7]).toBe('Enrolled');

    if (app.kind !== 'pglite') return; // the file does not depend on the database; convert once
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-people-export-'));
    try {
      fs.writeFileSync(path.join(dir, 'students.xlsx'), file.rawPayload);
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'csv',
          '--outdir',
          dir,
          path.join(dir, 'students.xlsx'),
        ],
        { timeout: 180_000, stdio: 'ignore' },
      );
      const csv = fs.readFileSync(path.join(dir, 'students.csv'), 'utf8').trim().split('\n');
      expect(csv).toHaveLength(expected.length + 1);
      expect(csv[1]!.split(',')[0]).toBe(expected[0]!.student_no);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps to what the asker may read: a group lead’s export holds only their group’s students', async () => {
    const rows = await readXlsx((await grouplead.get('/api/students/export.xlsx?status=enrolled')).rawPayload);
    const groupMajors = ['430401', '420802', '420901', '460106', '460104'];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((row) => groupMajors.includes(row[4]!))).toBe(true);
    const total = (await grouplead.get('/api/students?status=enrolled&pageSize=1')).json().total;
    expect(rows.length - 1).toBe(total);
    expect((await (await app.login('student')).get('/api/students/export.xlsx')).statusCode).toBe(403);
  });

  it('exports the filtered teachers, and refuses a bad filter without writing anything', async () => {
    const query = `groupId=${ids.groupYJ}&dualQualified=true`;
    const total = (await jiaowu.get(`/api/teachers?${query}&pageSize=1`)).json().total;
    const rows = await readXlsx((await jiaowu.get(`/api/teachers/export.xlsx?${query}`)).rawPayload);
    expect(rows[0]).toEqual(['工号', '姓名', '性别', '职称', '双师型', '系部', '所属专业群', '状态', '身份证号（脱敏）', '手机号（脱敏）']);
    expect(rows).toHaveLength(total + 1);
    expect(rows.slice(1).every((row) => row[4] === '是' && row[6] === '钢铁智能冶金专业群')).toBe(true);
    const before = await auditCount('export.download', 'export:teachers-list');
    const bad = await jiaowu.get('/api/teachers/export.xlsx?status=gone', { headers: { 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('The request is not valid');
    expect(await auditCount('export.download', 'export:teachers-list')).toBe(before);
  });
});

describe('ID number and phone: masked on opening, revealed one field at a time (audited)', () => {
  it('教务 opens a student masked, reveals the ID number and then the phone, each one audit row naming the field', async () => {
    const viewsBefore = await auditCount('pii.view', 'student');
    const opened = (await jiaowu.get(`/api/students/${ids.student}`)).json();
    expect(opened.piiRevealed).toBe(false);
    expect(opened.canReveal).toBe(true);
    expect(opened.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(opened.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    // Opening the record reveals nothing, so it is not an audited view.
    expect(await auditCount('pii.view', 'student')).toBe(viewsBefore);

    const revealsBefore = await auditCount('person.reveal', 'student');
    const idNumber = await jiaowu.post(`/api/students/${ids.student}/reveal`, { field: 'idNumber' });
    expect(idNumber.statusCode).toBe(200);
    expect(idNumber.json()).toEqual({ field: 'idNumber', value: expect.stringMatching(/^\d{17}[\dX]$/) });
    expect(idNumber.json().value.slice(-4)).toBe(opened.idNumber.slice(-4));
    const phone = (await jiaowu.post(`/api/students/${ids.student}/reveal`, { field: 'phone' })).json();
    expect(phone.value).toMatch(/^1\d{10}$/);
    expect(phone.value.slice(-4)).toBe(opened.phone.slice(-4));
    const audits = await app.sql<{ entity_id: string; after: { field: string }; summary: string; actor_name: string }>(
      `SELECT entity_id, after, summary, actor_name FROM audit_log WHERE action = 'person.reveal' AND entity = 'student' ORDER BY id DESC LIMIT 2`,
    );
    expect(await auditCount('person.reveal', 'student')).toBe(revealsBefore + 2);
    expect(audits.map((audit) => audit.after.field)).toEqual(['phone', 'idNumber']);
    expect(audits.every((audit) => audit.entity_id === String(ids.student))).toBe(true);
    expect(audits[1]!.summary).toContain('身份证号');
    expect(JSON.stringify(audits)).not.toContain(idNumber.json().value);
  });

  it('a group lead sees the record masked, may not reveal (403), and nothing is written', async () => {
    const opened = (await grouplead.get(`/api/students/${ids.student}`)).json();
    expect(opened).toMatchObject({ piiRevealed: false, canReveal: false });
    const before = await auditCount('person.reveal', 'student');
    expect((await grouplead.post(`/api/students/${ids.student}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    expect((await grouplead.post(`/api/teachers/${ids.teacher}/reveal`, { field: 'phone' })).statusCode).toBe(403);
    expect(await auditCount('person.reveal', 'student')).toBe(before);
  });

  it('refuses a bad field or an unknown person in both languages, writing nothing', async () => {
    const before = await app.number('SELECT count(*)::int AS n FROM audit_log', 'n');
    const badField = await jiaowu.post(`/api/students/${ids.student}/reveal`, { field: 'name' });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().error.message).toBe('请求参数不合法');
    const extra = await jiaowu.post(
      `/api/students/${ids.student}/reveal`,
      { field: 'phone', all: true },
      { headers: { 'accept-language': 'en' } },
    );
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toBe('The request is not valid');
    const unknown = await jiaowu.post('/api/students/99999999/reveal', { field: 'phone' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('找不到学生（编号 99999999）');
    const unknownEn = await jiaowu.post('/api/teachers/99999999/reveal', { field: 'phone' }, { headers: { 'accept-language': 'en' } });
    expect(unknownEn.statusCode).toBe(404);
    expect(unknownEn.json().error.message).toBe('No teacher with id 99999999');
    expect(await app.number('SELECT count(*)::int AS n FROM audit_log', 'n')).toBe(before);
  });

  it('a student reveals their own numbers (not audited as someone else’s look), not another student’s', async () => {
    const student = await app.login('student');
    const me = (await student.get('/api/me/student')).json().student;
    expect(me).toMatchObject({ piiRevealed: false, canReveal: true });
    const before = await auditCount('person.reveal', 'student');
    const own = await student.post(`/api/students/${me.id}/reveal`, { field: 'idNumber' });
    expect(own.statusCode).toBe(200);
    expect(own.json().value).toMatch(/^\d{17}[\dX]$/);
    expect(await auditCount('person.reveal', 'student')).toBe(before);
    const other = await app.number(`SELECT id FROM students WHERE id <> ${me.id} ORDER BY id LIMIT 1`);
    expect((await student.post(`/api/students/${other}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
  });

  it('a teacher’s numbers: masked to 教务 on opening, revealed per field (audited), their own shown to the teacher', async () => {
    const opened = (await jiaowu.get(`/api/teachers/${ids.teacher}`)).json();
    expect(opened).toMatchObject({ piiRevealed: false, canReveal: true });
    expect(opened.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const before = await auditCount('person.reveal', 'teacher');
    const revealed = (await jiaowu.post(`/api/teachers/${ids.teacher}/reveal`, { field: 'idNumber' })).json();
    expect(revealed.value).toMatch(/^\d{17}[\dX]$/);
    expect(revealed.value.slice(-4)).toBe(opened.idNumber.slice(-4));
    expect(await auditCount('person.reveal', 'teacher')).toBe(before + 1);
    const teacher = await app.login('teacher');
    const own = (await teacher.get('/api/auth/me')).json().teacherId;
    const ownRecord = (await teacher.get(`/api/teachers/${own}`)).json();
    expect(ownRecord.piiRevealed).toBe(true);
    expect(ownRecord.idNumber).toMatch(/^\d{17}[\dX]$/);
  });
});
