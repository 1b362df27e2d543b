import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { sealedAt } from '../../server/modules/org/read.ts';

let app: TestApp;
const clients: Record<string, TestClient> = {};

beforeAll(async () => {
  app = await createTestApp();
  for (const user of ['student', 'jiaowu', 'majorlead', 'grouplead', 'teacher', 'admin', 'enterprise'])
    clients[user] = await app.login(user);
});
afterAll(async () => {
  await app?.close();
});

interface Card {
  key: string;
  count: number | null;
  tone: string;
  deadline: string | null;
  link: string;
  summary: { 'zh-CN': string; en: string };
  items: Array<{ label: { 'zh-CN': string } }>;
}
const cardsOf = async (user: string) => (await clients[user]!.get('/api/me/workbench')).json().cards as Card[];
const card = async (user: string, key: string) => (await cardsOf(user)).find((entry) => entry.key === key);
const count = (sql: string) => app.number(sql, 'n');

describe('the workbench (工作台): to-do cards the modules contribute', () => {
  it('a student sees the open selection window with its deadline and the state of their claims — and never their ID number', async () => {
    const studentId = await app.number("SELECT student_id AS id FROM users WHERE username = 'student'");
    const response = await clients.student!.get('/api/me/workbench');
    expect(response.statusCode).toBe(200);
    const selection = (response.json().cards as Card[]).find((entry) => entry.key === 'courses.selection')!;
    const [window] = await app.sql<{ closes_at: Date; name: string }>(`
      SELECT w.closes_at, w.name FROM selection_windows w, students s WHERE s.id = ${studentId} AND s.cohort_year = ANY (w.cohort_years)
        AND w.opens_at <= now() AND w.closes_at > now() ORDER BY w.closes_at LIMIT 1`);
    expect(selection).toMatchObject({ tone: 'todo', link: '/selection', deadline: new Date(window!.closes_at).toISOString() });
    expect(selection.summary['zh-CN']).toContain(window!.name);
    const certificate = await app.number("SELECT id FROM certificates WHERE code = 'ZY-DG'");
    await clients.student!.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: certificate,
      level: 'junior',
      certificateNo: 'WB-0001',
    });
    const claims = (await card('student', 'creditbank.my_claims'))!;
    expect(claims.count).toBe(
      await count(
        `SELECT count(*)::int AS n FROM learning_outcomes WHERE student_id = ${studentId} AND status IN ('submitted', 'verified') AND kind <> 'course_credit'`,
      ),
    );
    expect(claims.count).toBeGreaterThan(0);
    const [{ id_number_enc: sealed, id_number_masked: masked }] = await app.sql<{ id_number_enc: string; id_number_masked: string }>(
      `SELECT id_number_enc, id_number_masked FROM students WHERE id = ${studentId}`,
    );
    const full = app.context.pii.decrypt(sealed, sealedAt('students', 'id_number_enc', studentId));
    expect(response.body).not.toContain(full);
    // Their own record keeps the numbers masked until they ask.
    const record = (await clients.student!.get('/api/me/student')).json().student;
    expect(record).toMatchObject({ idNumber: masked, piiRevealed: false });
    expect((await clients.student!.get('/api/me/student?reveal=true')).json().student).toMatchObject({ idNumber: full, piiRevealed: true });
    expect((await clients.student!.get('/api/me/student?reveal=maybe')).statusCode).toBe(400);
    // Staff cards are not theirs.
    expect((await cardsOf('student')).map((entry) => entry.key)).not.toContain('creditbank.review_queue');
  });

  it('教务 sees claims waiting for review and programmes waiting for approval, counted as in the database', async () => {
    const queue = (await card('jiaowu', 'creditbank.review_queue'))!;
    const institution = await app.number("SELECT id FROM institutions WHERE code = 'TJPC'");
    expect(queue.count).toBe(
      await count(`SELECT (SELECT count(*)::int FROM learning_outcomes WHERE institution_id = ${institution} AND status IN ('submitted', 'verified'))
      + (SELECT count(*)::int FROM certificate_import_reviews WHERE institution_id = ${institution} AND status = 'open') AS n`),
    );
    expect(queue.link).toBe('/creditbank/claims');
    // The major lead copies last year's programme to a new cohort and submits it: it shows on 教务's card.
    const source = await app.number(
      "SELECT p.id FROM programmes p JOIN majors m ON m.id = p.major_id WHERE m.code = '430401' AND p.cohort_year = 2025",
    );
    const copy = (await clients.majorlead!.post(`/api/programmes/${source}/copy`, { cohortYear: 2031 })).json();
    expect((await clients.majorlead!.post(`/api/programmes/${copy.id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    const approve = (await card('jiaowu', 'courses.programmes_to_approve'))!;
    expect(approve.count).toBe(await count("SELECT count(*)::int AS n FROM programmes WHERE status = 'submitted'"));
    expect(approve.items.map((item) => item.label['zh-CN'])).toContain(copy.name);
    expect(approve.tone).toBe('todo');
    // 教务 returns it: the major lead's card shows it as returned, with the comment.
    expect(
      (await clients.jiaowu!.post(`/api/programmes/${copy.id}/transitions`, { action: 'reject', comment: '请补充实践环节' })).statusCode,
    ).toBe(200);
    const drafts = (await card('majorlead', 'courses.my_programmes'))!;
    expect(drafts.tone).toBe('warning');
    expect(JSON.stringify(drafts.items)).toContain('请补充实践环节');
    // The major lead was told in the inbox, too.
    expect((await clients.majorlead!.get('/api/me/notifications')).json().items[0].title).toContain('培养方案被退回');
  });

  it('a teacher sees sections whose grades are not published', async () => {
    const teacherId = await app.number("SELECT teacher_id AS id FROM users WHERE username = 'teacher'");
    const grades = (await card('teacher', 'courses.grades_due'))!;
    expect(grades.count).toBe(
      await count(`SELECT count(*)::int AS n FROM sections s JOIN section_teachers t ON t.section_id = s.id JOIN terms tm ON tm.id = s.term_id
      WHERE t.teacher_id = ${teacherId} AND s.grades_published_at IS NULL AND s.status <> 'cancelled' AND tm.starts_on <= current_date`),
    );
    expect(grades.link).toBe('/grades');
  });

  it('admins see failed jobs and failed deliveries', async () => {
    expect(await card('admin', 'platform.failed_jobs')).toMatchObject({ count: 0, tone: 'done' });
    await app.sql(
      "INSERT INTO job_runs (job, due_at, attempt, trigger, owner, status, error, finished_at) VALUES ('courses.draw_due_windows', now(), 0, 'schedule', 'test', 'failed', 'Error: boom', now())",
    );
    expect(await card('admin', 'platform.failed_jobs')).toMatchObject({ count: 1, tone: 'danger', link: '/admin/jobs' });
    expect(await card('admin', 'platform.failed_deliveries')).toMatchObject({ count: 0, tone: 'info' });
    expect((await cardsOf('jiaowu')).map((entry) => entry.key)).not.toContain('platform.failed_jobs');
  });

  it('unread messages show as a card; someone with nothing to do gets an empty list, and nobody unauthenticated gets one', async () => {
    expect(await card('majorlead', 'platform.inbox')).toMatchObject({ count: 1, link: '/inbox' });
    expect(await cardsOf('enterprise')).toEqual([]);
    expect((await app.anonymous.get('/api/me/workbench')).statusCode).toBe(401);
  });
});
