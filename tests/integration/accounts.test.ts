// 用户与权限: provisioning from the roster with one-time activation codes (only hashes stored), the first
// sign-in that must choose a password, and administrators' changes to accounts and grants, each audited
// with before/after and effective at once.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

let app: TestApp;
let admin: TestClient;
let jiaowu: TestClient;
let institutionId: number;
let klass: { id: number; name: string; size: number };

interface SheetRow {
  username: string;
  name: string;
  code: string;
}

async function readSheet(base64: string): Promise<{ sheets: string[]; rows: SheetRow[]; text: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: SheetRow[] = [];
  let text = '';
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row, number) => {
      const cells = (row.values as unknown[]).slice(1).map((value) => String(value ?? ''));
      text += `${cells.join('|')}\n`;
      if (number > 3) rows.push({ username: cells[0]!, name: cells[1]!, code: cells[2]! });
    });
  }
  return { sheets: workbook.worksheets.map((sheet) => sheet.name), rows, text };
}

const signIn = (username: string, password: string) => app.anonymous.post('/api/auth/login', { username, password });

function clientOf(response: Awaited<ReturnType<typeof signIn>>) {
  const session = response.cookies.find((cookie) => cookie.name === 'sitong_session')!;
  return app.withSession(`sitong_session=${session.value}`, response.json().csrfToken);
}

beforeAll(async () => {
  app = await createTestApp();
  [admin, jiaowu] = await Promise.all([app.login('admin'), app.login('jiaowu')]);
  institutionId = (await jiaowu.get('/api/auth/me')).json().institutionId;
  const [row] = await app.sql<{ id: number; name: string; size: number }>(
    `SELECT c.id, c.name, count(s.id)::int AS size FROM classes c JOIN students s ON s.class_id = c.id AND s.status = 'enrolled'
     WHERE c.institution_id = ${institutionId} AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)
     GROUP BY c.id, c.name HAVING count(s.id) >= 5 ORDER BY c.id LIMIT 1`,
  );
  klass = { id: Number(row!.id), name: row!.name, size: Number(row!.size) };
});
afterAll(async () => {
  await app?.close();
});

describe('provisioning a class from the roster', () => {
  let sheet: Awaited<ReturnType<typeof readSheet>>;

  it('opens an account per enrolled student (学号 as user name), with a role on their major, and returns the activation sheet once', async () => {
    const response = await jiaowu.post('/api/accounts/provision', { institutionId, classId: klass.id, kinds: ['student'] });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.summary).toMatchObject({ created: klass.size, reissued: 0, existing: 0, conflicts: [] });
    sheet = await readSheet(body.sheet.base64);
    expect(sheet.sheets).toEqual([klass.name.slice(0, 28)]);
    expect(sheet.text).toContain('账号激活单');
    expect(sheet.rows).toHaveLength(klass.size);
    for (const row of sheet.rows) expect(row.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const students = await app.sql<{ student_no: string; name: string }>(
      `SELECT student_no, name FROM students WHERE class_id = ${klass.id} AND status = 'enrolled' ORDER BY student_no`,
    );
    expect(sheet.rows.map((row) => [row.username, row.name])).toEqual(students.map((s) => [s.student_no, s.name]));
    const accounts = await app.sql<{ username: string; activation_pending: boolean; role: string; scope_type: string; matches: boolean }>(
      `SELECT u.username, u.activation_pending, g.role, g.scope_type, g.scope_id = s.major_id AS matches
       FROM users u JOIN students s ON s.id = u.student_id JOIN role_grants g ON g.user_id = u.id WHERE s.class_id = ${klass.id}`,
    );
    expect(accounts).toHaveLength(klass.size);
    expect(accounts.every((a) => a.activation_pending && a.role === 'student' && a.scope_type === 'major' && a.matches)).toBe(true);
  });

  it('keeps only hashes of the codes: no code is anywhere in the database', async () => {
    const code = sheet.rows[0]!.code;
    const hits = await app.sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM activation_codes WHERE code_hash LIKE '%${code}%' OR code_hash LIKE '%${code.replace(/-/g, '')}%')
            + (SELECT count(*) FROM audit_log WHERE summary LIKE '%${code}%' OR after::text LIKE '%${code}%')
            + (SELECT count(*) FROM users WHERE password_hash LIKE '%${code}%') AS n`,
    );
    expect(Number(hits[0]!.n)).toBe(0);
    expect(
      await app.number(
        `SELECT count(*)::int AS n FROM activation_codes a JOIN users u ON u.id = a.user_id JOIN students s ON s.id = u.student_id WHERE s.class_id = ${klass.id}`,
        'n',
      ),
    ).toBe(klass.size);
  });

  it('the student signs in with 学号 + code, may do nothing before choosing a password, then sees their record; the code is used up', async () => {
    const { username, code } = sheet.rows[0]!;
    const wrong = await signIn(username, 'AAAA-BBBB-CCCC');
    expect(wrong.statusCode).toBe(401);
    const first = await signIn(username, code.toLowerCase().replace(/-/g, ' '));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().passwordChangeRequired).toBe(true);
    const student = clientOf(first);
    expect((await student.get('/api/auth/me')).json().passwordChangeRequired).toBe(true);
    const blocked = await student.get('/api/me/student');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(blocked.json().error.message).toBe('首次登录须先设置新密码');
    const weak = await student.post('/api/auth/first-password', { newPassword: username });
    expect(weak.statusCode).toBe(400);
    expect((await student.post('/api/auth/first-password', { newPassword: 'Tiegong#2026qiu' })).statusCode).toBe(200);
    expect((await student.get('/api/auth/me')).json().passwordChangeRequired).toBe(false);
    const record = await student.get('/api/me/student');
    expect(record.statusCode).toBe(200);
    expect(record.json().studentNo ?? record.json().student?.studentNo).toBe(username);
    expect((await signIn(username, code)).statusCode).toBe(401);
    expect((await signIn(username, 'Tiegong#2026qiu')).statusCode).toBe(200);
    expect(
      await app.number(
        `SELECT count(*)::int AS n FROM activation_codes a JOIN users u ON u.id = a.user_id WHERE u.username = '${username}'`,
        'n',
      ),
    ).toBe(0);
    const [audit] = await app.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE action = 'auth.activated' AND entity_id = (SELECT id::text FROM users WHERE username = '${username}')`,
    );
    expect(audit?.action).toBe('auth.activated');
    // A session that was not opened by a code cannot use the first-password route.
    const again = clientOf(await signIn(username, 'Tiegong#2026qiu'));
    expect((await again.post('/api/auth/first-password', { newPassword: 'Another#Pass2026' })).statusCode).toBe(409);
  });

  it('provisioning the class again creates nothing; reissue gives the never-activated new codes and voids the old ones', async () => {
    const again = (await jiaowu.post('/api/accounts/provision', { institutionId, classId: klass.id, kinds: ['student'] })).json();
    expect(again.summary).toMatchObject({ created: 0, reissued: 0, existing: klass.size });
    expect(again.sheet).toBeNull();
    const reissued = (
      await jiaowu.post('/api/accounts/provision', { institutionId, classId: klass.id, kinds: ['student'], reissue: true })
    ).json();
    expect(reissued.summary).toMatchObject({ created: 0, reissued: klass.size - 1, existing: 1 });
    const fresh = await readSheet(reissued.sheet.base64);
    const { username, code: oldCode } = sheet.rows[1]!;
    expect((await signIn(username, oldCode)).statusCode).toBe(401);
    const newCode = fresh.rows.find((row) => row.username === username)!.code;
    expect((await signIn(username, newCode)).json().passwordChangeRequired).toBe(true);
  });

  it('a user name already taken by someone else is reported, not merged', async () => {
    const [other] = await app.sql<{ id: number; student_no: string; class_id: number }>(
      `SELECT s.id, s.student_no, s.class_id FROM students s WHERE s.institution_id = ${institutionId} AND s.status = 'enrolled' AND s.class_id <> ${klass.id}
       AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id) ORDER BY s.id LIMIT 1`,
    );
    const created = await admin.post('/api/users', { username: other!.student_no, displayName: '同号的教务员', institutionId });
    expect(created.statusCode).toBe(201);
    const run = (await jiaowu.post('/api/accounts/provision', { institutionId, classId: other!.class_id, kinds: ['student'] })).json();
    expect(run.summary.conflicts).toEqual([expect.objectContaining({ username: other!.student_no, reason: 'username_taken' })]);
    expect(await app.number(`SELECT count(*)::int AS n FROM users WHERE student_id = ${other!.id}`, 'n')).toBe(0);
  });

  it('refuses bad input and people without the right, writing nothing', async () => {
    const before = await app.number('SELECT count(*)::int AS n FROM users', 'n');
    expect((await jiaowu.post('/api/accounts/provision', { institutionId, kinds: [] })).statusCode).toBe(400);
    expect((await jiaowu.post('/api/accounts/provision', { institutionId, kinds: ['robot'] })).statusCode).toBe(400);
    expect((await jiaowu.post('/api/accounts/provision', { institutionId: 'x', kinds: ['student'] })).statusCode).toBe(400);
    const nobody = await jiaowu.post('/api/accounts/provision', { institutionId, classId: 999999, kinds: ['student'] });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.json().error.message).toBe('所选范围内没有需要开通账号的学生或教师');
    const teacher = await app.login('teacher');
    expect((await teacher.post('/api/accounts/provision', { institutionId, classId: klass.id, kinds: ['student'] })).statusCode).toBe(403);
    expect(await app.number('SELECT count(*)::int AS n FROM users', 'n')).toBe(before);
  });
});

describe('administrators manage accounts and grants', () => {
  let teacherUserId: number;
  let groupId: number;

  beforeAll(async () => {
    teacherUserId = await app.number(`SELECT id FROM users WHERE username = 'teacher'`);
    const own = await app.sql<{ id: number }>(
      `SELECT scope_id AS id FROM role_grants WHERE user_id = ${teacherUserId} AND scope_type = 'group'`,
    );
    const groups = await app.sql<{ id: number }>(`SELECT id FROM professional_groups WHERE institution_id = ${institutionId} ORDER BY id`);
    groupId = Number(groups.find((group) => !own.some((mine) => Number(mine.id) === Number(group.id)))!.id);
  });

  it('lists users filtered by role, scope, institution, status and text', async () => {
    const students = (await admin.get(`/api/users?role=student&institutionId=${institutionId}&pageSize=200`)).json();
    expect(students.total).toBeGreaterThanOrEqual(klass.size);
    expect(students.items.every((user: { grants: Array<{ role: string }> }) => user.grants.some((g) => g.role === 'student'))).toBe(true);
    const pending = (await admin.get('/api/users?status=pending&pageSize=200')).json();
    expect(pending.items.every((user: { status: string }) => user.status === 'pending')).toBe(true);
    expect(pending.total).toBeGreaterThanOrEqual(klass.size - 1);
    const leads = (await admin.get('/api/users?role=group_lead')).json();
    expect(leads.items.map((user: { username: string }) => user.username)).toContain('grouplead');
    expect(leads.items[0].grants.find((g: { role: string }) => g.role === 'group_lead').scopeLabel).toMatch(/专业群/);
    const byText = (await admin.get('/api/users?q=jiao')).json();
    expect(byText.items.map((user: { username: string }) => user.username)).toEqual(['jiaowu']);
    expect((await admin.get('/api/users?status=sleeping')).statusCode).toBe(400);
    expect((await admin.get('/api/users?pageSize=0')).statusCode).toBe(400);
    expect((await jiaowu.get('/api/users')).statusCode).toBe(403);
  });

  it('a granted role counts on the next request, a revoke removes it at once; both audited', async () => {
    const teacher = await app.login('teacher');
    const grantsNow = async () => (await teacher.get('/api/auth/me')).json().grants as Array<{ role: string; type: string; id: number }>;
    expect((await grantsNow()).some((g) => g.role === 'group_lead')).toBe(false);
    const granted = await admin.post(`/api/users/${teacherUserId}/grants`, { role: 'group_lead', scopeType: 'group', scopeId: groupId });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(await grantsNow()).toContainEqual({ role: 'group_lead', type: 'group', id: groupId });
    expect(
      (await admin.post(`/api/users/${teacherUserId}/grants`, { role: 'group_lead', scopeType: 'group', scopeId: groupId })).statusCode,
    ).toBe(409);
    const revoked = await admin.request('DELETE', `/api/users/${teacherUserId}/grants/${granted.json().id}`);
    expect(revoked.statusCode).toBe(200);
    expect((await grantsNow()).some((g) => g.role === 'group_lead')).toBe(false);
    const audits = await app.sql<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = '${teacherUserId}' AND action IN ('account.grant', 'account.revoke') ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['account.grant', 'account.revoke']);
    expect(audits[0]!.after).toMatchObject({ role: 'group_lead', scopeType: 'group', scopeId: groupId });
    expect(audits[1]!.before).toMatchObject({ role: 'group_lead', scopeType: 'group', scopeId: groupId });
  });

  it('a grant outside its validity gives nothing; a validity that ends before it starts is refused', async () => {
    const teacher = await app.login('teacher');
    const later = await admin.post(`/api/users/${teacherUserId}/grants`, {
      role: 'major_lead',
      scopeType: 'group',
      scopeId: groupId,
      validFrom: '2099-09-01',
    });
    expect(later.statusCode).toBe(201);
    expect(((await teacher.get('/api/auth/me')).json().grants as Array<{ role: string }>).some((g) => g.role === 'major_lead')).toBe(false);
    const backwards = await admin.post(`/api/users/${teacherUserId}/grants`, {
      role: 'supervisor',
      scopeType: 'group',
      scopeId: groupId,
      validFrom: '2026-09-01',
      validUntil: '2026-08-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toBe('有效期的开始日期不能晚于结束日期');
    expect(
      (await admin.post(`/api/users/${teacherUserId}/grants`, { role: 'wizard', scopeType: 'group', scopeId: groupId })).statusCode,
    ).toBe(400);
    expect(
      (await admin.post(`/api/users/${teacherUserId}/grants`, { role: 'teacher', scopeType: 'group', scopeId: 987654 })).statusCode,
    ).toBe(404);
    expect(
      await app.number(`SELECT count(*)::int AS n FROM role_grants WHERE user_id = ${teacherUserId} AND role = 'supervisor'`, 'n'),
    ).toBe(0);
  });

  it('disable ends the sessions at once; enable lets the person in again', async () => {
    const teacher = await app.login('teacher');
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${teacherUserId}/disable`, { reason: '离职' })).json()).toEqual({
      id: teacherUserId,
      disabled: true,
    });
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(401);
    expect((await signIn('teacher', 'Sitong@2026')).statusCode).toBe(401);
    expect((await admin.get(`/api/users?status=disabled&q=teacher`)).json().items.map((u: { username: string }) => u.username)).toContain(
      'teacher',
    );
    await admin.post(`/api/users/${teacherUserId}/enable`, {});
    expect((await signIn('teacher', 'Sitong@2026')).statusCode).toBe(200);
  });

  it('unlock clears the failed sign-ins; edit records before and after', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn('supervisor', `wrong-${i}`)).statusCode).toBe(401);
    const supervisorId = await app.number(`SELECT id FROM users WHERE username = 'supervisor'`);
    expect((await admin.get(`/api/users/${supervisorId}`)).json().status).toBe('locked');
    expect((await admin.get('/api/users?status=locked')).json().items.map((u: { username: string }) => u.username)).toContain('supervisor');
    const unlocked = await admin.post(`/api/users/${supervisorId}/unlock`);
    // The fourth try came while the address had to wait: refused without being counted.
    expect(unlocked.json()).toEqual({ id: supervisorId, cleared: 3 });
    expect((await admin.get(`/api/users/${supervisorId}`)).json().status).toBe('active');
    expect((await signIn('supervisor', 'Sitong@2026')).statusCode).toBe(200);

    expect(
      (await admin.patch(`/api/users/${supervisorId}`, { displayName: '督导 孙老师（退休返聘）', email: 'sun@example.edu.cn' })).statusCode,
    ).toBe(200);
    const [edit] = await app.sql<{ before: { displayName: string; email: string | null }; after: { displayName: string; email: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'account.update' AND entity_id = '${supervisorId}' ORDER BY id DESC LIMIT 1`,
    );
    expect(edit!.before.displayName).toBe('督导 孙老师');
    expect(edit!.after).toMatchObject({ displayName: '督导 孙老师（退休返聘）', email: 'sun@example.edu.cn' });
    expect((await admin.patch(`/api/users/${supervisorId}`, {})).statusCode).toBe(400);
    expect((await admin.patch(`/api/users/${supervisorId}`, { email: 'not-an-email' })).statusCode).toBe(400);
  });

  it('reset voids the password and the sessions and issues a code shown once; nobody changes their own account', async () => {
    const evaluator = await app.login('evaluator');
    const evaluatorId = await app.number(`SELECT id FROM users WHERE username = 'evaluator'`);
    const reset = await admin.post(`/api/users/${evaluatorId}/reset`);
    expect(reset.statusCode).toBe(200);
    const code = reset.json().activationCode as string;
    expect((await evaluator.get('/api/auth/me')).statusCode).toBe(401);
    expect((await signIn('evaluator', 'Sitong@2026')).statusCode).toBe(401);
    expect((await signIn('evaluator', code)).json().passwordChangeRequired).toBe(true);

    const adminId = await app.number(`SELECT id FROM users WHERE username = 'admin'`);
    for (const call of [
      admin.post(`/api/users/${adminId}/disable`, {}),
      admin.post(`/api/users/${adminId}/reset`),
      admin.post(`/api/users/${adminId}/grants`, { role: 'evaluator', scopeType: 'institution', scopeId: institutionId }),
    ]) {
      const answer = await call;
      expect(answer.statusCode).toBe(403);
      expect(answer.json().error.code).toBe('SELF_CHANGE');
    }
  });

  it('creates a staff account with a grant and a one-time code; a NUL in the name is a 400', async () => {
    const created = await admin.post('/api/users', {
      username: 'lab.zhao',
      displayName: '实训室 赵老师',
      institutionId,
      grants: [{ role: 'lab_manager', scopeType: 'institution', scopeId: institutionId, validUntil: '2099-07-31' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const first = await signIn('lab.zhao', created.json().activationCode);
    expect(first.json().passwordChangeRequired).toBe(true);
    expect((await admin.post('/api/users', { username: 'lab.zhao', displayName: '重名' })).statusCode).toBe(409);
    expect((await admin.post('/api/users', { username: 'bad\u0000name', displayName: 'x' })).statusCode).toBe(400);
    expect((await admin.post('/api/users', { username: 'has space', displayName: 'x' })).statusCode).toBe(400);
    expect(await app.number(`SELECT count(*)::int AS n FROM users WHERE display_name IN ('重名', 'x')`, 'n')).toBe(0);
  });
});
