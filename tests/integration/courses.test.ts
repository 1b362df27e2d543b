import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { seedStudentSessions } from '../support/sessions.ts';
import { drawDueWindows } from '../../server/modules/courses/selection-draw.ts';
import { makeXlsx } from '../support/xlsx.ts';

let app: TestApp;
let jiaowu: TestClient;
let grouplead: TestClient;
let majorlead: TestClient;
const ids: Record<string, number> = {};
const courseIds = new Map<string, number>();

const one = async <T = number>(sql: string, column = 'id'): Promise<T> => (await app.sql<Record<string, T>>(sql))[0]![column]!;
const requestId = () => crypto.randomUUID();

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, grouplead, majorlead] = await Promise.all([app.login('jiaowu'), app.login('grouplead'), app.login('majorlead')]);
  ids.cluster = await one("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
  ids.groupYJ = await one("SELECT id FROM professional_groups WHERE code = 'YJ'");
  ids.groupKZ = await one("SELECT id FROM professional_groups WHERE code = 'KZ'");
  ids.major430401 = await one("SELECT id FROM majors WHERE code = '430401' AND institution_id = 1");
  ids.major420802 = await one("SELECT id FROM majors WHERE code = '420802' AND institution_id = 1");
  ids.upcomingTerm = await one("SELECT id FROM terms WHERE code = '2026-2027-2' AND institution_id = 1");
  ids.firstComeWindow = await one("SELECT id FROM selection_windows WHERE mode = 'first_come'");
  for (const row of await app.sql<{ id: number; code: string }>('SELECT id, code FROM courses')) courseIds.set(row.code, row.id);
});
afterAll(async () => {
  await app?.close();
});

/** The courses of a demo programme (a valid composition) as builder choices. */
async function demoComposition(majorId: number, cohortYear = 2025) {
  const programmeId = await one(`SELECT id FROM programmes WHERE major_id = ${majorId} AND cohort_year = ${cohortYear}`);
  const programme = (await jiaowu.get(`/api/programmes/${programmeId}`)).json();
  return programme.items.map((item: { courseId: number; termNo: number; isElective: boolean }) => ({
    courseId: item.courseId,
    termNo: item.termNo,
    isElective: item.isElective,
  }));
}

describe('course pool', () => {
  it('lists the three layers with the seeds’ shared platform of 50+ credits', async () => {
    const shared = (await jiaowu.get('/api/courses?layer=shared&pageSize=100')).json();
    const sharedInDb = await one<number>(
      `SELECT count(*)::int AS n FROM courses c JOIN course_versions v ON v.course_id = c.id AND v.version_no = c.current_version_no
       WHERE c.cluster_id = ${ids.cluster} AND v.layer = 'shared'`,
      'n',
    );
    expect(shared.total).toBe(sharedInDb);
    expect(shared.items).toHaveLength(sharedInDb);
    // 底层共享平台 of the seeds: more than 50 credits of general and foundation courses.
    expect(shared.items.reduce((sum: number, course: { credits: number }) => sum + Number(course.credits), 0)).toBeGreaterThan(50);
    expect(shared.items.every((course: { ownerGroupId: number | null }) => course.ownerGroupId === null)).toBe(true);
    expect(shared.items.map((course: { name: string }) => course.name)).toEqual(
      expect.arrayContaining(['生态文明', '绿色制造基础', '智能制造导论']),
    );
    const yjExtension = (await jiaowu.get(`/api/courses?layer=extension&ownerGroupId=${ids.groupYJ}`)).json();
    expect(yjExtension.total).toBe(4);
    const search = (await jiaowu.get(`/api/courses?q=${encodeURIComponent('冶金')}`)).json();
    expect(search.items.length).toBeGreaterThan(0);
    expect(
      search.items.every((course: { name: string; code: string }) => course.name.includes('冶金') || course.code.startsWith('冶金')),
    ).toBe(true);
  });

  it('a group lead adds a course to their own group, publishes it, and an edit makes version 2 with a diff', async () => {
    const created = await grouplead.post('/api/courses', {
      code: 'YJ-901',
      name: '氢冶金技术',
      nameEn: 'Hydrogen Metallurgy',
      credits: 2,
      theoryHours: 16,
      practiceHours: 16,
      assessment: 'assessment',
      layer: 'extension',
      moduleType: 'extension',
      ownerGroupId: ids.groupYJ,
      certificateCodes: [],
      prerequisiteCodes: ['YJ-201'],
    });
    expect(created.statusCode).toBe(201);
    const course = created.json();
    expect(course.status).toBe('draft');
    // A draft is edited in place.
    const draftEdit = (await grouplead.patch(`/api/courses/${course.id}`, { credits: 3 })).json();
    expect(draftEdit.versionNo).toBe(1);
    expect((await grouplead.post(`/api/courses/${course.id}/publish`)).json().status).toBe('published');
    const edited = await grouplead.patch(`/api/courses/${course.id}`, { practiceHours: 32, name: '氢冶金与低碳技术' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().versionNo).toBe(2);
    const diff = (await grouplead.get(`/api/courses/${course.id}/diff?from=1&to=2`)).json();
    expect(diff.changes).toEqual([
      { field: 'name', from: '氢冶金技术', to: '氢冶金与低碳技术' },
      { field: 'practiceHours', from: 16, to: 32 },
    ]);
    const unchanged = await grouplead.patch(`/api/courses/${course.id}`, { practiceHours: 32 });
    expect(unchanged.statusCode).toBe(409);
    expect(unchanged.json().error.message).toBe('内容没有变化，未生成新版本');
    const detail = (await grouplead.get(`/api/courses/${course.id}`)).json();
    expect(detail.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
    const audit = await app.sql(`SELECT action FROM audit_log WHERE entity = 'course' AND entity_id = '${course.id}' ORDER BY id`);
    expect(audit.map((row) => row.action)).toEqual(['course.create', 'course.update', 'course.publish', 'course.version']);
  });

  it('refuses bad courses with clear messages and writes nothing', async () => {
    const before = await one<number>('SELECT count(*)::int AS n FROM courses', 'n');
    const base = {
      code: 'KZ-990',
      name: '测试',
      credits: 2,
      theoryHours: 16,
      practiceHours: 16,
      assessment: 'exam',
      layer: 'core',
      moduleType: 'professional',
    };
    const otherGroup = await grouplead.post('/api/courses', { ...base, ownerGroupId: ids.groupKZ });
    expect(otherGroup.statusCode).toBe(403);
    const sharedByLead = await grouplead.post('/api/courses', { ...base, layer: 'shared', ownerGroupId: null });
    expect(sharedByLead.statusCode).toBe(403);
    const badOwner = await jiaowu.post('/api/courses', { ...base, layer: 'shared', ownerGroupId: ids.groupKZ });
    expect(badOwner.statusCode).toBe(422);
    expect(badOwner.json().error.message).toContain('底层共享课程归属专业集群');
    const unknownPrerequisite = await jiaowu.post(
      '/api/courses',
      { ...base, ownerGroupId: ids.groupKZ, prerequisiteCodes: ['NOPE-1'] },
      { headers: { 'accept-language': 'en' } },
    );
    expect(unknownPrerequisite.statusCode).toBe(422);
    expect(unknownPrerequisite.json().error.message).toBe('Prerequisite courses not in the pool: "NOPE-1"');
    const duplicate = await jiaowu.post('/api/courses', { ...base, code: 'GX-101', ownerGroupId: ids.groupKZ });
    expect(duplicate.statusCode).toBe(409);
    const badCredits = await jiaowu.post('/api/courses', { ...base, ownerGroupId: ids.groupKZ, credits: -2 });
    expect(badCredits.statusCode).toBe(400);
    expect(await one<number>('SELECT count(*)::int AS n FROM courses', 'n')).toBe(before);
  });

  it('exports the pool and re-imports it as unchanged; an edited row makes a new version', async () => {
    const exported = await jiaowu.get('/api/exports/courses');
    expect(exported.statusCode).toBe(200);
    const preview = (await jiaowu.upload('/api/imports/courses/preview', 'courses.xlsx', exported.rawPayload)).json();
    expect(preview.summary.invalid).toBe(0);
    expect(preview.summary.create + preview.summary.update).toBe(0);
    expect(preview.summary.unchanged).toBeGreaterThan(50);
    const file = await makeXlsx(
      ['课程代码', '课程名称', '学分', '理论学时', '实践学时', '考核方式', '课程层级', '课程模块', '开课专业群代码', '先修课程代码'],
      [
        ['GX-105', '生态文明与绿色发展', '4', 48, 16, '考查', '底层共享', '思政文化素质模块', '', ''],
        ['KZ-950', '工业视觉检测', '2', 16, 16, '考查', '高层互选', '拓展模块', 'KZ', 'KZ-202'],
        ['KZ-951', '错误课程', '2', 16, 16, '考查', '底层共享', '拓展模块', 'KZ', 'NOPE'],
      ],
    );
    const bad = (await jiaowu.upload('/api/imports/courses/preview', 'courses.xlsx', file)).json();
    expect(bad.summary.invalid).toBe(1);
    expect(bad.errors.map((error: { row: number; reason: string }) => [error.row, error.reason])).toEqual(
      expect.arrayContaining([[4, expect.stringContaining('底层共享课程归属专业集群')]]),
    );
    const good = await makeXlsx(
      ['课程代码', '课程名称', '学分', '理论学时', '实践学时', '考核方式', '课程层级', '课程模块', '开课专业群代码', '先修课程代码'],
      [
        ['GX-105', '生态文明与绿色发展', '4', 48, 16, '考查', '底层共享', '思政文化素质模块', '', ''],
        ['KZ-950', '工业视觉检测', '2', 16, 16, '考查', '高层互选', '拓展模块', 'KZ', 'KZ-202'],
      ],
    );
    const batch = (await jiaowu.upload('/api/imports/courses/preview', 'courses.xlsx', good)).json();
    expect(batch.summary).toMatchObject({ create: 1, update: 1, invalid: 0 });
    expect((await jiaowu.post(`/api/imports/batches/${batch.id}/commit`)).statusCode).toBe(200);
    const versions = await app.sql<{ version_no: number; name: string }>(
      `SELECT version_no, name FROM course_versions WHERE course_id = ${courseIds.get('GX-105')} ORDER BY version_no`,
    );
    expect(versions).toEqual([
      { version_no: 1, name: '生态文明' },
      { version_no: 2, name: '生态文明与绿色发展' },
    ]);
    // Programmes keep the version they were built with.
    const kept = await app.sql<{ version_no: number }>(
      `SELECT DISTINCT cv.version_no FROM programme_courses pc JOIN course_versions cv ON cv.id = pc.course_version_id WHERE pc.course_id = ${courseIds.get('GX-105')}`,
    );
    expect(kept).toEqual([{ version_no: 1 }]);
  });
});

describe('training programmes', () => {
  it('the demo programmes pass every rule and meet both 表 1 ratios', async () => {
    const programmeId = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2025`);
    const programme = (await majorlead.get(`/api/programmes/${programmeId}`)).json();
    expect(programme.status).toBe('published');
    expect(programme.check.passed).toBe(true);
    expect(programme.check.metrics).toMatchObject({
      sharedCourseCount: 9,
      sharedCredits: 52,
      coreCredits: 80,
      crossGroupExtensionCredits: 16,
      totalCredits: 148,
    });
    expect(programme.check.metrics.sharedFoundationRatio).toBeGreaterThanOrEqual(1 / 3);
    expect(programme.check.metrics.sharedExtensionRatio).toBeGreaterThanOrEqual(1 / 4);
  });

  it('builds a programme that breaks the 16-credit rule, refuses to submit it, accepts it fixed; 教务 approves and publishes; then it is locked', async () => {
    const created = await majorlead.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2027, graduationCredits: 148 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const valid = await demoComposition(ids.major430401);
    const electives = valid.filter((choice: { isElective: boolean }) => choice.isElective);
    // Three cross-group electives (12 credits) instead of 16 credits' worth of options.
    const broken = [...valid.filter((choice: { isElective: boolean }) => !choice.isElective), ...electives.slice(0, 3)];
    const live = (await majorlead.post(`/api/programmes/${id}/check`, { courses: broken })).json();
    const extension = live.results.find((result: { rule: string }) => result.rule === 'cross_group_extension_credits');
    expect(extension).toMatchObject({ status: 'missing', actual: 12, required: 16 });
    expect(extension.message).toBe('跨群拓展课程需 16 学分（须选自其他专业群开设的高层互选课程），目前 12 学分，还差 4 学分');
    expect(live.passed).toBe(false);
    const saved = (await majorlead.put(`/api/programmes/${id}`, { courses: broken })).json();
    expect(saved.items).toHaveLength(broken.length);
    const refused = await majorlead.post(`/api/programmes/${id}/transitions`, { action: 'submit' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('跨群拓展课程需 16 学分');
    expect(await one<string>(`SELECT status FROM programmes WHERE id = ${id}`, 'status')).toBe('draft');

    const fixed = (await majorlead.put(`/api/programmes/${id}`, { courses: valid, revision: saved.revision })).json();
    expect(fixed.check.passed).toBe(true);
    const stale = await majorlead.put(`/api/programmes/${id}`, { courses: valid, revision: saved.revision });
    expect(stale.statusCode).toBe(409);
    expect((await majorlead.post(`/api/programmes/${id}/transitions`, { action: 'submit' })).json().status).toBe('submitted');
    expect((await majorlead.post(`/api/programmes/${id}/transitions`, { action: 'approve' })).statusCode).toBe(403);
    const approved = (await jiaowu.post(`/api/programmes/${id}/transitions`, { action: 'approve', comment: '同意' })).json();
    expect(approved.status).toBe('approved');
    expect((await jiaowu.post(`/api/programmes/${id}/transitions`, { action: 'publish' })).json().status).toBe('published');
    const locked = await majorlead.put(`/api/programmes/${id}`, { courses: broken });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toBe('培养方案状态为“已发布（锁定）”，不能修改');
    const history = await app.sql(`SELECT action FROM audit_log WHERE entity = 'programme' AND entity_id = '${id}' ORDER BY id`);
    expect(history.map((row) => row.action)).toEqual([
      'programme.create',
      'programme.update',
      'programme.update',
      'programme.submit',
      'programme.approve',
      'programme.publish',
    ]);
  });

  it('nobody approves a programme they submitted', async () => {
    const id = (await jiaowu.post('/api/programmes', { majorId: ids.major420802, cohortYear: 2027, graduationCredits: 148 })).json().id;
    await jiaowu.put(`/api/programmes/${id}`, { courses: await demoComposition(ids.major420802) });
    expect((await jiaowu.post(`/api/programmes/${id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    const self = await jiaowu.post(`/api/programmes/${id}/transitions`, { action: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('不能审核自己提交的培养方案');
  });

  it('copies last year’s programme to a new cohort and compares the two years side by side', async () => {
    const source = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major420802} AND cohort_year = 2024`);
    const copy = await grouplead.post(`/api/programmes/${source}/copy`, { cohortYear: 2026 });
    expect(copy.statusCode).toBe(201);
    const copied = copy.json();
    expect(copied.status).toBe('draft');
    expect(copied.copiedFromId).toBe(source);
    // The copy is on the courses' current versions: 智能制造导论 moves from version 1 to 2.
    expect(copied.items.find((item: { code: string }) => item.code === 'GX-107').versionNo).toBe(2);
    const comparison = (await grouplead.get(`/api/programmes/compare?left=${source}&right=${copied.id}`)).json();
    const gx107 = comparison.rows.find((row: { code: string }) => row.code === 'GX-107');
    expect(gx107.change).toBe('changed');
    expect(gx107.differences).toEqual(expect.arrayContaining(['versionNo', 'theoryHours', 'practiceHours']));
    expect(comparison.counts.added + comparison.counts.removed).toBe(0);
    const again = await grouplead.post(`/api/programmes/${source}/copy`, { cohortYear: 2026 });
    expect(again.statusCode).toBe(409);
  });

  it('exports the programme as .xlsx and .docx that LibreOffice opens', async () => {
    const programmeId = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2025`);
    const xlsx = await majorlead.get(`/api/programmes/${programmeId}/export.xlsx`);
    const docx = await majorlead.get(`/api/programmes/${programmeId}/export.docx`);
    expect(xlsx.statusCode).toBe(200);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    if (app.kind !== 'pglite') return; // the documents do not depend on the database; convert once
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-export-'));
    fs.writeFileSync(path.join(dir, 'table.xlsx'), xlsx.rawPayload);
    fs.writeFileSync(path.join(dir, 'plan.docx'), docx.rawPayload);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        path.join(dir, 'pdf'),
        path.join(dir, 'table.xlsx'),
        path.join(dir, 'plan.docx'),
      ],
      { timeout: 180_000, stdio: 'ignore' },
    );
    for (const name of ['table.pdf', 'plan.pdf']) {
      const pdf = fs.readFileSync(path.join(dir, 'pdf', name));
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      expect(pdf.length).toBeGreaterThan(2000);
    }
  }, 240_000);

  it('computes the two 表 1 indicators for a major, a group and the cluster', async () => {
    const major = (
      await jiaowu.post('/api/measurements', {
        indicatorKey: 'courses.shared_foundation_ratio',
        unitType: 'major',
        unitId: ids.major430401,
        period: '2025-2026',
      })
    ).json();
    expect(major.value).toBeCloseTo(52 / 148, 6);
    expect(major.level).toBe('met');
    const cluster = (
      await jiaowu.post('/api/measurements', {
        indicatorKey: 'courses.shared_extension_ratio',
        unitType: 'cluster',
        unitId: ids.cluster,
        period: '2025-2026',
      })
    ).json();
    expect(cluster.inputs.programmes).toHaveLength(15);
    expect(cluster.value).toBeCloseTo(16 / 18, 6);
    const empty = (
      await jiaowu.post('/api/measurements', {
        indicatorKey: 'courses.shared_foundation_ratio',
        unitType: 'group',
        unitId: ids.groupYJ,
        period: '2031-2032',
      })
    ).json();
    expect(empty.value).toBe(0);
    // A group sums numerators and denominators over its majors' programmes: measured per major, the
    // sums must give the group's value.
    const group = (
      await jiaowu.post('/api/measurements', {
        indicatorKey: 'courses.shared_foundation_ratio',
        unitType: 'group',
        unitId: ids.groupYJ,
        period: '2025-2026',
      })
    ).json();
    const groupMajors = await app.sql<{ id: number }>(`SELECT id FROM majors WHERE group_id = ${ids.groupYJ} ORDER BY id`);
    let numerator = 0;
    let denominator = 0;
    for (const { id } of groupMajors) {
      const perMajor = (
        await jiaowu.post('/api/measurements', {
          indicatorKey: 'courses.shared_foundation_ratio',
          unitType: 'major',
          unitId: Number(id),
          period: '2025-2026',
        })
      ).json();
      numerator += perMajor.inputs.numerator;
      denominator += perMajor.inputs.denominator;
    }
    expect(group.inputs.programmes.length).toBeGreaterThan(1);
    expect(group.value).toBeGreaterThan(0);
    expect(group.value).toBeCloseTo(numerator / denominator, 2);
    const definition = (await jiaowu.get('/api/indicators'))
      .json()
      .find((indicator: { key: string }) => indicator.key === 'courses.shared_foundation_ratio');
    expect(definition.definition['zh-CN']).toContain('底层共享课程');
  });
});

describe('offerings', () => {
  it('refuses a section that clashes with a teacher, a room or a class, naming each clash', async () => {
    const existing = (await jiaowu.get(`/api/sections?termId=${ids.upcomingTerm}&windowId=${ids.firstComeWindow}&pageSize=1`)).json()
      .items[0];
    const detail = (await jiaowu.get(`/api/sections/${existing.id}`)).json();
    const meeting = detail.meetings[0];
    const response = await jiaowu.post('/api/sections', {
      termId: ids.upcomingTerm,
      courseId: courseIds.get('GX-101'),
      code: 'CLASH-1',
      capacity: 40,
      room: ` ${detail.room.toLowerCase()} `,
      teacherIds: [detail.teachers[0].id],
      meetings: [{ ...meeting, firstWeek: 8, lastWeek: 8 }],
    });
    expect(response.statusCode).toBe(409);
    const body = response.json();
    expect(body.error.details.map((clash: { kind: string }) => clash.kind).sort()).toEqual(['room', 'teacher']);
    expect(body.error.message).toContain(`《${detail.courseName}》`);
    const moved = await jiaowu.post('/api/sections', {
      termId: ids.upcomingTerm,
      courseId: courseIds.get('GX-101'),
      code: 'NOCLASH-1',
      capacity: 40,
      room: detail.room,
      teacherIds: [detail.teachers[0].id],
      meetings: [{ ...meeting, firstWeek: 17, lastWeek: 18 }],
    });
    expect(moved.statusCode).toBe(201);
    const clashes = (await jiaowu.get(`/api/terms/${ids.upcomingTerm}/clashes`)).json();
    expect(clashes.count).toBe(0);
    const badMeeting = await jiaowu.post('/api/sections', {
      termId: ids.upcomingTerm,
      courseId: courseIds.get('GX-101'),
      code: 'BAD-1',
      capacity: 40,
      teacherIds: [],
      meetings: [{ weekday: 8, firstPeriod: 1, lastPeriod: 2, firstWeek: 1, lastWeek: 2 }],
    });
    expect(badMeeting.statusCode).toBe(400);
  });
});

describe('selection', () => {
  let student: TestClient;
  let studentId: number;
  beforeAll(async () => {
    student = await app.login('student');
    studentId = (await student.get('/api/auth/me')).json().studentId;
  });

  const sectionOf = async (code: string) => one(`SELECT id FROM sections WHERE code = '${code}'`);

  it('gives an immediate answer, and a repeated submission has no second effect', async () => {
    const view = (await student.get('/api/me/selection')).json();
    expect(view.windows.map((window: { mode: string }) => window.mode)).toEqual(['first_come']);
    const sectionId = await sectionOf('KZ-401-01');
    const rid = requestId();
    const first = await student.post('/api/me/selections', { sectionId, requestId: rid });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'enrolled', message: '选课成功：《智能产线集成》' });
    const retry = await student.post('/api/me/selections', { sectionId, requestId: rid });
    expect(retry.json()).toEqual(first.json());
    const reused = await student.post('/api/me/selections', { sectionId: await sectionOf('HL-401-01'), requestId: rid });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('REQUEST_REUSED');
    const again = await student.post('/api/me/selections', { sectionId, requestId: requestId() });
    expect(again.json().outcome).toBe('already_enrolled');
    expect(
      await one<number>(`SELECT count(*)::int AS n FROM enrolments WHERE student_id = ${studentId} AND section_id = ${sectionId}`, 'n'),
    ).toBe(1);
    expect(await one<number>(`SELECT enrolled_count AS n FROM sections WHERE id = ${sectionId}`, 'n')).toBe(1);
    const timetable = (await student.get(`/api/me/timetable?termId=${ids.upcomingTerm}`)).json();
    expect(timetable.items.map((item: { courseCode: string }) => item.courseCode)).toEqual(['KZ-401']);
  });

  it('refuses with the reason: own group, another section of the same course, a time clash', async () => {
    const own = await student.post('/api/me/selections', { sectionId: await sectionOf('YJ-401-01'), requestId: requestId() });
    expect(own.statusCode).toBe(409);
    expect(own.json().error).toMatchObject({
      code: 'SELECTION_REFUSED',
      message: '《绿色低碳冶金技术》是本专业群课程，不能作为跨群拓展课选修',
      details: { reason: 'own_group_extension' },
    });
    const sameCourse = await student.post(
      '/api/me/selections',
      { sectionId: await sectionOf('KZ-401-02'), requestId: requestId() },
      { headers: { 'accept-language': 'en' } },
    );
    expect(sameCourse.json().error.details.reason).toBe('same_course');
    const taken = await app.sql<{ weekday: number; first_period: number }>(
      `SELECT m.weekday, m.first_period FROM section_meetings m JOIN sections s ON s.id = m.section_id WHERE s.code = 'KZ-401-01'`,
    );
    const clashing = await app.sql<{
      id: number;
    }>(`SELECT s.id FROM sections s JOIN section_meetings m ON m.section_id = s.id JOIN courses c ON c.id = s.course_id
      WHERE s.window_id = ${ids.firstComeWindow} AND m.weekday = ${taken[0]!.weekday} AND m.first_period = ${taken[0]!.first_period} AND c.code NOT LIKE 'YJ-%' AND c.code <> 'KZ-401'`);
    if (clashing.length > 0) {
      const clash = await student.post('/api/me/selections', { sectionId: clashing[0]!.id, requestId: requestId() });
      expect(clash.json().error.details.reason).toBe('time_clash');
    }
    expect(
      await one<number>(`SELECT count(*)::int AS n FROM enrolments WHERE student_id = ${studentId} AND status <> 'dropped'`, 'n'),
    ).toBe(
      (await one<number>(
        `SELECT count(*)::int AS n FROM enrolments WHERE student_id = ${studentId} AND status <> 'dropped' AND source = 'assigned'`,
        'n',
      )) + 1,
    );
  });

  it('a course assigned to the student’s class cannot be dropped by the student', async () => {
    const assigned = await one(
      `SELECT e.section_id AS id FROM enrolments e WHERE e.student_id = ${studentId} AND e.source = 'assigned' AND e.status = 'enrolled' LIMIT 1`,
    );
    const response = await student.post('/api/me/selections/drop', { sectionId: assigned, requestId: requestId() });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.reason).toBe('not_droppable');
    expect(await one<string>(`SELECT status FROM enrolments WHERE student_id = ${studentId} AND section_id = ${assigned}`, 'status')).toBe(
      'enrolled',
    );
  });

  it('waitlists when full with a position, and promotes the first in line when a seat frees', async () => {
    const sectionId = await sectionOf('HL-402-01');
    await jiaowu.patch(`/api/sections/${sectionId}`, { capacity: 1 });
    const others = await app.sql<{
      id: number;
    }>(`SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
      WHERE s.cohort_year = 2025 AND g.code = 'KZ' AND s.status = 'enrolled' ORDER BY s.id LIMIT 3`);
    const sessions = await seedStudentSessions(
      app.sql,
      others.map((row) => row.id),
    );
    const clients = sessions.map((session) => app.withSession(session.cookie, session.csrfToken));
    const answers = [];
    for (const client of clients) answers.push((await client.post('/api/me/selections', { sectionId, requestId: requestId() })).json());
    expect(answers.map((answer) => [answer.outcome, answer.position])).toEqual([
      ['enrolled', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    expect(answers[2].message).toBe('教学班已满，已加入候补，当前第 2 位');
    const dropped = (await clients[0]!.post('/api/me/selections/drop', { sectionId, requestId: requestId() })).json();
    expect(dropped.outcome).toBe('dropped');
    const roster = (await jiaowu.get(`/api/sections/${sectionId}/roster`)).json();
    expect(roster.enrolled.map((row: { studentId: number }) => row.studentId)).toEqual([others[1]!.id]);
    expect(roster.waitlist.map((row: { studentId: number; position: number }) => [row.studentId, row.position])).toEqual([
      [others[2]!.id, 1],
    ]);
    const third = (await clients[2]!.get('/api/me/selection')).json();
    expect(third.enrolments.find((entry: { sectionId: number }) => entry.sectionId === sectionId)).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
    // Capacity up by one: the waitlist moves at once.
    await jiaowu.patch(`/api/sections/${sectionId}`, { capacity: 2 });
    expect((await jiaowu.get(`/api/sections/${sectionId}/roster`)).json().waitlist).toEqual([]);
    const promoted = await app.sql(
      `SELECT source FROM enrolments WHERE section_id = ${sectionId} AND student_id = ${others[2]!.id} AND status = 'enrolled'`,
    );
    expect(promoted).toEqual([{ source: 'promotion' }]);
  });

  it('keeps every invariant under a rush for the last seats (many students, each submitting twice at once)', async () => {
    const sectionId = await sectionOf('HL-403-01');
    await jiaowu.patch(`/api/sections/${sectionId}`, { capacity: 5 });
    const rushers = await app.sql<{
      id: number;
    }>(`SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
      WHERE s.cohort_year = 2024 AND g.code <> 'GYHLW' AND s.status = 'enrolled' ORDER BY s.id DESC LIMIT 40`);
    const sessions = await seedStudentSessions(
      app.sql,
      rushers.map((row) => row.id),
    );
    const clients = sessions.map((session) => app.withSession(session.cookie, session.csrfToken));
    const submissions = clients.flatMap((client) => {
      const rid = requestId();
      // A double click (same request id) and an impatient retry (new request id), all at once.
      return [
        client.post('/api/me/selections', { sectionId, requestId: rid }),
        client.post('/api/me/selections', { sectionId, requestId: rid }),
        client.post('/api/me/selections', { sectionId, requestId: requestId() }),
      ];
    });
    const responses = await Promise.all(submissions);
    expect(responses.every((response) => response.statusCode === 200 || response.statusCode === 409)).toBe(true);
    for (const response of responses) {
      const body = response.json();
      if (response.statusCode === 200) expect(['enrolled', 'waitlisted', 'already_enrolled', 'already_waitlisted']).toContain(body.outcome);
      else expect(body.error.details.reason).toBe('waitlist_full');
    }
    const [section] = await app.sql<{ capacity: number; enrolled_count: number; waitlist_count: number }>(
      `SELECT capacity, enrolled_count, waitlist_count FROM sections WHERE id = ${sectionId}`,
    );
    const [counts] = await app.sql<{ enrolled: number; waitlisted: number }>(
      `SELECT count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted FROM enrolments WHERE section_id = ${sectionId}`,
    );
    expect(counts!.enrolled).toBe(5);
    expect(section!.enrolled_count).toBe(counts!.enrolled);
    expect(section!.waitlist_count).toBe(counts!.waitlisted);
    expect(counts!.waitlisted).toBe(30);
    const overCapacity = await app.sql(
      "SELECT s.id FROM sections s WHERE (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'enrolled') > s.capacity",
    );
    expect(overCapacity).toEqual([]);
    const twice = await app.sql(
      "SELECT student_id, course_id FROM enrolments WHERE status IN ('enrolled', 'waitlisted') GROUP BY student_id, course_id, term_id HAVING count(*) > 1",
    );
    expect(twice).toEqual([]);
    const waitlist = await app.sql<{ waitlist_seq: number }>(
      `SELECT waitlist_seq FROM enrolments WHERE section_id = ${sectionId} AND status = 'waitlisted' ORDER BY waitlist_seq`,
    );
    const sequence = waitlist.map((row) => Number(row.waitlist_seq));
    expect(new Set(sequence).size).toBe(sequence.length);
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    // Every student got one definite answer, the same for both copies of a double click.
    for (let index = 0; index < responses.length; index += 3) expect(responses[index]!.json()).toEqual(responses[index + 1]!.json());
  });

  it('answers each submission of a batch on its own: a reused request id is refused, the rest of its batch is placed', async () => {
    const sectionId = await sectionOf('HL-404-01');
    const otherSectionId = await sectionOf('HL-401-01');
    const students = await app.sql<{
      id: number;
      institution_id: number;
    }>(`SELECT s.id, s.institution_id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
      WHERE s.cohort_year = 2024 AND g.code <> 'GYHLW' AND s.status = 'enrolled' ORDER BY s.id LIMIT 12 OFFSET 20`);
    const sessions = await seedStudentSessions(
      app.sql,
      students.map((row) => row.id),
    );
    // The last student's request id was answered before, for another section, by another server
    // sharing the database: only the database knows it.
    const reusedId = requestId();
    const last = students[students.length - 1]!;
    await app.sql(`INSERT INTO selection_requests (institution_id, student_id, request_id, action, section_id, response)
      VALUES (${last.institution_id}, ${last.id}, '${reusedId}', 'select', ${otherSectionId}, '{"status":200,"outcome":"enrolled","sectionId":${otherSectionId},"messageKey":"selection.enrolled","params":{"name":"x"}}')`);
    // All at once: the first few go alone, the rest wait and share transactions.
    const responses = await Promise.all(
      sessions.map((session, index) =>
        app
          .withSession(session.cookie, session.csrfToken)
          .post('/api/me/selections', { sectionId, requestId: index === sessions.length - 1 ? reusedId : requestId() }),
      ),
    );
    const reused = responses.pop()!;
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('REQUEST_REUSED');
    expect(responses.map((response) => [response.statusCode, response.json().outcome])).toEqual(responses.map(() => [200, 'enrolled']));
    const placed = await app.sql<{ student_id: number }>(
      `SELECT student_id FROM enrolments WHERE section_id = ${sectionId} AND status = 'enrolled' ORDER BY student_id`,
    );
    expect(placed.map((row) => Number(row.student_id))).toEqual(students.slice(0, -1).map((row) => Number(row.id)));
    const [section] = await app.sql<{ enrolled_count: number }>(`SELECT enrolled_count FROM sections WHERE id = ${sectionId}`);
    expect(section!.enrolled_count).toBe(students.length - 1);
    const stored = await app.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM selection_requests WHERE section_id = ${sectionId} AND student_id IN (${students.map((row) => row.id).join(',')})`,
    );
    expect(stored[0]!.n).toBe(students.length - 1);
  });

  it('preference-then-draw: reproducible from the seed, never over capacity, higher choices first', async () => {
    const now = Date.now();
    const window = (
      await jiaowu.post('/api/selection-windows', {
        termId: ids.upcomingTerm,
        name: '抽签测试',
        mode: 'lottery',
        cohortYears: [2023],
        opensAt: new Date(now - 3_600_000).toISOString(),
        closesAt: new Date(now + 3_600_000).toISOString(),
        dropDeadline: new Date(now + 86_400_000).toISOString(),
        creditCap: 8,
        maxChoices: 3,
        maxCourses: 1,
      })
    ).json();
    const sectionIds: number[] = [];
    for (const [index, code] of ['KZ-402', 'KZ-403', 'HL-404'].entries()) {
      const created = await jiaowu.post('/api/sections', {
        termId: ids.upcomingTerm,
        courseId: courseIds.get(code),
        code: `LOT-${index}`,
        capacity: 2,
        room: `抽签室${index}`,
        windowId: window.id,
        teacherIds: [],
        meetings: [{ weekday: 6, firstPeriod: 1 + index * 3, lastPeriod: 2 + index * 3, firstWeek: 1, lastWeek: 16 }],
      });
      expect(created.statusCode).toBe(201);
      sectionIds.push(created.json().id);
    }
    const applicants = await app.sql<{
      id: number;
    }>(`SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
      WHERE s.cohort_year = 2023 AND g.code = 'YJ' AND s.status = 'enrolled' ORDER BY s.id LIMIT 8`);
    const sessions = await seedStudentSessions(
      app.sql,
      applicants.map((row) => row.id),
    );
    for (const [index, session] of sessions.entries()) {
      const ranked = index % 2 === 0 ? sectionIds : [...sectionIds].reverse();
      const response = await app
        .withSession(session.cookie, session.csrfToken)
        .put(`/api/selection-windows/${window.id}/preferences`, { sectionIds: ranked });
      expect(response.statusCode).toBe(200);
    }
    const twin = (
      await jiaowu.post('/api/sections', {
        termId: ids.upcomingTerm,
        courseId: courseIds.get('KZ-402'),
        code: 'LOT-TWIN',
        capacity: 2,
        room: '抽签室9',
        windowId: window.id,
        teacherIds: [],
        meetings: [{ weekday: 7, firstPeriod: 1, lastPeriod: 2, firstWeek: 1, lastWeek: 16 }],
      })
    ).json();
    const sameCourse = await app
      .withSession(sessions[0]!.cookie, sessions[0]!.csrfToken)
      .put(`/api/selection-windows/${window.id}/preferences`, { sectionIds: [sectionIds[0], twin.id] });
    expect(sameCourse.statusCode).toBe(409);
    expect(sameCourse.json().error.details.map((problem: { reason: string }) => problem.reason)).toEqual(['same_course']);
    const direct = await app
      .withSession(sessions[0]!.cookie, sessions[0]!.csrfToken)
      .post('/api/me/selections', { sectionId: sectionIds[0], requestId: requestId() });
    expect(direct.json().error.details.reason).toBe('lottery_window');
    const early = await jiaowu.post(`/api/selection-windows/${window.id}/draw`, { seed: 'seed-2026-lottery' });
    expect(early.statusCode).toBe(409);
    await jiaowu.patch(`/api/selection-windows/${window.id}`, { closesAt: new Date(now - 60_000).toISOString() });
    const drawn = (await jiaowu.post(`/api/selection-windows/${window.id}/draw`, { seed: 'seed-2026-lottery' })).json();
    expect(drawn).toMatchObject({ students: 8, allocated: 6, waitlisted: expect.any(Number) });
    const verified = (await jiaowu.get(`/api/selection-windows/${window.id}/draw/verify`)).json();
    expect(verified.matches).toBe(true);
    expect((await jiaowu.post(`/api/selection-windows/${window.id}/draw`, { seed: 'other-seed-value' })).statusCode).toBe(409);
    const placed = await app.sql<{ section_id: number; student_id: number; status: string }>(
      `SELECT section_id, student_id, status FROM enrolments WHERE section_id = ANY($1::bigint[]) ORDER BY section_id`,
      [sectionIds],
    );
    for (const id of sectionIds)
      expect(placed.filter((row) => Number(row.section_id) === id && row.status === 'enrolled').length).toBeLessThanOrEqual(2);
    // Each student won at most one course (maxCourses 1), and whoever won a lower choice lost a higher one only to a full section.
    const won = new Map(placed.filter((row) => row.status === 'enrolled').map((row) => [Number(row.student_id), Number(row.section_id)]));
    expect(won.size).toBe(6);
    for (const [index, session] of sessions.entries()) {
      const ranked = index % 2 === 0 ? sectionIds : [...sectionIds].reverse();
      const got = won.get(session.studentId);
      if (got === undefined) continue;
      for (const higher of ranked.slice(0, ranked.indexOf(got)))
        expect(placed.filter((row) => Number(row.section_id) === higher && row.status === 'enrolled').length).toBe(2);
    }
  });
});

describe('scheduled draw', () => {
  it('draws a lottery window once its preference period has closed, with a recorded seed, and only once', async () => {
    const now = Date.now();
    const window = (
      await jiaowu.post('/api/selection-windows', {
        termId: ids.upcomingTerm,
        name: '到期自动抽签',
        mode: 'lottery',
        cohortYears: [2023],
        opensAt: new Date(now - 7_200_000).toISOString(),
        closesAt: new Date(now - 60_000).toISOString(),
        dropDeadline: new Date(now + 86_400_000).toISOString(),
        creditCap: 8,
      })
    ).json();
    const open = (
      await jiaowu.post('/api/selection-windows', {
        termId: ids.upcomingTerm,
        name: '尚未截止',
        mode: 'lottery',
        cohortYears: [2023],
        opensAt: new Date(now - 7_200_000).toISOString(),
        closesAt: new Date(now + 3_600_000).toISOString(),
        dropDeadline: new Date(now + 86_400_000).toISOString(),
        creditCap: 8,
      })
    ).json();
    expect(await drawDueWindows(app.context)).toBeGreaterThanOrEqual(1);
    const [drawn] = await app.sql<{ drawn_at: Date | null; drawn_by: number | null; lottery_seed: string | null }>(
      `SELECT drawn_at, drawn_by, lottery_seed FROM selection_windows WHERE id = ${window.id}`,
    );
    expect(drawn!.drawn_at).not.toBeNull();
    expect(drawn!.drawn_by).toBeNull();
    expect(drawn!.lottery_seed).toMatch(/^[0-9a-f]{32}$/);
    const [notYet] = await app.sql<{ drawn_at: Date | null }>(`SELECT drawn_at FROM selection_windows WHERE id = ${open.id}`);
    expect(notYet!.drawn_at).toBeNull();
    expect(await drawDueWindows(app.context)).toBe(0);
    expect((await jiaowu.get(`/api/selection-windows/${window.id}/draw/verify`)).json().matches).toBe(true);
  });
});

describe('grades', () => {
  let teacher: TestClient;
  let sectionId: number;
  beforeAll(async () => {
    teacher = await app.login('teacher');
    const teacherId = (await teacher.get('/api/auth/me')).json().teacherId;
    sectionId = await one(
      `SELECT s.id FROM sections s JOIN section_teachers t ON t.section_id = s.id WHERE t.teacher_id = ${teacherId} AND s.code LIKE 'GX-107-%'`,
    );
  });

  it('the section’s teacher enters grades (all or none), publishes them, and credits are earned once with one event each', async () => {
    const book = (await teacher.get(`/api/sections/${sectionId}/grades`)).json();
    expect(book.students.length).toBeGreaterThan(2);
    const [a, b, c] = book.students;
    const bad = await teacher.put(`/api/sections/${sectionId}/grades`, {
      entries: [
        { studentNo: a.studentNo, grade: '85' },
        { studentNo: b.studentNo, grade: '优秀' },
        { studentNo: '00000000', grade: '70' },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((error: { column: string; message: string }) => error.message)).toEqual([
      '成绩“优秀”不符合百分制记分方式',
      '学生“00000000”没有选这个教学班',
    ]);
    expect(await one<number>(`SELECT count(*)::int AS n FROM grades WHERE section_id = ${sectionId}`, 'n')).toBe(0);
    const sheet = await makeXlsx(
      ['学号', '姓名', '成绩'],
      [
        [a.studentNo, a.name, '85'],
        [b.studentNo, b.name, '59'],
        [c.studentNo, c.name, '60'],
      ],
    );
    const uploaded = await teacher.upload(`/api/sections/${sectionId}/grades/upload`, 'grades.xlsx', sheet);
    expect(uploaded.json()).toEqual({ saved: 3, changed: 3 });
    const published = (await teacher.post(`/api/sections/${sectionId}/grades/publish`)).json();
    expect(published).toMatchObject({ published: true, earned: 2 });
    const events = await app.sql<{ payload: { studentNo: string; credits: number; courseCode: string } }>(
      `SELECT payload FROM domain_events WHERE type = 'courses.credits_earned' AND (payload->>'studentNo') IN ('${a.studentNo}', '${b.studentNo}', '${c.studentNo}') AND payload->>'courseCode' = 'GX-107'`,
    );
    expect(events.map((event) => event.payload.studentNo).sort()).toEqual([a.studentNo, c.studentNo].sort());
    expect(events[0]!.payload.credits).toBe(8);
    expect((await teacher.post(`/api/sections/${sectionId}/grades/publish`)).json().alreadyPublished).toBe(true);
    const locked = await teacher.put(`/api/sections/${sectionId}/grades`, { entries: [{ studentNo: b.studentNo, grade: '75' }] });
    expect(locked.statusCode).toBe(409);
    // 教务 corrects a published grade: credits follow, with a revocation event for a pass turned into a fail.
    expect(
      (
        await jiaowu.put(`/api/sections/${sectionId}/grades`, {
          entries: [
            { studentNo: b.studentNo, grade: '75' },
            { studentNo: c.studentNo, grade: '50' },
          ],
          reason: '复核更正',
        })
      ).statusCode,
    ).toBe(200);
    const earned = await app.sql<{ student_no: string }>(
      `SELECT s.student_no FROM earned_credits ec JOIN students s ON s.id = ec.student_id WHERE ec.course_id = ${courseIds.get('GX-107')} AND s.student_no IN ('${a.studentNo}', '${b.studentNo}', '${c.studentNo}')`,
    );
    expect(earned.map((row) => row.student_no).sort()).toEqual([a.studentNo, b.studentNo].sort());
    const revoked = await app.sql(`SELECT payload FROM domain_events WHERE type = 'courses.credits_revoked'`);
    expect(revoked).toHaveLength(1);
  });

  it('another teacher may not enter grades for the section', async () => {
    const other = await app.login('supervisor');
    expect((await other.get(`/api/sections/${sectionId}/grades`)).statusCode).toBe(403);
  });

  it('a student sees their progress by layer against their programme', async () => {
    const student = await app.login('student');
    const { progress } = (await student.get('/api/me/progress')).json();
    expect(progress.programme.status).toBe('published');
    expect(progress.layers.shared.required).toBe(52);
    expect(progress.layers.core.required).toBeGreaterThanOrEqual(22);
    expect(progress.layers.crossGroupExtension.required).toBe(16);
    const [{ sum }] = await app.sql<{ sum: number }>(
      `SELECT coalesce(sum(credits), 0)::float AS sum FROM earned_credits WHERE student_id = ${progress.student.id}`,
    );
    expect(progress.layers.total.earned).toBe(sum);
    expect(progress.layers.shared.earned).toBe(sum);
    const stranger = await app.login('enterprise');
    expect((await stranger.get(`/api/students/${progress.student.id}/progress`)).statusCode).toBe(403);
  });
});
