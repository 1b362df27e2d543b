import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../support/constants.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx } from '../support/xlsx.ts';

/**
 * For every route: a role and scope that may, and one that may not. Demo accounts:
 * jiaowu = 教务 on 天津工业职业学院; jishi = 教务 on the technician college (other institution);
 * grouplead = group lead of 钢铁智能冶金专业群 (YJ); majorlead = major lead of 430401; student = a student.
 */
let app: TestApp;
const clients = new Map<string, TestClient>();
const ids: Record<string, number> = {};
let draftCohort = 2050;
/** A new draft of the major lead's (a cohort of its own each time), for the rows that delete one. */
const freshDraft = async (): Promise<number> =>
  (
    await clients.get('majorlead')!.post('/api/programmes', { majorId: ids.major430401, cohortYear: draftCohort++, graduationCredits: 148 })
  ).json().id;

beforeAll(async () => {
  app = await createTestApp();
  for (const user of ['admin', 'jiaowu', 'jishi', 'grouplead', 'majorlead', 'teacher', 'student', 'advisor', 'enterprise', 'supervisor'])
    clients.set(user, await app.login(user));
  // A session of its own for the logout row, so the shared student session stays signed in.
  clients.set('student (own session)', await app.login('student'));
  const one = (sql: string) => app.number(sql);
  ids.cluster = await one("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
  ids.groupYJ = await one("SELECT id FROM professional_groups WHERE code = 'YJ'");
  ids.groupKZ = await one("SELECT id FROM professional_groups WHERE code = 'KZ'");
  ids.major430401 = await one(
    "SELECT id FROM majors WHERE code = '430401' AND institution_id = (SELECT id FROM institutions WHERE code = 'TJPC')",
  );
  ids.major460303 = await one("SELECT id FROM majors WHERE code = '460303'");
  ids.major460609 = await one("SELECT id FROM majors WHERE code = '460609'");
  ids.studentYJ = await one(`SELECT id FROM students WHERE major_id = ${ids.major430401} ORDER BY student_no LIMIT 1`);
  ids.studentKZ = await one(`SELECT id FROM students WHERE major_id = ${ids.major460303} ORDER BY student_no LIMIT 1`);
  ids.teacherYJ = await one(`SELECT id FROM teachers WHERE home_group_id = ${ids.groupYJ} ORDER BY staff_no LIMIT 1`);
  ids.teacherKZ = await one(`SELECT id FROM teachers WHERE home_group_id = ${ids.groupKZ} ORDER BY staff_no LIMIT 1`);
  ids.courseYJ = await one("SELECT id FROM courses WHERE code = 'YJ-201'");
  ids.courseYJRetire = await one("SELECT id FROM courses WHERE code = 'YJ-404'");
  ids.programmeYJ = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2025`);
  ids.programmeKZ = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major460303} AND cohort_year = 2025`);
  ids.creditRuleVersion = await one(`SELECT id FROM credit_rule_versions WHERE cluster_id = ${ids.cluster} AND version_no = 1`);
  ids.draftYJ = (
    await clients.get('majorlead')!.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2030, graduationCredits: 148 })
  ).json().id;
  ids.upcomingTerm = await one("SELECT id FROM terms WHERE code = '2026-2027-2' AND institution_id = 1");
  ids.section = await one("SELECT id FROM sections WHERE code = 'KZ-401-01'");
  ids.windowFirstCome = await one("SELECT id FROM selection_windows WHERE mode = 'first_come'");
  ids.windowLottery = await one("SELECT id FROM selection_windows WHERE mode = 'lottery'");
  ids.lotterySection = await one(`SELECT id FROM sections WHERE window_id = ${ids.windowLottery} LIMIT 1`);
  const teacherId = (await clients.get('teacher')!.get('/api/auth/me')).json().teacherId;
  ids.gradedSection = await one(
    `SELECT s.id FROM sections s JOIN section_teachers t ON t.section_id = s.id WHERE t.teacher_id = ${teacherId} AND s.code LIKE 'GX-107-%'`,
  );
  ids.me = (await clients.get('student')!.get('/api/auth/me')).json().studentId;
  ids.certificate = await one("SELECT id FROM certificates WHERE code = 'ZY-LGG'");
  ids.competition = await one("SELECT id FROM competitions WHERE code = 'HHGJ2025'");
  ids.claim = (
    await clients
      .get('student')!
      .post('/api/creditbank/claims', { kind: 'certificate', certificateId: ids.certificate, level: 'junior', certificateNo: 'PERM-0001' })
  ).json().id;
  const defaults = (await clients.get('jiaowu')!.get(`/api/creditbank/clusters/${ids.cluster}/rules`)).json().defaults;
  ids.ruleDraft = (
    await clients.get('jiaowu')!.post(`/api/creditbank/clusters/${ids.cluster}/rules`, { rules: defaults, validFrom: '2031-09-01' })
  ).json().id;
  ruleBody = { rules: defaults, validFrom: '2031-09-01' };
  const queued = (no: string) =>
    app.sql<{
      id: number;
    }>(`INSERT INTO certificate_import_reviews (institution_id, identity_key, certificate_id, level, certificate_no, person_name, id_number_enc, id_number_masked, id_number_hash, reason)
    VALUES (1, 'certificate:${ids.certificate}:${no}', ${ids.certificate}, 'junior', '${no}', '权限测试', 'v1:unused', '120***********0000', 'unused', 'id_not_found') RETURNING id`);
  ids.reviewToMatch = Number((await queued('PERMREVIEW1'))[0]!.id);
  ids.reviewToDismiss = Number((await queued('PERMREVIEW2'))[0]!.id);
  // Verifiable credentials: a granted outcome of the student (an earned course credit the sync takes in) and its credential.
  await clients.get('jiaowu')!.post('/api/creditbank/sync');
  ids.grantedOutcome = await one(
    `SELECT id FROM learning_outcomes WHERE student_id = ${ids.me} AND status = 'granted' ORDER BY id LIMIT 1`,
  );
  issued = (await clients.get('student')!.post(`/api/creditbank/outcomes/${ids.grantedOutcome}/credential`)).json();
  // Notifications: one in the student's inbox, a robot channel to edit and a delivery to retry.
  const notice = await app.context.notifications.notify({
    to: { students: [ids.me] },
    kind: 'creditbank.claim_decided',
    payload: { claim: 'PERM', decision: '已认定', detail: '' },
    dedupeKey: 'perm:notice',
    institutionId: 1,
  });
  ids.inboxRow = await one(`SELECT id FROM notification_inbox WHERE notification_id = ${notice.notificationId}`);
  ids.channel = (
    await clients.get('admin')!.post('/api/admin/notification-channels', {
      kind: 'wecom',
      name: '权限测试机器人',
      webhook: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=x',
      scope: { type: 'group', id: ids.groupYJ },
    })
  ).json().id;
  ids.delivery = Number(
    (
      await app.sql<{ id: number }>(
        `INSERT INTO notification_deliveries (notification_id, channel, channel_id, status, attempts, last_error) VALUES (${notice.notificationId}, 'wecom', ${ids.channel}, 'failed', 6, 'HTTP 502') RETURNING id`,
      )
    )[0]!.id,
  );
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  // Attachments: one linked to the student's claim, one to remove, one to add as evidence.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const stage = async () =>
    (await clients.get('student')!.upload('/api/attachments?purpose=creditbank.claim', 'p.png', png)).json().id as string;
  files.linked = await stage();
  await clients.get('student')!.post(`/api/creditbank/claims/${ids.claim}/evidence`, { fileIds: [files.linked] });
  files.removable = await stage();
  files.evidence = await stage();
  files.kept = await stage();
  const preview = async (rows: string[][]) =>
    (
      await clients
        .get('jiaowu')!
        .upload('/api/imports/departments/preview', 'departments.xlsx', await makeXlsx(['系部代码', '系部名称'], rows))
    ).json().id as string;
  batches.clean = await preview([['PERMB', '权限批次系']]);
  batches.withErrors = await preview([
    ['PERMC', '权限错误系'],
    ['PERMD', ''],
  ]);
});
let ruleBody: unknown;
const files: Record<string, string> = {};
const enterpriseId = async () => (await app.sql<{ id: number }>("SELECT id FROM institutions WHERE code = 'XTG'"))[0]!.id;
/** Import batches of 教务 on 天津工业职业学院: one that commits cleanly, one with a bad row. */
const batches = { clean: '', withErrors: '' };
let issued: { id: string; credential: { credentialStatus: { statusListCredential: string } } };
afterAll(async () => {
  await app?.close();
});

interface Case {
  route: string;
  call: (client: TestClient) => Promise<{ statusCode: number }>;
  allowed: string;
  denied: string;
  deniedStatus?: number;
}

const cases: Case[] = [
  { route: 'GET /api/auth/me', call: (c) => c.get('/api/auth/me'), allowed: 'student', denied: 'anonymous', deniedStatus: 401 },
  { route: 'GET /api/institutions', call: (c) => c.get('/api/institutions'), allowed: 'jiaowu', denied: 'anonymous', deniedStatus: 401 },
  { route: 'GET /api/departments', call: (c) => c.get('/api/departments'), allowed: 'teacher', denied: 'student' },
  {
    route: 'POST /api/departments',
    call: (c) => c.post('/api/departments', { code: `P${Math.random().toString(36).slice(2, 8)}`, name: '权限测试系' }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'GET /api/cluster-tree', call: (c) => c.get('/api/cluster-tree'), allowed: 'enterprise', denied: 'student' },
  { route: 'GET /api/groups/:id', call: (c) => c.get(`/api/groups/${ids.groupYJ}`), allowed: 'grouplead', denied: 'student' },
  {
    route: 'PATCH /api/groups/:id (own group)',
    call: (c) => c.patch(`/api/groups/${ids.groupYJ}`, { industryChain: '钢铁冶金与新材料产业链' }),
    allowed: 'grouplead',
    denied: 'majorlead',
  },
  {
    route: 'PATCH /api/groups/:id (other group)',
    call: (c) => c.patch(`/api/groups/${ids.groupKZ}`, { industryChain: '智能控制产业链' }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'GET /api/majors/:id', call: (c) => c.get(`/api/majors/${ids.major430401}`), allowed: 'majorlead', denied: 'jishi' },
  {
    route: 'PATCH /api/majors/:id',
    call: (c) => c.patch(`/api/majors/${ids.major430401}`, { name: '钢铁智能冶金技术' }),
    allowed: 'majorlead',
    denied: 'teacher',
  },
  {
    route: 'PATCH /api/majors/:id (other group)',
    call: (c) => c.patch(`/api/majors/${ids.major460303}`, { name: '智能控制技术' }),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  {
    route: 'POST /api/majors/:id/status',
    call: (c) => c.post(`/api/majors/${ids.major460609}/status`, { status: Math.random() < 2 ? 'suspended' : 'enrolling' }),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  { route: 'GET /api/terms', call: (c) => c.get('/api/terms'), allowed: 'teacher', denied: 'student' },
  {
    route: 'POST /api/terms',
    call: (c) => c.post('/api/terms', { code: '2031-2032-1', startsOn: '2031-09-01', endsOn: '2032-01-15' }),
    allowed: 'jiaowu',
    denied: 'advisor',
  },
  {
    route: 'PATCH /api/terms/:id',
    call: (c) => c.patch(`/api/terms/${ids.upcomingTerm}`, { firstWeekStartsOn: '2027-02-22' }),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  { route: 'GET /api/classes', call: (c) => c.get(`/api/classes?majorId=${ids.major430401}`), allowed: 'majorlead', denied: 'student' },
  { route: 'GET /api/students', call: (c) => c.get('/api/students'), allowed: 'grouplead', denied: 'student' },
  {
    route: 'GET /api/students (other institution)',
    call: (c) => c.get('/api/students?institutionId=1'),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  { route: 'GET /api/students/:id', call: (c) => c.get(`/api/students/${ids.studentYJ}`), allowed: 'grouplead', denied: 'enterprise' },
  {
    route: 'GET /api/students/:id (other group)',
    call: (c) => c.get(`/api/students/${ids.studentKZ}`),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'PATCH /api/students/:id',
    call: (c) => c.patch(`/api/students/${ids.studentYJ}`, { status: 'enrolled' }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'GET /api/teachers', call: (c) => c.get('/api/teachers'), allowed: 'teacher', denied: 'enterprise' },
  { route: 'GET /api/teachers/:id', call: (c) => c.get(`/api/teachers/${ids.teacherKZ}`), allowed: 'jiaowu', denied: 'grouplead' },
  { route: 'GET /api/majors', call: (c) => c.get('/api/majors'), allowed: 'teacher', denied: 'student' },
  {
    route: 'GET /api/students/export.xlsx',
    call: (c) => c.get('/api/students/export.xlsx?status=enrolled'),
    allowed: 'grouplead',
    denied: 'enterprise',
  },
  {
    route: 'POST /api/students/:id/reveal',
    call: (c) => c.post(`/api/students/${ids.studentYJ}/reveal`, { field: 'phone' }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'GET /api/teachers/export.xlsx', call: (c) => c.get('/api/teachers/export.xlsx'), allowed: 'grouplead', denied: 'student' },
  {
    route: 'POST /api/teachers/:id/reveal',
    call: (c) => c.post(`/api/teachers/${ids.teacherYJ}/reveal`, { field: 'idNumber' }),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  { route: 'GET /api/me/student', call: (c) => c.get('/api/me/student'), allowed: 'student', denied: 'anonymous', deniedStatus: 401 },
  { route: 'GET /api/imports', call: (c) => c.get('/api/imports'), allowed: 'jiaowu', denied: 'anonymous', deniedStatus: 401 },
  {
    route: 'GET /api/imports/:entity/template.xlsx',
    call: (c) => c.get('/api/imports/students/template.xlsx'),
    allowed: 'teacher',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'POST /api/imports/:entity/preview',
    call: async (c) =>
      c.upload('/api/imports/departments/preview', 'd.xlsx', await makeXlsx(['系部代码', '系部名称'], [['PERM', '权限系']])),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'GET /api/exports/:entity', call: (c) => c.get('/api/exports/majors'), allowed: 'jiaowu', denied: 'teacher' },
  { route: 'GET /api/indicators', call: (c) => c.get('/api/indicators'), allowed: 'advisor', denied: 'anonymous', deniedStatus: 401 },
  {
    route: 'GET /api/clusters/:clusterId/indicator-targets',
    call: (c) => c.get(`/api/clusters/${ids.cluster}/indicator-targets?period=2025-2026`),
    allowed: 'advisor',
    denied: 'teacher',
  },
  {
    route: 'PUT /api/clusters/:clusterId/indicator-targets/:key',
    call: (c) =>
      c.put(`/api/clusters/${ids.cluster}/indicator-targets/courses.shared_extension_ratio`, {
        period: '2025-2026',
        target: 0.3,
        comparison: '>=',
      }),
    allowed: 'advisor',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/measurements',
    call: (c) =>
      c.post('/api/measurements', {
        indicatorKey: 'org.dual_qualified_teacher_ratio',
        unitType: 'cluster',
        unitId: ids.cluster,
        period: '2025-2026',
      }),
    allowed: 'jiaowu',
    denied: 'advisor',
  },
  {
    route: 'POST /api/clusters/:clusterId/indicators/recompute',
    call: (c) => c.post(`/api/clusters/${ids.cluster}/indicators/recompute`, { period: '2025-2026' }),
    allowed: 'advisor',
    denied: 'student',
  },
  { route: 'GET /api/measurements', call: (c) => c.get('/api/measurements'), allowed: 'jiaowu', denied: 'student' },
  { route: 'GET /api/audit', call: (c) => c.get('/api/audit'), allowed: 'admin', denied: 'jiaowu' },
  { route: 'GET /api/audit/actions', call: (c) => c.get('/api/audit/actions'), allowed: 'admin', denied: 'teacher' },
  { route: 'GET /api/courses', call: (c) => c.get('/api/courses'), allowed: 'teacher', denied: 'student' },
  {
    route: 'POST /api/courses (own group)',
    call: (c) =>
      c.post('/api/courses', {
        code: `YJ-P${Math.random().toString(36).slice(2, 6)}`,
        name: '权限测试课',
        credits: 2,
        theoryHours: 16,
        practiceHours: 16,
        assessment: 'exam',
        layer: 'extension',
        moduleType: 'extension',
        ownerGroupId: ids.groupYJ,
      }),
    allowed: 'grouplead',
    denied: 'teacher',
  },
  {
    route: 'POST /api/courses (shared)',
    call: (c) =>
      c.post('/api/courses', {
        code: `GX-P${Math.random().toString(36).slice(2, 6)}`,
        name: '共享测试课',
        credits: 2,
        theoryHours: 16,
        practiceHours: 16,
        assessment: 'exam',
        layer: 'shared',
        moduleType: 'professional',
        ownerGroupId: null,
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'GET /api/courses/:id', call: (c) => c.get(`/api/courses/${ids.courseYJ}`), allowed: 'enterprise', denied: 'student' },
  {
    route: 'PATCH /api/courses/:id',
    call: (c) => c.patch(`/api/courses/${ids.courseYJ}`, { description: `权限测试 ${Math.random()}` }),
    allowed: 'grouplead',
    denied: 'majorlead',
  },
  {
    route: 'POST /api/courses/:id/publish',
    call: (c) => c.post(`/api/courses/${ids.courseYJ}/publish`),
    allowed: 'grouplead',
    denied: 'teacher',
  },
  {
    route: 'POST /api/courses/:id/retire',
    call: (c) => c.post(`/api/courses/${ids.courseYJRetire}/retire`),
    allowed: 'grouplead',
    denied: 'majorlead',
  },
  {
    route: 'GET /api/courses/:id/diff',
    call: (c) => c.get(`/api/courses/${ids.courseYJ}/diff?from=1&to=1`),
    allowed: 'teacher',
    denied: 'student',
  },
  {
    route: 'GET /api/clusters/:id/credit-rules',
    call: (c) => c.get(`/api/clusters/${ids.cluster}/credit-rules`),
    allowed: 'majorlead',
    denied: 'student',
  },
  {
    route: 'PUT /api/clusters/:id/credit-rules',
    call: (c) =>
      c.put(`/api/clusters/${ids.cluster}/credit-rules`, {
        rules: {
          sharedCourseCount: 8,
          sharedCredits: 50,
          coreCredits: 22,
          crossGroupExtensionCredits: 16,
          practiceShareMin: 0.5,
          totalCreditsMin: 120,
          totalCreditsMax: 160,
          termCreditsMax: 32,
          termCount: 6,
        },
        effectiveFromCohort: 2031,
      }),
    allowed: 'jiaowu',
    denied: 'advisor',
  },
  {
    route: 'POST /api/clusters/:id/credit-rules/restore-defaults',
    call: (c) => c.post(`/api/clusters/${ids.cluster}/credit-rules/restore-defaults`, { effectiveFromCohort: 2031 }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    // Version 1 is approved already: 教务 is told so (409), a major lead is refused (403).
    route: 'POST /api/credit-rule-versions/:id/transitions',
    call: (c) =>
      c.post(`/api/credit-rule-versions/${ids.creditRuleVersion}/transitions`, {
        action: 'submit',
      }),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  { route: 'GET /api/programmes', call: (c) => c.get('/api/programmes'), allowed: 'advisor', denied: 'student' },
  {
    route: 'POST /api/programmes',
    call: (c) => c.post('/api/programmes', { majorId: ids.major430401, cohortYear: 2031, graduationCredits: 148 }),
    allowed: 'majorlead',
    denied: 'teacher',
  },
  { route: 'GET /api/programmes/:id', call: (c) => c.get(`/api/programmes/${ids.programmeYJ}`), allowed: 'grouplead', denied: 'jishi' },
  {
    route: 'GET /api/programmes/:id (other group)',
    call: (c) => c.get(`/api/programmes/${ids.programmeKZ}`),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  {
    route: 'PUT /api/programmes/:id',
    call: (c) => c.put(`/api/programmes/${ids.draftYJ}`, { graduationCredits: 150 }),
    allowed: 'majorlead',
    denied: 'teacher',
  },
  {
    route: 'POST /api/programmes/:id/check',
    call: (c) => c.post(`/api/programmes/${ids.draftYJ}/check`, { courses: [] }),
    allowed: 'majorlead',
    denied: 'student',
  },
  {
    route: 'POST /api/programmes/:id/transitions (approve)',
    call: (c) => c.post(`/api/programmes/${ids.draftYJ}/transitions`, { action: 'approve' }),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  {
    route: 'POST /api/programmes/:id/copy',
    call: (c) => c.post(`/api/programmes/${ids.programmeYJ}/copy`, { cohortYear: 2032 }),
    allowed: 'grouplead',
    denied: 'teacher',
  },
  {
    route: 'POST /api/programmes/:id/copy/preview',
    call: (c) => c.post(`/api/programmes/${ids.programmeYJ}/copy/preview`, { cohortYear: 2033 }),
    allowed: 'majorlead',
    denied: 'teacher',
  },
  {
    // Each call deletes a fresh draft of the major lead's: its author may, another editor of the group may not.
    route: 'DELETE /api/programmes/:id',
    call: async (c) => c.request('DELETE', `/api/programmes/${await freshDraft()}`),
    allowed: 'majorlead',
    denied: 'grouplead',
  },
  {
    route: 'DELETE /api/programmes/:id (academic affairs)',
    call: async (c) => c.request('DELETE', `/api/programmes/${await freshDraft()}`),
    allowed: 'jiaowu',
    denied: 'teacher',
  },
  {
    route: 'GET /api/programmes/compare',
    call: (c) => c.get(`/api/programmes/compare?left=${ids.programmeYJ}&right=${ids.programmeKZ}`),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'GET /api/programmes/:id/export.xlsx',
    call: (c) => c.get(`/api/programmes/${ids.programmeYJ}/export.xlsx`),
    allowed: 'majorlead',
    denied: 'student',
  },
  {
    route: 'GET /api/programmes/:id/export.docx',
    call: (c) => c.get(`/api/programmes/${ids.programmeYJ}/export.docx`),
    allowed: 'grouplead',
    denied: 'jishi',
  },
  { route: 'GET /api/sections', call: (c) => c.get(`/api/sections?termId=${ids.upcomingTerm}`), allowed: 'teacher', denied: 'student' },
  {
    route: 'POST /api/sections',
    call: (c) =>
      c.post('/api/sections', {
        termId: ids.upcomingTerm,
        courseId: ids.courseYJ,
        code: `P-${Math.random().toString(36).slice(2, 6)}`,
        capacity: 30,
        teacherIds: [],
        meetings: [],
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'GET /api/sections/:id', call: (c) => c.get(`/api/sections/${ids.section}`), allowed: 'supervisor', denied: 'enterprise' },
  {
    route: 'PATCH /api/sections/:id',
    call: (c) => c.patch(`/api/sections/${ids.section}`, { capacity: 31 }),
    allowed: 'jiaowu',
    denied: 'teacher',
  },
  {
    route: 'POST /api/sections/:id/enrol-classes',
    call: (c) => c.post(`/api/sections/${ids.section}/enrol-classes`),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  {
    route: 'GET /api/sections/:id/roster',
    call: (c) => c.get(`/api/sections/${ids.section}/roster`),
    allowed: 'majorlead',
    denied: 'student',
  },
  {
    route: 'GET /api/terms/:id/clashes',
    call: (c) => c.get(`/api/terms/${ids.upcomingTerm}/clashes`),
    allowed: 'grouplead',
    denied: 'jishi',
  },
  { route: 'GET /api/selection-windows', call: (c) => c.get('/api/selection-windows'), allowed: 'teacher', denied: 'student' },
  {
    route: 'POST /api/selection-windows',
    call: (c) =>
      c.post('/api/selection-windows', {
        termId: ids.upcomingTerm,
        name: '权限测试',
        mode: 'first_come',
        cohortYears: [2025],
        opensAt: '2026-12-01T00:00:00Z',
        closesAt: '2026-12-10T00:00:00Z',
        dropDeadline: '2026-12-20T00:00:00Z',
        creditCap: 10,
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'GET /api/selection-windows/:id',
    call: (c) => c.get(`/api/selection-windows/${ids.windowFirstCome}`),
    allowed: 'teacher',
    denied: 'enterprise',
  },
  {
    route: 'PATCH /api/selection-windows/:id',
    call: (c) => c.patch(`/api/selection-windows/${ids.windowFirstCome}`, { creditCap: 12 }),
    allowed: 'jiaowu',
    denied: 'teacher',
  },
  {
    route: 'POST /api/selection-windows/:id/draw',
    call: (c) => c.post(`/api/selection-windows/${ids.windowLottery}/draw`, {}),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  {
    route: 'GET /api/selection-windows/:id/draw/verify',
    call: (c) => c.get(`/api/selection-windows/${ids.windowLottery}/draw/verify`),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  {
    route: 'PUT /api/selection-windows/:id/preferences',
    call: (c) => c.put(`/api/selection-windows/${ids.windowLottery}/preferences`, { sectionIds: [ids.lotterySection] }),
    allowed: 'student',
    denied: 'jiaowu',
  },
  { route: 'GET /api/me/selection', call: (c) => c.get('/api/me/selection'), allowed: 'student', denied: 'teacher' },
  {
    route: 'POST /api/me/selections',
    call: (c) => c.post('/api/me/selections', { sectionId: ids.section, requestId: `perm-${Math.random().toString(36).slice(2, 12)}` }),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'POST /api/me/selections/drop',
    call: (c) =>
      c.post('/api/me/selections/drop', { sectionId: ids.section, requestId: `perm-${Math.random().toString(36).slice(2, 12)}` }),
    allowed: 'student',
    denied: 'teacher',
  },
  { route: 'GET /api/me/timetable', call: (c) => c.get('/api/me/timetable'), allowed: 'student', denied: 'teacher' },
  { route: 'GET /api/me/timetable.ics', call: (c) => c.get('/api/me/timetable.ics'), allowed: 'student', denied: 'teacher' },
  {
    route: 'GET /api/institutions/:id/period-times',
    call: (c) => c.get('/api/institutions/1/period-times'),
    allowed: 'teacher',
    denied: 'jishi',
  },
  {
    route: 'PUT /api/institutions/:id/period-times',
    call: (c) =>
      c.put('/api/institutions/1/period-times', {
        periods: [
          { period: 1, startsAt: '08:00', endsAt: '08:45' },
          { period: 2, startsAt: '08:55', endsAt: '09:40' },
        ],
      }),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  {
    route: 'GET /api/sections/:id/grades',
    call: (c) => c.get(`/api/sections/${ids.gradedSection}/grades`),
    allowed: 'teacher',
    denied: 'supervisor',
  },
  {
    route: 'PUT /api/sections/:id/grades',
    call: (c) => c.put(`/api/sections/${ids.gradedSection}/grades`, { entries: [{ studentNo: 'nobody', grade: '80' }] }),
    allowed: 'teacher',
    denied: 'majorlead',
  },
  {
    route: 'POST /api/sections/:id/grades/upload',
    call: async (c) =>
      c.upload(`/api/sections/${ids.gradedSection}/grades/upload`, 'g.xlsx', await makeXlsx(['学号', '成绩'], [['nobody', '80']])),
    allowed: 'teacher',
    denied: 'grouplead',
  },
  {
    route: 'GET /api/sections/:id/grades.xlsx',
    call: (c) => c.get(`/api/sections/${ids.gradedSection}/grades.xlsx`),
    allowed: 'jiaowu',
    denied: 'student',
  },
  {
    route: 'POST /api/sections/:id/grades/publish',
    call: (c) => c.post(`/api/sections/${ids.gradedSection}/grades/publish`),
    allowed: 'teacher',
    denied: 'supervisor',
  },
  { route: 'GET /api/me/progress', call: (c) => c.get('/api/me/progress'), allowed: 'student', denied: 'anonymous', deniedStatus: 401 },
  {
    route: 'GET /api/students/:id/progress',
    call: (c) => c.get(`/api/students/${ids.studentYJ}/progress`),
    allowed: 'grouplead',
    denied: 'enterprise',
  },
  {
    route: 'GET /api/creditbank/certificates',
    call: (c) => c.get('/api/creditbank/certificates'),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'POST /api/creditbank/certificates',
    call: (c) =>
      c.post('/api/creditbank/certificates', {
        clusterId: ids.cluster,
        code: 'PERM-CERT',
        name: '权限测试证书',
        kind: 'skill_level',
        issuer: '评价组织',
        levels: ['junior'],
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'PUT /api/creditbank/certificates/:id/mappings',
    call: (c) =>
      c.put(`/api/creditbank/certificates/${ids.certificate}/mappings`, {
        mappings: [{ courseId: ids.courseYJ, minLevel: 'intermediate' }],
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'GET /api/creditbank/competitions',
    call: (c) => c.get('/api/creditbank/competitions'),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'POST /api/creditbank/competitions',
    call: (c) =>
      c.post('/api/creditbank/competitions', {
        clusterId: ids.cluster,
        code: 'PERM-COMP',
        name: '权限测试大赛',
        level: 'school',
        year: 2026,
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'GET /api/creditbank/clusters/:id/rules',
    call: (c) => c.get(`/api/creditbank/clusters/${ids.cluster}/rules`),
    allowed: 'advisor',
    denied: 'teacher',
  },
  {
    route: 'POST /api/creditbank/clusters/:id/rules',
    call: (c) => c.post(`/api/creditbank/clusters/${ids.cluster}/rules`, ruleBody),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'PUT /api/creditbank/rules/:id',
    call: (c) => c.put(`/api/creditbank/rules/${ids.ruleDraft}`, ruleBody),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/creditbank/rules/:id/approve',
    call: (c) => c.post(`/api/creditbank/rules/${ids.ruleDraft}/approve`),
    allowed: 'admin',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/creditbank/claims',
    call: (c) =>
      c.post('/api/creditbank/claims', { kind: 'competition', studentId: ids.me, competitionId: ids.competition, prize: 'first' }),
    allowed: 'student',
    denied: 'enterprise',
  },
  { route: 'GET /api/creditbank/claims', call: (c) => c.get('/api/creditbank/claims'), allowed: 'grouplead', denied: 'student' },
  {
    route: 'GET /api/creditbank/claims/:id',
    call: (c) => c.get(`/api/creditbank/claims/${ids.claim}`),
    allowed: 'student',
    denied: 'enterprise',
  },
  {
    route: 'POST /api/creditbank/claims/:id/:action',
    call: (c) => c.post(`/api/creditbank/claims/${ids.claim}/verify`),
    allowed: 'jiaowu',
    denied: 'teacher',
  },
  { route: 'GET /api/me/creditbank', call: (c) => c.get('/api/me/creditbank'), allowed: 'student', denied: 'anonymous', deniedStatus: 401 },
  {
    route: 'GET /api/creditbank/students/:id/account',
    call: (c) => c.get(`/api/creditbank/students/${ids.studentYJ}/account`),
    allowed: 'grouplead',
    denied: 'enterprise',
  },
  {
    route: 'GET /api/creditbank/ledger/verify',
    call: (c) => c.get('/api/creditbank/ledger/verify'),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  { route: 'POST /api/creditbank/sync', call: (c) => c.post('/api/creditbank/sync'), allowed: 'jiaowu', denied: 'grouplead' },
  { route: 'GET /api/me/creditbank/pathway', call: (c) => c.get('/api/me/creditbank/pathway'), allowed: 'student', denied: 'jiaowu' },
  {
    route: 'GET /api/creditbank/students/:id/pathway',
    call: (c) => c.get(`/api/creditbank/students/${ids.studentYJ}/pathway`),
    allowed: 'grouplead',
    denied: 'enterprise',
  },
  {
    route: 'GET /api/creditbank/clusters/:id/pathway',
    call: (c) => c.get(`/api/creditbank/clusters/${ids.cluster}/pathway`),
    allowed: 'advisor',
    denied: 'teacher',
  },
  {
    route: 'PUT /api/creditbank/clusters/:id/pathway',
    call: async (c) =>
      c.put(`/api/creditbank/clusters/${ids.cluster}/pathway`, {
        stages: (await clients.get('jiaowu')!.get(`/api/creditbank/clusters/${ids.cluster}/pathway`)).json().stages,
        revision: (await clients.get('jiaowu')!.get(`/api/creditbank/clusters/${ids.cluster}/pathway`)).json().revision,
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'GET /api/creditbank/clusters/:id/pathway/distribution',
    call: (c) => c.get(`/api/creditbank/clusters/${ids.cluster}/pathway/distribution`),
    allowed: 'grouplead',
    denied: 'student',
  },
  {
    route: 'GET /api/creditbank/import-reviews',
    call: (c) => c.get('/api/creditbank/import-reviews'),
    allowed: 'grouplead',
    denied: 'teacher',
  },
  {
    route: 'GET /api/creditbank/import-reviews/:id',
    call: (c) => c.get(`/api/creditbank/import-reviews/${ids.reviewToMatch}`),
    allowed: 'jiaowu',
    denied: 'student',
  },
  // The group lead may match only to a student of their group.
  {
    route: 'POST /api/creditbank/import-reviews/:id/match',
    call: (c) => c.post(`/api/creditbank/import-reviews/${ids.reviewToMatch}/match`, { studentId: ids.studentKZ }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/creditbank/import-reviews/:id/dismiss',
    call: (c) => c.post(`/api/creditbank/import-reviews/${ids.reviewToDismiss}/dismiss`, { note: '权限测试' }),
    allowed: 'jiaowu',
    denied: 'teacher',
  },
  {
    route: 'GET /api/institutions/:id/contacts',
    call: async (c) => c.get(`/api/institutions/${await enterpriseId()}/contacts`),
    allowed: 'grouplead',
    denied: 'enterprise',
  },
  {
    route: 'POST /api/institutions/:id/contacts',
    call: async (c) => c.post(`/api/institutions/${await enterpriseId()}/contacts`, { name: '权限测试联系人' }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'GET /api/imports/batches/:id',
    call: (c) => c.get(`/api/imports/batches/${batches.withErrors}`),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'GET /api/imports/batches/:id (other institution)',
    call: (c) => c.get(`/api/imports/batches/${batches.withErrors}`),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  {
    route: 'GET /api/imports/batches/:id/errors.xlsx',
    call: (c) => c.get(`/api/imports/batches/${batches.withErrors}/errors.xlsx`),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  {
    route: 'GET /api/imports/batches/:id/changes',
    call: (c) => c.get(`/api/imports/batches/${batches.withErrors}/changes`),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  {
    route: 'POST /api/imports/batches/:id/commit',
    call: (c) => c.post(`/api/imports/batches/${batches.clean}/commit`),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/auth/logout',
    call: (c) => c.post('/api/auth/logout'),
    allowed: 'student (own session)',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'POST /api/auth/password',
    call: (c) => c.post('/api/auth/password', { currentPassword: 'x', newPassword: 'y' }),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'GET /api/me/creditbank/credentials',
    call: (c) => c.get('/api/me/creditbank/credentials'),
    allowed: 'student',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/creditbank/outcomes/:id/credential',
    call: (c) => c.post(`/api/creditbank/outcomes/${ids.grantedOutcome}/credential`),
    allowed: 'student',
    denied: 'enterprise',
  },
  {
    route: 'POST /api/creditbank/outcomes/:id/credential (staff)',
    call: (c) => c.post(`/api/creditbank/outcomes/${ids.grantedOutcome}/credential`),
    allowed: 'grouplead',
    denied: 'jishi',
  },
  {
    // Reading the credit bank is not enough to issue a student's credential.
    route: 'POST /api/creditbank/outcomes/:id/credential (reader)',
    call: (c) => c.post(`/api/creditbank/outcomes/${ids.grantedOutcome}/credential`),
    allowed: 'grouplead',
    denied: 'advisor',
  },
  {
    route: 'GET /api/creditbank/credentials/:id',
    call: (c) => c.get(`/api/creditbank/credentials/${issued.id}`),
    allowed: 'student',
    denied: 'teacher',
  },
  {
    route: 'GET /api/creditbank/claims/check',
    call: (c) => c.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=junior`),
    allowed: 'student',
    denied: 'teacher',
  },
  {
    route: 'GET /api/creditbank/claims/:id/grant-preview',
    call: (c) => c.get(`/api/creditbank/claims/${ids.claim}/grant-preview`),
    allowed: 'jiaowu',
    denied: 'student',
  },
  { route: 'GET /api/creditbank/settings', call: (c) => c.get('/api/creditbank/settings'), allowed: 'grouplead', denied: 'student' },
  {
    route: 'PUT /api/creditbank/settings',
    call: async (c) =>
      c.put('/api/creditbank/settings', {
        fourEyes: true,
        revision: (await clients.get('jiaowu')!.get('/api/creditbank/settings')).json().revision,
      }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/me/creditbank/transcript',
    call: (c) => c.post('/api/me/creditbank/transcript'),
    allowed: 'student',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/creditbank/students/:id/transcript',
    call: (c) => c.post(`/api/creditbank/students/${ids.studentYJ}/transcript`),
    allowed: 'grouplead',
    denied: 'advisor',
  },
  { route: 'GET /api/admin/jobs', call: (c) => c.get('/api/admin/jobs'), allowed: 'admin', denied: 'jiaowu' },
  {
    route: 'GET /api/admin/jobs/:name/runs',
    call: (c) => c.get('/api/admin/jobs/courses.draw_due_windows/runs'),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  { route: 'GET /api/admin/job-runs/failed', call: (c) => c.get('/api/admin/job-runs/failed'), allowed: 'admin', denied: 'supervisor' },
  {
    route: 'POST /api/admin/jobs/:name/run',
    call: (c) => c.post('/api/admin/jobs/courses.draw_due_windows/run'),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  { route: 'GET /api/me/workbench', call: (c) => c.get('/api/me/workbench'), allowed: 'student', denied: 'anonymous', deniedStatus: 401 },
  {
    route: 'GET /api/me/notifications',
    call: (c) => c.get('/api/me/notifications'),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'GET /api/me/notifications/unread-count',
    call: (c) => c.get('/api/me/notifications/unread-count'),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'POST /api/me/notifications/:id/read',
    call: (c) => c.post(`/api/me/notifications/${ids.inboxRow}/read`),
    allowed: 'student',
    denied: 'teacher',
    deniedStatus: 404,
  },
  {
    route: 'POST /api/me/notifications/read-all',
    call: (c) => c.post('/api/me/notifications/read-all'),
    allowed: 'teacher',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  { route: 'GET /api/me/notifications/stream', call: (c) => streamStatus(c), allowed: 'student', denied: 'anonymous', deniedStatus: 401 },
  {
    route: 'GET /api/me/notification-preferences',
    call: (c) => c.get('/api/me/notification-preferences'),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'PUT /api/me/notification-preferences',
    call: (c) => c.put('/api/me/notification-preferences', { email: null, kinds: {}, quietHours: null }),
    allowed: 'teacher',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'GET /api/admin/notification-channels',
    call: (c) => c.get('/api/admin/notification-channels'),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/admin/notification-channels',
    call: (c) =>
      c.post('/api/admin/notification-channels', {
        kind: 'wecom',
        name: '权限新增',
        webhook: 'http://127.0.0.1:9/x',
        scope: { type: 'group', id: ids.groupYJ },
      }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'PUT /api/admin/notification-channels/:id',
    call: (c) =>
      c.put(`/api/admin/notification-channels/${ids.channel}`, {
        kind: 'wecom',
        name: '权限测试机器人',
        scope: { type: 'group', id: ids.groupYJ },
      }),
    allowed: 'admin',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/admin/notification-channels/:id/test',
    call: (c) => c.post(`/api/admin/notification-channels/${ids.channel}/test`),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'GET /api/admin/notification-deliveries',
    call: (c) => c.get('/api/admin/notification-deliveries?status=failed'),
    allowed: 'admin',
    denied: 'supervisor',
  },
  {
    route: 'POST /api/admin/notification-deliveries/:id/retry',
    call: (c) => c.post(`/api/admin/notification-deliveries/${ids.delivery}/retry`),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/attachments',
    call: (c) =>
      c.upload(
        '/api/attachments?purpose=creditbank.claim',
        'p.png',
        Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
      ),
    allowed: 'student',
    denied: 'teacher',
  },
  {
    route: 'GET /api/attachments/:id',
    call: (c) => c.get(`/api/attachments/${files.linked}`),
    allowed: 'jiaowu',
    denied: 'teacher',
    deniedStatus: 404,
  },
  // The refused call aims at a staged file that still exists (the allowed call removed its own).
  {
    route: 'DELETE /api/attachments/:id',
    call: (c) => c.request('DELETE', `/api/attachments/${c === clients.get('student') ? files.removable : files.kept}`),
    allowed: 'student',
    denied: 'jiaowu',
    deniedStatus: 404,
  },
  {
    route: 'POST /api/creditbank/claims/:id/evidence',
    call: (c) => c.post(`/api/creditbank/claims/${ids.claim}/evidence`, { fileIds: [files.evidence] }),
    allowed: 'student',
    denied: 'jiaowu',
  },
  {
    route: 'GET /api/creditbank/credentials/:id (staff)',
    call: (c) => c.get(`/api/creditbank/credentials/${issued.id}`),
    allowed: 'jiaowu',
    denied: 'anonymous',
    deniedStatus: 401,
  },
  {
    route: 'POST /api/institutions',
    call: async (c) =>
      c.post('/api/institutions', {
        kind: 'enterprise',
        code: `PERM${Math.random().toString(36).slice(2, 8)}`,
        name: '权限测试企业',
        memberships: [{ allianceId: await app.number("SELECT id FROM alliances WHERE code = 'GYSZH'"), role: 'member' }],
      }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'PATCH /api/institutions/:id',
    call: async (c) => c.patch(`/api/institutions/${await enterpriseId()}`, { shortName: '新天钢' }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'PATCH /api/departments/:id',
    call: async (c) =>
      c.patch(`/api/departments/${await app.number('SELECT id FROM departments WHERE institution_id = 1 ORDER BY id LIMIT 1')}`, {
        kind: 'department',
      }),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  {
    route: 'POST /api/clusters',
    call: (c) => c.post('/api/clusters', { institutionId: 1, code: `P${Math.random().toString(36).slice(2, 8)}`, name: '权限测试集群' }),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  {
    route: 'PATCH /api/clusters/:id',
    call: (c) => c.patch(`/api/clusters/${ids.cluster}`, { formedOn: '2023-09-01' }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/groups',
    call: (c) => c.post('/api/groups', { institutionId: 1, code: `P${Math.random().toString(36).slice(2, 8)}`, name: '权限测试专业群' }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/majors',
    call: (c) =>
      c.post('/api/majors', { institutionId: 1, code: String(100000 + Math.floor(Math.random() * 899999)), name: '权限测试专业' }),
    allowed: 'jiaowu',
    denied: 'majorlead',
  },
  { route: 'GET /api/users', call: (c) => c.get('/api/users'), allowed: 'admin', denied: 'jiaowu' },
  {
    route: 'POST /api/users',
    call: (c) =>
      c.post('/api/users', { username: `perm.new.${Math.random().toString(36).slice(2, 8)}`, displayName: '权限测试', institutionId: 1 }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  { route: 'GET /api/users/:id', call: async (c) => c.get(`/api/users/${await spareUser()}`), allowed: 'admin', denied: 'jishi' },
  {
    route: 'PATCH /api/users/:id',
    call: async (c) => c.patch(`/api/users/${await spareUser()}`, { displayName: '权限测试（改）' }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/users/:id/disable',
    call: async (c) => c.post(`/api/users/${await spareUser()}/disable`, {}),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/users/:id/enable',
    call: async (c) => c.post(`/api/users/${await spareUser()}/enable`, {}),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/users/:id/unlock',
    call: async (c) => c.post(`/api/users/${await spareUser()}/unlock`),
    allowed: 'admin',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/users/:id/reset',
    call: async (c) => c.post(`/api/users/${await spareUser()}/reset`),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/users/:id/grants',
    call: async (c) => c.post(`/api/users/${await spareUser()}/grants`, { role: 'teacher', scopeType: 'group', scopeId: ids.groupKZ }),
    allowed: 'admin',
    denied: 'grouplead',
  },
  {
    route: 'DELETE /api/users/:id/grants/:grantId',
    call: async (c) => {
      const user = await spareUser();
      const [grant] = await app.sql<{ id: number }>(
        `INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES (${user}, 'evaluator', 'group', ${ids.groupYJ})
         ON CONFLICT (user_id, role, scope_type, scope_id) DO UPDATE SET granted_at = now() RETURNING id`,
      );
      return c.request('DELETE', `/api/users/${user}/grants/${grant!.id}`);
    },
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'POST /api/accounts/provision',
    call: (c) => c.post('/api/accounts/provision', { institutionId: 1, majorId: ids.major430401, kinds: ['student'] }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/accounts/provision (codes by e-mail)',
    call: (c) => c.post('/api/accounts/provision', { institutionId: 1, majorId: ids.major430401, kinds: ['student'], delivery: 'email' }),
    allowed: 'jiaowu',
    denied: 'grouplead',
  },
  {
    route: 'POST /api/accounts/provision (other institution)',
    call: (c) => c.post('/api/accounts/provision', { institutionId: 1, majorId: ids.major430401, kinds: ['student'] }),
    allowed: 'jiaowu',
    denied: 'jishi',
  },
  { route: 'GET /api/identity-providers', call: (c) => c.get('/api/identity-providers'), allowed: 'admin', denied: 'jiaowu' },
  {
    route: 'POST /api/identity-providers',
    call: (c) =>
      c.post('/api/identity-providers', {
        institutionId: 1,
        protocol: 'cas',
        name: '权限测试 CAS',
        casUrl: 'https://cas.example.edu.cn/cas',
        accountClaim: 'user',
        enabled: false,
      }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    route: 'PATCH /api/identity-providers/:id',
    call: async (c) =>
      c.patch(`/api/identity-providers/${await spareProvider()}`, {
        protocol: 'cas',
        name: '权限测试 CAS（改）',
        casUrl: 'https://cas.example.edu.cn/cas',
        accountClaim: 'user',
        enabled: false,
      }),
    allowed: 'admin',
    denied: 'jishi',
  },
  {
    route: 'PUT /api/sign-in-settings/:id',
    call: (c) => c.put('/api/sign-in-settings/1', { localLogin: true }),
    allowed: 'admin',
    denied: 'jiaowu',
  },
  {
    // A session not opened by an activation code gets a 409 (tests/integration/accounts.test.ts walks the real one).
    route: 'POST /api/auth/first-password',
    call: (c) => c.post('/api/auth/first-password', { newPassword: 'Perm-Test-2026!' }),
    allowed: 'student',
    denied: 'anonymous',
    deniedStatus: 401,
  },
];

let spareProviderId: number | null = null;
/** A switched-off CAS provider of 天津工业职业学院 for the 统一身份认证 rows (tests/integration/sso.test.ts walks real ones). */
async function spareProvider(): Promise<number> {
  spareProviderId ??= await app.number(
    `INSERT INTO identity_providers (institution_id, protocol, name, cas_url, account_claim, enabled)
     VALUES (1, 'cas', '权限测试 CAS', 'https://cas.example.edu.cn/cas', 'user', false) RETURNING id`,
  );
  return spareProviderId;
}

let spareUserId: number | null = null;
/** An account of 天津工业职业学院 for the 用户与权限 rows to change. */
async function spareUser(): Promise<number> {
  spareUserId ??= await app.number(
    `INSERT INTO users (username, display_name, password_hash, institution_id) VALUES ('perm.spare', '权限测试账号', '!', 1) RETURNING id`,
  );
  return spareUserId;
}

/** Public routes: anyone, signed in or not, and no CSRF token (a signed-in visitor's session is not read there). */
const publicCases: Array<{ route: string; call: (client: TestClient) => Promise<{ statusCode: number }>; status?: number }> = [
  { route: 'GET /api/health', call: (c) => c.get('/api/health') },
  { route: 'GET /api/public/setup', call: (c) => c.get('/api/public/setup') },
  {
    // Once any account exists the first-run setup is closed to everyone, signed in or not (tests/integration/first-admin.test.ts opens it).
    route: 'POST /api/public/setup',
    call: (c) =>
      c.post(
        '/api/public/setup',
        { token: 'x'.repeat(32), username: 'intruder', password: 'Lu-Qian-Gang-2026' },
        { headers: { 'x-csrf-token': 'none' } },
      ),
    status: 403,
  },
  { route: 'GET /api/openapi.json', call: (c) => c.get('/api/openapi.json') },
  { route: 'GET /api/public/sign-in-options', call: (c) => c.get('/api/public/sign-in-options') },
  {
    // Sent on to the CAS server's sign-in page (tests/integration/sso.test.ts follows it).
    route: 'GET /api/auth/sso/:id/start',
    call: async (c) => {
      const id = await spareProvider();
      await app.sql(`UPDATE identity_providers SET enabled = true WHERE id = ${id}`);
      const response = await c.get(`/api/auth/sso/${id}/start`);
      await app.sql(`UPDATE identity_providers SET enabled = false WHERE id = ${id}`);
      return response;
    },
    status: 302,
  },
  // Without a state from a sign-in this server started, nobody gets a session.
  { route: 'GET /api/auth/sso/callback', call: (c) => c.get('/api/auth/sso/callback?code=x&state=y'), status: 400 },
  {
    route: 'POST /api/auth/sso/callback',
    call: (c) =>
      c.post('/api/auth/sso/callback', {
        logoutRequest:
          '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:SessionIndex>ST-none</samlp:SessionIndex></samlp:LogoutRequest>',
      }),
  },
  {
    route: 'POST /api/auth/login',
    call: (c) => c.post('/api/auth/login', { username: 'advisor', password: demoPassword }, { headers: { 'x-csrf-token': 'none' } }),
  },
  { route: 'GET /api/public/issuers/:institutionId', call: (c) => c.get('/api/public/issuers/1') },
  {
    route: 'GET /api/public/status-lists/:id',
    call: (c) => c.get(new URL(issued.credential.credentialStatus.statusListCredential).pathname),
  },
  {
    route: 'POST /api/public/credentials/verify',
    call: (c) => c.post('/api/public/credentials/verify', issued.credential, { headers: { 'x-csrf-token': 'none' } }),
  },
  { route: 'GET /api/public/transcripts/:token', call: (c) => c.get(`/api/public/transcripts/${'A'.repeat(43)}`), status: 404 },
];

/** The live stream never ends, so it is opened over a real connection and its status read before closing it. */
async function streamStatus(client: TestClient): Promise<{ statusCode: number }> {
  const { port } = app.fastify.server.address() as { port: number };
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/api/me/notifications/stream`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
    signal: controller.signal,
  });
  controller.abort();
  return { statusCode: response.status };
}

describe('every route checks role and scope on the server', () => {
  it.each(cases)('$route: allowed for $allowed, refused for $denied', async ({ call, allowed, denied, deniedStatus }) => {
    const allowedClient = clients.get(allowed)!;
    const allowedResponse = await call(allowedClient);
    // The allowed call may still fail validation (e.g. a wrong current password), never authorisation.
    expect([401, 403]).not.toContain(allowedResponse.statusCode);
    expect(allowedResponse.statusCode).toBeLessThan(500);
    const deniedClient = denied === 'anonymous' ? app.anonymous : clients.get(denied)!;
    const deniedResponse = await call(deniedClient);
    expect(deniedResponse.statusCode).toBe(deniedStatus ?? 403);
  });

  it.each(publicCases)('$route: open to anonymous and signed-in visitors alike', async ({ call, status }) => {
    for (const client of [app.anonymous, clients.get('student')!, clients.get('enterprise')!])
      expect((await call(client)).statusCode).toBe(status ?? 200);
  });

  it('every API route the server registers has a row above', async () => {
    const document = (await app.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const registered = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(registered.length).toBeGreaterThan(100);
    const covered = new Set([...cases, ...publicCases].map((row) => row.route.replace(/ \(.*\)$/, '')));
    expect(registered.filter((route) => route.split(' ')[1]!.startsWith('/api/') && !covered.has(route))).toEqual([]);
  });

  it('every action the routes above recorded is named in both languages in the audit log', async () => {
    const recorded = (await app.sql<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action')).map((row) => row.action);
    expect(recorded.length).toBeGreaterThan(25);
    const page = (await clients.get('admin')!.get('/api/audit?limit=200')).json() as {
      items: Array<{ action: string; actionLabel: { 'zh-CN': string; en: string } | null; entityLabel: { 'zh-CN': string; en: string } }>;
    };
    expect(page.items.filter((item) => item.actionLabel === null).map((item) => item.action)).toEqual([]);
    const named = new Set(
      ((await clients.get('admin')!.get('/api/audit/actions')).json() as Array<{ action: string }>).map((entry) => entry.action),
    );
    expect(recorded.filter((action) => !named.has(action))).toEqual([]);
    const login = page.items.find((item) => item.action === 'auth.login')!;
    expect([login.actionLabel, login.entityLabel]).toEqual([
      { 'zh-CN': '登录', en: 'Sign in' },
      { 'zh-CN': '用户', en: 'user' },
    ]);
    expect((await clients.get('admin')!.get(`/api/audit?action=${'x'.repeat(61)}`)).statusCode).toBe(400);
  });

  it('a refused write changes nothing', async () => {
    const before = await app.sql<{ industry_chain: string }>(`SELECT industry_chain FROM professional_groups WHERE id = ${ids.groupKZ}`);
    const refused = await clients.get('grouplead')!.patch(`/api/groups/${ids.groupKZ}`, { industryChain: '被篡改' });
    expect(refused.statusCode).toBe(403);
    const after = await app.sql<{ industry_chain: string }>(`SELECT industry_chain FROM professional_groups WHERE id = ${ids.groupKZ}`);
    expect(after).toEqual(before);
  });

  it('a group lead lists only the students and teachers of their group', async () => {
    const lead = clients.get('grouplead')!;
    const students = (await lead.get('/api/students?pageSize=200')).json();
    const [{ count }] = await app.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM students s JOIN majors m ON m.id = s.major_id WHERE m.group_id = ${ids.groupYJ}`,
    );
    expect(students.total).toBe(count);
    expect(
      students.items.every((s: { majorCode: string }) => ['430401', '420802', '420901', '460106', '460104'].includes(s.majorCode)),
    ).toBe(true);
    const teachers = (await lead.get('/api/teachers?pageSize=200')).json();
    expect(teachers.items.every((t: { homeGroupId: number }) => t.homeGroupId === ids.groupYJ)).toBe(true);
    const [{ count: teachersOfGroup }] = await app.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM teachers WHERE home_group_id = ${ids.groupYJ}`,
    );
    expect(teachers.total).toBe(teachersOfGroup);
  });

  it('a student sees only their own record', async () => {
    const student = clients.get('student')!;
    const me = (await student.get('/api/me/student')).json();
    expect(me.student.studentNo).toMatch(/^2024/);
    expect((await student.get(`/api/students/${me.student.id}`)).statusCode).toBe(200);
    const other = await app.sql<{ id: number }>(`SELECT id FROM students WHERE id <> ${me.student.id} LIMIT 1`);
    expect((await student.get(`/api/students/${other[0]!.id}`)).statusCode).toBe(403);
  });

  it('personal data is masked on opening; roles that need it reveal one field, and each reveal is audited', async () => {
    const lead = (await clients.get('grouplead')!.get(`/api/students/${ids.studentYJ}`)).json();
    expect(lead.piiRevealed).toBe(false);
    expect(lead.canReveal).toBe(false);
    expect(lead.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const revealsOf = async () =>
      (await app.sql(`SELECT id FROM audit_log WHERE action = 'person.reveal' AND entity = 'student' AND entity_id = '${ids.studentYJ}'`))
        .length;
    const revealsBefore = await revealsOf();
    const staff = (await clients.get('jiaowu')!.get(`/api/students/${ids.studentYJ}`)).json();
    expect(staff.piiRevealed).toBe(false);
    expect(staff.canReveal).toBe(true);
    expect(staff.idNumber).toBe(lead.idNumber);
    const revealed = (await clients.get('jiaowu')!.post(`/api/students/${ids.studentYJ}/reveal`, { field: 'idNumber' })).json();
    expect(revealed.value).toMatch(/^\d{17}[\dX]$/);
    expect(revealed.value.slice(-4)).toBe(lead.idNumber.slice(-4));
    // Opening is not audited (nothing is shown); the reveal is, once.
    expect(await revealsOf()).toBe(revealsBefore + 1);
  });

  it("a teacher's ID number and phone: masked to their group lead, shown to 教务 (audited) and to the teacher themself, sealed at rest", async () => {
    const lead = (await clients.get('grouplead')!.get(`/api/teachers/${ids.teacherYJ}`)).json();
    expect(lead.piiRevealed).toBe(false);
    expect(lead.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(lead.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const auditedBefore = (
      await app.sql(`SELECT id FROM audit_log WHERE action = 'person.reveal' AND entity = 'teacher' AND entity_id = '${ids.teacherYJ}'`)
    ).length;
    expect((await clients.get('jiaowu')!.get(`/api/teachers/${ids.teacherYJ}`)).json()).toMatchObject({
      piiRevealed: false,
      canReveal: true,
    });
    const reveal = async (field: string) =>
      (await clients.get('jiaowu')!.post(`/api/teachers/${ids.teacherYJ}/reveal`, { field })).json().value as string;
    const staff = { idNumber: await reveal('idNumber'), phone: await reveal('phone') };
    expect(staff.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(staff.phone).toMatch(/^1\d{10}$/);
    expect(staff.idNumber.slice(-4)).toBe(lead.idNumber.slice(-4));
    expect(
      (await app.sql(`SELECT id FROM audit_log WHERE action = 'person.reveal' AND entity = 'teacher' AND entity_id = '${ids.teacherYJ}'`))
        .length,
    ).toBe(auditedBefore + 2);
    const [stored] = await app.sql<{ id_number_enc: string; phone_enc: string }>(
      `SELECT id_number_enc, phone_enc FROM teachers WHERE id = ${ids.teacherYJ}`,
    );
    expect(stored!.id_number_enc).not.toContain(staff.idNumber);
    expect(stored!.phone_enc).not.toContain(staff.phone);
    expect((await clients.get('grouplead')!.get(`/api/teachers/${ids.teacherKZ}`)).statusCode).toBe(403);
  });
});
