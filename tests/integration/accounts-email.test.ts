// Activation codes by e-mail: provisioning with `delivery: 'email'` mails each person with an address
// their code through the platform's SMTP channel (a real SMTP server on loopback), the rest stay on the
// sheet; the code is never stored in clear — only sealed in its delivery row until the mail is sent,
// given up or voided — so a scan of every table finds none.
import net from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

let app: TestApp;
let smtp: TestSmtpServer;
let admin: TestClient;
let jiaowu: TestClient;
let institutionId: number;
let channelId: number;
let klass: { id: number; size: number };
/** Every code handed out in this file, mailed or on a sheet: none may be found in the database. */
const codes = new Set<string>();
const mailed: Array<{ staffNo: string; address: string; name: string }> = [];

const codePattern = /一次性激活码：([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4})/;
const count = (sql: string) => app.number(sql, 'n');
const signIn = (username: string, password: string) => app.anonymous.post('/api/auth/login', { username, password });
const provision = (client: TestClient, body: Record<string, unknown>, headers?: Record<string, string>) =>
  client.post('/api/accounts/provision', body, headers ? { headers } : undefined);
/** Lets the delivery started after the commit finish. */
const delivered = () => app.context.notifications.idle();

async function sheetRows(base64: string): Promise<Array<{ username: string; code: string }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: Array<{ username: string; code: string }> = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row, number) => {
      const cells = (row.values as unknown[]).slice(1).map((value) => String(value ?? ''));
      if (number > 3) rows.push({ username: cells[0]!, code: cells[2]! });
    });
  for (const row of rows) codes.add(row.code);
  return rows;
}

function codeIn(mail: ReceivedMail): string {
  const code = codePattern.exec(mail.mail.text ?? '')?.[1];
  expect(code, mail.mail.text).toBeTruthy();
  codes.add(code!);
  return code!;
}

const writes = () =>
  count(`SELECT ((SELECT count(*) FROM users) + (SELECT count(*) FROM activation_codes) + (SELECT count(*) FROM audit_log)
    + (SELECT count(*) FROM notifications) + (SELECT count(*) FROM notification_deliveries))::int AS n`);

const channelBody = (port: number) => ({
  kind: 'smtp',
  name: '学院邮件服务器',
  host: '127.0.0.1',
  port,
  secure: false,
  username: 'sitong',
  from: '四通平台 <noreply@tjpc.example.edu.cn>',
});

async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  smtp = await startSmtpServer({ username: 'sitong', password: 'smtp-s3cret' });
  app = await createTestApp({}, { notifications: { backoffBaseMs: 200, maxAttempts: 2 } });
  [admin, jiaowu] = await Promise.all([app.login('admin'), app.login('jiaowu')]);
  institutionId = (await jiaowu.get('/api/auth/me')).json().institutionId;
  // Of the roster's teachers without an account, three keep their address, one has an address the
  // database would refuse, the rest have none (test data only: the platform never writes these tables).
  const free = await app.sql<{ id: number; staff_no: string; name: string }>(
    `SELECT t.id, t.staff_no, t.name FROM teachers t WHERE t.institution_id = ${institutionId} AND t.status = 'active'
     AND NOT EXISTS (SELECT 1 FROM users u WHERE u.teacher_id = t.id) ORDER BY t.staff_no LIMIT 4`,
  );
  const keep = free.slice(0, 3);
  await app.sql(
    `UPDATE teachers SET email = NULL WHERE institution_id = ${institutionId} AND id NOT IN (${keep.map((t) => t.id).join(',')})`,
  );
  await app.sql(`UPDATE teachers SET email = 'not-an-address' WHERE id = ${free[3]!.id}`);
  for (const teacher of keep) {
    const address = `${teacher.staff_no.toLowerCase()}@tjpc.example.edu.cn`;
    await app.sql(`UPDATE teachers SET email = '${address}' WHERE id = ${teacher.id}`);
    mailed.push({ staffNo: teacher.staff_no, address, name: teacher.name });
  }
  const [row] = await app.sql<{ id: number; size: number }>(
    `SELECT c.id, count(s.id)::int AS size FROM classes c JOIN students s ON s.class_id = c.id AND s.status = 'enrolled'
     WHERE c.institution_id = ${institutionId} AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)
     GROUP BY c.id HAVING count(s.id) >= 3 ORDER BY c.id LIMIT 1`,
  );
  klass = { id: Number(row!.id), size: Number(row!.size) };
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('activation codes by e-mail', () => {
  it('refuses bad input and people without the right, writing nothing', async () => {
    const teacher = await app.login('teacher');
    const before = await writes();
    const fax = await provision(jiaowu, { institutionId, kinds: ['teacher'], delivery: 'fax' });
    expect(fax.statusCode).toBe(400);
    expect(fax.json().error.message.length).toBeGreaterThan(0);
    expect((await provision(jiaowu, { institutionId, kinds: ['teacher'], delivery: null })).statusCode).toBe(400);
    expect((await provision(jiaowu, { institutionId, kinds: [], delivery: 'email' })).statusCode).toBe(400);
    // No SMTP channel yet: refused in words, in both languages.
    const noSmtp = await provision(jiaowu, { institutionId, kinds: ['teacher'], delivery: 'email' });
    expect(noSmtp.statusCode).toBe(422);
    expect(noSmtp.json().error.message).toContain('尚未配置可用的邮件服务器');
    const inEnglish = await provision(jiaowu, { institutionId, kinds: ['teacher'], delivery: 'email' }, { 'accept-language': 'en' });
    expect(inEnglish.statusCode).toBe(422);
    expect(inEnglish.json().error.message).toContain('No mail server is set up');
    expect((await provision(teacher, { institutionId, kinds: ['teacher'], delivery: 'email' })).statusCode).toBe(403);
    expect(await writes()).toBe(before);
  });

  it('mails each teacher with an address their code (zh-CN, then English); the others are on the sheet', async () => {
    const created = await admin.post('/api/admin/notification-channels', { ...channelBody(smtp.port), password: 'smtp-s3cret' });
    expect(created.statusCode, created.body).toBe(201);
    channelId = created.json().id;
    const response = await provision(jiaowu, { institutionId, kinds: ['teacher'], delivery: 'email' });
    expect(response.statusCode, response.body).toBe(200);
    const { summary, sheet } = response.json();
    expect(summary.mailed).toBe(3);
    expect(summary.inSheet).toBe(summary.created - 3);
    expect(summary.inSheet).toBeGreaterThan(0);
    const rows = await sheetRows(sheet.base64);
    expect(rows).toHaveLength(summary.inSheet);
    for (const person of mailed) expect(rows.some((row) => row.username === person.staffNo)).toBe(false);

    await delivered();
    await smtp.waitFor(3);
    const publicUrl = app.context.config.publicUrl;
    for (const person of mailed) {
      const mails = smtp.received.filter((mail) => mail.to.includes(person.address));
      expect(mails, person.address).toHaveLength(1);
      const { mail } = mails[0]!;
      expect(mails[0]!.to).toEqual([person.address]);
      expect(mail.subject).toBe('四通平台账号激活 / Activate your Sitong account');
      const text = mail.text ?? '';
      expect(text).toContain(`${person.name}，您好：`);
      expect(text).toContain(`用户名（工号）：${person.staffNo}`);
      expect(text).toContain(`登录地址：${publicUrl}/login`);
      expect(text).toContain('激活码只能使用一次');
      expect(text).toContain('须立即设置自己的密码');
      expect(text).toContain(`Dear ${person.name},`);
      expect(text).toContain(`User name (staff number): ${person.staffNo}`);
      expect(text).toContain('must replace it with a password of your own');
      // Chinese first, then English.
      expect(text.indexOf('一次性激活码')).toBeLessThan(text.indexOf('One-time activation code'));
      const code = codeIn(mails[0]!);
      expect(text).toContain(`One-time activation code: ${code}`);
      expect(mail.html || '').toContain(code);
      const login = await signIn(person.staffNo, code);
      expect(login.statusCode, login.body).toBe(200);
      expect(login.json().passwordChangeRequired).toBe(true);
    }
    // The addresses came from the roster onto the accounts; the refused one was left out, not failed on.
    const accounts = await app.sql<{ username: string; email: string | null; delivery: string | null }>(
      `SELECT u.username, u.email, a.delivery FROM users u JOIN teachers t ON t.id = u.teacher_id
       LEFT JOIN activation_codes a ON a.user_id = u.id WHERE t.institution_id = ${institutionId} AND t.email IS NOT NULL`,
    );
    expect(
      accounts
        .filter((a) => a.email)
        .map((a) => a.username)
        .sort(),
    ).toEqual(mailed.map((p) => p.staffNo).sort());
    expect(accounts.find((a) => !a.email)?.delivery).toBe('sheet');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM activation_codes a JOIN users u ON u.id = a.user_id WHERE a.delivery = 'email'
         AND u.username IN (${mailed.map((p) => `'${p.staffNo}'`).join(',')})`,
      ),
    ).toBe(3);
  });

  it('the delivery log shows the mails as sent, their sealed copies gone; the audit says codes were mailed', async () => {
    const deliveries = await app.sql<{ status: string; sealed_params: string | null; attempts: number }>(
      `SELECT d.status, d.sealed_params, d.attempts FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
       WHERE n.kind = 'accounts.activation_code'`,
    );
    expect(deliveries).toHaveLength(3);
    expect(deliveries.every((d) => d.status === 'sent' && d.sealed_params === null && Number(d.attempts) === 1)).toBe(true);
    const log = (await admin.get('/api/admin/notification-deliveries?status=sent&pageSize=50')).json();
    const ours = log.items.filter((item: { kind: string }) => item.kind === 'accounts.activation_code');
    expect(ours.map((item: { username: string }) => item.username).sort()).toEqual(mailed.map((p) => p.staffNo).sort());
    expect(ours[0].title).toBe('四通平台账号激活');
    // Nobody's inbox holds it, and it is not offered among the notification settings.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM notification_inbox i JOIN notifications n ON n.id = i.notification_id WHERE n.kind = 'accounts.activation_code'`,
      ),
    ).toBe(0);
    const settings = (await jiaowu.get('/api/me/notification-preferences')).json();
    expect(settings.kinds.map((kind: { key: string }) => kind.key)).not.toContain('accounts.activation_code');
    const [stored] = await app.sql<{ body_zh: string }>(`SELECT body_zh FROM notifications WHERE kind = 'accounts.activation_code'`);
    expect(stored!.body_zh).toContain('一次性激活码：〔仅见于邮件〕');

    const [run] = await app.sql<{ summary: string; after: { mailed: number; inSheet: number } }>(
      `SELECT summary, after FROM audit_log WHERE action = 'account.activation_mail' ORDER BY id DESC LIMIT 1`,
    );
    expect(run!.after).toMatchObject({ mailed: 3 });
    expect(run!.summary).toContain('通过平台邮件发送激活码 3 人');
    const [person] = await app.sql<{ summary: string; after: { codeDelivery: string } }>(
      `SELECT summary, after FROM audit_log WHERE action = 'account.provision' AND after->>'username' = '${mailed[0]!.staffNo}'`,
    );
    expect(person!.summary).toContain('激活码已通过邮件发给本人');
    expect(person!.after.codeDelivery).toBe('email');
    const words = (await admin.get('/api/audit?action=account.activation_mail')).json();
    expect(JSON.stringify(words)).toContain('通过邮件发送激活码');
  });

  it('students have no address on the roster: they stay on the sheet; an account’s own address is used on reissue', async () => {
    const first = (await provision(jiaowu, { institutionId, classId: klass.id, kinds: ['student'], delivery: 'email' })).json();
    expect(first.summary).toMatchObject({ created: klass.size, mailed: 0, inSheet: klass.size });
    const rows = await sheetRows(first.sheet.base64);
    expect(rows).toHaveLength(klass.size);
    const student = rows[0]!;
    const userId = await app.number(`SELECT id FROM users WHERE username = '${student.username}'`);
    expect((await admin.patch(`/api/users/${userId}`, { email: 'lost.sheet@student.example.edu.cn' })).statusCode).toBe(200);
    const arrived = smtp.received.length;
    const again = (
      await provision(jiaowu, { institutionId, classId: klass.id, kinds: ['student'], reissue: true, delivery: 'email' })
    ).json();
    expect(again.summary).toMatchObject({ reissued: klass.size, mailed: 1, inSheet: klass.size - 1 });
    expect((await sheetRows(again.sheet.base64)).some((row) => row.username === student.username)).toBe(false);
    await delivered();
    await smtp.waitFor(arrived + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['lost.sheet@student.example.edu.cn']);
    expect(mail.mail.text).toContain(`用户名（学号）：${student.username}`);
    expect((await signIn(student.username, student.code)).statusCode).toBe(401);
    const login = await signIn(student.username, codeIn(mail));
    expect(login.json().passwordChangeRequired).toBe(true);
  });

  it('a mail that cannot be sent is retried with its code sealed, voided by a new code, and given up with the code dropped', async () => {
    const dead = await unusedPort();
    expect((await admin.put(`/api/admin/notification-channels/${channelId}`, channelBody(dead))).statusCode).toBe(200);
    const [rowB] = await app.sql<{ id: number; username: string }>(
      `SELECT u.id, u.username FROM users u JOIN students s ON s.id = u.student_id WHERE s.class_id = ${klass.id} AND u.email IS NULL
       ORDER BY u.username LIMIT 1`,
    );
    expect((await admin.patch(`/api/users/${rowB!.id}`, { email: 'bounce@student.example.edu.cn' })).statusCode).toBe(200);
    const state = async () =>
      (
        await app.sql<{ id: number; status: string; attempts: number; sealed_params: string | null; last_error: string | null }>(
          `SELECT id, status, attempts, sealed_params, last_error FROM notification_deliveries WHERE user_id = ${rowB!.id} ORDER BY id DESC LIMIT 1`,
        )
      )[0]!;
    const reissueByMail = async () => {
      const answer = await provision(jiaowu, { institutionId, classId: klass.id, kinds: ['student'], reissue: true, delivery: 'email' });
      expect(answer.statusCode, answer.body).toBe(200);
      await sheetRows(answer.json().sheet.base64);
      await delivered();
      return state();
    };

    // The first attempt fails: the delivery waits for its retry with the code sealed (bound to the row).
    const waiting = await reissueByMail();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.sealed_params).toMatch(/^v2:/);
    expect(waiting.last_error).toBeTruthy();
    const opened = JSON.parse(
      app.context.pii.decrypt(waiting.sealed_params!, { table: 'notification_deliveries', column: 'sealed_params', rowId: waiting.id }),
    ) as { username: string; code: string };
    expect(opened.username).toBe(rowB!.username);
    codes.add(opened.code);
    expect(() =>
      app.context.pii.decrypt(waiting.sealed_params!, { table: 'notification_deliveries', column: 'sealed_params', rowId: waiting.id + 1 }),
    ).toThrow();

    // A new code (on the sheet) voids the mail still waiting: its sealed copy is dropped.
    const sheetRun = (await provision(jiaowu, { institutionId, classId: klass.id, kinds: ['student'], reissue: true })).json();
    expect(sheetRun.summary).toMatchObject({ mailed: 0, inSheet: sheetRun.summary.reissued });
    await sheetRows(sheetRun.sheet.base64);
    const voided = (
      await app.sql<{ status: string; sealed_params: string | null; last_error: string }>(
        `SELECT status, sealed_params, last_error FROM notification_deliveries WHERE id = ${waiting.id}`,
      )
    )[0]!;
    expect(voided).toMatchObject({ status: 'failed', sealed_params: null });
    expect(voided.last_error).toContain('发放了新的激活码');

    // Mailed again, it fails twice (the most attempts here): given up, the code is dropped and cannot be retried.
    const next = await reissueByMail();
    expect(next).toMatchObject({ status: 'pending', attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await app.context.notifications.drain();
    const given = await state();
    expect(given).toMatchObject({ id: next.id, status: 'failed', attempts: 2, sealed_params: null });
    const retry = await admin.post(`/api/admin/notification-deliveries/${given.id}/retry`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.message).toContain('不能重发');
    const retryEn = await admin.post(`/api/admin/notification-deliveries/${given.id}/retry`, undefined, {
      headers: { 'accept-language': 'en' },
    });
    expect(retryEn.json().error.message).toContain('cannot be retried');
    expect((await state()).status).toBe('failed');

    // An administrator's reset voids a waiting mail too.
    await reissueByMail();
    const reset = await admin.post(`/api/users/${rowB!.id}/reset`);
    expect(reset.statusCode).toBe(200);
    codes.add(reset.json().activationCode);
    expect(await state()).toMatchObject({ status: 'failed', sealed_params: null });
    expect((await admin.put(`/api/admin/notification-channels/${channelId}`, channelBody(smtp.port))).statusCode).toBe(200);
  });

  it('no code is anywhere in the database: every column of every table, as text', async () => {
    expect(codes.size).toBeGreaterThan(klass.size * 3);
    const patterns = [...codes].flatMap((code) => [code, code.replace(/-/g, ''), code.toLowerCase()]);
    const tables = await app.sql<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['notifications', 'notification_deliveries', 'audit_log', 'activation_codes', 'job_runs', 'users']),
    );
    // The scan does see what is there: a staff number shows in its account's row.
    expect(await count(`SELECT count(*)::int AS n FROM "users" AS r WHERE r::text LIKE ANY (ARRAY['%${mailed[0]!.staffNo}%'])`)).toBe(1);
    const list = `ARRAY[${patterns.map((pattern) => `'%${pattern}%'`).join(',')}]`;
    const hits: string[] = [];
    for (const { name } of tables) {
      const n = await count(`SELECT count(*)::int AS n FROM "${name}" AS r WHERE r::text LIKE ANY (${list})`);
      if (n > 0) hits.push(`${name}: ${n}`);
    }
    expect(hits).toEqual([]);
  });
});
