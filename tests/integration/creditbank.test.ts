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
  ids.studentGroup = await one(`SELECT m.group_id AS id FROM students s JOIN majors m ON m.id = s.major_id WHERE s.id = ${ids.student}`);
  ids.crossGroupCertificate = await one(
    `SELECT id FROM certificates WHERE owner_group_id <> ${ids.studentGroup} AND levels @> '{intermediate}' ORDER BY code LIMIT 1`,
  );
  ids.ownGroupCertificate = await one(`SELECT id FROM certificates WHERE owner_group_id = ${ids.studentGroup} ORDER BY code LIMIT 1`);
  ids.competition = await one("SELECT id FROM competitions WHERE level = 'provincial' LIMIT 1");
});
afterAll(async () => {
  await app?.close();
});

const ledgerCount = async (outcomeId: number, kind: string) =>
  one(`SELECT count(*)::int AS n FROM ledger_entries WHERE outcome_id = ${outcomeId} AND kind = '${kind}'`, 'n');

describe('credit bank: catalogues and rules from the seeds', () => {
  it("has the cluster's 12 certificates and an approved rule version with 初级 2 / 中级 4 / 高级 6", async () => {
    const certificates = (await jiaowu.get(`/api/creditbank/certificates?clusterId=${ids.cluster}`)).json();
    expect(certificates).toHaveLength(12);
    expect(
      certificates
        .filter((certificate: { guessed: boolean }) => !certificate.guessed)
        .map((certificate: { name: string }) => certificate.name),
    ).toEqual(expect.arrayContaining(['工业互联网网络运维', '电工']));
    const rules = (await jiaowu.get(`/api/creditbank/clusters/${ids.cluster}/rules`)).json();
    const current = rules.versions.find((version: { id: number }) => version.id === rules.currentId);
    expect(current.rules.crossGroupCertificateCredits).toMatchObject({ junior: 2, intermediate: 4, senior: 6 });
  });

  it('names each mapped course in the catalogue, for students who cannot read the course pool', async () => {
    expect((await student.get('/api/courses')).statusCode).toBe(403);
    const mapped = (await student.get('/api/creditbank/certificates'))
      .json()
      .flatMap((certificate: { mappings: unknown[] }) => certificate.mappings);
    expect(mapped.length).toBeGreaterThan(0);
    const courses = await app.sql<{ id: number; code: string; name: string }>(
      'SELECT c.id, c.code, v.name FROM courses c JOIN course_versions v ON v.course_id = c.id AND v.version_no = c.current_version_no WHERE c.id IN (SELECT course_id FROM certificate_course_mappings)',
    );
    const byId = new Map(courses.map((course) => [Number(course.id), course]));
    for (const mapping of mapped as Array<{ courseId: number; courseCode: string; courseName: string }>) {
      expect(mapping).toMatchObject({ courseCode: byId.get(mapping.courseId)!.code, courseName: byId.get(mapping.courseId)!.name });
    }
  });

  it('versions rules: a bad draft is refused with the reason, the author cannot approve, another 教务 can', async () => {
    const current = (await jiaowu.get(`/api/creditbank/clusters/${ids.cluster}/rules`)).json().defaults;
    const bad = await jiaowu.post(`/api/creditbank/clusters/${ids.cluster}/rules`, {
      rules: { ...current, crossGroupCertificateCredits: { ...current.crossGroupCertificateCredits, senior: 3 } },
      validFrom: '2030-09-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('等级越高');
    const draft = await jiaowu.post(`/api/creditbank/clusters/${ids.cluster}/rules`, {
      rules: current,
      validFrom: '2030-09-01',
      note: '下一学年',
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().versionNo).toBe(2);
    const own = await jiaowu.post(`/api/creditbank/rules/${draft.json().id}/approve`);
    expect(own.statusCode).toBe(403);
    const approved = await admin.post(`/api/creditbank/rules/${draft.json().id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    // Valid only from 2030: today's rules are still version 1.
    expect((await jiaowu.get(`/api/creditbank/clusters/${ids.cluster}/rules`)).json().currentId).not.toBe(draft.json().id);
    expect((await jiaowu.put(`/api/creditbank/rules/${draft.json().id}`, { rules: current, validFrom: '2031-01-01' })).statusCode).toBe(
      409,
    );
  });
});

describe('credit bank: course credits from the courses module', () => {
  it('takes in every earned course credit once: a second run adds nothing, balances match earned_credits', async () => {
    const first = (await jiaowu.post('/api/creditbank/sync')).json();
    const earned = await one('SELECT count(*)::int AS n FROM earned_credits', 'n');
    expect(first.granted).toBe(earned);
    expect(earned).toBeGreaterThan(0);
    const again = (await jiaowu.post('/api/creditbank/sync')).json();
    expect(again).toEqual({ granted: 0, reversed: 0 });
    const account = (await student.get('/api/me/creditbank')).json();
    const courseCredits = await one(
      `SELECT coalesce(sum(credits), 0)::float8 AS n FROM earned_credits WHERE student_id = ${ids.student}`,
      'n',
    );
    expect(account.balances.course).toBe(courseCredits);
    const verification = (await jiaowu.get('/api/creditbank/ledger/verify')).json();
    expect(verification).toMatchObject({ intact: true, problems: [] });
    expect(verification.entries).toBe(earned);
  });
});

describe('credit bank: claims', () => {
  let claimId: number;

  it('a student submits a cross-group certificate; the same certificate number again is refused as the same outcome', async () => {
    const submitted = await student.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: ids.crossGroupCertificate,
      level: 'intermediate',
      certificateNo: 'TJ-2026-000123',
      issuedOn: '2026-06-30',
      evidence: { note: '证书扫描件' },
    });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({ status: 'submitted', source: 'student', level: 'intermediate' });
    claimId = submitted.json().id;
    const again = await student.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: ids.crossGroupCertificate,
      level: 'senior',
      certificateNo: 'tj 2026 000123',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OUTCOME_DUPLICATE');
    expect(await one(`SELECT count(*)::int AS n FROM learning_outcomes WHERE certificate_id = ${ids.crossGroupCertificate}`, 'n')).toBe(1);
  });

  it('a student cannot review; a grant needs verification first', async () => {
    expect((await student.post(`/api/creditbank/claims/${claimId}/verify`)).statusCode).toBe(403);
    const early = await jiaowu.post(`/api/creditbank/claims/${claimId}/grant`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('BAD_TRANSITION');
    expect(early.json().error.message).toBe('当前状态为“已提交”的申请不能执行“认定”');
    const inEnglish = await jiaowu.post(`/api/creditbank/claims/${claimId}/grant`, undefined, { headers: { 'accept-language': 'en' } });
    expect(inEnglish.json().error.message).toBe('A claim that is submitted cannot be granted');
  });

  it('two reviewers granting at the same moment make exactly one ledger entry, worth the cross-group 4 credits', async () => {
    expect((await grouplead.post(`/api/creditbank/claims/${claimId}/verify`)).statusCode).toBe(200);
    const answers = await Promise.all([
      jiaowu.post(`/api/creditbank/claims/${claimId}/grant`, { note: '核验原件' }),
      admin.post(`/api/creditbank/claims/${claimId}/grant`),
      jiaowu.post(`/api/creditbank/claims/${claimId}/grant`),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
    expect(answers.every((answer) => answer.json().status === 'granted')).toBe(true);
    expect(await ledgerCount(claimId, 'grant')).toBe(1);
    const account = (await student.get('/api/me/creditbank')).json();
    expect(account.balances.certificate).toBe(4);
    expect(answers[0]!.json().ledger).toHaveLength(1);
    const { conversion } = account;
    const programmeShareCap =
      conversion.programmeGraduationCredits === null ? Infinity : Math.floor(conversion.programmeGraduationCredits * 0.2 * 2) / 2;
    expect(conversion).toMatchObject({ used: 4, maxPerStudent: 24, programmeShare: 0.2, cap: Math.min(24, programmeShareCap) });
    expect(conversion.remaining).toBe(conversion.cap - 4);
  });

  it('nobody verifies their own claim: a group lead who submitted for a student cannot verify it', async () => {
    const submitted = await grouplead.post('/api/creditbank/claims', {
      kind: 'competition',
      studentId: ids.student,
      competitionId: ids.competition,
      prize: 'second',
    });
    expect(submitted.statusCode).toBe(201);
    const own = await grouplead.post(`/api/creditbank/claims/${submitted.json().id}/verify`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('OWN_CLAIM');
    expect((await jiaowu.post(`/api/creditbank/claims/${submitted.json().id}/verify`)).statusCode).toBe(200);
    // Four eyes: another reviewer than the one who verified grants it.
    const granted = await admin.post(`/api/creditbank/claims/${submitted.json().id}/grant`);
    expect(granted.statusCode).toBe(200);
    expect((await student.get('/api/me/creditbank')).json().balances.competition).toBe(4);
  });

  it('a reversal is a new entry with the negative credits; the balance returns and the chain stays intact', async () => {
    const reversed = await jiaowu.post(`/api/creditbank/claims/${claimId}/reverse`, { note: '发证机构撤销证书' });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json().status).toBe('reversed');
    expect(reversed.json().ledger.map((entry: { kind: string; credits: number }) => [entry.kind, entry.credits])).toEqual([
      ['grant', 4],
      ['reversal', -4],
    ]);
    expect((await jiaowu.post(`/api/creditbank/claims/${claimId}/reverse`)).statusCode).toBe(200);
    expect(await ledgerCount(claimId, 'reversal')).toBe(1);
    expect((await student.get('/api/me/creditbank')).json().balances.certificate).toBe(0);
    expect((await jiaowu.get('/api/creditbank/ledger/verify')).json().intact).toBe(true);
  });

  it('the review queue lists submitted claims to staff in scope and not to a student', async () => {
    await student.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: ids.ownGroupCertificate,
      level: 'junior',
      certificateNo: 'OWN-0001',
    });
    const queue = (await grouplead.get('/api/creditbank/claims?status=submitted')).json();
    expect(queue.items.map((item: { certificateNo: string }) => item.certificateNo)).toContain('OWN-0001');
    expect((await student.get('/api/creditbank/claims')).statusCode).toBe(403);
  });

  it("filters the queue by kind, and a group lead's pages and total count only students of their group", async () => {
    const outsider = await one(
      `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id WHERE m.group_id <> ${ids.studentGroup} AND s.institution_id = (SELECT institution_id FROM students WHERE id = ${ids.student}) ORDER BY s.id LIMIT 1`,
    );
    const submitted = await jiaowu.post('/api/creditbank/claims', {
      kind: 'certificate',
      studentId: outsider,
      certificateId: ids.ownGroupCertificate,
      level: 'junior',
      certificateNo: 'OUT-0001',
    });
    expect(submitted.statusCode).toBe(201);
    const numbersOf = (answer: { items: Array<{ certificateNo: string | null }> }) => answer.items.map((item) => item.certificateNo);
    const staffView = (await jiaowu.get('/api/creditbank/claims?status=submitted&kind=certificate&pageSize=100')).json();
    expect(numbersOf(staffView)).toEqual(expect.arrayContaining(['OWN-0001', 'OUT-0001']));
    const groupView = (await grouplead.get('/api/creditbank/claims?status=submitted&kind=certificate&pageSize=100')).json();
    expect(numbersOf(groupView)).toContain('OWN-0001');
    expect(numbersOf(groupView)).not.toContain('OUT-0001');
    expect(groupView.total).toBe(groupView.items.length);
    expect(staffView.total).toBe(
      await one(
        `SELECT count(*)::int AS n FROM learning_outcomes WHERE status = 'submitted' AND kind = 'certificate' AND institution_id = (SELECT institution_id FROM students WHERE id = ${ids.student})`,
        'n',
      ),
    );
    expect(staffView.total).toBeGreaterThan(groupView.total);
    const firstPage = (await grouplead.get('/api/creditbank/claims?pageSize=1')).json();
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.total).toBe(
      await one(
        `SELECT count(*)::int AS n FROM learning_outcomes o JOIN students s ON s.id = o.student_id JOIN majors m ON m.id = s.major_id WHERE m.group_id = ${ids.studentGroup}`,
        'n',
      ),
    );
    const competitions = (await jiaowu.get('/api/creditbank/claims?kind=competition&pageSize=100')).json();
    expect(competitions.items.length).toBeGreaterThan(0);
    expect(competitions.items.every((item: { kind: string }) => item.kind === 'competition')).toBe(true);
    expect((await jiaowu.get('/api/creditbank/claims?kind=diploma')).statusCode).toBe(400);
  });
});

describe('credit bank: the ledger is tamper-evident', () => {
  it('names the entry whose row was changed in SQL, and the link a removed entry broke', async () => {
    const [target] = await app.sql<{ id: number; seq: number }>(
      "SELECT id, seq FROM ledger_entries WHERE category = 'competition' ORDER BY seq LIMIT 1",
    );
    await app.sql('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update');
    await app.sql(`UPDATE ledger_entries SET credits = 8 WHERE id = ${target!.id}`);
    const changed = (await jiaowu.get('/api/creditbank/ledger/verify')).json();
    expect(changed.intact).toBe(false);
    expect(changed.problems).toEqual([{ entryId: Number(target!.id), seq: Number(target!.seq), problem: 'hash_mismatch' }]);
    const [middle] = await app.sql<{ id: number; seq: number }>(
      `SELECT id, seq FROM ledger_entries WHERE seq = 5 AND institution_id = (SELECT institution_id FROM ledger_entries WHERE id = ${target!.id})`,
    );
    await app.sql(`DELETE FROM ledger_entries WHERE id = ${middle!.id}`);
    await app.sql('ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update');
    const removed = (await jiaowu.get('/api/creditbank/ledger/verify')).json();
    expect(removed.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ seq: 6, problem: 'chain_broken' }),
        expect.objectContaining({ seq: 6, problem: 'sequence_gap' }),
      ]),
    );
    // Without the trigger switched off, the ledger refuses changes.
    await expect(app.sql(`UPDATE ledger_entries SET credits = 1 WHERE id = ${target!.id}`)).rejects.toThrow(/append-only/);
  });
});

describe('credit bank: bad input gets a clear 4xx and changes nothing', () => {
  it('refuses malformed, unknown and impossible claims and rule sets without writing a row', async () => {
    const count = async () =>
      one(
        'SELECT (SELECT count(*) FROM learning_outcomes) + (SELECT count(*) FROM conversion_rule_sets) + (SELECT count(*) FROM ledger_entries) AS n',
        'n',
      );
    const before = await count();
    const otherStudent = await one(`SELECT id FROM students WHERE id <> ${ids.student} AND institution_id = 1 LIMIT 1`);
    const attempts: Array<[Promise<{ statusCode: number; json: () => { error: { code: string; message: string } } }>, number, string]> = [
      [student.post('/api/creditbank/claims', { kind: 'diploma', certificateId: 1 }), 400, 'VALIDATION_FAILED'],
      [
        student.post('/api/creditbank/claims', { kind: 'certificate', certificateId: 999999, level: 'junior', certificateNo: 'X-1' }),
        422,
        'INVALID_REFERENCE',
      ],
      [
        student.post('/api/creditbank/claims', {
          kind: 'certificate',
          certificateId: ids.crossGroupCertificate,
          level: 'technician',
          certificateNo: 'X-2',
        }),
        422,
        'LEVEL_NOT_OFFERED',
      ],
      [
        student.post('/api/creditbank/claims', {
          kind: 'certificate',
          certificateId: ids.crossGroupCertificate,
          level: 'junior',
          certificateNo: 'X-3',
          intendedUse: 'exemption',
        }),
        422,
        'INVALID_REFERENCE',
      ],
      [
        student.post('/api/creditbank/claims', {
          kind: 'certificate',
          studentId: otherStudent,
          certificateId: ids.crossGroupCertificate,
          level: 'junior',
          certificateNo: 'X-4',
        }),
        403,
        'NOT_OWN_STUDENT',
      ],
      [
        student.post('/api/creditbank/claims', {
          kind: 'certificate',
          certificateId: ids.crossGroupCertificate,
          level: 'junior',
          certificateNo: '',
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        jiaowu.post(`/api/creditbank/clusters/${ids.cluster}/rules`, {
          rules: { maxConvertedCreditsPerStudent: '很多' },
          validFrom: '2030-01-01',
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [jiaowu.post(`/api/creditbank/clusters/${ids.cluster}/rules`, { rules: {}, validFrom: '2030-13-45' }), 400, 'VALIDATION_FAILED'],
      [jiaowu.post('/api/creditbank/claims/999999/grant'), 404, 'NOT_FOUND'],
      [jiaowu.post('/api/creditbank/claims/1/promote'), 400, 'VALIDATION_FAILED'],
    ];
    for (const [pending, status, code] of attempts) {
      const response = await pending;
      expect(response.statusCode, code).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message.length).toBeGreaterThan(0);
    }
    expect(await count()).toBe(before);
  });
});
