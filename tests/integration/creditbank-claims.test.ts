/**
 * Credit-bank claims as their users meet them (issue 12): one certificate at one level, four eyes
 * between verifying and granting, the grant confirmation's figures, evidence files, and the printed
 * credit transcript with its QR code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

let app: TestApp;
let jiaowu: TestClient;
let admin: TestClient;
let grouplead: TestClient;
let student: TestClient;
let teacher: TestClient;
const ids: Record<string, number> = {};
const one = (sql: string, column?: string) => app.number(sql, column);

beforeAll(async () => {
  app = await createTestApp();
  [jiaowu, admin, grouplead, student, teacher] = await Promise.all([
    app.login('jiaowu'),
    app.login('admin'),
    app.login('grouplead'),
    app.login('student'),
    app.login('teacher'),
  ]);
  ids.student = await one("SELECT student_id AS id FROM users WHERE username = 'student'");
  ids.studentGroup = await one(`SELECT m.group_id AS id FROM students s JOIN majors m ON m.id = s.major_id WHERE s.id = ${ids.student}`);
  // Three cross-group certificates with 初级, 中级 and 高级 (跨群: 2, 4 and 6 credits under the seeds' rules).
  const crossGroup = await app.sql<{ id: number }>(
    `SELECT id FROM certificates WHERE owner_group_id <> ${ids.studentGroup} AND levels @> '{junior,intermediate,senior}' ORDER BY code LIMIT 3`,
  );
  [ids.certificate, ids.certificateB, ids.certificateC] = crossGroup.map((row) => Number(row.id));
});
afterAll(async () => {
  await app?.close();
});

const claimsOf = (certificateId: number) =>
  one(`SELECT count(*)::int AS n FROM learning_outcomes WHERE student_id = ${ids.student} AND certificate_id = ${certificateId}`, 'n');

const certificateClaim = (certificateId: number, level: string, certificateNo: string, extra: Record<string, unknown> = {}) => ({
  kind: 'certificate',
  certificateId,
  level,
  certificateNo,
  ...extra,
});

describe('one certificate at one level (一证一级)', () => {
  let firstId: number;

  it('the form is told at once that the student already claims this certificate at this level, in the refusal’s words', async () => {
    const clear = await student.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=intermediate`);
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toEqual({ duplicate: false, reason: null, claimId: null, message: null });

    const first = await student.post('/api/creditbank/claims', certificateClaim(ids.certificate!, 'intermediate', 'CB-ONE-0001'));
    expect(first.statusCode).toBe(201);
    firstId = first.json().id;

    const check = await student.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=intermediate`);
    expect(check.json()).toMatchObject({ duplicate: true, reason: 'same_certificate_level', claimId: firstId });
    expect(check.json().message).toContain('同一证书同一等级只认定一次');
    expect(check.json().message).toContain('CB-ONE-0001');
    expect(check.json().message).toContain('已提交');
    const english = await student.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=intermediate`, {
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().message).toContain('A certificate counts once per level');
    // Another level of the same certificate is another outcome.
    expect((await student.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=junior`)).json().duplicate).toBe(false);
    // A number already on record is caught as the student types it.
    const number = await student.get(
      `/api/creditbank/claims/check?certificateId=${ids.certificate}&level=junior&certificateNo=${encodeURIComponent('cb one 0001')}`,
    );
    expect(number.json()).toMatchObject({ duplicate: true, reason: 'same_number' });
  });

  it('a second claim for the same certificate and level with another number is refused as the same outcome; nothing is written', async () => {
    const before = await claimsOf(ids.certificate!);
    const again = await student.post('/api/creditbank/claims', certificateClaim(ids.certificate!, 'intermediate', 'CB-ONE-0002'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OUTCOME_DUPLICATE');
    expect(again.json().error.details).toEqual({ claimId: firstId, reason: 'same_certificate_level' });
    expect(again.json().error.message).toContain('同一证书同一等级只认定一次');
    // Staff submitting for the student meet the same rule.
    const staff = await jiaowu.post(
      '/api/creditbank/claims',
      certificateClaim(ids.certificate!, 'intermediate', 'CB-ONE-0003', { studentId: ids.student }),
    );
    expect(staff.statusCode).toBe(409);
    expect(staff.json().error.details.reason).toBe('same_certificate_level');
    expect(await claimsOf(ids.certificate!)).toBe(before);
  });

  it('the database holds the rule too: a second live claim at the same level cannot be inserted', async () => {
    const [row] = await app.sql<{ institution_id: number }>(`SELECT institution_id FROM learning_outcomes WHERE id = ${firstId}`);
    await expect(
      app.sql(
        `INSERT INTO learning_outcomes (institution_id, student_id, kind, identity_key, certificate_id, level, certificate_no, source)
         VALUES (${row!.institution_id}, ${ids.student}, 'certificate', 'certificate:${ids.certificate}:SQL0001', ${ids.certificate}, 'intermediate', 'SQL-0001', 'student')`,
      ),
    ).rejects.toThrow(/learning_outcomes_certificate_level/);
  });

  it('a rejected claim no longer holds the place: the student may claim again', async () => {
    expect((await jiaowu.post(`/api/creditbank/claims/${firstId}/reject`, { note: '扫描件不清晰' })).statusCode).toBe(200);
    expect((await student.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=intermediate`)).json().duplicate).toBe(
      false,
    );
    const again = await student.post('/api/creditbank/claims', certificateClaim(ids.certificate!, 'intermediate', 'CB-ONE-0002'));
    expect(again.statusCode).toBe(201);
  });

  it('two claims for the same certificate and level at the same moment: one is taken, the other refused', async () => {
    const answers = await Promise.all(
      ['CB-RACE-1', 'CB-RACE-2', 'CB-RACE-3'].map((number) =>
        student.post('/api/creditbank/claims', certificateClaim(ids.certificateB!, 'junior', number)),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((answer) => answer.statusCode === 409))
      expect(refused.json().error.details.reason).toBe('same_certificate_level');
    const broken = await app.sql(`
      SELECT student_id, certificate_id, level FROM learning_outcomes
      WHERE kind = 'certificate' AND status IN ('submitted', 'verified', 'granted') AND source IN ('student', 'staff')
      GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    expect(broken).toEqual([]);
  });

  it('a level the issuing body already recorded for the student holds the place as well', async () => {
    const [institution] = await app.sql<{ institution_id: number }>(`SELECT institution_id FROM students WHERE id = ${ids.student}`);
    await app.sql(
      `INSERT INTO learning_outcomes (institution_id, student_id, kind, identity_key, certificate_id, level, certificate_no, source, status, decided_at)
       VALUES (${institution!.institution_id}, ${ids.student}, 'certificate', 'certificate:${ids.certificateC}:BODY0001', ${ids.certificateC}, 'senior', 'BODY-0001', 'import', 'granted', now())`,
    );
    const refused = await student.post('/api/creditbank/claims', certificateClaim(ids.certificateC!, 'senior', 'MINE-0001'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('BODY-0001');
    expect(refused.json().error.message).toContain('已认定');
  });

  it('the check is the claimant’s: a teacher may not ask, a student may not ask for another student, bad input is 4xx', async () => {
    expect(
      (await teacher.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=junior&studentId=${ids.student}`)).statusCode,
    ).toBe(403);
    const other = await one(`SELECT id FROM students WHERE id <> ${ids.student} AND institution_id = 1 ORDER BY id LIMIT 1`);
    expect(
      (await student.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=junior&studentId=${other}`)).statusCode,
    ).toBe(403);
    const unknown = await student.get('/api/creditbank/claims/check?certificateId=999999&level=junior');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('INVALID_REFERENCE');
    const badLevel = await student.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=master`, {
      headers: { 'accept-language': 'en' },
    });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.message.length).toBeGreaterThan(0);
    expect(
      (await grouplead.get(`/api/creditbank/claims/check?certificateId=${ids.certificate}&level=junior&studentId=${ids.student}`))
        .statusCode,
    ).toBe(200);
  });
});

describe('migration 0022 on an install that already has duplicate claims', () => {
  it('keeps the granted claim, else the oldest, of each student × certificate × level; turns the other waiting ones down with the reason', async () => {
    const migration = fs.readFileSync(path.resolve('server/db/migrations/0022_creditbank_claims.sql'), 'utf8');
    const cleanup = /WITH ranked AS[\s\S]*?;/.exec(migration)![0];
    const index = /CREATE UNIQUE INDEX learning_outcomes_certificate_level[\s\S]*?;/.exec(migration)![0];
    const [other] = await app.sql<{ id: number; institution_id: number }>(
      `SELECT id, institution_id FROM students WHERE id <> ${ids.student} AND institution_id = (SELECT institution_id FROM students WHERE id = ${ids.student}) ORDER BY id DESC LIMIT 1`,
    );
    await app.sql('DROP INDEX learning_outcomes_certificate_level');
    const insert = async (no: string, level: string, status: string, minutesAgo: number) =>
      Number(
        (
          await app.sql<{ id: number }>(
            `INSERT INTO learning_outcomes (institution_id, student_id, kind, identity_key, certificate_id, level, certificate_no, source, status, submitted_at)
             VALUES (${other!.institution_id}, ${other!.id}, 'certificate', 'certificate:${ids.certificate}:${no}', ${ids.certificate}, '${level}', '${no}', 'student', '${status}', now() - make_interval(mins => ${minutesAgo}))
             RETURNING id`,
          )
        )[0]!.id,
      );
    const oldest = await insert('MIG1', 'junior', 'submitted', 30);
    const later = await insert('MIG2', 'junior', 'verified', 20);
    const latest = await insert('MIG3', 'junior', 'submitted', 10);
    const waiting = await insert('MIG4', 'senior', 'submitted', 30);
    const granted = await insert('MIG5', 'senior', 'granted', 5);
    await app.sql(cleanup);
    await app.sql(index);
    const statuses = new Map(
      (
        await app.sql<{ id: number; status: string; decision_note: string | null }>(
          `SELECT id, status, decision_note FROM learning_outcomes WHERE id IN (${[oldest, later, latest, waiting, granted].join(',')})`,
        )
      ).map((row) => [Number(row.id), row]),
    );
    expect([oldest, later, latest, waiting, granted].map((id) => statuses.get(id)!.status)).toEqual([
      'submitted',
      'rejected',
      'rejected',
      'rejected',
      'granted',
    ]);
    expect(statuses.get(later)!.decision_note).toContain('同一证书同一等级已有申请');
  });
});

/** Submits a certificate claim as the student and has the group lead verify it. */
async function verifiedClaim(certificateId: number, level: string, certificateNo: string) {
  const submitted = await student.post('/api/creditbank/claims', certificateClaim(certificateId, level, certificateNo));
  expect(submitted.statusCode).toBe(201);
  expect((await grouplead.post(`/api/creditbank/claims/${submitted.json().id}/verify`)).statusCode).toBe(200);
  return submitted.json().id as number;
}

describe('four eyes (四眼原则) and the grant confirmation', () => {
  let claimId: number;

  it('whoever verified a claim cannot grant it; the grant preview tells them before they try', async () => {
    const submitted = await student.post('/api/creditbank/claims', certificateClaim(ids.certificateB!, 'intermediate', 'CB-EYES-0001'));
    claimId = submitted.json().id;
    expect((await jiaowu.post(`/api/creditbank/claims/${claimId}/verify`)).statusCode).toBe(200);
    const preview = await jiaowu.get(`/api/creditbank/claims/${claimId}/grant-preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ claimId, status: 'verified', fourEyes: true, mayGrant: false });
    expect(preview.json().refusal).toContain('四眼原则');
    const refused = await jiaowu.post(`/api/creditbank/claims/${claimId}/grant`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FOUR_EYES');
    expect(refused.json().error.message).toContain('核验该申请的人不能再认定它');
    const english = await jiaowu.post(`/api/creditbank/claims/${claimId}/grant`, undefined, { headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toContain('Four eyes');
    expect(await one(`SELECT count(*)::int AS n FROM ledger_entries WHERE outcome_id = ${claimId}`, 'n')).toBe(0);
  });

  it('another reviewer sees the credits and the ledger category before granting, and the grant records exactly those', async () => {
    const preview = (await admin.get(`/api/creditbank/claims/${claimId}/grant-preview`)).json();
    // 中级 of a cross-group certificate: 4 credits under the seeds' rules (its 初级 claim is still waiting, nothing granted yet).
    expect(preview).toMatchObject({ mayGrant: true, refusal: null, category: 'certificate', credits: 4, crossGroup: true });
    expect(preview.explanation).toContain('跨群证书按等级置换 4 学分');
    // A confirmation of other figures than today's is refused, and nothing is recorded.
    const stale = await admin.post(`/api/creditbank/claims/${claimId}/grant`, {
      expected: { credits: preview.credits + 1, category: 'certificate' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('GRANT_CHANGED');
    expect(stale.json().error.message).toContain('证书学分');
    expect(await one(`SELECT count(*)::int AS n FROM ledger_entries WHERE outcome_id = ${claimId}`, 'n')).toBe(0);
    const granted = await admin.post(`/api/creditbank/claims/${claimId}/grant`, {
      expected: { credits: preview.credits, category: preview.category },
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().ledger).toEqual([expect.objectContaining({ kind: 'grant', category: 'certificate', credits: preview.credits })]);
    // Once granted, the preview shows what was recorded.
    expect((await admin.get(`/api/creditbank/claims/${claimId}/grant-preview`)).json()).toMatchObject({
      status: 'granted',
      mayGrant: false,
      credits: preview.credits,
      category: 'certificate',
    });
  });

  it('the preview names a conversion refusal in words, and is for reviewers only', async () => {
    // The 初级 claim of the race above is turned down; a new one, now that 中级 is granted, converts to nothing.
    const raced = await one(
      `SELECT id FROM learning_outcomes WHERE student_id = ${ids.student} AND certificate_id = ${ids.certificateB} AND level = 'junior' AND status = 'submitted'`,
    );
    expect((await jiaowu.post(`/api/creditbank/claims/${raced}/reject`, { note: '重复提交' })).statusCode).toBe(200);
    const lower = await verifiedClaim(ids.certificateB!, 'junior', 'CB-EYES-LOWER');
    const preview = (await jiaowu.get(`/api/creditbank/claims/${lower}/grant-preview`)).json();
    expect(preview.mayGrant).toBe(false);
    expect(preview.refusal).toContain('同一证书已按相同或更高等级置换过学分');
    expect((await student.get(`/api/creditbank/claims/${lower}/grant-preview`)).statusCode).toBe(403);
    expect((await teacher.get(`/api/creditbank/claims/${lower}/grant-preview`)).statusCode).toBe(403);
    expect((await jiaowu.get('/api/creditbank/claims/999999/grant-preview')).statusCode).toBe(404);
  });

  it('an institution may turn four eyes off (教务, audited); then the verifier may grant; the setting is per institution', async () => {
    const current = await jiaowu.get('/api/creditbank/settings');
    expect(current.json()).toMatchObject({ fourEyes: true, revision: 0 });
    expect((await grouplead.put('/api/creditbank/settings', { fourEyes: false, revision: 0 })).statusCode).toBe(403);
    const bad = await jiaowu.put('/api/creditbank/settings', { fourEyes: 'no', revision: 0 }, { headers: { 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message.length).toBeGreaterThan(0);
    expect((await jiaowu.get('/api/creditbank/settings')).json().revision).toBe(0);
    const off = await jiaowu.put('/api/creditbank/settings', { fourEyes: false, revision: 0 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ fourEyes: false, revision: 1 });
    expect((await jiaowu.put('/api/creditbank/settings', { fourEyes: true, revision: 0 })).json().error.code).toBe('STALE');
    expect(await one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'creditbank.settings.update'", 'n')).toBe(1);
    // The technician college keeps its default.
    const jishi = await app.login('jishi');
    expect((await jishi.get('/api/creditbank/settings')).json()).toMatchObject({ fourEyes: true, revision: 0 });

    const submitted = await student.post('/api/creditbank/claims', certificateClaim(ids.certificateC!, 'junior', 'CB-EYES-OFF'));
    expect((await jiaowu.post(`/api/creditbank/claims/${submitted.json().id}/verify`)).statusCode).toBe(200);
    expect((await jiaowu.get(`/api/creditbank/claims/${submitted.json().id}/grant-preview`)).json()).toMatchObject({
      fourEyes: false,
      mayGrant: true,
    });
    expect((await jiaowu.post(`/api/creditbank/claims/${submitted.json().id}/grant`)).statusCode).toBe(200);
    // Nobody ever grants their own claim, four eyes or not.
    const own = await jiaowu.post(
      '/api/creditbank/claims',
      certificateClaim(ids.certificateC!, 'intermediate', 'CB-EYES-OWN', { studentId: ids.student }),
    );
    expect((await grouplead.post(`/api/creditbank/claims/${own.json().id}/verify`)).statusCode).toBe(200);
    expect((await jiaowu.post(`/api/creditbank/claims/${own.json().id}/grant`)).json().error.code).toBe('OWN_CLAIM');
    expect((await jiaowu.put('/api/creditbank/settings', { fourEyes: true, revision: 1 })).json()).toMatchObject({
      fourEyes: true,
      revision: 2,
    });
  });
});

/** The grey pixels of the first page of a PDF, as pdftoppm renders it (PGM), decoded by jsQR. */
function qrOfPdf(pdf: Buffer): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-'));
  try {
    fs.writeFileSync(path.join(dir, 't.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 't.pdf'), path.join(dir, 'page')]);
    const image = fs.readFileSync(path.join(dir, 'page.pgm'));
    // P5 <width> <height> <max>\n<bytes>
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = image.subarray(header[0].length);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let index = 0; index < width * height; index += 1) {
      rgba[index * 4] = rgba[index * 4 + 1] = rgba[index * 4 + 2] = pixels[index]!;
      rgba[index * 4 + 3] = 255;
    }
    return jsQR(rgba, width, height)?.data ?? null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function textOfPdf(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

describe('the credit transcript (学分成绩单)', () => {
  let token: string;
  let certificateOutcome: number;

  beforeAll(async () => {
    await jiaowu.post('/api/creditbank/sync');
  });

  it('lists the courses with their grade and term, and certificates with their level', async () => {
    const items = (await student.get('/api/me/creditbank/credentials')).json().items as Array<{
      kind: string;
      code: string | null;
      result: { 'zh-CN': string } | null;
      term: { 'zh-CN': string } | null;
      achievementName: string;
      outcomeId: number;
      state: string;
    }>;
    const grades = await app.sql<{ code: string; score: string | null; level: string | null; academic_year: string; term_no: number }>(`
      SELECT c.code, g.score::text AS score, g.level, t.academic_year, t.term_no FROM earned_credits e
      JOIN grades g ON g.id = e.grade_id JOIN courses c ON c.id = e.course_id JOIN terms t ON t.id = e.term_id
      WHERE e.student_id = ${ids.student}`);
    expect(grades.length).toBeGreaterThan(0);
    for (const grade of grades) {
      const item = items.find((candidate) => candidate.kind === 'course_credit' && candidate.code === grade.code)!;
      expect(item, grade.code).toBeDefined();
      if (grade.score !== null) expect(item.result!['zh-CN']).toBe(String(Number(grade.score)));
      else expect(['优秀', '良好', '中等', '及格', '合格']).toContain(item.result!['zh-CN']);
      expect(item.term!['zh-CN']).toBe(`${grade.academic_year}学年第${grade.term_no}学期`);
    }
    const certificate = items.find((item) => item.kind === 'certificate' && item.state !== 'revoked' && item.result?.['zh-CN'] === '中级')!;
    expect(certificate).toBeDefined();
    certificateOutcome = certificate.outcomeId;
  });

  it('exports a PDF that an independent reader finds the student, the grades and the credits in, with a QR code that opens /verify', async () => {
    const before = (await student.get('/api/me/creditbank/credentials')).json().items as Array<{ credentialId: string | null }>;
    expect(before.some((item) => item.credentialId === null)).toBe(true);
    const exported = await student.post('/api/me/creditbank/transcript');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/pdf');
    expect(String(exported.headers['content-disposition'])).toContain(encodeURIComponent('学分成绩单'));
    const pdf = exported.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOfPdf(pdf);
    const [me] = await app.sql<{ name: string; student_no: string }>(`SELECT name, student_no FROM students WHERE id = ${ids.student}`);
    expect(text).toContain('学分成绩单');
    expect(text).toContain(me!.name);
    expect(text).toContain(me!.student_no);
    const rows = (await student.get('/api/me/creditbank/credentials'))
      .json()
      .items.filter((item: { state: string }) => item.state !== 'revoked');
    for (const row of rows as Array<{ code: string | null; result: { 'zh-CN': string } | null }>) {
      if (row.code) expect(text).toContain(row.code);
      if (row.result) expect(text).toContain(row.result['zh-CN']);
    }
    const account = (await student.get('/api/me/creditbank')).json();
    expect(text.replace(/\s+/g, ' ')).toContain(
      `合计 ${Number.isInteger(account.balances.total) ? account.balances.total : account.balances.total.toFixed(1)}`,
    );

    const url = qrOfPdf(pdf);
    expect(url).toMatch(new RegExp(`^${app.context.config.publicUrl.replace(/[.]/g, '\\.')}/verify\\?transcript=[A-Za-z0-9_-]{43}$`));
    token = new URL(url!).searchParams.get('transcript')!;
    // The address is printed too, for those who cannot scan.
    expect(text.replace(/\s+/g, '')).toContain(url!);
    // Every outcome on the paper has its credential now.
    const issued = (await student.get('/api/me/creditbank/credentials'))
      .json()
      .items.filter((item: { state: string }) => item.state !== 'revoked');
    expect(issued.every((item: { credentialId: string | null }) => item.credentialId !== null)).toBe(true);
  });

  it('the QR code’s address shows anyone every credential printed on it, each verified', async () => {
    const answer = await app.anonymous.get(`/api/public/transcripts/${token}`);
    expect(answer.statusCode).toBe(200);
    const { items, institutionName } = answer.json();
    expect(institutionName).toBe('天津工业职业学院');
    const printed = await app.sql<{ n: number }>(
      `SELECT cardinality(credential_ids) AS n FROM credit_transcripts WHERE student_id = ${ids.student} ORDER BY created_at DESC LIMIT 1`,
    );
    expect(items).toHaveLength(Number(printed[0]!.n));
    expect(items.every((item: { verification: { verified: boolean } }) => item.verification.verified)).toBe(true);
    // No name or 学号 in the clear: the credentials carry salted hashes only.
    const [me] = await app.sql<{ name: string; student_no: string }>(`SELECT name, student_no FROM students WHERE id = ${ids.student}`);
    expect(answer.body).not.toContain(me!.student_no);
    expect(answer.body).not.toContain(me!.name);
    // Only its SHA-256 is kept.
    expect(await one(`SELECT count(*)::int AS n FROM credit_transcripts WHERE token_hash = '${token}'`, 'n')).toBe(0);
  });

  it('a grant reversed after printing shows as revoked on the printed transcript', async () => {
    expect((await admin.post(`/api/creditbank/claims/${certificateOutcome}/reverse`, { note: '发证机构撤销证书' })).statusCode).toBe(200);
    const items = (await app.anonymous.get(`/api/public/transcripts/${token}`)).json().items as Array<{
      credential: { credentialSubject: { achievement: { name: string } } };
      verification: { verified: boolean; revoked: boolean };
    }>;
    expect(items.filter((item) => item.verification.revoked)).toHaveLength(1);
    expect(items.filter((item) => !item.verification.verified)).toHaveLength(1);
  });

  it('staff who may issue export a student’s transcript; others may not; unknown codes are 404, malformed ones 400', async () => {
    const staff = await jiaowu.post(`/api/creditbank/students/${ids.student}/transcript`, undefined, {
      headers: { 'accept-language': 'en' },
    });
    expect(staff.statusCode).toBe(200);
    expect(textOfPdf(staff.rawPayload)).toContain('Credit transcript');
    expect((await teacher.post(`/api/creditbank/students/${ids.student}/transcript`)).statusCode).toBe(403);
    expect((await jiaowu.post('/api/me/creditbank/transcript')).statusCode).toBe(403);
    const unknown = await app.anonymous.get(`/api/public/transcripts/${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('找不到该二维码对应的成绩单');
    const malformed = await app.anonymous.get('/api/public/transcripts/not-a-token', { headers: { 'accept-language': 'en' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].message).toContain('not a transcript code');
  });
});

describe('the credit transcript without a Chinese font', () => {
  let fontless: TestApp;
  afterAll(async () => {
    await fontless?.close();
  });

  it('says in words that the server lacks a font and how to give it one; nothing is issued or kept', async () => {
    fontless = await createTestApp({ pdfFont: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' });
    const me = await fontless.login('student');
    await (await fontless.login('jiaowu')).post('/api/creditbank/sync');
    const before = await fontless.number(
      'SELECT (SELECT count(*) FROM issued_credentials) + (SELECT count(*) FROM credit_transcripts) AS n',
      'n',
    );
    const refused = await me.post('/api/me/creditbank/transcript');
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('PDF_FONT_UNUSABLE');
    expect(refused.json().error.message).toContain('PDF_FONT');
    expect(refused.json().error.message).toContain('不含中文字形');
    const english = await me.post('/api/me/creditbank/transcript', undefined, { headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toContain('has no Chinese glyphs');
    expect(
      await fontless.number('SELECT (SELECT count(*) FROM issued_credentials) + (SELECT count(*) FROM credit_transcripts) AS n', 'n'),
    ).toBe(before);
  });
});
