import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

/**
 * Versioned credit-structure rules (issue 12, "rules that cannot invalidate published work"):
 * nonsense is refused in words, nobody approves their own version, a new version governs the cohorts
 * it starts from, and a programme keeps the version it was submitted and approved under.
 */
let app: TestApp;
let jiaowu: TestClient;
let jiaowu2: TestClient;
let admin: TestClient;
let majorlead: TestClient;
let grouplead: TestClient;
const ids: Record<string, number> = {};
const one = (sql: string, column?: string) => app.number(sql, column);

const seedFacts = JSON.parse(fs.readFileSync('/work/shared/reference/seed-facts.json', 'utf8'));
const layers = seedFacts.cluster_seed000.course_pool_课程池.layers as Array<{ layer: string; credits: number; course_count?: number }>;
const seedDefaults = {
  sharedCourseCount: layers.find((layer) => layer.layer === '底层共享')!.course_count,
  sharedCredits: layers.find((layer) => layer.layer === '底层共享')!.credits,
  coreCredits: layers.find((layer) => layer.layer === '中层分立')!.credits,
  crossGroupExtensionCredits: layers.find((layer) => layer.layer === '高层互选')!.credits,
};
const defaults = {
  ...seedDefaults,
  practiceShareMin: 0.5,
  totalCreditsMin: 120,
  totalCreditsMax: 160,
  termCreditsMax: 32,
  termCount: 6,
};
/** Stricter than the demo programmes meet: they have 9 shared-platform courses. */
const tenShared = { ...defaults, sharedCourseCount: 10 };

const en = { headers: { 'accept-language': 'en' } };
const rulesOf = (cohortYear: number) =>
  jiaowu.get(`/api/clusters/${ids.cluster}/credit-rules?cohortYear=${cohortYear}`).then((r) => r.json());
const programme = (id: number) => jiaowu.get(`/api/programmes/${id}`).then((r) => r.json());
const step = (client: TestClient, versionId: number, action: string, extra: Record<string, unknown> = {}) =>
  client.post(`/api/credit-rule-versions/${versionId}/transitions`, { action, ...extra });

async function counts() {
  const [row] = await app.sql<{ versions: number; audit: number; pinned: string | null }>(
    `SELECT (SELECT count(*)::int FROM credit_rule_versions) AS versions, (SELECT count(*)::int FROM audit_log) AS audit,
            (SELECT string_agg(rules::text, '|' ORDER BY id) FROM credit_rule_versions) AS pinned`,
  );
  return row;
}

/** The composition of the demo programme of a major's 2025 cohort (it passes the defaults). */
async function demoComposition(majorId: number) {
  const id = await one(`SELECT id FROM programmes WHERE major_id = ${majorId} AND cohort_year = 2025`);
  return (await programme(id)).items.map((item: { courseId: number; termNo: number; isElective: boolean }) => ({
    courseId: item.courseId,
    termNo: item.termNo,
    isElective: item.isElective,
  }));
}

async function newProgramme(client: TestClient, majorId: number, cohortYear: number) {
  const created = await client.post('/api/programmes', { majorId, cohortYear, graduationCredits: 148 });
  expect(created.statusCode, created.body).toBe(201);
  const saved = await client.put(`/api/programmes/${created.json().id}`, { courses: await demoComposition(majorId) });
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json();
}

/** Drafts, submits and (by another 教务) approves a version; returns it. */
async function approvedVersion(rules: typeof defaults, effectiveFromCohort: number) {
  const draft = await jiaowu.put(`/api/clusters/${ids.cluster}/credit-rules`, { rules, effectiveFromCohort });
  expect(draft.statusCode, draft.body).toBe(200);
  expect((await step(jiaowu, draft.json().id, 'submit')).statusCode).toBe(200);
  const approved = await step(jiaowu2, draft.json().id, 'approve');
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json();
}

beforeAll(async () => {
  app = await createTestApp();
  // A second 教务 of the same college (the demo has one): same password and grant as the first.
  await app.sql(
    `INSERT INTO users (username, display_name, password_hash, institution_id, demo_password)
     SELECT 'jiaowu2', '教务处 李老师', password_hash, institution_id, demo_password FROM users WHERE username = 'jiaowu'`,
  );
  await app.sql(
    `INSERT INTO role_grants (user_id, role, scope_type, scope_id, institution_id)
     SELECT (SELECT id FROM users WHERE username = 'jiaowu2'), role, scope_type, scope_id, institution_id
     FROM role_grants WHERE user_id = (SELECT id FROM users WHERE username = 'jiaowu')`,
  );
  [jiaowu, jiaowu2, admin, majorlead, grouplead] = await Promise.all(
    ['jiaowu', 'jiaowu2', 'admin', 'majorlead', 'grouplead'].map((name) => app.login(name)),
  );
  ids.cluster = await one("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
  ids.major430401 = await one(
    "SELECT id FROM majors WHERE code = '430401' AND institution_id = (SELECT id FROM institutions WHERE code = 'TJPC')",
  );
  ids.major460303 = await one("SELECT id FROM majors WHERE code = '460303'");
  ids.published2025 = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2025`);
});
afterAll(async () => {
  await app?.close();
});

describe('credit-structure rules, versioned', () => {
  it('the demo has version 1 in force from 2023 with the seeds’ defaults, and its programmes keep it', async () => {
    expect(seedDefaults).toEqual({ sharedCourseCount: 8, sharedCredits: 50, coreCredits: 22, crossGroupExtensionCredits: 16 });
    // Every demo programme (15 majors × cohorts 2023–2025) was approved under version 1.
    const demoProgrammes = await one(`SELECT count(*)::int AS n FROM programmes WHERE cluster_id = ${ids.cluster}`, 'n');
    expect(demoProgrammes).toBe(45);
    const list = await rulesOf(2025);
    expect(list.rules).toEqual(defaults);
    expect(list.defaults).toEqual(defaults);
    expect(list.inForce).toMatchObject({ versionNo: 1, effectiveFromCohort: 2023, lastCohort: null });
    expect(list.versions).toHaveLength(1);
    expect(list.versions[0]).toMatchObject({ versionNo: 1, status: 'approved', origin: 'seeded', programmeCount: demoProgrammes });
    // Before the first version's cohort: the seeds' defaults, no version.
    expect((await rulesOf(2020)).inForce).toBeNull();
    const published = await programme(ids.published2025);
    expect(published.ruleVersion).toMatchObject({ versionNo: 1, effectiveFromCohort: 2023, pinned: true, inForceVersionNo: null });
    expect(published.check.passed).toBe(true);
  });

  it('nonsense (no shared course, 0–1 total credits, one term) is refused with the reasons in both languages, and nothing changes', async () => {
    const before = await counts();
    const nonsense = { ...defaults, sharedCourseCount: 0, totalCreditsMin: 0, totalCreditsMax: 1, termCount: 1 };
    const refused = await jiaowu.put(`/api/clusters/${ids.cluster}/credit-rules`, { rules: nonsense, effectiveFromCohort: 2027 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('RULES_INVALID');
    expect(refused.json().error.message).toBe('学分结构规则有 3 处不合理：底层共享课程门数为 0，应在 1–40 之间');
    expect(refused.json().error.details.problems.map((problem: { field: string }) => problem.field)).toEqual([
      'sharedCourseCount',
      'totalCreditsMin',
      'totalCreditsMax',
    ]);
    const english = await jiaowu.put(`/api/clusters/${ids.cluster}/credit-rules`, { rules: nonsense, effectiveFromCohort: 2027 }, en);
    expect(english.json().error.message).toBe(
      'The credit-structure rules have 3 problems: Shared courses (count) is 0; it must be between 1 and 40',
    );
    const cases: Array<[Record<string, number>, string]> = [
      [{ totalCreditsMin: 170 }, '总学分下限 170 高于上限 160'],
      [{ totalCreditsMin: 70, totalCreditsMax: 80 }, '三层学分之和 88（底层共享 50 + 中层分立 22 + 高层互选 16）超过总学分上限 80'],
      [{ termCount: 1 }, '1 个学期 × 每学期至多 32 学分 = 32 学分，排不下总学分下限 120'],
      [{ termCount: 13 }, '学期数为 13，应在 1–12 之间'],
      [{ practiceShareMin: 1 }, '实践学时占比下限为 100%，应在 0%–90% 之间'],
    ];
    for (const [change, reason] of cases) {
      const answer = await jiaowu.put(`/api/clusters/${ids.cluster}/credit-rules`, {
        rules: { ...defaults, ...change },
        effectiveFromCohort: 2027,
      });
      expect(answer.statusCode).toBe(422);
      expect(answer.json().error.message).toContain(reason);
    }
    expect(await counts()).toEqual(before);
  });

  it('a version for the 2027 cohort: the author cannot approve it, a second 教务 can; published programmes keep version 1, a 2027 programme is checked against it', async () => {
    const draft = await jiaowu.put(`/api/clusters/${ids.cluster}/credit-rules`, {
      rules: tenShared,
      effectiveFromCohort: 2027,
      note: '2027 级起增加一门底层共享课程',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ versionNo: 2, status: 'draft', effectiveFromCohort: 2027, origin: 'edited', youAreAuthor: true });
    ids.v2 = draft.json().id;
    // A draft is not in force.
    expect((await rulesOf(2027)).inForce.versionNo).toBe(1);

    expect((await step(jiaowu, ids.v2, 'approve')).statusCode).toBe(409); // a draft is submitted first
    expect((await step(jiaowu, ids.v2, 'submit')).json().status).toBe('pending');
    // The other 教务 hears of it, and it waits on their workbench (not on the author's).
    const inbox = (await jiaowu2.get('/api/me/notifications')).json();
    expect(inbox.items[0]).toMatchObject({ title: '学分结构规则待审批：v2', link: '/credit-rules' });
    const cardOf = async (client: TestClient) =>
      ((await client.get('/api/me/workbench')).json().cards as Array<{ key: string; count: number }>).find(
        (card) => card.key === 'courses.credit_rules_to_approve',
      );
    expect(await cardOf(jiaowu2)).toMatchObject({ count: 1 });
    expect(await cardOf(jiaowu)).toBeUndefined();
    const locked = await jiaowu.put(`/api/clusters/${ids.cluster}/credit-rules`, { rules: defaults, effectiveFromCohort: 2027 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toBe('规则 v2 正在等待审批，撤回后才能修改');

    const own = await step(jiaowu, ids.v2, 'approve');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('OWN_APPROVAL');
    expect(own.json().error.message).toBe('不能审批自己起草、修改或提交的规则版本 v2，请由另一位教务人员审批');
    expect((await rulesOf(2027)).versions[0].status).toBe('pending');
    // Neither can a group lead (no right to rules at all).
    expect((await step(grouplead, ids.v2, 'approve')).statusCode).toBe(403);

    const approved = await step(jiaowu2, ids.v2, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedByName: '教务处 李老师', createdByName: '教务处 王老师' });

    const for2027 = await rulesOf(2027);
    expect(for2027.inForce).toMatchObject({ versionNo: 2, effectiveFromCohort: 2027, lastCohort: null });
    expect(for2027.rules.sharedCourseCount).toBe(10);
    const for2026 = await rulesOf(2026);
    expect(for2026.inForce).toMatchObject({ versionNo: 1, lastCohort: 2026 });

    // The published 2025 programme is untouched: still version 1, still passing.
    const published = await programme(ids.published2025);
    expect(published.check.passed).toBe(true);
    expect(published.ruleVersion).toMatchObject({ versionNo: 1, pinned: true });

    // A new 2027 programme with the same courses is checked against version 2: one shared course short.
    const p2027 = await newProgramme(majorlead, ids.major430401, 2027);
    expect(p2027.ruleVersion).toMatchObject({ versionNo: 2, effectiveFromCohort: 2027, pinned: false });
    expect(p2027.rules.sharedCourseCount).toBe(10);
    const shared = p2027.check.results.find((result: { rule: string }) => result.rule === 'shared_course_count');
    expect(shared).toMatchObject({ status: 'missing', actual: 9, required: 10 });
    const submit = await majorlead.post(`/api/programmes/${p2027.id}/transitions`, { action: 'submit' });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().error.code).toBe('RULES_BROKEN');
    // The same courses for 2026 still meet version 1.
    const p2026 = await newProgramme(majorlead, ids.major430401, 2026);
    expect(p2026.ruleVersion).toMatchObject({ versionNo: 1, pinned: false });
    expect(p2026.check.passed).toBe(true);
    ids.p2026 = p2026.id;

    const audit = await app.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'credit_rule_version' AND entity_id = '${ids.v2}' ORDER BY id`,
    );
    expect(audit.map((row) => row.action)).toEqual([
      'course.credit_rules.draft',
      'course.credit_rules.submit',
      'course.credit_rules.approve',
    ]);
  });

  it('a programme keeps the version it was submitted and approved under when a new version starts at its cohort; a submitted one is checked again at approval', async () => {
    // 430401's 2026 programme: submitted and approved under version 1.
    expect((await majorlead.post(`/api/programmes/${ids.p2026}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    expect((await programme(ids.p2026)).ruleVersion).toMatchObject({ versionNo: 1, pinned: true });
    expect((await jiaowu.post(`/api/programmes/${ids.p2026}/transitions`, { action: 'approve' })).statusCode).toBe(200);
    // 460303's 2026 programme: submitted under version 1 too, not yet approved.
    const other = await newProgramme(jiaowu, ids.major460303, 2026);
    expect((await jiaowu.post(`/api/programmes/${other.id}/transitions`, { action: 'submit' })).statusCode).toBe(200);

    const v3 = await approvedVersion(tenShared, 2026);
    expect(v3.versionNo).toBe(3);
    expect((await rulesOf(2026)).inForce.versionNo).toBe(3);

    const kept = await programme(ids.p2026);
    expect(kept.status).toBe('approved');
    expect(kept.check.passed).toBe(true);
    expect(kept.ruleVersion).toMatchObject({ versionNo: 1, pinned: true, inForceVersionNo: 3 });
    expect((await jiaowu.post(`/api/programmes/${ids.p2026}/transitions`, { action: 'publish' })).statusCode).toBe(200);
    expect((await programme(ids.p2026)).ruleVersion.versionNo).toBe(1);

    // Approving the other one now means approving it under version 3, which it does not meet.
    const late = await jiaowu2.post(`/api/programmes/${other.id}/transitions`, { action: 'approve' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.code).toBe('RULES_CHANGED');
    expect(late.json().error.message).toContain('2026 级现行学分结构规则已更新为 v3，方案有 1 项未通过');
    expect((await programme(other.id)).status).toBe('submitted');
    // Returned to a draft, it follows version 3.
    expect(
      (await jiaowu2.post(`/api/programmes/${other.id}/transitions`, { action: 'reject', comment: '按 v3 补一门共享课' })).statusCode,
    ).toBe(200);
    expect((await programme(other.id)).ruleVersion).toMatchObject({ versionNo: 3, pinned: false });

    const list = await rulesOf(2026);
    const v1 = list.versions.find((version: { versionNo: number }) => version.versionNo === 1);
    expect(v1).toMatchObject({ status: 'approved', lastCohort: 2025 });
    expect(list.versions.find((version: { versionNo: number }) => version.versionNo === 3)).toMatchObject({ lastCohort: 2026 });
  });

  it('restore defaults: a draft with the seeds’ numbers; once approved for the same cohort it supersedes the version it replaces', async () => {
    const restored = await jiaowu.post(`/api/clusters/${ids.cluster}/credit-rules/restore-defaults`, {
      effectiveFromCohort: 2027,
      note: '恢复默认值',
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({
      versionNo: 4,
      status: 'draft',
      origin: 'defaults',
      effectiveFromCohort: 2027,
      rules: defaults,
    });
    const v4 = restored.json().id;
    // Restoring again into the open draft changes it in place (no new version).
    const again = await jiaowu.post(`/api/clusters/${ids.cluster}/credit-rules/restore-defaults`, {});
    expect(again.json()).toMatchObject({ id: v4, versionNo: 4, effectiveFromCohort: 2027, note: '恢复默认值' });

    expect((await step(jiaowu, v4, 'submit')).statusCode).toBe(200);
    // The submitter cannot approve either, even when someone else wrote the draft.
    expect((await step(jiaowu2, v4, 'withdraw')).json().status).toBe('draft');
    expect((await step(jiaowu2, v4, 'submit')).statusCode).toBe(200);
    expect((await step(jiaowu2, v4, 'approve')).statusCode).toBe(403);
    const approved = await step(admin, v4, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);

    const list = await rulesOf(2027);
    expect(list.inForce).toMatchObject({ versionNo: 4, effectiveFromCohort: 2027 });
    expect(list.rules).toEqual(defaults);
    expect(list.versions.find((version: { versionNo: number }) => version.versionNo === 2)).toMatchObject({
      status: 'superseded',
      supersededById: v4,
    });
    // 430401's 2027 draft meets the defaults again.
    const p2027 = await one(`SELECT id FROM programmes WHERE major_id = ${ids.major430401} AND cohort_year = 2027`);
    expect((await programme(p2027)).check.passed).toBe(true);
    expect((await programme(p2027)).ruleVersion.versionNo).toBe(4);
  });

  it('a draft can be discarded; only 教务 (or admin) edits rules; the English messages read as English', async () => {
    const draft = await jiaowu.put(`/api/clusters/${ids.cluster}/credit-rules`, { rules: defaults, effectiveFromCohort: 2030 });
    expect((await step(jiaowu, draft.json().id, 'discard')).json().status).toBe('discarded');
    expect((await rulesOf(2030)).openVersionId).toBeNull();
    expect(
      (await grouplead.put(`/api/clusters/${ids.cluster}/credit-rules`, { rules: defaults, effectiveFromCohort: 2030 })).statusCode,
    ).toBe(403);
    const gone = await step(jiaowu, draft.json().id, 'submit');
    expect(gone.statusCode).toBe(409);
    const english = await jiaowu.post(`/api/credit-rule-versions/${draft.json().id}/transitions`, { action: 'submit' }, en);
    expect(english.json().error.message).toBe('Rule version v5 is discarded; it cannot be submitted');
  });
});
