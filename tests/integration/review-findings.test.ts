import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { testMasterKey } from '../support/constants.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx, readXlsx } from '../support/xlsx.ts';
import { blankSheet, replaceFirstSheet } from '../support/zip-bomb.ts';

/**
 * The findings of the security review (issue 11), each as it was found: every test here failed
 * before its fix. Demo accounts: jiaowu = 教务 of 天津工业职业学院 (institution 1), jishi = 教务 of the
 * technician college, grouplead = group lead of 钢铁智能冶金专业群 (YJ), advisor = advisory member of the cluster.
 */
let app: TestApp;
const as: Record<string, TestClient> = {};
const one = (text: string, column?: string) => app.number(text, column);
let institutionId: number;
let otherInstitutionId: number;

beforeAll(async () => {
  app = await createTestApp();
  for (const user of ['admin', 'jiaowu', 'jishi', 'grouplead', 'advisor', 'supervisor', 'teacher', 'student'])
    as[user] = await app.login(user);
  institutionId = await one("SELECT id FROM institutions WHERE code = 'TJPC'");
  otherInstitutionId = await one("SELECT id FROM institutions WHERE code = 'TJYJJS'");
});
afterAll(async () => app?.close());

/** A second 教务 of the same institution, with the demo password (for "another user's batch"). */
async function secondAcademicAffairs(username: string): Promise<TestClient> {
  await app.sql(
    `INSERT INTO users (username, display_name, password_hash, institution_id)
     SELECT $1, '第二位教务', password_hash, institution_id FROM users WHERE username = 'jiaowu'`,
    [username],
  );
  await app.sql(
    `INSERT INTO role_grants (user_id, role, scope_type, scope_id, institution_id)
     SELECT u.id, 'academic_affairs', 'institution', u.institution_id, u.institution_id FROM users u WHERE u.username = $1`,
    [username],
  );
  return app.login(username);
}

describe('the certificate-result review queue is scoped like the claims queue', () => {
  let rows: Record<'yjCandidate' | 'kzCandidate' | 'yjCertificate' | 'unattached', number>;
  beforeAll(async () => {
    const groupYJ = await one("SELECT id FROM professional_groups WHERE code = 'YJ'");
    const groupKZ = await one("SELECT id FROM professional_groups WHERE code = 'KZ'");
    const studentYJ = await one(
      `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id WHERE m.group_id = ${groupYJ} ORDER BY s.id LIMIT 1`,
    );
    const studentKZ = await one(
      `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id WHERE m.group_id = ${groupKZ} ORDER BY s.id LIMIT 1`,
    );
    const unownedCertificate = await one(
      `SELECT id FROM certificates WHERE institution_id = ${institutionId} AND (owner_group_id IS NULL OR owner_group_id <> ${groupYJ}) ORDER BY id LIMIT 1`,
    );
    const yjCertificate = await one(
      `INSERT INTO certificates (institution_id, cluster_id, code, name, kind, issuer, levels, owner_group_id)
       SELECT institution_id, cluster_id, 'REVIEW-YJ', '冶金群自有证书', 'skill_level', '测试机构', ARRAY['junior'], ${groupYJ}
       FROM certificates WHERE id = ${unownedCertificate} RETURNING id`,
    );
    const queue = async (no: string, certificateId: number, candidate: number | null) =>
      one(`INSERT INTO certificate_import_reviews (institution_id, identity_key, certificate_id, level, certificate_no, person_name,
             id_number_enc, id_number_masked, id_number_hash, reason, candidate_student_id)
           VALUES (${institutionId}, 'certificate:${certificateId}:${no}', ${certificateId}, 'junior', '${no}', '待核对', 'v1:unused',
             '120***********0000', 'unused-${no}', 'name_mismatch', ${candidate ?? 'NULL'}) RETURNING id`);
    rows = {
      yjCandidate: await queue('SCOPE-1', unownedCertificate, studentYJ),
      kzCandidate: await queue('SCOPE-2', unownedCertificate, studentKZ),
      yjCertificate: await queue('SCOPE-3', yjCertificate, null),
      unattached: await queue('SCOPE-4', unownedCertificate, null),
    };
  });

  it('a group lead lists, opens and dismisses only rows of their group; 教务 of the institution sees every row', async () => {
    const listed = (await as.grouplead!.get('/api/creditbank/import-reviews?status=open&pageSize=200')).json();
    const ids = new Set(listed.items.map((item: { id: number }) => item.id));
    expect(ids.has(rows.yjCandidate)).toBe(true);
    expect(ids.has(rows.yjCertificate)).toBe(true);
    expect(ids.has(rows.kzCandidate)).toBe(false);
    expect(ids.has(rows.unattached)).toBe(false);
    const visibleInSql = await one(
      `SELECT count(*)::int AS n FROM certificate_import_reviews r
       WHERE r.institution_id = ${institutionId} AND r.status = 'open' AND (
         r.candidate_student_id IN (SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id WHERE g.code = 'YJ')
         OR r.certificate_id IN (SELECT c.id FROM certificates c JOIN professional_groups g ON g.id = c.owner_group_id WHERE g.code = 'YJ'))`,
      'n',
    );
    expect(listed.total).toBe(visibleInSql);

    expect((await as.grouplead!.get(`/api/creditbank/import-reviews/${rows.kzCandidate}`)).statusCode).toBe(403);
    const refused = await as.grouplead!.post(`/api/creditbank/import-reviews/${rows.unattached}/dismiss`, { note: '不是本群学生' });
    expect(refused.statusCode).toBe(403);
    expect(
      await one(`SELECT count(*)::int AS n FROM certificate_import_reviews WHERE id = ${rows.unattached} AND status = 'open'`, 'n'),
    ).toBe(1);

    const all = (await as.jiaowu!.get('/api/creditbank/import-reviews?status=open&pageSize=200')).json();
    const allIds = new Set(all.items.map((item: { id: number }) => item.id));
    for (const id of Object.values(rows)) expect(allIds.has(id)).toBe(true);
    const dismissed = await as.grouplead!.post(`/api/creditbank/import-reviews/${rows.yjCertificate}/dismiss`, { note: '重复上报' });
    expect(dismissed.statusCode).toBe(200);
  });
});

describe('exports of people are audited and show personal data in clear only to roles that may reveal it', () => {
  it('教务 gets ID numbers in clear and an audit entry with the row count; a supervisor gets them masked; a teacher is refused', async () => {
    const students = await one(`SELECT count(*)::int AS n FROM students WHERE institution_id = ${institutionId}`, 'n');
    const plain = await as.jiaowu!.get('/api/exports/students');
    expect(plain.statusCode).toBe(200);
    const plainRows = await readXlsx(plain.rawPayload);
    expect(plainRows.length - 1).toBe(students);
    const idColumn = plainRows[0]!.findIndex((header) => header.startsWith('身份证号'));
    expect(plainRows[1]![idColumn]).toMatch(/^\d{17}[\dX]$/);
    const [entry] = await app.sql<{ actor_name: string; after: { rows: number; personalData: string } }>(
      "SELECT actor_name, after FROM audit_log WHERE action = 'export.download' AND entity = 'export:students' ORDER BY id DESC LIMIT 1",
    );
    expect(entry!.after).toEqual({ rows: students, personalData: 'plain' });

    const masked = await as.supervisor!.get('/api/exports/students');
    expect(masked.statusCode).toBe(200);
    const maskedRows = await readXlsx(masked.rawPayload);
    expect(maskedRows.length).toBe(plainRows.length);
    expect(maskedRows[1]![idColumn]).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(maskedRows.slice(1).every((row) => !/^\d{17}[\dX]$/.test(row[idColumn] ?? ''))).toBe(true);
    const [maskedEntry] = await app.sql<{ after: { personalData: string } }>(
      "SELECT after FROM audit_log WHERE action = 'export.download' AND entity = 'export:students' ORDER BY id DESC LIMIT 1",
    );
    expect(maskedEntry!.after.personalData).toBe('masked');

    const teachers = await as.jiaowu!.get('/api/exports/teachers');
    expect(teachers.statusCode).toBe(200);
    expect(await one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.download' AND entity = 'export:teachers'", 'n')).toBe(
      1,
    );
    const before = await one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.download'", 'n');
    expect((await as.teacher!.get('/api/exports/students')).statusCode).toBe(403);
    expect(await one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.download'", 'n')).toBe(before);
  });
});

describe('an .xlsx zip bomb is refused before it is inflated', () => {
  it('a 100+ MB sheet packed into a small upload gets 413 and no batch is written', async () => {
    const bomb = replaceFirstSheet(await makeXlsx(['学号', '姓名'], [['2025001', '张三']]), blankSheet(120));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const batches = await one('SELECT count(*)::int AS n FROM import_batches', 'n');
    const response = await as.jiaowu!.upload('/api/imports/students/preview', 'bomb.xlsx', bomb);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('XLSX_TOO_LARGE');
    expect(response.json().error.message).toContain('100 MB');
    expect(await one('SELECT count(*)::int AS n FROM import_batches', 'n')).toBe(batches);
  });
});

describe('the public credential check is bounded', () => {
  it('refuses documents with too many values or too deep, and bodies over 256 KiB, with 413', async () => {
    const base = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'x',
      credentialSubject: {},
    };
    const wide = { ...base, credentialSubject: { many: Array.from({ length: 6000 }, (_, index) => index) } };
    const tooWide = await app.anonymous.post('/api/public/credentials/verify', wide);
    expect([tooWide.statusCode, tooWide.json().error.code]).toEqual([413, 'CREDENTIAL_TOO_LARGE']);
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 40; level++) deep = { inner: deep };
    const tooDeep = await app.anonymous.post('/api/public/credentials/verify', { ...base, credentialSubject: deep });
    expect(tooDeep.json().error.code).toBe('CREDENTIAL_TOO_LARGE');
    const big = await app.anonymous.post('/api/public/credentials/verify', { ...base, description: 'x'.repeat(300 * 1024) });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'BODY_TOO_LARGE']);
  });

  it('limits each client address across server processes (the counter is in the database)', async () => {
    // A second app on the same database: an in-memory counter would give each process its own 30.
    const second = await buildApp(
      { ...readConfig({} as NodeJS.ProcessEnv), dataDir: '.tmp/test-unused', loadDemoData: false },
      app.database,
      new PiiCipher(testMasterKey),
    );
    await second.fastify.ready();
    try {
      await app.sql("DELETE FROM rate_limits WHERE key LIKE 'credential_verify:%'");
      const notACredential = { hello: 'world' };
      const send = (fastify: typeof app.fastify, address: string) =>
        fastify.inject({ method: 'POST', url: '/api/public/credentials/verify', payload: notACredential, remoteAddress: address });
      const codes: number[] = [];
      for (let index = 0; index < 15; index++) codes.push((await send(app.fastify, '203.0.113.7')).statusCode);
      for (let index = 0; index < 15; index++) codes.push((await send(second.fastify, '203.0.113.7')).statusCode);
      expect(new Set(codes)).toEqual(new Set([422]));
      const refused = await send(second.fastify, '203.0.113.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.message).toMatch(/\d+ 秒后再试/);
      expect((await send(app.fastify, '198.51.100.9')).statusCode).toBe(422);
      expect(await one("SELECT hits FROM rate_limits WHERE key = 'credential_verify:203.0.113.7'", 'hits')).toBe(31);
    } finally {
      await second.fastify.close();
    }
  });
});

describe('the audit log of an institution admin holds only their institution', () => {
  it('an admin of the technician college reads its entries only, and may not ask for another institution', async () => {
    await app.sql(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id, institution_id)
       SELECT id, 'admin', 'institution', ${otherInstitutionId}, ${otherInstitutionId} FROM users WHERE username = 'jishi'`,
    );
    const jishiAdmin = await app.login('jishi');
    const own = await jishiAdmin.get('/api/audit?limit=200');
    expect(own.statusCode).toBe(200);
    const body = own.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((item: { institutionId: number }) => item.institutionId === otherInstitutionId)).toBe(true);
    expect(body.total).toBe(await one(`SELECT count(*)::int AS n FROM audit_log WHERE institution_id = ${otherInstitutionId}`, 'n'));
    expect((await jishiAdmin.get(`/api/audit?institutionId=${institutionId}`)).statusCode).toBe(403);
    const alliance = (await as.admin!.get(`/api/audit?institutionId=${institutionId}&limit=1`)).json();
    expect(alliance.total).toBe(await one(`SELECT count(*)::int AS n FROM audit_log WHERE institution_id = ${institutionId}`, 'n'));
    expect((await as.admin!.get('/api/audit?institutionId=abc')).statusCode).toBe(400);
  });
});

describe('references in the credit bank are checked against the institution', () => {
  let foreignCourse: number;
  let foreignGroup: number;
  beforeAll(async () => {
    const foreignCluster = await one(
      `INSERT INTO clusters (institution_id, code, name) VALUES (${otherInstitutionId}, 'JSJQ', '技师学院集群') RETURNING id`,
    );
    foreignGroup = await one(
      `INSERT INTO professional_groups (institution_id, cluster_id, code, name) VALUES (${otherInstitutionId}, ${foreignCluster}, 'JSQ', '技师学院专业群') RETURNING id`,
    );
    foreignCourse = await one(
      `INSERT INTO courses (institution_id, cluster_id, code, status) VALUES (${otherInstitutionId}, ${foreignCluster}, 'JS-101', 'published') RETURNING id`,
    );
    await app.sql(
      `INSERT INTO course_versions (institution_id, course_id, version_no, name, credits, theory_hours, practice_hours, assessment, layer, module_type)
       VALUES (${otherInstitutionId}, ${foreignCourse}, 1, '技师学院课程', 2, 16, 16, 'exam', 'shared', 'professional')`,
    );
  });

  it('a certificate mapping to another college’s course is refused and the mappings stay', async () => {
    const certificate = await one("SELECT id FROM certificates WHERE code = 'ZY-LGG'");
    const before = await app.sql(
      `SELECT course_id, min_level FROM certificate_course_mappings WHERE certificate_id = ${certificate} ORDER BY course_id`,
    );
    const refused = await as.jiaowu!.put(`/api/creditbank/certificates/${certificate}/mappings`, {
      mappings: [{ courseId: foreignCourse, minLevel: 'junior' }],
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'INVALID_REFERENCE']);
    expect(
      await app.sql(
        `SELECT course_id, min_level FROM certificate_course_mappings WHERE certificate_id = ${certificate} ORDER BY course_id`,
      ),
    ).toEqual(before);
  });

  it('an exemption claim for another college’s course is refused', async () => {
    const certificate = await one("SELECT id FROM certificates WHERE code = 'ZY-LGG'");
    const claims = await one('SELECT count(*)::int AS n FROM learning_outcomes', 'n');
    const refused = await as.student!.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: certificate,
      level: 'junior',
      certificateNo: 'FOREIGN-0001',
      intendedUse: 'exemption',
      exemptCourseId: foreignCourse,
    });
    expect([refused.statusCode, refused.json().error.details.field]).toEqual([422, 'exemptCourseId']);
    expect(await one('SELECT count(*)::int AS n FROM learning_outcomes', 'n')).toBe(claims);
  });

  it('a certificate or competition owned by another institution’s group is refused', async () => {
    const cluster = await one("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
    const certificate = await as.jiaowu!.post('/api/creditbank/certificates', {
      clusterId: cluster,
      code: 'FOREIGN-OWNER',
      name: '归属错误的证书',
      kind: 'skill_level',
      issuer: '测试机构',
      levels: ['junior'],
      ownerGroupId: foreignGroup,
    });
    expect([certificate.statusCode, certificate.json().error.details.field]).toEqual([422, 'ownerGroupId']);
    const competition = await as.jiaowu!.post('/api/creditbank/competitions', {
      clusterId: cluster,
      code: 'FOREIGN-COMP',
      name: '归属错误的大赛',
      level: 'provincial',
      year: 2026,
      ownerGroupId: foreignGroup,
    });
    expect([competition.statusCode, competition.json().error.details.field]).toEqual([422, 'ownerGroupId']);
    expect(await one("SELECT count(*)::int AS n FROM certificates WHERE code = 'FOREIGN-OWNER'", 'n')).toBe(0);
    expect(await one("SELECT count(*)::int AS n FROM competitions WHERE code = 'FOREIGN-COMP'", 'n')).toBe(0);
  });
});

describe('evidence links are web addresses', () => {
  it('refuses javascript:, data: and file: links with 400 and keeps https', async () => {
    const certificate = await one("SELECT id FROM certificates WHERE code = 'ZY-LGG'");
    const claim = (no: string, link: string) =>
      as.student!.post('/api/creditbank/claims', {
        kind: 'certificate',
        certificateId: certificate,
        level: 'junior',
        certificateNo: no,
        evidence: { links: [link] },
      });
    const claims = await one('SELECT count(*)::int AS n FROM learning_outcomes', 'n');
    for (const link of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      const refused = await claim(`LINK-${link.length}`, link);
      expect(refused.statusCode).toBe(400);
      expect(JSON.stringify(refused.json().error.details)).toContain('http');
    }
    expect(await one('SELECT count(*)::int AS n FROM learning_outcomes', 'n')).toBe(claims);
    expect((await claim('LINK-OK', 'https://zscx.osta.org.cn/result?no=1')).statusCode).toBe(201);
  });
});

describe('import batches belong to their uploader and expire', () => {
  it('another 教务 may not read, commit or download a batch; an admin may; an expired batch is gone', async () => {
    const upload = await as.jiaowu!.upload(
      '/api/imports/departments/preview',
      'd.xlsx',
      await makeXlsx(
        ['系部代码', '系部名称'],
        [
          ['OWNB', '归属测试系'],
          ['', '缺代码'],
        ],
      ),
    );
    expect(upload.statusCode).toBe(201);
    const batch = upload.json().id as string;
    const colleague = await secondAcademicAffairs('jiaowu2');
    for (const call of [
      () => colleague.get(`/api/imports/batches/${batch}`),
      () => colleague.post(`/api/imports/batches/${batch}/commit`),
      () => colleague.get(`/api/imports/batches/${batch}/errors.xlsx`),
    ]) {
      const refused = await call();
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'NOT_YOUR_IMPORT']);
    }
    expect((await as.admin!.get(`/api/imports/batches/${batch}`)).statusCode).toBe(200);
    expect((await as.jiaowu!.get(`/api/imports/batches/${batch}`)).statusCode).toBe(200);
    const expires = await app.sql<{ days: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days FROM import_batches WHERE id = '${batch}'`,
    );
    expect(expires[0]!.days).toBe(7);

    await app.sql(`UPDATE import_batches SET expires_at = now() - interval '1 second' WHERE id = '${batch}'`);
    const expired = await as.jiaowu!.get(`/api/imports/batches/${batch}`);
    expect([expired.statusCode, expired.json().error.code]).toEqual([410, 'IMPORT_EXPIRED']);
    const { finished } = await app.context.jobs.runNow('platform.expired_data', null);
    expect((await finished).status).toBe('succeeded');
    expect(await one(`SELECT count(*)::int AS n FROM import_batches WHERE id = '${batch}'`, 'n')).toBe(0);
  });
});

describe('control characters are refused for the whole API', () => {
  it('a NUL in the login name answers 400, not 500, and nothing is written', async () => {
    const audit = await one('SELECT count(*)::int AS n FROM audit_log', 'n');
    const response = await app.anonymous.post('/api/auth/login', { username: 'ad\u0000min', password: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('CONTROL_CHARACTER');
    expect(response.json().error.message).toContain('控制字符');
    const english = await app.anonymous.post(
      '/api/auth/login',
      { username: 'ad\u0000min', password: 'x' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.json().error.message).toContain('control character');
    expect(await one('SELECT count(*)::int AS n FROM audit_log', 'n')).toBe(audit);
  });

  it('in a query string, in a nested body field and in an object key; line breaks in text stay allowed', async () => {
    expect((await as.jiaowu!.get('/api/students?q=%00')).json().error.code).toBe('CONTROL_CHARACTER');
    // Not ZY-LGG: the student already holds a junior claim on it above (one certificate at one level).
    const certificate = await one(`
      SELECT c.id FROM certificates c WHERE c.code <> 'ZY-LGG' AND 'junior' = ANY (c.levels)
        AND NOT EXISTS (SELECT 1 FROM learning_outcomes k JOIN users u ON u.student_id = k.student_id WHERE u.username = 'student' AND k.certificate_id = c.id)
      ORDER BY c.code LIMIT 1`);
    const claimWithNote = (certificateNo: string, note: string) =>
      as.student!.post('/api/creditbank/claims', {
        kind: 'certificate',
        certificateId: certificate,
        level: 'junior',
        certificateNo,
        evidence: { note },
      });
    const nested = await claimWithNote('CTRL-0001', 'bell \u0007 here');
    expect([nested.statusCode, nested.json().error.details.field]).toEqual([400, 'body.evidence.note']);
    const key = await as.student!.post('/api/creditbank/claims', { ['kind\u0000']: 'x' });
    expect(key.json().error.code).toBe('CONTROL_CHARACTER');
    const multiline = await claimWithNote('CTRL-0002', '第一行\n第二行\t附注');
    expect(multiline.statusCode).toBe(201);
  });
});
