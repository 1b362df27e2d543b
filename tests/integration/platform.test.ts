import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ bodyLimitBytes: 64 * 1024 });
});
afterAll(async () => {
  await app?.close();
});

describe('health and API description', () => {
  it('answers health with the database kind and migration version', async () => {
    const response = await app.anonymous.get('/api/health');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(app.kind);
    const [{ max }] = await app.sql<{ max: number }>('SELECT max(version)::int AS max FROM schema_migrations');
    expect(body.migrationVersion).toBe(max);
    expect(max).toBeGreaterThanOrEqual(1);
  });

  it('serves an OpenAPI 3 document generated from the route schemas, and a browsable page', async () => {
    const response = await app.anonymous.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/students', '/api/imports/{entity}/preview', '/api/auth/login']));
    const loginBody = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(loginBody.required).toEqual(expect.arrayContaining(['username', 'password']));
    const page = await app.anonymous.get('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('sets security headers on every response', async () => {
    const response = await app.anonymous.get('/api/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['strict-transport-security']).toBeDefined();
    const missing = await app.anonymous.get('/api/nothing-here');
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('errors have one shape, in zh-CN by default and English on request', () => {
  it('unknown route', async () => {
    const zh = await app.anonymous.get('/api/nothing-here');
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('接口不存在'), details: null } });
    const en = await app.anonymous.get('/api/nothing-here', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().error.message).toContain('No such endpoint');
  });

  it('malformed JSON, wrong types, unknown ids and oversized bodies are 4xx and write nothing', async () => {
    const staff = await app.login('jiaowu');
    const [{ count: before }] = await app.sql<{ count: number }>('SELECT count(*)::int AS count FROM terms');
    const malformed = await staff.request('POST', '/api/terms', { headers: { 'content-type': 'application/json' }, rawBody: '{"code": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    expect(malformed.json().error.message).toBe('请求体不是合法的 JSON');

    const wrongTypes = await staff.post('/api/terms', { code: 2026, startsOn: 'tomorrow', endsOn: true });
    expect(wrongTypes.statusCode).toBe(400);
    const error = wrongTypes.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.code', 'body.startsOn', 'body.endsOn']),
    );

    const unknownId = await staff.get('/api/majors/999999');
    expect(unknownId.statusCode).toBe(404);
    expect(unknownId.json().error.message).toBe('找不到专业（编号 999999）');
    const badId = await staff.get('/api/majors/abc');
    expect(badId.statusCode).toBe(400);

    const huge = await staff.request('POST', '/api/terms', {
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify({ code: '2030-2031-1', startsOn: '2030-09-01', endsOn: '2031-01-10', pad: 'x'.repeat(70 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('BODY_TOO_LARGE');

    const [{ count: after }] = await app.sql<{ count: number }>('SELECT count(*)::int AS count FROM terms');
    expect(after).toBe(before);
  });
});

describe('accounts and sessions', () => {
  it('logs in with an HTTP-only session cookie and rejects wrong passwords in both languages', async () => {
    const ok = await app.anonymous.post('/api/auth/login', { username: 'supervisor', password: 'Sitong@2026' });
    expect(ok.statusCode).toBe(200);
    const session = ok.cookies.find((cookie) => cookie.name === 'sitong_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    const hash = await app.sql<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'supervisor'");
    expect(hash[0]!.password_hash).toMatch(/^\$argon2id\$/);
    const wrong = await app.anonymous.post(
      '/api/auth/login',
      { username: 'supervisor', password: 'nope' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('Wrong username or password; after a few failures, wait a moment before trying again');
    const unknown = await app.anonymous.post('/api/auth/login', { username: 'nobody', password: 'nope' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('用户名或密码错误；连续输错几次后需稍等片刻再试');
  });

  it('rate-limits login attempts from one address', async () => {
    const limited = await createTestApp();
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 22; attempt++) {
        statuses.push((await limited.anonymous.post('/api/auth/login', { username: `ghost${attempt}`, password: 'x' })).statusCode);
      }
      expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('requires the CSRF token on state-changing requests of a session', async () => {
    const staff = await app.login('jiaowu');
    const without = await staff.post('/api/departments', { code: 'CSRF1', name: '测试系' }, { headers: { 'x-csrf-token': 'forged' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF');
    const [{ count }] = await app.sql<{ count: number }>("SELECT count(*)::int AS count FROM departments WHERE code = 'CSRF1'");
    expect(count).toBe(0);
    const withToken = await staff.post('/api/departments', { code: 'CSRF1', name: '测试系' });
    expect(withToken.statusCode).toBe(201);
  });

  it('changes the password, ends other sessions, and logs out', async () => {
    const first = await app.login('labmanager');
    const second = await app.login('labmanager');
    const weak = await first.post('/api/auth/password', { currentPassword: 'Sitong@2026', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const wrongCurrent = await first.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'NewPass2026' });
    expect(wrongCurrent.statusCode).toBe(400);
    const changed = await first.post('/api/auth/password', { currentPassword: 'Sitong@2026', newPassword: 'NewPass2026' });
    expect(changed.statusCode).toBe(200);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await app.anonymous.post('/api/auth/login', { username: 'labmanager', password: 'Sitong@2026' })).statusCode).toBe(401);
    const again = await app.login('labmanager', 'NewPass2026');
    expect((await again.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('audit log', () => {
  it('records writes with before/after and is append-only', async () => {
    const staff = await app.login('jiaowu');
    const majors = await app.sql<{ id: number }>("SELECT id FROM majors WHERE code = '460609'");
    const changed = await staff.post(`/api/majors/${majors[0]!.id}/status`, { status: 'suspended', reason: '生源不足' });
    expect(changed.statusCode).toBe(200);
    const admin = await app.login('admin');
    const listed = await admin.get(`/api/audit?entity=major&entityId=${majors[0]!.id}`);
    expect(listed.statusCode).toBe(200);
    const entry = listed.json().items[0];
    expect(entry.action).toBe('major.status');
    expect(entry.actorName).toBe('教务处 王老师');
    expect(entry.before).toEqual({ status: 'enrolling' });
    expect(entry.after).toMatchObject({ status: 'suspended', reason: '生源不足' });
    await expect(app.sql('UPDATE audit_log SET summary = $1', ['tampered'])).rejects.toThrow(/append-only/);
    await expect(app.sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const forbidden = await staff.get('/api/audit');
    expect(forbidden.statusCode).toBe(403);
    const logins = (await admin.get('/api/audit?action=auth.login')).json();
    expect(logins.items.find((item: { actorName: string | null }) => item.actorName === '教务处 王老师')).toBeDefined();
  });
});
