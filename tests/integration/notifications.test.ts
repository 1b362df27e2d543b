import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRobotReceiver, type RobotReceiver } from '../support/robot-receiver.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

/**
 * Notifications through every channel: the inbox; e-mail over a real SMTP server on loopback; and the
 * group robots of 企业微信, 钉钉 and 飞书, which cannot run here, through a local receiver built to each
 * vendor's documented format and signature (tests/support/robot-receiver.ts).
 */
let app: TestApp;
let smtp: TestSmtpServer;
let robots: RobotReceiver;
const clients: Record<string, TestClient> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  smtp = await startSmtpServer({ username: 'sitong', password: 'smtp-s3cret' });
  robots = await startRobotReceiver();
  robots.robots.wecom.add('wecom-key-YJ');
  robots.robots.dingtalk.set('ding-token-YJ', 'SECding0123456789');
  robots.robots.feishu.set('feishu-hook-cluster', 'feishu-secret-42');
  app = await createTestApp({}, { notifications: { backoffBaseMs: 300, maxAttempts: 3 } });
  for (const user of ['admin', 'jiaowu', 'grouplead', 'majorlead', 'student', 'teacher', 'jishi']) clients[user] = await app.login(user);
  ids.cluster = await app.number("SELECT id FROM clusters WHERE code = 'LSZNZZ'");
  ids.groupYJ = await app.number("SELECT id FROM professional_groups WHERE code = 'YJ'");
  ids.groupKZ = await app.number("SELECT id FROM professional_groups WHERE code = 'KZ'");
  ids.grouplead = await app.number("SELECT id FROM users WHERE username = 'grouplead'");
  ids.student = await app.number("SELECT student_id AS id FROM users WHERE username = 'student'");
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await robots?.close();
});

const count = async (sql: string) => app.number(sql, 'n');
/** Lets the delivery started by notify finish, then sends whatever is still due. */
const drain = async () => {
  await app.context.notifications.idle();
  return app.context.notifications.drain();
};
const deliveryStates = async (notificationId: number) =>
  app.sql<{ channel: string; status: string; attempts: number }>(
    `SELECT channel, status, attempts FROM notification_deliveries WHERE notification_id = ${notificationId} ORDER BY channel`,
  );

describe('notification channels (admins)', () => {
  it('SMTP is set up with its password sealed at rest and never sent back', async () => {
    const created = await clients.admin!.post('/api/admin/notification-channels', {
      kind: 'smtp',
      name: '学院邮件服务器',
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: 'sitong',
      password: 'smtp-s3cret',
      from: '四通平台 <noreply@tjpc.example.edu.cn>',
    });
    expect(created.statusCode).toBe(201);
    expect(JSON.stringify(created.json())).not.toContain('smtp-s3cret');
    expect(created.json()).toMatchObject({
      kind: 'smtp',
      hasSecret: true,
      smtp: { host: '127.0.0.1', port: smtp.port, username: 'sitong' },
    });
    const [row] = await app.sql<{ secret_sealed: string }>(
      `SELECT secret_sealed FROM notification_channels WHERE id = ${created.json().id}`,
    );
    expect(row!.secret_sealed).toMatch(/^v2:/);
    expect(row!.secret_sealed).not.toContain('smtp-s3cret');
    const audit = await app.sql<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE action = 'notifications.channel.create' AND entity_id = '${created.json().id}'`,
    );
    expect(JSON.stringify(audit)).not.toContain('smtp-s3cret');
    // A second SMTP server for the same institution is refused in words, and nothing is added.
    const second = await clients.admin!.post('/api/admin/notification-channels', {
      kind: 'smtp',
      name: '另一台',
      host: 'mail.example.com',
      port: 25,
      secure: false,
      from: 'a@b.cn',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('已有邮件服务器');
    expect(await count("SELECT count(*)::int AS n FROM notification_channels WHERE kind = 'smtp'")).toBe(1);
    ids.smtp = created.json().id;
  });

  it('robots of the three vendors are bound to a scope; their addresses and secrets are sealed', async () => {
    const add = (body: Record<string, unknown>) => clients.admin!.post('/api/admin/notification-channels', body);
    const wecom = await add({
      kind: 'wecom',
      name: '冶金群企业微信',
      webhook: robots.url('/cgi-bin/webhook/send?key=wecom-key-YJ'),
      scope: { type: 'group', id: ids.groupYJ },
    });
    const dingtalk = await add({
      kind: 'dingtalk',
      name: '冶金群钉钉',
      webhook: robots.url('/robot/send?access_token=ding-token-YJ'),
      secret: 'SECding0123456789',
      scope: { type: 'group', id: ids.groupYJ },
    });
    const feishu = await add({
      kind: 'feishu',
      name: '集群飞书群',
      webhook: robots.url('/open-apis/bot/v2/hook/feishu-hook-cluster'),
      secret: 'feishu-secret-42',
      scope: { type: 'cluster', id: ids.cluster },
      kinds: ['courses.programme_submitted'],
    });
    for (const response of [wecom, dingtalk, feishu]) expect(response.statusCode).toBe(201);
    expect(wecom.json().webhookMasked).not.toContain('wecom-key-YJ');
    const list = (await clients.admin!.get('/api/admin/notification-channels')).json();
    expect(list.map((channel: { kind: string }) => channel.kind).sort()).toEqual(['dingtalk', 'feishu', 'smtp', 'wecom']);
    expect(JSON.stringify(list)).not.toMatch(/wecom-key-YJ|ding-token-YJ|SECding|feishu-secret/);
    ids.wecom = wecom.json().id;
    ids.dingtalk = dingtalk.json().id;
    ids.feishu = feishu.json().id;
  });

  it('bad channels get a 4xx in words and add nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM notification_channels');
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ kind: 'wecom', name: '坏地址', webhook: 'ftp://example.com/hook', scope: { type: 'group', id: ids.groupYJ } }, 400],
      [{ kind: 'wecom', name: '', webhook: robots.url('/x'), scope: { type: 'group', id: ids.groupYJ } }, 400],
      [{ kind: 'wecom', name: '没有地址', scope: { type: 'group', id: ids.groupYJ } }, 422],
      [
        { kind: 'dingtalk', name: '不存在的范围', webhook: robots.url('/robot/send?access_token=x'), scope: { type: 'group', id: 999999 } },
        422,
      ],
      [
        {
          kind: 'feishu',
          name: '未知类型',
          webhook: robots.url('/open-apis/bot/v2/hook/x'),
          scope: { type: 'cluster', id: ids.cluster },
          kinds: ['nope.kind'],
        },
        422,
      ],
      [{ kind: 'smtp', name: '端口', host: 'x', port: 70000, secure: false, from: 'a@b.cn' }, 400],
      [{ kind: 'telegram', name: 'x' }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await clients.admin!.post('/api/admin/notification-channels', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.message.length).toBeGreaterThan(0);
    }
    expect(await count('SELECT count(*)::int AS n FROM notification_channels')).toBe(before);
  });

  it('a test message goes to the admin’s own mailbox and to the robot', async () => {
    const arrived = smtp.received.length;
    const mail = await clients.admin!.post(`/api/admin/notification-channels/${ids.smtp}/test`);
    expect(mail.json()).toEqual({ ok: true, error: null });
    await smtp.waitFor(arrived + 1);
    expect(smtp.received.at(-1)!.to).toEqual(['admin@tjpc.example.edu.cn']);
    expect(smtp.received.at(-1)!.mail.subject).toContain('通知渠道测试');
    const robot = await clients.admin!.post(`/api/admin/notification-channels/${ids.dingtalk}/test`);
    expect(robot.json()).toEqual({ ok: true, error: null });
    expect(robots.calls.at(-1)).toMatchObject({ vendor: 'dingtalk', accepted: true });
  });
});

describe('notify(recipients, kind, payload, dedupeKey)', () => {
  it('a role on a scope reaches its holders: inbox, e-mail in zh-CN, and the scope’s robots with valid signatures', async () => {
    const robotCalls = robots.calls.length;
    const mails = smtp.received.length;
    const result = await app.context.notifications.notify({
      to: { role: 'group_lead', scope: { type: 'group', id: ids.groupYJ } },
      kind: 'courses.programme_returned',
      payload: { programme: '钢铁智能冶金技术专业2030级人才培养方案', reviewer: '教务处 王老师', comment: '跨群拓展学分不足' },
      dedupeKey: 'test:returned:1',
      link: '/programmes/1',
      institutionId: 1,
    });
    expect(result).toMatchObject({ created: true, recipients: 1, emails: 1, robots: 2 });
    const inbox = (await clients.grouplead!.get('/api/me/notifications')).json();
    expect(inbox.items[0]).toMatchObject({
      title: '培养方案被退回：钢铁智能冶金技术专业2030级人才培养方案',
      link: '/programmes/1',
      readAt: null,
    });
    expect(inbox.unread).toBe(1);
    await drain();
    await smtp.waitFor(mails + 1);
    const received = smtp.received.at(-1)!;
    expect(received.to).toEqual(['grouplead@tjpc.example.edu.cn']);
    expect(received.from).toBe('noreply@tjpc.example.edu.cn');
    expect(received.mail.subject).toBe('培养方案被退回：钢铁智能冶金技术专业2030级人才培养方案');
    expect(received.mail.text).toContain('冶金专业群负责人，您好：');
    expect(received.mail.text).toContain('教务处 王老师 退回了《钢铁智能冶金技术专业2030级人才培养方案》，意见：跨群拓展学分不足');
    expect(received.mail.text).toContain('/programmes/1');
    const calls = robots.calls.slice(robotCalls);
    // 企业微信 and 钉钉 are bound to the group; the cluster's 飞书 robot takes only submitted programmes.
    expect(calls.map((call) => `${call.vendor}:${call.accepted}`).sort()).toEqual(['dingtalk:true', 'wecom:true']);
    expect(JSON.stringify(calls.find((call) => call.vendor === 'wecom')!.body)).toContain('跨群拓展学分不足');
    expect(await deliveryStates(result.notificationId)).toEqual([
      { channel: 'dingtalk', status: 'sent', attempts: 1 },
      { channel: 'email', status: 'sent', attempts: 1 },
      { channel: 'wecom', status: 'sent', attempts: 1 },
    ]);
  });

  it('the same dedupe key never sends twice', async () => {
    const mails = smtp.received.length;
    const calls = robots.calls.length;
    const inboxRows = await count('SELECT count(*)::int AS n FROM notification_inbox');
    const again = await app.context.notifications.notify({
      to: { role: 'group_lead', scope: { type: 'group', id: ids.groupYJ } },
      kind: 'courses.programme_returned',
      payload: { programme: '另一个方案', reviewer: '某人', comment: '—' },
      dedupeKey: 'test:returned:1',
      institutionId: 1,
    });
    expect(again.created).toBe(false);
    expect(await drain()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(await count('SELECT count(*)::int AS n FROM notification_inbox')).toBe(inboxRows);
    expect(await count("SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = 'test:returned:1'")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.length).toBe(mails);
    expect(robots.calls.length).toBe(calls);
  });

  it('a student hears of the credit bank’s decision on their claim (the module uses notify)', async () => {
    const mails = smtp.received.length;
    const certificate = await app.number("SELECT id FROM certificates WHERE code = 'ZY-LGG'");
    const claim = (
      await clients.student!.post('/api/creditbank/claims', {
        kind: 'certificate',
        certificateId: certificate,
        level: 'junior',
        certificateNo: 'NOTIFY-0001',
      })
    ).json();
    expect((await clients.jiaowu!.post(`/api/creditbank/claims/${claim.id}/verify`)).statusCode).toBe(200);
    expect((await clients.admin!.post(`/api/creditbank/claims/${claim.id}/grant`)).statusCode).toBe(200);
    const inbox = (await clients.student!.get('/api/me/notifications')).json();
    expect(inbox.items[0]).toMatchObject({ title: '学分认定结果：已认定', link: '/creditbank/me' });
    expect(inbox.items[0].body).toContain('NOTIFY-0001');
    const english = (await clients.student!.get('/api/me/notifications', { headers: { 'accept-language': 'en' } })).json();
    expect(english.items[0].title).toBe('Credit claim granted');
    await drain();
    await smtp.waitFor(mails + 1);
    expect(smtp.received.at(-1)!.to).toEqual(['student@tjpc.example.edu.cn']);
  });

  it('a failing channel is retried with backoff, then logged as failed for admins; a retry after the fix sends it', async () => {
    const broken = await clients.admin!.post('/api/admin/notification-channels', {
      kind: 'wecom',
      name: '控制群企业微信（旧地址）',
      webhook: robots.url('/cgi-bin/webhook/send?key=revoked-key'),
      scope: { type: 'group', id: ids.groupKZ },
    });
    const sent = await app.context.notifications.notify({
      to: { role: 'group_lead', scope: { type: 'group', id: ids.groupKZ } },
      kind: 'courses.programme_returned',
      payload: { programme: '智能控制技术方案', reviewer: '教务处', comment: '请补充实践学时' },
      dedupeKey: 'test:returned:KZ',
      institutionId: 1,
    });
    expect(sent).toMatchObject({ recipients: 0, robots: 1 });
    const state = async () =>
      (
        await app.sql<{ status: string; attempts: number; last_error: string | null; id: number }>(
          `SELECT id, status, attempts, last_error FROM notification_deliveries WHERE notification_id = ${sent.notificationId}`,
        )
      )[0]!;
    await app.context.notifications.idle();
    expect(await state()).toMatchObject({ status: 'pending', attempts: 1, last_error: 'errcode 93000: invalid webhook url' });
    for (let round = 0; round < 50 && (await state()).status !== 'failed'; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await drain();
    }
    expect(await state()).toMatchObject({ status: 'failed', attempts: 3 });
    const failed = (await clients.admin!.get('/api/admin/notification-deliveries?status=failed')).json();
    const row = failed.items.find((item: { channelName: string }) => item.channelName === '控制群企业微信（旧地址）');
    expect(row).toMatchObject({
      status: 'failed',
      channel: 'wecom',
      lastError: 'errcode 93000: invalid webhook url',
      title: '培养方案被退回：智能控制技术方案',
    });
    // The group's robot gets a new key; the admin retries the delivery and it goes.
    robots.robots.wecom.add('new-key-KZ');
    const fixed = await clients.admin!.put(`/api/admin/notification-channels/${broken.json().id}`, {
      kind: 'wecom',
      name: '控制群企业微信',
      webhook: robots.url('/cgi-bin/webhook/send?key=new-key-KZ'),
      scope: { type: 'group', id: ids.groupKZ },
    });
    expect(fixed.statusCode).toBe(200);
    expect((await clients.admin!.post(`/api/admin/notification-deliveries/${row.id}/retry`)).json()).toEqual({
      id: row.id,
      status: 'pending',
    });
    await drain();
    expect(await state()).toMatchObject({ status: 'sent' });
    expect(robots.calls.at(-1)).toMatchObject({ vendor: 'wecom', robot: 'new-key-KZ', accepted: true });
    // Only failed deliveries can be retried.
    expect((await clients.admin!.post(`/api/admin/notification-deliveries/${row.id}/retry`)).statusCode).toBe(409);
  });
});

describe('a person’s choices', () => {
  it('quiet hours hold e-mail back until they end; the inbox gets it at once', async () => {
    const beijingMinute = (Math.floor(Date.now() / 60_000) + 8 * 60) % 1440;
    const clock = (minutes: number) =>
      `${String(Math.floor(((minutes + 1440) % 1440) / 60)).padStart(2, '0')}:${String(((minutes + 1440) % 1440) % 60).padStart(2, '0')}`;
    const saved = await clients.grouplead!.put('/api/me/notification-preferences', {
      email: 'grouplead@tjpc.example.edu.cn',
      kinds: {},
      quietHours: { start: clock(beijingMinute - 60), end: clock(beijingMinute + 90) },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().quietHours).toEqual({ start: clock(beijingMinute - 60), end: clock(beijingMinute + 90) });
    const mails = smtp.received.length;
    const result = await app.context.notifications.notify({
      to: { users: [ids.grouplead] },
      kind: 'courses.programme_returned',
      payload: { programme: '夜间方案', reviewer: '教务', comment: '—' },
      dedupeKey: 'test:quiet:1',
      institutionId: 1,
    });
    expect(result.emails).toBe(1);
    const [delivery] = await app.sql<{ next_attempt_at: Date; deferred_reason: string }>(
      `SELECT next_attempt_at, deferred_reason FROM notification_deliveries WHERE notification_id = ${result.notificationId}`,
    );
    expect(delivery!.deferred_reason).toBe('quiet_hours');
    const waitMinutes = (new Date(delivery!.next_attempt_at).getTime() - Date.now()) / 60_000;
    expect(waitMinutes).toBeGreaterThan(88);
    expect(waitMinutes).toBeLessThanOrEqual(90);
    await drain();
    expect(smtp.received.length).toBe(mails);
    expect(
      (await clients.grouplead!.get('/api/me/notifications?unread=true')).json().items.map((item: { title: string }) => item.title),
    ).toContain('培养方案被退回：夜间方案');
    await clients.grouplead!.put('/api/me/notification-preferences', {
      email: 'grouplead@tjpc.example.edu.cn',
      kinds: {},
      quietHours: null,
    });
  });

  it('e-mail can be turned off per kind; no address means no e-mail', async () => {
    const off = await clients.grouplead!.put('/api/me/notification-preferences', {
      email: 'grouplead@tjpc.example.edu.cn',
      kinds: { 'courses.programme_returned': false },
      quietHours: null,
    });
    expect(off.json().kinds.find((kind: { key: string }) => kind.key === 'courses.programme_returned')).toMatchObject({
      email: false,
      emailByDefault: true,
    });
    const muted = await app.context.notifications.notify({
      to: { users: [ids.grouplead] },
      kind: 'courses.programme_returned',
      payload: { programme: 'A', reviewer: 'B', comment: 'C' },
      dedupeKey: 'test:muted:1',
      institutionId: 1,
    });
    expect(muted).toMatchObject({ recipients: 1, emails: 0 });
    await clients.grouplead!.put('/api/me/notification-preferences', { email: null, kinds: {}, quietHours: null });
    const noAddress = await app.context.notifications.notify({
      to: { users: [ids.grouplead] },
      kind: 'courses.programme_returned',
      payload: { programme: 'A', reviewer: 'B', comment: 'C' },
      dedupeKey: 'test:no-address:1',
      institutionId: 1,
    });
    expect(noAddress).toMatchObject({ recipients: 1, emails: 0 });
    await clients.grouplead!.put('/api/me/notification-preferences', {
      email: 'grouplead@tjpc.example.edu.cn',
      kinds: {},
      quietHours: null,
    });
  });

  it('bad preferences get a 4xx in words and change nothing', async () => {
    const before = (await clients.grouplead!.get('/api/me/notification-preferences')).json();
    const cases: Array<[unknown, number]> = [
      [{ email: 'not-an-address', kinds: {}, quietHours: null }, 400],
      [{ email: null, kinds: { 'nope.kind': true }, quietHours: null }, 422],
      [{ email: null, kinds: {}, quietHours: { start: '25:00', end: '07:00' } }, 400],
      [{ email: null, kinds: {}, quietHours: { start: '07:00', end: '07:00' } }, 422],
      [{ email: null, kinds: { 'courses.programme_returned': 'yes' }, quietHours: null }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await clients.grouplead!.put('/api/me/notification-preferences', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.message.length).toBeGreaterThan(0);
    }
    expect((await clients.grouplead!.get('/api/me/notification-preferences')).json()).toEqual(before);
  });
});

describe('the inbox', () => {
  it('lists, counts and marks one’s own notifications only', async () => {
    const lead = clients.grouplead!;
    const page = (await lead.get('/api/me/notifications?limit=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.nextBeforeId).toBe(page.items[1].id);
    const unread = (await lead.get('/api/me/notifications/unread-count')).json().unread;
    const sql = await count(`SELECT count(*)::int AS n FROM notification_inbox WHERE user_id = ${ids.grouplead} AND read_at IS NULL`);
    expect(unread).toBe(sql);
    const first = page.items[0];
    expect((await lead.post(`/api/me/notifications/${first.id}/read`)).json()).toEqual({ unread: unread - 1 });
    // Someone else's notification is not found for another person, and stays unread.
    const [{ id: studentsRow }] = await app.sql<{ id: number }>(
      `SELECT i.id FROM notification_inbox i JOIN users u ON u.id = i.user_id WHERE u.username = 'student' AND i.read_at IS NULL LIMIT 1`,
    );
    expect((await lead.post(`/api/me/notifications/${studentsRow}/read`)).statusCode).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM notification_inbox WHERE id = ${studentsRow} AND read_at IS NULL`)).toBe(1);
    expect((await lead.post('/api/me/notifications/abc/read')).statusCode).toBe(400);
    expect((await lead.get('/api/me/notifications?limit=1000')).statusCode).toBe(400);
    const all = (await lead.post('/api/me/notifications/read-all')).json();
    expect(all).toEqual({ unread: 0, marked: unread - 1 });
    expect((await app.anonymous.get('/api/me/notifications')).statusCode).toBe(401);
  });

  it('pushes the unread count live over server-sent events', async () => {
    await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const address = app.fastify.server.address() as { port: number };
    const session = await app.fastify.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'teacher', password: 'Sitong@2026' },
    });
    const cookie = `sitong_session=${session.cookies.find((c) => c.name === 'sitong_session')!.value}`;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${address.port}/api/me/notifications/stream`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const events: number[] = [];
    let buffered = '';
    const nextEvent = async () => {
      for (;;) {
        const match = /event: unread\ndata: (\{[^\n]*\})\n\n/.exec(buffered);
        if (match) {
          buffered = buffered.slice(match.index + match[0].length);
          events.push(JSON.parse(match[1]!).unread);
          return events.at(-1)!;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffered += new TextDecoder().decode(value);
      }
    };
    const teacherId = await app.number("SELECT id FROM users WHERE username = 'teacher'");
    const start = await nextEvent();
    expect(start).toBe(await count(`SELECT count(*)::int AS n FROM notification_inbox WHERE user_id = ${teacherId} AND read_at IS NULL`));
    await app.context.notifications.notify({
      to: { users: [teacherId] },
      kind: 'courses.programme_returned',
      payload: { programme: '实时', reviewer: '教务', comment: '—' },
      dedupeKey: 'test:live:1',
      institutionId: 1,
    });
    expect(await nextEvent()).toBe(start + 1);
    controller.abort();
  });
});
