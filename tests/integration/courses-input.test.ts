import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

/** Bad input to every writing route of the courses module: a 4xx with a message, never a 500, nothing written. */
let app: TestApp;
let jiaowu: TestClient;
let student: TestClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, student] = await Promise.all([app.login('jiaowu'), app.login('student')]);
  const one = (sql: string) => app.number(sql);
  ids.course = await one("SELECT id FROM courses WHERE code = 'GX-101'");
  ids.programme = await one('SELECT id FROM programmes ORDER BY id LIMIT 1');
  ids.section = await one("SELECT id FROM sections WHERE code = 'KZ-401-01'");
  ids.taughtSection = await one("SELECT id FROM sections WHERE code = 'GX-107-YJ'");
  ids.window = await one("SELECT id FROM selection_windows WHERE mode = 'lottery'");
  ids.cluster = await one("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
  ids.term = await one("SELECT id FROM terms WHERE code = '2026-2027-2' AND institution_id = 1");
});
afterAll(async () => {
  await app?.close();
});

const counted = [
  'courses',
  'course_versions',
  'programmes',
  'programme_courses',
  'sections',
  'selection_windows',
  'enrolments',
  'selection_requests',
  'grades',
  'credit_rule_versions',
  'audit_log',
];

async function counts() {
  const rows = await app.sql<{ t: string; n: number }>(
    counted.map((table) => `SELECT '${table}' AS t, count(*)::int AS n FROM ${table}`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((row) => [row.t, Number(row.n)]));
}

describe('bad input to the courses routes', () => {
  const cases: Array<
    [string, (c: TestClient) => Promise<{ statusCode: number; json: () => { error: { message: string } } }>, 'staff' | 'student']
  > = [
    [
      'course with credits as text',
      (c) =>
        c.post('/api/courses', {
          code: 'X-1',
          name: 'x',
          credits: '四',
          theoryHours: 1,
          practiceHours: 1,
          assessment: 'exam',
          layer: 'core',
          moduleType: 'professional',
          ownerGroupId: 1,
        }),
      'staff',
    ],
    [
      'course with an unknown layer',
      (c) =>
        c.post('/api/courses', {
          code: 'X-2',
          name: 'x',
          credits: 2,
          theoryHours: 1,
          practiceHours: 1,
          assessment: 'exam',
          layer: 'top',
          moduleType: 'professional',
          ownerGroupId: 1,
        }),
      'staff',
    ],
    [
      'course with a bad code',
      (c) =>
        c.post('/api/courses', {
          code: '课程=1',
          name: 'x',
          credits: 2,
          theoryHours: 1,
          practiceHours: 1,
          assessment: 'exam',
          layer: 'shared',
          moduleType: 'professional',
          ownerGroupId: null,
        }),
      'staff',
    ],
    ['course patch with an unknown field', (c) => c.patch(`/api/courses/${ids.course}`, { colour: 'red' }), 'staff'],
    ['course diff without versions', (c) => c.get(`/api/courses/${ids.course}/diff?from=x`), 'staff'],
    ['course diff of a missing version', (c) => c.get(`/api/courses/${ids.course}/diff?from=1&to=99`), 'staff'],
    ['unknown course id', (c) => c.get('/api/courses/999999999'), 'staff'],
    [
      'rules with a negative credit count',
      (c) =>
        c.put(`/api/clusters/${ids.cluster}/credit-rules`, {
          rules: {
            sharedCourseCount: -1,
            sharedCredits: 50,
            coreCredits: 22,
            crossGroupExtensionCredits: 16,
            practiceShareMin: 0.5,
            totalCreditsMin: 120,
            totalCreditsMax: 160,
            termCreditsMax: 32,
            termCount: 6,
          },
          effectiveFromCohort: 2026,
        }),
      'staff',
    ],
    [
      'rules with min above max',
      (c) =>
        c.put(`/api/clusters/${ids.cluster}/credit-rules`, {
          rules: {
            sharedCourseCount: 8,
            sharedCredits: 50,
            coreCredits: 22,
            crossGroupExtensionCredits: 16,
            practiceShareMin: 0.5,
            totalCreditsMin: 170,
            totalCreditsMax: 160,
            termCreditsMax: 32,
            termCount: 6,
          },
          effectiveFromCohort: 2026,
        }),
      'staff',
    ],
    [
      'rules in the old flat shape (without a first cohort)',
      (c) => c.put(`/api/clusters/${ids.cluster}/credit-rules`, { sharedCourseCount: 8, termCount: 6 }),
      'staff',
    ],
    [
      'rules from cohort 1999',
      (c) => c.post(`/api/clusters/${ids.cluster}/credit-rules/restore-defaults`, { effectiveFromCohort: 1999 }),
      'staff',
    ],
    ['an unknown rule-version step', (c) => c.post('/api/credit-rule-versions/1/transitions', { action: 'enforce' }), 'staff'],
    ['a step of a missing rule version', (c) => c.post('/api/credit-rule-versions/999999/transitions', { action: 'submit' }), 'staff'],
    [
      'programme for an unknown major',
      (c) => c.post('/api/programmes', { majorId: 999999, cohortYear: 2027, graduationCredits: 148 }),
      'staff',
    ],
    [
      'programme with a cohort as text',
      (c) => c.post('/api/programmes', { majorId: 1, cohortYear: '二〇二七', graduationCredits: 148 }),
      'staff',
    ],
    [
      'composition with a course in term 0',
      (c) => c.post(`/api/programmes/${ids.programme}/check`, { courses: [{ courseId: ids.course, termNo: 0 }] }),
      'staff',
    ],
    [
      'composition with an unknown course',
      (c) => c.post(`/api/programmes/${ids.programme}/check`, { courses: [{ courseId: 999999, termNo: 1 }] }),
      'staff',
    ],
    [
      'composition listing a course twice',
      (c) =>
        c.post(`/api/programmes/${ids.programme}/check`, {
          courses: [
            { courseId: ids.course, termNo: 1 },
            { courseId: ids.course, termNo: 2 },
          ],
        }),
      'staff',
    ],
    ['an unknown transition', (c) => c.post(`/api/programmes/${ids.programme}/transitions`, { action: 'destroy' }), 'staff'],
    [
      'publishing a published programme again',
      (c) => c.post(`/api/programmes/${ids.programme}/transitions`, { action: 'publish' }),
      'staff',
    ],
    ['comparing with a missing programme', (c) => c.get(`/api/programmes/compare?left=${ids.programme}&right=999999`), 'staff'],
    [
      'section with a negative capacity',
      (c) => c.post('/api/sections', { termId: ids.term, courseId: ids.course, code: 'BAD-1', capacity: -5, teacherIds: [], meetings: [] }),
      'staff',
    ],
    [
      'section with last period before first',
      (c) =>
        c.post('/api/sections', {
          termId: ids.term,
          courseId: ids.course,
          code: 'BAD-2',
          capacity: 5,
          teacherIds: [],
          meetings: [{ weekday: 1, firstPeriod: 5, lastPeriod: 2, firstWeek: 1, lastWeek: 16 }],
        }),
      'staff',
    ],
    [
      'section with an unknown teacher',
      (c) =>
        c.post('/api/sections', { termId: ids.term, courseId: ids.course, code: 'BAD-3', capacity: 5, teacherIds: [999999], meetings: [] }),
      'staff',
    ],
    ['section capacity below its enrolment', (c) => c.patch(`/api/sections/${ids.taughtSection}`, { capacity: 1 }), 'staff'],
    [
      'window that closes before it opens',
      (c) =>
        c.post('/api/selection-windows', {
          termId: ids.term,
          name: 'x',
          mode: 'first_come',
          cohortYears: [2025],
          opensAt: '2026-12-10T00:00:00Z',
          closesAt: '2026-12-01T00:00:00Z',
          dropDeadline: '2026-12-20T00:00:00Z',
          creditCap: 10,
        }),
      'staff',
    ],
    [
      'window with a date that is not a date',
      (c) =>
        c.post('/api/selection-windows', {
          termId: ids.term,
          name: 'x',
          mode: 'first_come',
          cohortYears: [2025],
          opensAt: 'tomorrow',
          closesAt: '2026-12-01T00:00:00Z',
          dropDeadline: '2026-12-20T00:00:00Z',
          creditCap: 10,
        }),
      'staff',
    ],
    ['drawing a window still open', (c) => c.post(`/api/selection-windows/${ids.window}/draw`, {}), 'staff'],
    ['grades that are not a list', (c) => c.put(`/api/sections/${ids.section}/grades`, { entries: '85' }), 'staff'],
    ['selection without a request id', (c) => c.post('/api/me/selections', { sectionId: ids.section }), 'student'],
    [
      'selection with a request id holding SQL',
      (c) => c.post('/api/me/selections', { sectionId: ids.section, requestId: "x'; DROP TABLE sections; --" }),
      'student',
    ],
    [
      'selection of a missing section',
      (c) => c.post('/api/me/selections', { sectionId: 999999, requestId: 'missing-section-1' }),
      'student',
    ],
    [
      'too many ranked choices',
      (c) => c.put(`/api/selection-windows/${ids.window}/preferences`, { sectionIds: Array.from({ length: 21 }, (_, i) => i + 1) }),
      'student',
    ],
    [
      'a choice repeated',
      (c) => c.put(`/api/selection-windows/${ids.window}/preferences`, { sectionIds: [ids.section, ids.section] }),
      'student',
    ],
  ];

  it.each(cases)('%s: a 4xx with a message, and nothing written', async (_name, call, who) => {
    const before = await counts();
    const response = await call(who === 'staff' ? jiaowu : student);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().error.message.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it('malformed JSON to a courses route is a 400', async () => {
    const response = await jiaowu.request('POST', '/api/courses', {
      rawBody: '{"code": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('MALFORMED_JSON');
  });
});
