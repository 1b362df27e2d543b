import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { scheduledPeriods } from '../../server/platform/indicators/rules.ts';

/**
 * The indicators page's server side: values computed by the scheduler (and by 重新计算) with the time
 * they were computed, the dimensions' names in both languages, and 跨群共享通识、基础能力课程占比
 * computed, described and tested as one definition (÷ the programme's total credits).
 */
let app: TestApp;
let jiaowu: TestClient;
let advisor: TestClient;
let student: TestClient;
let jishi: TestClient;
let majorlead: TestClient;
const ids: Record<string, number> = {};

const one = async (sql: string, column = 'id'): Promise<number> => Number((await app.sql<Record<string, unknown>>(sql))[0]![column]);

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, advisor, student, jishi, majorlead] = await Promise.all(
    ['jiaowu', 'advisor', 'student', 'jishi', 'majorlead'].map((user) => app.login(user)),
  );
  ids.cluster = await one("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
  ids.major430401 = await one("SELECT id FROM majors WHERE code = '430401' AND institution_id = 1");
  ids.advisorUser = (await advisor.get('/api/auth/me')).json().userId;
});
afterAll(async () => {
  await app?.close();
});

const measurementCount = () => one('SELECT count(*)::int AS n FROM measurements', 'n');
const clusterComputable = async () =>
  ((await jiaowu.get('/api/indicators')).json() as Array<{ key: string; computable: boolean; unitTypes: string[] }>)
    .filter((indicator) => indicator.computable && indicator.unitTypes.includes('cluster'))
    .map((indicator) => indicator.key)
    .sort();

describe('跨群共享通识、基础能力课程占比: one definition in the code, the text and this hand computation', () => {
  it('is the shared-platform required credits ÷ the programme’s total credits (required + elective credits to earn)', async () => {
    // A small programme of 430401 for an intake nobody else has (2035), with courses of known credits.
    const course = async (code: string) => {
      const [row] = await app.sql<{ id: number; credits: string; layer: string; group_code: string | null }>(
        `SELECT c.id, v.credits, v.layer, g.code AS group_code FROM courses c
         JOIN course_versions v ON v.course_id = c.id AND v.version_no = c.current_version_no
         LEFT JOIN professional_groups g ON g.id = v.owner_group_id WHERE c.code = '${code}'`,
      );
      return { id: Number(row!.id), credits: Number(row!.credits), layer: row!.layer, group: row!.group_code };
    };
    const ethics = await course('GX-101');
    const maths = await course('GX-102');
    const core = await course('YJ-201');
    const ownExtension = await course('YJ-401');
    const [otherExtension1, otherExtension2] = await Promise.all([course('KZ-401'), course('HL-401')]);
    // The figures the hand computation below rests on.
    expect([ethics, maths].map((c) => [c.layer, c.credits])).toEqual([
      ['shared', 3],
      ['shared', 6],
    ]);
    expect([core.layer, core.group, core.credits]).toEqual(['core', 'YJ', 6]);
    expect([ownExtension.layer, ownExtension.group, ownExtension.credits]).toEqual(['extension', 'YJ', 4]);
    expect([otherExtension1, otherExtension2].map((c) => [c.layer, c.group, c.credits])).toEqual([
      ['extension', 'KZ', 4],
      ['extension', 'GYHLW', 4],
    ]);

    const created = await majorlead.post('/api/programmes', {
      majorId: ids.major430401,
      cohortYear: 2035,
      graduationCredits: 23,
      electiveCreditsRequired: 4,
    });
    expect(created.statusCode).toBe(201);
    const programmeId = created.json().id as number;
    const saved = await majorlead.put(`/api/programmes/${programmeId}`, {
      courses: [
        { courseId: ethics.id, termNo: 1 },
        { courseId: maths.id, termNo: 1 },
        { courseId: core.id, termNo: 3 },
        { courseId: ownExtension.id, termNo: 4 },
        { courseId: otherExtension1.id, termNo: 4, isElective: true },
        { courseId: otherExtension2.id, termNo: 4, isElective: true },
      ],
    });
    expect(saved.statusCode).toBe(200);
    // By hand: shared required 3 + 6 = 9; required 3 + 6 + 6 + 4 = 19; electives offered 8, to earn 4;
    // total 19 + 4 = 23. Over the total: 9 / 23. (Over the general and foundation credits it would be 9 / 9.)
    expect(saved.json().check.metrics).toMatchObject({ sharedCredits: 9, requiredCredits: 19, totalCredits: 23 });
    expect(saved.json().check.metrics.sharedFoundationRatio).toBe(9 / 23);
    // The credit rules (50 shared credits …) would refuse to submit a 23-credit programme; the workflow is
    // tested with the courses; here the programme only has to count as approved for its intake.
    await app.sql(`UPDATE programmes SET status = 'approved' WHERE id = ${programmeId}`);

    const major = await jiaowu.post('/api/measurements', {
      indicatorKey: 'courses.shared_foundation_ratio',
      unitType: 'major',
      unitId: ids.major430401,
      period: '2035-2036',
    });
    expect(major.statusCode).toBe(201);
    expect(major.json().value).toBe(9 / 23);
    expect(major.json().inputs).toMatchObject({ cohortYear: 2035, numerator: 9, denominator: 23 });
    expect(major.json().level).toBe('met');

    // The cluster has no other programme of that intake: the recomputation gives the same figure, and the
    // extension ratio by hand: other groups' electives counted 4 ÷ extension part (YJ-401 4 + electives 4) = 1/2.
    const recomputed = await advisor.post(`/api/clusters/${ids.cluster}/indicators/recompute`, { period: '2035-2036' });
    expect(recomputed.statusCode).toBe(200);
    const byKey = new Map(
      (recomputed.json().measurements as Array<{ indicatorKey: string; value: number }>).map((m) => [m.indicatorKey, m.value]),
    );
    expect(byKey.get('courses.shared_foundation_ratio')).toBe(9 / 23);
    expect(byKey.get('courses.shared_extension_ratio')).toBe(0.5);

    // The text says the same in both languages: ÷ the programme's total credits, not the general and foundation credits.
    const definition = ((await jiaowu.get('/api/indicators')).json() as Array<{ key: string; definition: Record<string, string> }>).find(
      (indicator) => indicator.key === 'courses.shared_foundation_ratio',
    )!.definition;
    expect(definition['zh-CN']).toContain('的必修学分 ÷ 方案总学分（必修学分 + 须修选修学分）');
    expect(definition['zh-CN']).toContain('分母是方案总学分，不是通识、基础课程的学分');
    expect(definition.en).toContain('÷ the programme’s total credits (required + elective credits to earn)');
    expect(definition.en).toContain('not the general and foundation credits');
    // …and the database copy that reports join on.
    const [stored] = await app.sql<{ definition_zh: string; definition_en: string }>(
      "SELECT definition_zh, definition_en FROM indicators WHERE key = 'courses.shared_foundation_ratio'",
    );
    expect(stored).toEqual({ definition_zh: definition['zh-CN'], definition_en: definition.en });
  });
});

describe('recomputing a cluster’s indicators (重新计算)', () => {
  it('stores a measurement of every computable indicator, with who and when, audited once', async () => {
    const before = await measurementCount();
    const started = Date.now();
    const response = await advisor.post(`/api/clusters/${ids.cluster}/indicators/recompute`, { period: '2025-2026' });
    expect(response.statusCode).toBe(200);
    const result = response.json() as {
      failed: unknown[];
      measurements: Array<{ indicatorKey: string; unitType: string; unitId: number; computedBy: number | null; computedAt: string }>;
    };
    expect(result.failed).toEqual([]);
    expect(result.measurements.map((m) => m.indicatorKey).sort()).toEqual(await clusterComputable());
    expect(result.measurements.length).toBeGreaterThanOrEqual(5);
    for (const measurement of result.measurements) {
      expect(measurement).toMatchObject({ unitType: 'cluster', unitId: ids.cluster, computedBy: ids.advisorUser });
      expect(new Date(measurement.computedAt).getTime()).toBeGreaterThanOrEqual(started - 1000);
    }
    expect(await measurementCount()).toBe(before + result.measurements.length);
    // The page reads them back as the latest values, with their time.
    const latest = (await jiaowu.get(`/api/measurements?unitType=cluster&unitId=${ids.cluster}&period=2025-2026`)).json() as Array<{
      id: number;
      indicatorKey: string;
    }>;
    const latestIds = new Map(latest.map((m) => [m.indicatorKey, m.id]));
    for (const measurement of result.measurements as unknown as Array<{ id: number; indicatorKey: string }>) {
      expect(latestIds.get(measurement.indicatorKey)).toBe(measurement.id);
    }
    const [audit] = await app.sql<{ action: string; actor_user_id: number; summary: string; after: { period: string } }>(
      "SELECT action, actor_user_id, summary, after FROM audit_log WHERE action = 'indicator.recompute' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toMatchObject({ action: 'indicator.recompute', actor_user_id: ids.advisorUser, after: { period: '2025-2026' } });
    expect(audit!.summary).toContain(`${result.measurements.length} 项指标（2025-2026）`);
    expect(audit!.summary).toContain('专业集群');
  });

  it('is refused to a student and to another institution’s 教务, and refuses bad input in both languages, storing nothing', async () => {
    const before = await measurementCount();
    const audits = await one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'indicator.recompute'", 'n');
    expect((await student.post(`/api/clusters/${ids.cluster}/indicators/recompute`, { period: '2025-2026' })).statusCode).toBe(403);
    expect((await jishi.post(`/api/clusters/${ids.cluster}/indicators/recompute`, { period: '2025-2026' })).statusCode).toBe(403);
    for (const language of ['zh-CN', 'en']) {
      const bad = await advisor.post(
        `/api/clusters/${ids.cluster}/indicators/recompute`,
        { period: 'last year' },
        { headers: { 'accept-language': language } },
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(language === 'en' ? /^[\x20-\x7e’]+$/ : /[\u4e00-\u9fff]/);
    }
    const unknown = await advisor.post('/api/clusters/999999/indicators/recompute', { period: '2025-2026' });
    expect(unknown.statusCode).toBe(404);
    expect((await advisor.post(`/api/clusters/${ids.cluster}/indicators/recompute`, {})).statusCode).toBe(400);
    expect(await measurementCount()).toBe(before);
    expect(await one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'indicator.recompute'", 'n')).toBe(audits);
  });
});

describe('the scheduler computes the indicators', () => {
  it('is a platform job, due at once on a new install, that computes every cluster for this academic year and the last', async () => {
    const jobs = (await (await app.login('admin')).get('/api/admin/jobs')).json() as Array<{
      name: string;
      module: string;
      schedule: string;
    }>;
    expect(jobs.find((job) => job.name === 'platform.indicators_compute')).toMatchObject({ module: 'platform', schedule: 'every 3600s' });
    // Due at start: the scheduler's first tick after start takes it.
    const [row] = await app.sql<{ due: boolean }>(
      "SELECT next_run_at <= now() AS due FROM jobs WHERE name = 'platform.indicators_compute'",
    );
    expect(row!.due).toBe(true);

    const clusters = (await app.sql<{ id: number }>('SELECT id FROM clusters ORDER BY id')).map((cluster) => Number(cluster.id));
    expect(clusters.length).toBeGreaterThanOrEqual(1);
    const periods = scheduledPeriods(new Date());
    const computable = await clusterComputable();
    const { runId, finished } = await app.context.jobs.runNow('platform.indicators_compute', null);
    const outcome = await finished;
    expect(outcome).toMatchObject({ status: 'succeeded', error: null });
    expect(outcome.result).toEqual({
      clusters: clusters.length,
      periods,
      measurements: clusters.length * periods.length * computable.length,
    });
    const stored = await app.sql<{ unit_id: number; period: string; indicator_key: string; computed_by: number | null }>(
      `SELECT unit_id, period, indicator_key, computed_by FROM measurements m WHERE unit_type = 'cluster'
       AND computed_at >= (SELECT started_at FROM job_runs WHERE id = ${runId})`,
    );
    expect(stored).toHaveLength(clusters.length * periods.length * computable.length);
    expect(stored.every((measurement) => measurement.computed_by === null)).toBe(true);
    expect(new Set(stored.map((measurement) => `${measurement.unit_id}:${measurement.period}`)).size).toBe(
      clusters.length * periods.length,
    );
    // One audit entry per cluster and period, by nobody (the scheduler).
    const audited = await app.sql<{ actor_user_id: number | null; summary: string }>(
      `SELECT actor_user_id, summary FROM audit_log WHERE action = 'indicator.recompute' AND request_id = 'scheduled-indicators'`,
    );
    expect(audited).toHaveLength(clusters.length * periods.length);
    expect(audited.every((entry) => entry.actor_user_id === null && entry.summary.startsWith('定时重新计算'))).toBe(true);
  });
});

describe('the registry as the page reads it', () => {
  it('lists the indicators in the order of 表 1’s dimensions, each dimension named in both languages', async () => {
    const list = (await jiaowu.get('/api/indicators')).json() as Array<{ dimension: string; dimensionName: Record<string, string> }>;
    const order = [...new Set(list.map((indicator) => indicator.dimension))];
    expect(order).toEqual(['课程体系贯通', '实训基地融通', '四能型教师流通', '证书互认互通']);
    const names = Object.fromEntries(list.map((indicator) => [indicator.dimension, indicator.dimensionName]));
    expect(names['课程体系贯通']).toEqual({ 'zh-CN': '课程体系贯通', en: 'Connected course system' });
    expect(names['四能型教师流通']!.en).toBe('Circulating four-ability teachers');
    for (const indicator of list) expect(indicator.dimensionName.en).toMatch(/^[A-Z][a-z -]+$/);
  });
});
