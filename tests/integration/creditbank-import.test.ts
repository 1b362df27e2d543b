import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../server/modules/org/rules.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { testMasterKey } from '../support/constants.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx, readXlsx } from '../support/xlsx.ts';
import { sealedAt } from '../../server/modules/org/read.ts';

let app: TestApp;
let jiaowu: TestClient;
let admin: TestClient;
let teacher: TestClient;
const pii = new PiiCipher(testMasterKey);
const headers = ['姓名', '身份证号', '证书代码', '等级', '证书编号', '发证日期', '发证机构'];

interface Person {
  id: number;
  name: string;
  idNumber: string;
  groupId: number;
}
let people: Person[];
let crossGroup: { id: number; code: string };
let ownGroup: { id: number; code: string };
let juniorOnly: string;
const strangerId = (() => {
  const first17 = '11010119900307001';
  return first17 + idCheckCharacter(first17);
})();

const count = async (sql: string) => Number((await app.sql<{ n: number }>(sql))[0]!.n);
const preview = (file: Buffer, client = jiaowu) => client.upload('/api/imports/certificate_results/preview', 'results.xlsx', file);

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, admin, teacher] = await Promise.all([app.login('jiaowu'), app.login('admin'), app.login('teacher')]);
  const rows = await app.sql<{ id: number; name: string; id_number_enc: string; group_id: number }>(`
    SELECT s.id, s.name, s.id_number_enc, m.group_id FROM students s JOIN majors m ON m.id = s.major_id JOIN institutions i ON i.id = s.institution_id
    WHERE i.code = 'TJPC' AND s.id_number_enc IS NOT NULL AND m.group_id IS NOT NULL ORDER BY s.id LIMIT 4`);
  people = rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    idNumber: pii.decrypt(row.id_number_enc, sealedAt('students', 'id_number_enc', Number(row.id))),
    groupId: Number(row.group_id),
  }));
  const [cross] = await app.sql<{ id: number; code: string }>(
    `SELECT id, code FROM certificates WHERE owner_group_id <> ${people[0]!.groupId} AND levels @> '{intermediate,senior}' ORDER BY code LIMIT 1`,
  );
  const [own] = await app.sql<{ id: number; code: string }>(
    `SELECT id, code FROM certificates WHERE owner_group_id = ${people[1]!.groupId} ORDER BY code LIMIT 1`,
  );
  crossGroup = { id: Number(cross!.id), code: cross!.code };
  ownGroup = { id: Number(own!.id), code: own!.code };
  juniorOnly = (
    await app.sql<{ code: string }>("SELECT code FROM certificates WHERE NOT levels @> '{technician}' ORDER BY code LIMIT 1")
  )[0]!.code;
});
afterAll(async () => {
  await app?.close();
});

const goodFile = () =>
  makeXlsx(headers, [
    [people[0]!.name, people[0]!.idNumber, crossGroup.code, '中级', 'TJ-2026-000001', '2026-06-30', '天津市职业技能鉴定指导中心'],
    // The same certificate at a higher level: tops up to the higher level's credits, not added in full.
    [people[0]!.name, people[0]!.idNumber, crossGroup.code, '高级', 'TJ-2026-000002', '2026年7月1日', '天津市职业技能鉴定指导中心'],
    [` ${people[1]!.name} `, people[1]!.idNumber.toLowerCase(), ownGroup.code, '初级', 'TJ 2026 000003', '2026/6/30', ''],
    // ID number of a student, another name: for a person to decide.
    [`${people[2]!.name}X`, people[2]!.idNumber, crossGroup.code, '中级', 'TJ-2026-000004', '', ''],
    // An ID number that is nobody's here.
    ['陌生人', strangerId, crossGroup.code, '初级', 'TJ-2026-000005', '', ''],
  ]);

describe('certificate results from the issuing body: match on ID number and name', () => {
  it('lists malformed rows with row, column and reason and commits nothing', async () => {
    const file = await makeXlsx(headers, [
      [people[0]!.name, people[0]!.idNumber, 'NO-SUCH-CERT', '中级', 'BAD-1', '', ''],
      [people[0]!.name, people[0]!.idNumber, juniorOnly, '技师', 'BAD-2', '', ''],
      [people[0]!.name, '120101200401011230', crossGroup.code, '中级', 'BAD-3', '', ''],
      [people[0]!.name, people[0]!.idNumber, crossGroup.code, '中级', 'BAD-4', '2026-02-30', ''],
      [people[0]!.name, people[0]!.idNumber, crossGroup.code, '特级', 'BAD-5', '', ''],
    ]);
    const before = await count('SELECT count(*)::int AS n FROM ledger_entries');
    const response = await preview(file);
    expect(response.statusCode).toBe(201);
    const errors = response.json().errors as Array<{ row: number; columnLabel: string; reason: string }>;
    expect(errors.map((error) => [error.row, error.columnLabel])).toEqual([
      [2, '证书代码'],
      [3, '等级'],
      [4, '身份证号'],
      [5, '发证日期'],
      [6, '等级'],
    ]);
    expect(errors[0]!.reason).toContain('NO-SUCH-CERT');
    expect(errors[1]!.reason).toContain('没有');
    expect(errors[3]!.reason).toContain('有效日期');
    const commit = await jiaowu.post(`/api/imports/batches/${response.json().id}/commit`);
    expect(commit.statusCode).toBe(422);
    expect(await count('SELECT count(*)::int AS n FROM ledger_entries')).toBe(before);
    expect(await count("SELECT count(*)::int AS n FROM learning_outcomes WHERE source = 'import'")).toBe(0);
  });

  it('grants matched rows into the ledger, queues mismatches, and says so in the preview', async () => {
    const ledgerBefore = await count('SELECT count(*)::int AS n FROM ledger_entries');
    const response = await preview(await goodFile());
    expect(response.json().errors).toEqual([]);
    const summary = response.json().summary;
    expect(summary).toMatchObject({ total: 5, create: 5, unchanged: 0 });
    expect(Object.fromEntries(summary.notes.map((note: { key: string; count: number }) => [note.key, note.count]))).toEqual({
      matched: 3,
      review: 2,
    });
    const commit = await jiaowu.post(`/api/imports/batches/${response.json().id}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(await count('SELECT count(*)::int AS n FROM ledger_entries')).toBe(ledgerBefore + 3);

    const granted = await app.sql<{
      student_id: number;
      level: string;
      credits: number;
      status: string;
      source: string;
      verified_by: number | null;
    }>(`
      SELECT o.student_id, o.level, e.credits::float8 AS credits, o.status, o.source, o.verified_by FROM learning_outcomes o JOIN ledger_entries e ON e.outcome_id = o.id
      WHERE o.source = 'import' ORDER BY o.student_id, e.seq`);
    expect(granted.map((row) => [Number(row.student_id), row.level, row.credits])).toEqual([
      [people[0]!.id, 'intermediate', 4],
      [people[0]!.id, 'senior', 2],
      [people[1]!.id, 'junior', 0],
    ]);
    expect(granted.every((row) => row.status === 'granted' && row.verified_by === null)).toBe(true);
    // The issuing body's number is kept as written; the identity compares it normalised.
    expect(
      await count(
        "SELECT count(*)::int AS n FROM learning_outcomes WHERE certificate_no = 'TJ 2026 000003' AND identity_key LIKE '%TJ2026000003'",
      ),
    ).toBe(1);

    const queue = (await jiaowu.get('/api/creditbank/import-reviews?status=open')).json();
    expect(queue.total).toBe(2);
    expect(queue.items.map((item: { reason: string }) => item.reason)).toEqual(['name_mismatch', 'id_not_found']);
    expect(queue.items[0].candidate).toMatchObject({ id: people[2]!.id, name: people[2]!.name });
    expect(queue.items[1].idNumberMasked).toMatch(/^110\*+/);
    expect(JSON.stringify(queue)).not.toContain(strangerId);
    expect(queue.items[0]).not.toHaveProperty('idNumberEnc');
    expect((await jiaowu.get('/api/creditbank/ledger/verify')).json()).toMatchObject({ intact: true });
  });

  it('importing the same file again adds nothing: every row is on record', async () => {
    const ledgerBefore = await count('SELECT count(*)::int AS n FROM ledger_entries');
    const reviewsBefore = await count('SELECT count(*)::int AS n FROM certificate_import_reviews');
    const response = await preview(await goodFile());
    expect(response.json().summary).toMatchObject({ total: 5, create: 0, unchanged: 5 });
    expect((await jiaowu.post(`/api/imports/batches/${response.json().id}/commit`)).statusCode).toBe(200);
    expect(await count('SELECT count(*)::int AS n FROM ledger_entries')).toBe(ledgerBefore);
    expect(await count('SELECT count(*)::int AS n FROM certificate_import_reviews')).toBe(reviewsBefore);
  });

  it('a claim of an imported certificate number, written another way, is the same outcome', async () => {
    const response = await jiaowu.post('/api/creditbank/claims', {
      kind: 'certificate',
      studentId: people[0]!.id,
      certificateId: crossGroup.id,
      level: 'intermediate',
      certificateNo: 'tj2026 000001',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('OUTCOME_DUPLICATE');
  });
});

describe('the review queue: a person decides, never the importer', () => {
  it('the importer cannot resolve their own rows; bad input is refused and changes nothing', async () => {
    const [nameRow, strangerRow] = (await jiaowu.get('/api/creditbank/import-reviews?status=open')).json().items;
    const own = await jiaowu.post(`/api/creditbank/import-reviews/${nameRow.id}/match`, { studentId: people[2]!.id });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('OWN_IMPORT');
    expect((await admin.post(`/api/creditbank/import-reviews/${nameRow.id}/match`, { studentId: 999_999_999 })).statusCode).toBe(422);
    expect((await admin.post(`/api/creditbank/import-reviews/${nameRow.id}/match`, { studentId: 'x' })).statusCode).toBe(400);
    expect((await admin.post(`/api/creditbank/import-reviews/${strangerRow.id}/dismiss`, { note: '' })).statusCode).toBe(400);
    expect((await admin.post('/api/creditbank/import-reviews/999999/dismiss', { note: '不是本校学生' })).statusCode).toBe(404);
    expect((await teacher.get('/api/creditbank/import-reviews')).statusCode).toBe(403);
    expect(await count("SELECT count(*)::int AS n FROM certificate_import_reviews WHERE status = 'open'")).toBe(2);
  });

  it('another reviewer matches a row to the student (granted once, even when repeated) and dismisses the other', async () => {
    const [nameRow, strangerRow] = (await admin.get('/api/creditbank/import-reviews?status=open')).json().items;
    const ledgerBefore = await count('SELECT count(*)::int AS n FROM ledger_entries');
    const [first, second] = await Promise.all([
      admin.post(`/api/creditbank/import-reviews/${nameRow.id}/match`, {
        studentId: people[2]!.id,
        note: '成绩单姓名录入错误，已电话核实',
      }),
      admin.post(`/api/creditbank/import-reviews/${nameRow.id}/match`, {
        studentId: people[2]!.id,
        note: '成绩单姓名录入错误，已电话核实',
      }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(first.json()).toMatchObject({ status: 'matched' });
    expect(await count('SELECT count(*)::int AS n FROM ledger_entries')).toBe(ledgerBefore + 1);
    const outcome = await app.sql<{ student_id: number; status: string }>(
      `SELECT student_id, status FROM learning_outcomes WHERE id = ${first.json().outcomeId}`,
    );
    expect(outcome[0]).toMatchObject({ status: 'granted' });
    expect(Number(outcome[0]!.student_id)).toBe(people[2]!.id);
    // Matched elsewhere is closed: another student is refused.
    expect((await admin.post(`/api/creditbank/import-reviews/${nameRow.id}/match`, { studentId: people[3]!.id })).statusCode).toBe(409);

    const dismissed = await admin.post(`/api/creditbank/import-reviews/${strangerRow.id}/dismiss`, { note: '非本校学生' });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', note: '非本校学生' });
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'creditbank.import_review.%'")).toBe(2);

    // A re-import still adds nothing: the matched row is an outcome now, the dismissed one stays dismissed.
    const again = await preview(await goodFile());
    expect(again.json().summary).toMatchObject({ create: 0, unchanged: 5 });
    expect((await jiaowu.get('/api/creditbank/ledger/verify')).json()).toMatchObject({ intact: true });
  });

  it('a zero-credit grant (own-group certificate) can be reversed, with a zero reversal', async () => {
    const [zero] = await app.sql<{ id: number }>(
      `SELECT o.id FROM learning_outcomes o JOIN ledger_entries e ON e.outcome_id = o.id WHERE o.source = 'import' AND e.credits = 0 AND o.student_id = ${people[1]!.id}`,
    );
    const reversed = await admin.post(`/api/creditbank/claims/${zero!.id}/reverse`, { note: '发证机构通知证书作废' });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json()).toMatchObject({ status: 'reversed' });
    expect(reversed.json().ledger.map((entry: { kind: string; credits: number }) => [entry.kind, Number(entry.credits)])).toEqual([
      ['grant', 0],
      ['reversal', 0],
    ]);
    expect((await jiaowu.get('/api/creditbank/ledger/verify')).json()).toMatchObject({ intact: true });
  });

  it("exports the outcomes on record in the issuing body's shape", async () => {
    const response = await jiaowu.get('/api/exports/certificate_results');
    expect(response.statusCode).toBe(200);
    const rows = await readXlsx(response.rawPayload);
    expect(rows[0]).toEqual(['姓名 *', '身份证号 *', '证书代码 *', '等级 *', '证书编号 *', '发证日期', '发证机构']);
    expect(rows.some((row) => row[4] === 'TJ-2026-000002' && row[1] === people[0]!.idNumber && row[3] === '高级')).toBe(true);
  });
});

describe("the credit bank's indicators", () => {
  const measure = async (indicatorKey: string, period: string) => {
    const response = await jiaowu.post('/api/measurements', { indicatorKey, unitType: 'cluster', unitId: clusterId, period });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  let clusterId: number;
  const clusterStudents = (where: string) =>
    `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id JOIN clusters c ON c.id = g.cluster_id WHERE c.code = 'LSZNZZ' AND ${where}`;

  beforeAll(async () => {
    clusterId = Number((await app.sql<{ id: number }>("SELECT id FROM clusters WHERE code = 'LSZNZZ'"))[0]!.id);
  });

  it("技能证书跨群取证率: enrolled students holding another group's certificate by the end of the year ÷ enrolled students", async () => {
    const result = await measure('creditbank.cross_group_certificate_rate', '2025-2026');
    const enrolled = await count(`SELECT count(*)::int AS n FROM (${clusterStudents("s.status = 'enrolled'")}) x`);
    const holders =
      await count(`SELECT count(DISTINCT o.student_id)::int AS n FROM learning_outcomes o JOIN certificates c ON c.id = o.certificate_id
      JOIN students s ON s.id = o.student_id JOIN majors m ON m.id = s.major_id
      WHERE o.status = 'granted' AND c.owner_group_id <> m.group_id AND s.status = 'enrolled' AND coalesce(o.issued_on, o.decided_at::date) < '2026-09-01'
        AND s.id IN (${clusterStudents('true')})`);
    expect(holders).toBeGreaterThanOrEqual(1);
    expect(result.inputs).toMatchObject({ enrolledStudents: enrolled, crossGroupCertificateHolders: holders });
    expect(result.value).toBeCloseTo(holders / enrolled, 9);
    // Before any certificate was issued, nobody held one.
    expect((await measure('creditbank.cross_group_certificate_rate', '2020-2021')).value).toBe(0);
  });

  it('证书学分置换学分数: certificate and exemption credits recorded in the academic year, reversals deducted', async () => {
    const [{ start }] = await app.sql<{ start: number }>(
      'SELECT (extract(year FROM now()) - CASE WHEN extract(month FROM now()) >= 9 THEN 0 ELSE 1 END)::int AS start',
    );
    const period = `${start}-${Number(start) + 1}`;
    const expected = await count(
      `SELECT coalesce(sum(credits), 0)::float8 AS n FROM ledger_entries WHERE category IN ('certificate', 'exemption') AND student_id IN (${clusterStudents('true')})`,
    );
    const result = await measure('creditbank.converted_credits', period);
    expect(result.value).toBe(expected);
    expect(result.value).toBeGreaterThanOrEqual(6);
    // Far below the seeds' default target of 120 credits: a red warning; a cluster target the value just
    // misses makes it yellow, and one it reaches makes it met.
    expect(result).toMatchObject({ target: 120, level: 'red' });
    const setTarget = (target: number) =>
      jiaowu.put(`/api/clusters/${clusterId}/indicator-targets/creditbank.converted_credits`, { period, target, comparison: '>=' });
    expect((await setTarget(result.value / 0.95)).statusCode).toBe(200);
    expect(await measure('creditbank.converted_credits', period)).toMatchObject({ value: expected, level: 'yellow' });
    expect((await setTarget(result.value)).statusCode).toBe(200);
    expect(await measure('creditbank.converted_credits', period)).toMatchObject({ value: expected, level: 'met' });
    expect((await setTarget(120)).statusCode).toBe(200);
    expect((await measure('creditbank.converted_credits', '2020-2021')).value).toBe(0);
  });

  it("高级工获取率: the graduating cohort's students holding a senior certificate or above", async () => {
    const [{ cohort }] = await app.sql<{ cohort: number }>(`SELECT cohort_year AS cohort FROM students WHERE id = ${people[0]!.id}`);
    const period = `${Number(cohort) + 2}-${Number(cohort) + 3}`;
    const result = await measure('creditbank.senior_worker_rate', period);
    const cohortSize = await count(
      `SELECT count(*)::int AS n FROM (${clusterStudents(`s.cohort_year = ${cohort} AND s.status IN ('enrolled', 'graduated')`)}) x`,
    );
    expect(result.inputs).toMatchObject({ cohortYear: Number(cohort), students: cohortSize, seniorCertificateHolders: 1 });
    expect(result.value).toBeCloseTo(1 / cohortSize, 9);
    const definitions = (await jiaowu.get('/api/indicators')).json();
    expect(definitions.find((indicator: { key: string }) => indicator.key === 'creditbank.senior_worker_rate')).toMatchObject({
      defaultTarget: 0.845,
    });
  });
});
