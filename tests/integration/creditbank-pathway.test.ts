import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

let app: TestApp;
let jiaowu: TestClient;
let admin: TestClient;
let grouplead: TestClient;
let student: TestClient;
const ids: Record<string, number> = {};
const one = (sql: string, column?: string) => app.number(sql, column);

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, admin, grouplead, student] = await Promise.all([
    app.login('jiaowu'),
    app.login('admin'),
    app.login('grouplead'),
    app.login('student'),
  ]);
  ids.cluster = await one("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
  ids.student = await one("SELECT student_id AS id FROM users WHERE username = 'student'");
  ids.otherStudent = await one(`SELECT id FROM students WHERE id <> ${ids.student} ORDER BY id LIMIT 1`);
  ids.certificate = await one("SELECT id FROM certificates WHERE levels @> '{junior}' ORDER BY code LIMIT 1");
  await jiaowu.post('/api/creditbank/sync');
});
afterAll(async () => {
  await app?.close();
});

describe('the four-stage pathway', () => {
  it('a student sees the four stages, their coursework from the ledger, and exactly what the first stage misses', async () => {
    const response = await student.get('/api/me/creditbank/pathway');
    expect(response.statusCode).toBe(200);
    const pathway = response.json();
    expect(pathway.stages.map((stage: { name: { 'zh-CN': string } }) => stage.name['zh-CN'])).toEqual([
      '初级学徒',
      '中级学徒',
      '高级学徒',
      '准工匠',
    ]);
    const coursework = await one(
      `SELECT coalesce(sum(credits), 0)::float8 AS n FROM earned_credits WHERE student_id = ${ids.student}`,
      'n',
    );
    expect(pathway.facts.courseworkCredits).toBe(coursework);
    expect(pathway.current).toBeNull();
    expect(pathway.next).toBe('junior_apprentice');
    expect(
      pathway.missing.map((criterion: { key: string; detail: { 'zh-CN': string } }) => [criterion.key, criterion.detail['zh-CN']]),
    ).toEqual([['certificate', '需取得初级及以上证书（目前最高：无）']]);
  });

  it('a granted junior certificate makes them 初级学徒; the next stage lists what is missing', async () => {
    const claim = (
      await jiaowu.post('/api/creditbank/claims', {
        kind: 'certificate',
        studentId: ids.student,
        certificateId: ids.certificate,
        level: 'junior',
        certificateNo: 'PATH-0001',
      })
    ).json();
    expect((await grouplead.post(`/api/creditbank/claims/${claim.id}/verify`)).statusCode).toBe(200);
    expect((await admin.post(`/api/creditbank/claims/${claim.id}/grant`)).statusCode).toBe(200);
    const pathway = (await student.get('/api/me/creditbank/pathway')).json();
    expect(pathway.current).toBe('junior_apprentice');
    expect(pathway.next).toBe('intermediate_apprentice');
    expect(pathway.missing.some((criterion: { key: string }) => criterion.key === 'certificate')).toBe(true);
    // Staff in scope see the same; another student does not.
    expect((await grouplead.get(`/api/creditbank/students/${ids.student}/pathway`)).json().current).toBe('junior_apprentice');
    expect((await student.get(`/api/creditbank/students/${ids.otherStudent}/pathway`)).statusCode).toBe(403);
  });

  it('staff see how many students of each major stand at each stage', async () => {
    const response = await grouplead.get(`/api/creditbank/clusters/${ids.cluster}/pathway/distribution`);
    expect(response.statusCode).toBe(200);
    const distribution = response.json();
    expect(distribution.stages.map((stage: { key: string }) => stage.key)).toEqual([
      'junior_apprentice',
      'intermediate_apprentice',
      'senior_apprentice',
      'craftsman_candidate',
    ]);
    const counted = distribution.majors.reduce((sum: number, major: { total: number }) => sum + major.total, 0);
    const expected = await one(
      `SELECT count(*)::int AS n FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
      WHERE g.cluster_id = ${ids.cluster} AND s.status <> 'withdrawn'`,
      'n',
    );
    // 教务 sees the whole cluster; the group lead only their group's majors.
    const whole = (await jiaowu.get(`/api/creditbank/clusters/${ids.cluster}/pathway/distribution`)).json();
    expect(whole.majors.reduce((sum: number, major: { total: number }) => sum + major.total, 0)).toBe(expected);
    const groupMajors = await app.sql<{ id: number }>(
      `SELECT m.id FROM majors m JOIN users u ON u.username = 'grouplead' JOIN role_grants r ON r.user_id = u.id AND r.scope_type = 'group' WHERE m.group_id = r.scope_id`,
    );
    expect(distribution.majors.map((major: { majorId: number }) => major.majorId).sort()).toEqual(
      groupMajors.map((row) => Number(row.id)).sort(),
    );
    expect(counted).toBeLessThan(expected);
    for (const major of distribution.majors) {
      expect(Object.values(major.counts as Record<string, number>).reduce((sum, n) => sum + n, 0)).toBe(major.total);
    }
    const studentMajor = await one(`SELECT major_id AS id FROM students WHERE id = ${ids.student}`);
    expect(
      distribution.majors.find((major: { majorId: number }) => major.majorId === studentMajor).counts.junior_apprentice,
    ).toBeGreaterThanOrEqual(1);
  });

  it('教务 changes the criteria (checked, versioned by revision, audited); the stage follows', async () => {
    const settings = (await jiaowu.get(`/api/creditbank/clusters/${ids.cluster}/pathway`)).json();
    expect(settings).toMatchObject({ isDefault: true, revision: 0 });
    const stricter = settings.stages.map((stage: { key: string }, index: number) =>
      index === 0 ? { ...stage, minCertificateLevel: 'intermediate' } : stage,
    );
    const falling = settings.stages.map((stage: { key: string }, index: number) =>
      index === 3 ? { ...stage, minCertificateLevel: 'junior' } : stage,
    );
    const bad = await jiaowu.put(`/api/creditbank/clusters/${ids.cluster}/pathway`, { stages: falling, revision: 0 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('准工匠');
    const inEnglish = await jiaowu.put(
      `/api/creditbank/clusters/${ids.cluster}/pathway`,
      { stages: falling, revision: 0 },
      { headers: { 'accept-language': 'en' } },
    );
    expect(inEnglish.json().error.message).toContain('Craftsman candidate: the certificate level cannot be lower');
    expect(inEnglish.json().error.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(
      (await jiaowu.put(`/api/creditbank/clusters/${ids.cluster}/pathway`, { stages: settings.stages.slice(0, 3), revision: 0 }))
        .statusCode,
    ).toBe(400);
    expect((await grouplead.put(`/api/creditbank/clusters/${ids.cluster}/pathway`, { stages: stricter, revision: 0 })).statusCode).toBe(
      403,
    );
    const saved = await jiaowu.put(`/api/creditbank/clusters/${ids.cluster}/pathway`, { stages: stricter, revision: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, revision: 1 });
    expect((await jiaowu.put(`/api/creditbank/clusters/${ids.cluster}/pathway`, { stages: settings.stages, revision: 0 })).statusCode).toBe(
      409,
    );
    expect(await one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'creditbank.pathway.save'", 'n')).toBe(1);
    const pathway = (await student.get('/api/me/creditbank/pathway')).json();
    expect(pathway.current).toBeNull();
    expect(pathway.missing[0].detail['zh-CN']).toBe('需取得中级及以上证书（目前最高：初级）');
  });
});
