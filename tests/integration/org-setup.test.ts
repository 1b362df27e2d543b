// An institution sets itself up: alliance admins add member institutions that may belong to several
// alliances (with their role in each); 教务 creates and edits departments, clusters, groups and majors
// through the API and imports clusters. Every change audited with before/after; bad input and the wrong people refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx } from '../support/xlsx.ts';

let app: TestApp;
let admin: TestClient;
let jiaowu: TestClient;
let jishi: TestClient;
let alliances: { community: number; consortium: number };
let institutionId: number;

beforeAll(async () => {
  app = await createTestApp();
  [admin, jiaowu, jishi] = await Promise.all([app.login('admin'), app.login('jiaowu'), app.login('jishi')]);
  institutionId = (await jiaowu.get('/api/auth/me')).json().institutionId;
  alliances = {
    community: await app.number("SELECT id FROM alliances WHERE code = 'GYSZH'"),
    consortium: await app.number("SELECT id FROM alliances WHERE code = 'TKJNJM'"),
  };
});
afterAll(async () => {
  await app?.close();
});

describe('member institutions in one or more alliances', () => {
  it('the demo college leads the industry community and is a member of a city consortium', async () => {
    const list = (await admin.get('/api/institutions')).json();
    const college = list.institutions.find((entry: { id: number }) => entry.id === institutionId);
    expect(college.memberships).toEqual([
      { allianceId: alliances.community, role: 'lead', joinedOn: null },
      { allianceId: alliances.consortium, role: 'member', joinedOn: '2025-05-01' },
    ]);
  });

  it('an alliance admin adds an institution in two alliances; both alliances reach it, changes are audited', async () => {
    const body = {
      kind: 'secondary_vocational',
      code: 'TJJD',
      name: '天津市机电工艺学院',
      shortName: '机电工艺',
      memberships: [
        { allianceId: alliances.community, role: 'member' },
        { allianceId: alliances.consortium, role: 'member', joinedOn: '2026-03-01' },
      ],
    };
    // The demo admin administers the industry community, not the consortium: placing it there needs that too.
    expect((await admin.post('/api/institutions', body)).statusCode).toBe(403);
    const adminId = await app.number("SELECT id FROM users WHERE username = 'admin'");
    await app.sql(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES (${adminId}, 'admin', 'alliance', ${alliances.consortium})`,
    );
    await app.sql(`INSERT INTO auth_changes (user_id) VALUES (${adminId})`);
    const created = await admin.post('/api/institutions', {
      kind: 'secondary_vocational',
      code: 'TJJD',
      name: '天津市机电工艺学院',
      shortName: '机电工艺',
      memberships: [
        { allianceId: alliances.community, role: 'member' },
        { allianceId: alliances.consortium, role: 'member', joinedOn: '2026-03-01' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const rows = await app.sql<{ alliance_id: number; role: string }>(
      `SELECT alliance_id, role FROM institution_alliances WHERE institution_id = ${id} ORDER BY alliance_id`,
    );
    expect(rows.map((row) => [Number(row.alliance_id), row.role])).toEqual([
      [alliances.community, 'member'],
      [alliances.consortium, 'member'],
    ]);
    // Both alliances are its parents in the scope tree.
    const tree = await app.context.scopes.get();
    const chain = tree.chain({ type: 'institution', id }).map((node) => `${node.type}:${node.id}`);
    expect(chain).toEqual(expect.arrayContaining([`alliance:${alliances.community}`, `alliance:${alliances.consortium}`]));

    const moved = await admin.patch(`/api/institutions/${id}`, { memberships: [{ allianceId: alliances.consortium, role: 'lead' }] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().memberships).toEqual([{ allianceId: alliances.consortium, role: 'lead' }]);
    const [audit] = await app.sql<{ before: { memberships: unknown[] }; after: { memberships: unknown[] } }>(
      `SELECT before, after FROM audit_log WHERE action = 'institution.update' AND entity_id = '${id}' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.before.memberships).toHaveLength(2);
    expect(audit!.after.memberships).toEqual([{ allianceId: alliances.consortium, role: 'lead' }]);
  });

  it('refuses a duplicate code, no alliance, an alliance twice, an unknown one, and 教务', async () => {
    const before = await app.number('SELECT count(*)::int AS n FROM institutions', 'n');
    const base = { kind: 'enterprise', code: 'NEWCO', name: '新企业' };
    expect(
      (await admin.post('/api/institutions', { ...base, code: 'TJPC', memberships: [{ allianceId: alliances.community, role: 'member' }] }))
        .statusCode,
    ).toBe(409);
    expect((await admin.post('/api/institutions', { ...base, memberships: [] })).statusCode).toBe(400);
    const twice = await admin.post('/api/institutions', {
      ...base,
      memberships: [
        { allianceId: alliances.community, role: 'member' },
        { allianceId: alliances.community, role: 'lead' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toBe('同一联盟只能列一次');
    expect((await admin.post('/api/institutions', { ...base, memberships: [{ allianceId: 999999, role: 'member' }] })).statusCode).toBe(
      404,
    );
    expect(
      (
        await admin.post('/api/institutions', {
          ...base,
          kind: 'spaceport',
          memberships: [{ allianceId: alliances.community, role: 'member' }],
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await jiaowu.post('/api/institutions', { ...base, memberships: [{ allianceId: alliances.community, role: 'member' }] })).statusCode,
    ).toBe(403);
    expect(await app.number('SELECT count(*)::int AS n FROM institutions', 'n')).toBe(before);
  });
});

describe('教务 builds the institution’s structure', () => {
  it('creates a cluster, a group in it led by a department, and a major in the group; the tree shows them', async () => {
    const cluster = await jiaowu.post('/api/clusters', {
      code: 'SZJQ',
      name: '数字经济专业集群',
      formedOn: '2026-09-01',
      description: '试点',
    });
    expect(cluster.statusCode, cluster.body).toBe(201);
    const [department] = await app.sql<{ id: number }>(
      `SELECT id FROM departments WHERE institution_id = ${institutionId} ORDER BY id LIMIT 1`,
    );
    const group = await jiaowu.post('/api/groups', {
      clusterId: cluster.json().id,
      code: 'DSYY',
      name: '电子商务专业群',
      departmentId: Number(department!.id),
      coreMajorCode: '530799',
      industryChain: '数字贸易产业链',
    });
    expect(group.statusCode, group.body).toBe(201);
    const major = await jiaowu.post('/api/majors', {
      code: '530799',
      name: '电子商务',
      groupId: group.json().id,
      firstEnrolmentYear: 2026,
    });
    expect(major.statusCode, major.body).toBe(201);
    expect(major.json()).toMatchObject({ level: 'higher_vocational', status: 'enrolling' });
    const tree = (await jiaowu.get('/api/cluster-tree')).json();
    const shown = tree.find((entry: { code: string }) => entry.code === 'SZJQ');
    expect(shown.groups.map((g: { code: string; majors: Array<{ code: string }> }) => [g.code, g.majors.map((m) => m.code)])).toEqual([
      ['DSYY', ['530799']],
    ]);
    const edited = await jiaowu.patch(`/api/clusters/${cluster.json().id}`, { description: '2026 年组建' });
    expect(edited.json().description).toBe('2026 年组建');
    const actions = (
      await app.sql<{ action: string }>(
        `SELECT action FROM audit_log WHERE action IN ('cluster.create', 'group.create', 'major.create', 'cluster.update') ORDER BY id`,
      )
    ).map((row) => row.action);
    expect(actions).toEqual(['cluster.create', 'group.create', 'major.create', 'cluster.update']);
  });

  it('refuses other institutions’ references, duplicates and bad codes; another institution’s 教务 may not', async () => {
    const counts = async () =>
      (
        await app.sql<{ n: number }>(
          'SELECT (SELECT count(*) FROM clusters) + (SELECT count(*) FROM professional_groups) + (SELECT count(*) FROM majors) AS n',
        )
      )[0]!.n;
    const before = await counts();
    const foreignDepartment = await app.number(`SELECT id FROM departments WHERE institution_id <> ${institutionId} ORDER BY id LIMIT 1`);
    expect((await jiaowu.post('/api/groups', { code: 'XX', name: '外校系部', departmentId: foreignDepartment })).statusCode).toBe(422);
    expect((await jiaowu.post('/api/clusters', { code: 'SZJQ', name: '重复' })).statusCode).toBe(409);
    expect((await jiaowu.post('/api/majors', { code: '12345', name: '五位代码' })).statusCode).toBe(400);
    expect((await jiaowu.post('/api/clusters', { code: 'bad code!', name: 'x' })).statusCode).toBe(400);
    expect((await jiaowu.post('/api/clusters', { code: 'DATE', name: 'x', formedOn: '2026/09/01' })).statusCode).toBe(400);
    expect((await jishi.post('/api/clusters', { institutionId, code: 'JS', name: '越权' })).statusCode).toBe(403);
    const cluster = await app.number("SELECT id FROM clusters WHERE code = 'SZJQ'");
    expect((await jishi.patch(`/api/clusters/${cluster}`, { name: '越权' })).statusCode).toBe(403);
    expect((await jiaowu.patch(`/api/clusters/${cluster}`, {})).statusCode).toBe(400);
    expect(await counts()).toBe(before);
  });

  it('edits a department with before/after', async () => {
    const [department] = await app.sql<{ id: number; name: string }>(
      `SELECT id, name FROM departments WHERE institution_id = ${institutionId} ORDER BY id LIMIT 1`,
    );
    const answer = await jiaowu.patch(`/api/departments/${department!.id}`, { name: `${department!.name}（新）` });
    expect(answer.statusCode).toBe(200);
    const [audit] = await app.sql<{ before: { name: string }; after: { name: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'department.update' ORDER BY id DESC LIMIT 1`,
    );
    expect([audit!.before.name, audit!.after.name]).toEqual([department!.name, `${department!.name}（新）`]);
    expect((await jishi.patch(`/api/departments/${department!.id}`, { name: '越权' })).statusCode).toBe(403);
  });

  it('edits a group (name, lead department, core major, industry chain) and a major with before/after', async () => {
    const [first, second] = await app.sql<{ id: number }>(
      `SELECT id FROM departments WHERE institution_id = ${institutionId} ORDER BY id LIMIT 2`,
    );
    const cluster = await app.number("SELECT id FROM clusters WHERE code = 'SZJQ'");
    // A core major named before the major exists, as a new group may: editing other fields keeps it.
    const created = await jiaowu.post('/api/groups', { clusterId: cluster, code: 'ZHWLQ', name: '物流专业群', coreMajorCode: '530899' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const edited = await jiaowu.patch(`/api/groups/${id}`, {
      name: '智慧物流专业群',
      coreMajorCode: '530899',
      departmentId: Number(first!.id),
      industryChain: '现代物流产业链',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '智慧物流专业群', departmentId: Number(first!.id), industryChain: '现代物流产业链' });
    const tree = (await jiaowu.get('/api/cluster-tree')).json();
    expect(tree.find((entry: { id: number }) => entry.id === cluster).groups.map((g: { name: string }) => g.name)).toContain(
      '智慧物流专业群',
    );
    const [audit] = await app.sql<{ before: { name: string; departmentId: number | null }; after: { name: string; departmentId: number } }>(
      `SELECT before, after FROM audit_log WHERE action = 'group.update' AND entity_id = '${id}' ORDER BY id DESC LIMIT 1`,
    );
    expect([audit!.before.name, audit!.before.departmentId, audit!.after.name, audit!.after.departmentId]).toEqual([
      '物流专业群',
      null,
      '智慧物流专业群',
      Number(first!.id),
    ]);
    // A new core major code must name a major of the institution; the lead department too.
    const foreignDepartment = await app.number(`SELECT id FROM departments WHERE institution_id <> ${institutionId} ORDER BY id LIMIT 1`);
    expect((await jiaowu.patch(`/api/groups/${id}`, { coreMajorCode: '999999' })).statusCode).toBe(422);
    expect((await jiaowu.patch(`/api/groups/${id}`, { departmentId: foreignDepartment })).statusCode).toBe(422);
    expect((await jiaowu.patch(`/api/groups/${id}`, {})).statusCode).toBe(400);
    expect((await jiaowu.patch(`/api/groups/${id}`, { name: '' })).statusCode).toBe(400);
    expect((await jishi.patch(`/api/groups/${id}`, { name: '越权' })).statusCode).toBe(403);
    const [kept] = await app.sql<{ name: string; department_id: number }>(
      `SELECT name, department_id FROM professional_groups WHERE id = ${id}`,
    );
    expect([kept!.name, Number(kept!.department_id)]).toEqual(['智慧物流专业群', Number(first!.id)]);

    const major = await jiaowu.post('/api/majors', { code: '530899', name: '物流管理', groupId: id });
    expect(major.statusCode, major.body).toBe(201);
    const majorId = major.json().id as number;
    const changed = await jiaowu.patch(`/api/majors/${majorId}`, {
      name: '现代物流管理',
      departmentId: Number(second!.id),
      level: 'undergraduate',
      firstEnrolmentYear: 2027,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: '现代物流管理', level: 'undergraduate', firstEnrolmentYear: 2027 });
    const [majorAudit] = await app.sql<{ before: { name: string }; after: { name: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'major.update' AND entity_id = '${majorId}' ORDER BY id DESC LIMIT 1`,
    );
    expect([majorAudit!.before.name, majorAudit!.after.name]).toEqual(['物流管理', '现代物流管理']);
    expect((await jiaowu.patch(`/api/majors/${majorId}`, { level: 'doctorate' })).statusCode).toBe(400);
    expect((await jiaowu.patch(`/api/majors/${majorId}`, {})).statusCode).toBe(400);
    expect((await jiaowu.patch(`/api/majors/${majorId}`, { departmentId: foreignDepartment })).statusCode).toBe(422);
    expect((await app.sql<{ level: string }>(`SELECT level FROM majors WHERE id = ${majorId}`))[0]!.level).toBe('undergraduate');
  });

  it('imports clusters from .xlsx; a file with 集群代码 + 简介 changes only the description', async () => {
    const file = await makeXlsx(['集群代码', '集群名称', '组建日期'], [['ZHWL', '智慧物流专业集群', '2026-10-01']]);
    const preview = await jiaowu.upload('/api/imports/clusters/preview', 'clusters.xlsx', file);
    expect(preview.statusCode).toBe(201);
    expect(preview.json().summary).toMatchObject({ create: 1 });
    expect((await jiaowu.post(`/api/imports/batches/${preview.json().id}/commit`)).statusCode).toBe(200);
    const [before] = await app.sql<{ name: string; formed_on: string }>("SELECT name, formed_on FROM clusters WHERE code = 'ZHWL'");
    expect(before).toEqual({ name: '智慧物流专业集群', formed_on: '2026-10-01' });
    const second = await jiaowu.upload(
      '/api/imports/clusters/preview',
      'c.xlsx',
      await makeXlsx(['集群代码', '简介'], [['ZHWL', '服务京津冀物流枢纽']]),
    );
    expect(second.json().summary).toMatchObject({ update: 1 });
    await jiaowu.post(`/api/imports/batches/${second.json().id}/commit`);
    const [after] = await app.sql<{ name: string; formed_on: string; description: string }>(
      "SELECT name, formed_on, description FROM clusters WHERE code = 'ZHWL'",
    );
    expect(after).toEqual({ name: '智慧物流专业集群', formed_on: '2026-10-01', description: '服务京津冀物流枢纽' });
    const badDate = await jiaowu.upload(
      '/api/imports/clusters/preview',
      'c.xlsx',
      await makeXlsx(['集群代码', '集群名称', '组建日期'], [['BAD', '坏日期', '2026年']]),
    );
    expect(badDate.json().errors[0]).toMatchObject({ column: 'formedOn', reason: '日期格式应为 YYYY-MM-DD' });
  });
});
