import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { testDemoStudents } from '../support/constants.ts';

let app: TestApp;
let staff: TestClient;
beforeAll(async () => {
  app = await createTestApp();
  staff = await app.login('jiaowu');
});
afterAll(async () => {
  await app?.close();
});

describe('the demo cluster from the seeds', () => {
  it('has the alliance with institutions of several kinds, each with its own data', async () => {
    const body = (await (await app.login('admin')).get('/api/institutions')).json();
    expect(body.alliances[0].kind).toBe('industry_community');
    const kinds = body.institutions.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['higher_vocational', 'technician_college', 'enterprise']));
    const technician = await app.login('jishi');
    const students = (await technician.get('/api/students?pageSize=200')).json();
    expect(students.total).toBe(40);
    expect(students.items.every((s: { studentNo: string }) => s.studentNo.startsWith('J'))).toBe(true);
  });

  it('shows cluster → three groups → fifteen majors with counts', async () => {
    const tree = (await staff.get('/api/cluster-tree')).json();
    expect(tree).toHaveLength(1);
    expect(tree[0].name).toBe('绿色智能制造（冶金方向）专业集群');
    expect(tree[0].groups.map((g: { name: string }) => g.name).sort()).toEqual(
      ['工业互联网专业群', '智能控制技术专业群', '钢铁智能冶金专业群'].sort(),
    );
    expect(tree[0].majors).toBe(15);
    expect(tree[0].students).toBe(
      testDemoStudents -
        (await app.sql<{ n: number }>("SELECT count(*)::int AS n FROM students WHERE status <> 'enrolled' AND institution_id = 1"))[0]!.n,
    );
    const yj = tree[0].groups.find((g: { code: string }) => g.code === 'YJ');
    expect(yj.coreMajorCode).toBe('430401');
    expect(yj.majors.map((m: { code: string }) => m.code)).toEqual(['420802', '420901', '430401', '460104', '460106']);
    const [{ count }] = await app.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM teachers WHERE home_group_id = ${yj.id} AND status = 'active'`,
    );
    expect(yj.teachers).toBe(count);
  });

  it('keeps the 29 majors of 表 1-1 with departments and first enrolment years', async () => {
    const rows = await app.sql<{ code: string; name: string; first_enrolment_year: number; dept: string }>(
      'SELECT m.code, m.name, m.first_enrolment_year, d.name AS dept FROM majors m JOIN departments d ON d.id = m.department_id WHERE m.institution_id = 1 ORDER BY m.code',
    );
    // 表 1-1 of 001_*.txt (lines 320–403), as seed-facts.json transcribes it: code, name, department, first enrolment.
    const table11 = [
      ['420802', '环境工程技术', '工业技术系', 2012],
      ['420901', '安全技术与管理', '工业技术系', 2018],
      ['430401', '钢铁智能冶金技术', '工业技术系', 2005],
      ['440404', '建筑智能化工程技术', '工业与信息化系', 2011],
      ['460103', '数控技术', '机械工程系', 2004],
      ['460104', '机械制造及自动化', '机械工程系', 2004],
      ['460106', '工业工程技术', '工业技术系', 2019],
      ['460301', '机电一体化技术', '机械工程系', 2006],
      ['460303', '智能控制技术', '智能技术系', 2006],
      ['460305', '工业机器人技术', '机械工程系', 2016],
      ['460306', '电气自动化技术', '工业与信息化系', 2004],
      ['460310', '工业互联网应用', '工业与信息化系', 2022],
      ['460609', '无人机应用技术', '机械工程系', 2021],
      ['510101', '电子信息工程技术', '智能技术系', 2007],
      ['510103', '应用电子技术', '工业与信息化系', 2004],
      ['510205', '大数据技术', '智能技术系', 2018],
      ['510206', '云计算技术应用', '智能技术系', 2017],
      ['510207', '信息安全技术应用', '智能技术系', 2008],
      ['510301', '现代通信技术', '工业与信息化系', 2021],
      ['510307', '智能互联网络技术', '工业与信息化系', 2020],
      ['530302', '大数据与会计', '经济管理工程系', 2007],
      ['530701', '电子商务', '经济管理工程系', 2004],
      ['530702', '跨境电子商务', '经济管理工程系', 2019],
      ['530802', '现代物流管理', '经济管理工程系', 2005],
      ['620505', '煤炭综合利用技术', '天铁校区教学部', 2021],
      ['630401', '钢铁冶炼技术', '天铁校区教学部', 2021],
      ['630502', '金属压力加工', '天铁校区教学部', 2021],
      ['660201', '智能设备运行与维护', '天铁校区教学部', 2021],
      ['660302', '电气设备运行与控制', '天铁校区教学部', 2021],
    ];
    expect(rows.map((row) => [row.code, row.name, row.dept, row.first_enrolment_year])).toEqual(table11);
  });
});

describe('majors: status with history', () => {
  it('moves 招生 → 停招 → 招生 → 撤销 with history, and refuses changes after 撤销', async () => {
    const [{ id }] = await app.sql<{ id: number }>("SELECT id FROM majors WHERE code = '530702'");
    expect(
      (await staff.post(`/api/majors/${id}/status`, { status: 'suspended', effectiveYear: 2026, reason: '专业调整' })).statusCode,
    ).toBe(200);
    const same = await staff.post(`/api/majors/${id}/status`, { status: 'suspended' });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.message).toBe('专业状态已是“停招”');
    expect((await staff.post(`/api/majors/${id}/status`, { status: 'enrolling' })).statusCode).toBe(200);
    expect((await staff.post(`/api/majors/${id}/status`, { status: 'revoked', reason: '撤销' })).statusCode).toBe(200);
    const final = await staff.post(`/api/majors/${id}/status`, { status: 'enrolling' }, { headers: { 'accept-language': 'en' } });
    expect(final.statusCode).toBe(409);
    expect(final.json().error.message).toBe('A revoked major cannot change status again');
    const major = (await staff.get(`/api/majors/${id}`)).json();
    expect(major.status).toBe('revoked');
    expect(major.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual(['enrolling', 'suspended', 'enrolling', 'revoked']);
    const bad = await staff.post(`/api/majors/${id}/status`, { status: 'closed' });
    expect(bad.statusCode).toBe(400);
  });

  it('moves a major to another group only within the institution', async () => {
    const [{ id }] = await app.sql<{ id: number }>("SELECT id FROM majors WHERE code = '530701'");
    const [{ id: groupId }] = await app.sql<{ id: number }>("SELECT id FROM professional_groups WHERE code = 'GYHLW'");
    const moved = await staff.patch(`/api/majors/${id}`, { groupId });
    expect(moved.statusCode).toBe(200);
    const tree = (await staff.get('/api/cluster-tree')).json();
    expect(tree[0].groups.find((g: { code: string }) => g.code === 'GYHLW').majors.map((m: { code: string }) => m.code)).toContain(
      '530701',
    );
    const missingGroup = await staff.patch(`/api/majors/${id}`, { groupId: 999999 });
    expect(missingGroup.statusCode).toBe(422);
  });
});

describe('people', () => {
  it('pages and searches students by number prefix and by name', async () => {
    const page1 = (await staff.get('/api/students?pageSize=10')).json();
    expect(page1.items).toHaveLength(10);
    expect(page1.total).toBe(testDemoStudents);
    const page2 = (await staff.get('/api/students?pageSize=10&page=2')).json();
    expect(page2.items[0].studentNo > page1.items[9].studentNo).toBe(true);
    const sample = page1.items[3];
    const byNumber = (await staff.get(`/api/students?q=${sample.studentNo}`)).json();
    expect(byNumber.items.map((s: { id: number }) => s.id)).toEqual([sample.id]);
    const byName = (await staff.get(`/api/students?q=${encodeURIComponent(sample.name)}&pageSize=200`)).json();
    expect(byName.items.some((s: { id: number }) => s.id === sample.id)).toBe(true);
    expect(byName.items.every((s: { name: string }) => s.name.includes(sample.name))).toBe(true);
    const wildcard = (await staff.get(`/api/students?q=${encodeURIComponent('%')}`)).json();
    expect(wildcard.total).toBe(0);
    const tooBig = await staff.get('/api/students?pageSize=5000');
    expect(tooBig.statusCode).toBe(400);
  });

  it('lists teachers with their group and 双师型 flag', async () => {
    const list = (await staff.get('/api/teachers?pageSize=5')).json();
    expect(list.items[0]).toMatchObject({ staffNo: 'T00001', isDualQualified: expect.any(Boolean) });
    expect(list.items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('updates a student with audit, and refuses a class of another institution', async () => {
    const [{ id }] = await app.sql<{ id: number }>('SELECT id FROM students WHERE institution_id = 1 ORDER BY student_no LIMIT 1');
    const updated = await staff.patch(`/api/students/${id}`, { phone: '13911112222', status: 'suspended' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().phoneMasked).toBe('139****2222');
    expect(updated.json()).not.toHaveProperty('phoneEnc');
    const unknownField = await staff.patch(`/api/students/${id}`, { idNumberEnc: 'x' });
    expect(unknownField.statusCode).toBe(400);
    const badClass = await staff.patch(`/api/students/${id}`, { classId: 999999 });
    expect(badClass.statusCode).toBe(422);
    const audit = await app.sql<{ before: { status: string }; after: { status: string; phoneEnc?: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'student.update' AND entity_id = '${id}'`,
    );
    expect(audit[0]!.before.status).toBe('enrolled');
    expect(audit[0]!.after.status).toBe('suspended');
    expect(audit[0]!.after.phoneEnc).toBeUndefined();
  });

  it('creates terms and refuses duplicates and reversed dates', async () => {
    expect((await staff.post('/api/terms', { code: '2027-2028-1', startsOn: '2027-09-01', endsOn: '2028-01-15' })).statusCode).toBe(201);
    const duplicate = await staff.post('/api/terms', { code: '2027-2028-1', startsOn: '2027-09-01', endsOn: '2028-01-15' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toBe('学期的代码“2027-2028-1”已存在');
    expect((await staff.post('/api/terms', { code: '2028-2029-1', startsOn: '2029-01-15', endsOn: '2028-09-01' })).statusCode).toBe(400);
    expect((await staff.post('/api/terms', { code: '2028-2030-1', startsOn: '2028-09-01', endsOn: '2029-01-15' })).statusCode).toBe(400);
  });
});

describe('enterprise contacts (企业联系人)', () => {
  it("lists a partner enterprise's contacts with phones masked, except to the alliance admin (audited); adds contacts with the phone sealed", async () => {
    const [{ id: enterpriseId }] = await app.sql<{ id: number }>("SELECT id FROM institutions WHERE code = 'XTG'");
    const listed = await staff.get(`/api/institutions/${enterpriseId}/contacts`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().enterprise.name).toBe('天津新天钢集团有限公司');
    expect(listed.json().items).toEqual([
      expect.objectContaining({ name: '周建国', position: '人力资源部经理', phone: '139****0001', piiRevealed: false }),
    ]);
    const admin = await app.login('admin');
    const revealed = (await admin.get(`/api/institutions/${enterpriseId}/contacts`)).json();
    expect(revealed.items[0]).toMatchObject({ phone: '13912340001', piiRevealed: true });
    expect(
      (
        await app.sql(
          `SELECT id FROM audit_log WHERE action = 'pii.view' AND entity = 'enterprise_contact' AND entity_id = '${enterpriseId}'`,
        )
      ).length,
    ).toBe(1);

    const created = await admin.post(`/api/institutions/${enterpriseId}/contacts`, {
      name: '李淑芬',
      position: '炼钢厂技术主管',
      phone: '13802220333',
      email: 'li@xtg.example.com',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '李淑芬', phone: '138****0333' });
    expect(created.json()).not.toHaveProperty('phoneEnc');
    const [stored] = await app.sql<{ phone_enc: string }>(`SELECT phone_enc FROM enterprise_contacts WHERE id = ${created.json().id}`);
    expect(stored!.phone_enc).not.toContain('13802220333');
    expect(
      (await app.sql(`SELECT id FROM audit_log WHERE action = 'enterprise_contact.create' AND entity_id = '${created.json().id}'`)).length,
    ).toBe(1);

    const count = async () => (await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_contacts'))[0]!.n;
    const before = await count();
    const badPhone = await admin.post(`/api/institutions/${enterpriseId}/contacts`, { name: '王五', phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.message).toBeTruthy();
    expect((await admin.post(`/api/institutions/${enterpriseId}/contacts`, { name: '' })).statusCode).toBe(400);
    const [{ id: collegeId }] = await app.sql<{ id: number }>("SELECT id FROM institutions WHERE code = 'TJPC'");
    expect((await admin.get(`/api/institutions/${collegeId}/contacts`)).statusCode).toBe(404);
    expect((await admin.post('/api/institutions/999999/contacts', { name: '赵六' })).statusCode).toBe(404);
    expect((await staff.post(`/api/institutions/${enterpriseId}/contacts`, { name: '赵六' })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('indicator registry', () => {
  it('registers the eight rows of 表 1 with their targets and sources, plus what org computes', async () => {
    const list = (await staff.get('/api/indicators')).json();
    // The eight rows of 表 1, plus what org and the credit bank add (高级工获取率 from 003).
    const table1 = list.filter((i: { module: string; key: string }) => i.module !== 'org' && i.key !== 'creditbank.senior_worker_rate');
    expect(table1).toHaveLength(8);
    expect(list.find((i: { key: string }) => i.key === 'creditbank.converted_credits')).toMatchObject({
      defaultTarget: 120,
      comparison: '>=',
      monitoringSource: { 'zh-CN': '学分银行平台' },
      computable: true,
    });
    expect(list.find((i: { key: string }) => i.key === 'labs.transfer_outputs')).toMatchObject({ defaultTarget: 15, computable: false });
    const [{ count }] = await app.sql<{ count: number }>('SELECT count(*)::int AS count FROM indicators');
    expect(count).toBe(list.length);
  });

  it('stores targets per cluster and period with bands, defaults from the seeds', async () => {
    const [{ id: clusterId }] = await app.sql<{ id: number }>('SELECT id FROM clusters LIMIT 1');
    const defaults = (await staff.get(`/api/clusters/${clusterId}/indicator-targets?period=2025-2026`)).json();
    expect(defaults.find((t: { indicatorKey: string }) => t.indicatorKey === 'teachers.cross_group_teaching_ratio')).toMatchObject({
      target: 0.3,
      isDefault: true,
      bands: { yellow: 0.27, orange: 0.225 },
    });
    const set = await staff.put(`/api/clusters/${clusterId}/indicator-targets/teachers.cross_group_teaching_ratio`, {
      period: '2025-2026',
      target: 0.35,
      comparison: '>=',
      bands: { yellow: 0.3, orange: 0.25 },
    });
    expect(set.statusCode).toBe(200);
    const after = (await staff.get(`/api/clusters/${clusterId}/indicator-targets?period=2025-2026`)).json();
    expect(after.find((t: { indicatorKey: string }) => t.indicatorKey === 'teachers.cross_group_teaching_ratio')).toMatchObject({
      target: 0.35,
      isDefault: false,
    });
    const otherPeriod = (await staff.get(`/api/clusters/${clusterId}/indicator-targets?period=2026-2027`)).json();
    expect(otherPeriod.find((t: { indicatorKey: string }) => t.indicatorKey === 'teachers.cross_group_teaching_ratio').target).toBe(0.3);
    const badBands = await staff.put(`/api/clusters/${clusterId}/indicator-targets/teachers.cross_group_teaching_ratio`, {
      period: '2025-2026',
      target: 0.35,
      comparison: '>=',
      bands: { yellow: 0.5, orange: 0.2 },
    });
    expect(badBands.statusCode).toBe(400);
    const badPeriod = await staff.get(`/api/clusters/${clusterId}/indicator-targets?period=last-year`);
    expect(badPeriod.statusCode).toBe(400);
  });

  it('computes a measurement from the platform data and stores it with its inputs and level', async () => {
    const [{ id: clusterId }] = await app.sql<{ id: number }>('SELECT id FROM clusters LIMIT 1');
    const response = await staff.post('/api/measurements', {
      indicatorKey: 'org.dual_qualified_teacher_ratio',
      unitType: 'cluster',
      unitId: clusterId,
      period: '2025-2026',
    });
    expect(response.statusCode).toBe(201);
    const [{ total, dual }] = await app.sql<{ total: number; dual: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE is_dual_qualified)::int AS dual FROM teachers t JOIN professional_groups g ON g.id = t.home_group_id WHERE g.cluster_id = ${clusterId} AND t.status = 'active'`,
    );
    const measurement = response.json();
    expect(measurement.value).toBeCloseTo(dual / total, 6);
    expect(measurement.inputs).toMatchObject({ activeTeachers: total, dualQualifiedTeachers: dual });
    const expectedLevel = dual / total >= 0.5 ? 'met' : dual / total >= 0.45 ? 'yellow' : dual / total >= 0.375 ? 'orange' : 'red';
    expect(measurement.level).toBe(expectedLevel);
    const [audited] = await app.sql<{ actor_name: string; after: { value: number } }>(
      `SELECT actor_name, after FROM audit_log WHERE action = 'indicator.measure' AND entity_id = '${measurement.id}'`,
    );
    expect(audited?.after.value).toBeCloseTo(dual / total, 6);
    const notYet = await staff.post('/api/measurements', {
      indicatorKey: 'labs.transfer_outputs',
      unitType: 'cluster',
      unitId: clusterId,
      period: '2025-2026',
    });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.message).toContain('后续模块');
    const wrongUnit = await staff.post('/api/measurements', {
      indicatorKey: 'labs.transfer_outputs',
      unitType: 'major',
      unitId: 1,
      period: '2025-2026',
    });
    expect(wrongUnit.statusCode).toBe(400);
    const latest = (await staff.get('/api/measurements?unitType=cluster')).json();
    expect(latest.map((m: { indicatorKey: string }) => m.indicatorKey)).toContain('org.dual_qualified_teacher_ratio');
  });
});
