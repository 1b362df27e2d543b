import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { issueSetupToken } from '../../server/platform/first-admin.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { testMasterKey } from '../support/constants.ts';
import { emptyPostgresDatabase } from '../support/empty-postgres.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx } from '../support/xlsx.ts';

/**
 * 首次配置向导 (issue 11): the workbench card that walks an institution through its setup — the
 * institution, departments, majors, teachers, students, cluster and groups, accounts — each step done
 * or not as the data says, the first not done being the next, and the card gone when all are done.
 */

interface Step {
  key: string;
  label: { 'zh-CN': string; en: string };
  detail: { 'zh-CN': string; en: string };
  link: string;
  state: 'done' | 'next' | 'waiting';
}
interface Card {
  key: string;
  count: number | null;
  tone: string;
  link: string;
  summary: { 'zh-CN': string; en: string };
  steps?: Step[];
}
const stepKeys = ['org.institution', 'org.departments', 'org.majors', 'org.teachers', 'org.students', 'org.cluster', 'platform.accounts'];

async function setupCardOf(client: TestClient): Promise<Card | undefined> {
  const response = await client.get('/api/me/workbench');
  expect(response.statusCode).toBe(200);
  return (response.json().cards as Card[]).find((card) => card.key === 'platform.setup');
}

/** The card's next step (and that it is the only one so marked, with every step before it done). */
async function nextStep(client: TestClient): Promise<Step> {
  const card = (await setupCardOf(client))!;
  expect(card.steps!.map((step) => step.key)).toEqual(stepKeys);
  const index = card.steps!.findIndex((step) => step.state === 'next');
  expect(index).toBeGreaterThanOrEqual(0);
  expect(card.steps!.filter((step) => step.state === 'next')).toHaveLength(1);
  expect(card.link).toBe(card.steps![index]!.link);
  expect(card.count).toBe(card.steps!.filter((step) => step.state !== 'done').length);
  expect(card.summary['zh-CN']).toContain(`下一步：${card.steps![index]!.label['zh-CN']}`);
  return card.steps![index]!;
}

function injectClient(fastify: FastifyInstance, cookie: string | null, csrfToken: string | null): TestClient {
  const request: TestClient['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (cookie) headers.cookie = cookie;
    if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
    const payload = options.rawBody ?? (options.payload as object | undefined);
    return fastify.inject({ method: method as 'GET', url, headers, payload });
  };
  return {
    csrfToken,
    cookie,
    request,
    get: (url, options) => request('GET', url, options),
    post: (url, payload, options) => request('POST', url, { ...options, payload }),
    patch: (url, payload, options) => request('PATCH', url, { ...options, payload }),
    put: (url, payload, options) => request('PUT', url, { ...options, payload }),
    upload: (url, fileName, data, options) => {
      const boundary = `----sitong${crypto.randomBytes(8).toString('hex')}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return request('POST', url, {
        ...options,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(options?.headers ?? {}) },
        rawBody: body,
      });
    },
  };
}

async function importFile(client: TestClient, entity: string, headers: string[], rows: unknown[][]) {
  const preview = await client.upload(`/api/imports/${entity}/preview`, `${entity}.xlsx`, await makeXlsx(headers, rows));
  expect(preview.statusCode, preview.body).toBe(201);
  expect(preview.json().summary.invalid, JSON.stringify(preview.json().errors)).toBe(0);
  const commit = await client.post(`/api/imports/batches/${preview.json().id}/commit`);
  expect(commit.statusCode, commit.body).toBe(200);
}

describe('the setup steps on an empty production install', () => {
  let database: Database;
  let fastify: FastifyInstance;
  let drop = async () => {};

  beforeAll(async () => {
    if (inject('dbKind') === 'postgres') {
      const empty = await emptyPostgresDatabase('setup');
      drop = empty.drop;
      database = await openDatabase({ databaseUrl: empty.url, poolSize: 4 });
    } else database = await openDatabase({});
    await migrate(database);
    const config = { ...readConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv), dataDir: '.tmp/test-unused', loadDemoData: false };
    ({ fastify } = await buildApp(config, database, new PiiCipher(testMasterKey), {}));
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify?.close();
    await database?.close();
    await drop();
  });

  it('walks the first administrator from the institution to the accounts, each step done only when its data is there', async () => {
    const token = (await issueSetupToken(database.db))!;
    const anonymous = injectClient(fastify, null, null);
    const made = await anonymous.post('/api/public/setup', {
      token,
      username: 'zhou.admin',
      displayName: '周老师',
      password: 'Lu-Qian-Gang-2026',
      allianceName: '全国工业数智化应用行业产教融合共同体',
    });
    expect(made.statusCode, made.body).toBe(201);
    // The install has an alliance and no institution; the first administrator has none of their own.
    expect(await database.query('SELECT id FROM institutions')).toEqual([]);
    const login = await anonymous.post('/api/auth/login', { username: 'zhou.admin', password: 'Lu-Qian-Gang-2026' });
    const admin = injectClient(
      fastify,
      `sitong_session=${login.cookies.find((cookie) => cookie.name === 'sitong_session')!.value}`,
      login.json().csrfToken,
    );
    const me = (await admin.get('/api/auth/me')).json();
    expect(me.institutionId).toBeNull();

    let step = await nextStep(admin);
    expect(step).toMatchObject({ key: 'org.institution', link: '/org/institution' });
    const card = (await setupCardOf(admin))!;
    expect(card.steps!.slice(1).every((entry) => entry.state === 'waiting')).toBe(true);

    // The institution: created in the alliance, then made the administrator's own.
    const { alliances } = (await admin.get('/api/institutions')).json();
    const created = await admin.post('/api/institutions', {
      kind: 'higher_vocational',
      code: 'TJGY',
      name: '天津工业职业学院',
      memberships: [{ allianceId: alliances[0].id, role: 'lead' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await nextStep(admin)).key).toBe('org.institution');
    expect((await admin.patch(`/api/users/${me.userId}`, { institutionId: created.json().id })).statusCode).toBe(200);
    const afterInstitution = (await setupCardOf(admin))!;
    expect(afterInstitution.steps![0]).toMatchObject({ state: 'done', detail: { 'zh-CN': '天津工业职业学院（TJGY）' } });
    step = await nextStep(admin);
    expect(step).toMatchObject({ key: 'org.departments', link: '/imports?entity=departments' });

    await importFile(
      admin,
      'departments',
      ['系部代码', '系部名称'],
      [
        ['GYJS', '工业技术系'],
        ['ZNZZ', '智能制造系'],
      ],
    );
    step = await nextStep(admin);
    expect(step).toMatchObject({ key: 'org.majors', link: '/imports?entity=majors' });
    expect((await setupCardOf(admin))!.steps![1]!.detail.en).toBe('2 departments');

    await importFile(
      admin,
      'majors',
      ['专业代码', '专业名称', '所属系部代码'],
      [
        ['430401', '钢铁智能冶金技术', 'GYJS'],
        ['460301', '机械制造及自动化', 'ZNZZ'],
      ],
    );
    expect(await nextStep(admin)).toMatchObject({ key: 'org.teachers', link: '/imports?entity=teachers' });

    await importFile(
      admin,
      'teachers',
      ['工号', '姓名', '所属系部代码'],
      [
        ['T1001', '王建国', 'GYJS'],
        ['T1002', '李秀英', 'ZNZZ'],
      ],
    );
    expect(await nextStep(admin)).toMatchObject({ key: 'org.students', link: '/imports?entity=students' });

    await importFile(
      admin,
      'students',
      ['学号', '姓名', '年级', '专业代码'],
      [
        ['2025430401001', '张三', 2025, '430401'],
        ['2025430401002', '李四', 2025, '430401'],
        ['2025460301001', '王五', 2025, '460301'],
      ],
    );
    expect(await nextStep(admin)).toMatchObject({ key: 'org.cluster', link: '/org' });

    const cluster = await admin.post('/api/clusters', { code: 'LSZNZZ', name: '绿色智能制造专业集群' });
    expect(cluster.statusCode).toBe(201);
    step = await nextStep(admin);
    expect(step.key).toBe('org.cluster');
    expect(step.detail['zh-CN']).toContain('还需在其中新建专业群');
    expect((await admin.post('/api/groups', { code: 'YJ', name: '钢铁智能冶金专业群', clusterId: cluster.json().id })).statusCode).toBe(
      201,
    );

    step = await nextStep(admin);
    expect(step).toMatchObject({
      key: 'platform.accounts',
      link: '/admin/users',
      detail: { 'zh-CN': '3 名学生、2 名教师尚未开通账号' },
    });
    const provision = await admin.post('/api/accounts/provision', { institutionId: created.json().id, kinds: ['student', 'teacher'] });
    expect(provision.statusCode, provision.body).toBe(200);
    expect(provision.json().summary).toMatchObject({ created: 5, existing: 0, reissued: 0 });
    expect(await setupCardOf(admin)).toBeUndefined();

    // A new student on the roster: the step (and the card) come back, and provisioning again opens only theirs.
    await importFile(admin, 'students', ['学号', '姓名', '年级', '专业代码'], [['2025430401003', '赵六', 2025, '430401']]);
    expect(await nextStep(admin)).toMatchObject({
      key: 'platform.accounts',
      detail: { en: '1 student has no account yet' },
    });
    const again = (await admin.post('/api/accounts/provision', { institutionId: created.json().id, kinds: ['student', 'teacher'] })).json();
    expect(again.summary).toMatchObject({ created: 1, existing: 5 });
    expect(await setupCardOf(admin)).toBeUndefined();
    const [{ n }] = await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users WHERE student_id IS NOT NULL OR teacher_id IS NOT NULL',
    );
    expect(n).toBe(6);
  });
});

describe('the setup steps on the demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('教务 sees every org step done, as counted in SQL, and accounts next with the numbers who have none', async () => {
    const jiaowu = await app.login('jiaowu');
    const card = (await setupCardOf(jiaowu))!;
    const institution = await app.number("SELECT id FROM institutions WHERE code = 'TJPC'");
    const [counts] = await app.sql<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM departments WHERE institution_id = ${institution}) AS departments,
             (SELECT count(*)::int FROM majors WHERE institution_id = ${institution}) AS majors,
             (SELECT count(*)::int FROM teachers WHERE institution_id = ${institution}) AS teachers,
             (SELECT count(*)::int FROM students WHERE institution_id = ${institution}) AS students,
             (SELECT count(*)::int FROM students s WHERE institution_id = ${institution} AND status = 'enrolled'
                AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)) AS students_missing,
             (SELECT count(*)::int FROM teachers t WHERE institution_id = ${institution} AND status = 'active'
                AND NOT EXISTS (SELECT 1 FROM users u WHERE u.teacher_id = t.id)) AS teachers_missing`);
    expect(card.steps!.map((step) => [step.key, step.state])).toEqual([
      ['org.institution', 'done'],
      ['org.departments', 'done'],
      ['org.majors', 'done'],
      ['org.teachers', 'done'],
      ['org.students', 'done'],
      ['org.cluster', 'done'],
      ['platform.accounts', 'next'],
    ]);
    const detail = (key: string) => card.steps!.find((step) => step.key === key)!.detail.en;
    expect(detail('org.departments')).toBe(`${counts!.departments} departments`);
    expect(detail('org.majors')).toBe(`${counts!.majors} majors`);
    expect(detail('org.teachers')).toBe(`${counts!.teachers!.toLocaleString('en-US')} teachers`);
    expect(detail('org.students')).toBe(`${counts!.students!.toLocaleString('en-US')} students`);
    expect(detail('platform.accounts')).toBe(
      `${counts!.students_missing!.toLocaleString('en-US')} students and ${counts!.teachers_missing!.toLocaleString('en-US')} teachers have no account yet`,
    );
    // 教务 cannot open 用户与权限: their accounts step is done from the card itself.
    expect(card.steps!.at(-1)!.link).toBe('/');
    expect((await setupCardOf(await app.login('admin')))!.steps!.at(-1)!.link).toBe('/admin/users');
    expect(card).toMatchObject({
      tone: 'todo',
      count: 1,
      summary: { en: '6 of 7 steps done. Next: Open accounts' },
    });
  });

  it('only those who set the institution up see the card; after provisioning every roster it is gone', async () => {
    for (const user of ['student', 'teacher', 'grouplead', 'enterprise', 'supervisor'])
      expect(await setupCardOf(await app.login(user)), user).toBeUndefined();
    const jiaowu = await app.login('jiaowu');
    const institution = await app.number("SELECT id FROM institutions WHERE code = 'TJPC'");
    const provision = await jiaowu.post('/api/accounts/provision', { institutionId: institution, kinds: ['student', 'teacher'] });
    expect(provision.statusCode, provision.body).toBe(200);
    expect(provision.json().summary.conflicts).toEqual([]);
    expect(await setupCardOf(jiaowu)).toBeUndefined();
  });
});
