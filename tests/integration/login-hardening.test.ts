import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type BuiltApp } from '../../server/app.ts';
import { readConfig, type AppConfig } from '../../server/config.ts';
import { passwordChecks } from '../../server/platform/auth.ts';
import { loginRules, recordLoginFailure, waitAfter } from '../../server/platform/login-guard.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { demoPassword, testMasterKey } from '../support/constants.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** Login hardening (issue 11): nobody can lock another person out, and every answer looks and costs the same. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

type Fastify = TestApp['fastify'];
const loginFrom = (fastify: Fastify, address: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address, headers });
const failuresOf = async (account: string, address: string) =>
  (await app.sql<{ failures: number }>('SELECT failures FROM login_failures WHERE account = $1 AND address = $2', [account, address]))[0]
    ?.failures ?? 0;
/** As if the address's wait had passed. */
const letTimePass = (account: string, address: string) =>
  app.sql("UPDATE login_failures SET last_failed_at = now() - interval '1 day' + interval '1 minute' WHERE account = $1 AND address = $2", [
    account,
    address,
  ]);

async function secondApp(overrides: Partial<AppConfig> = {}): Promise<BuiltApp> {
  const built = await buildApp(
    { ...readConfig({} as NodeJS.ProcessEnv), dataDir: '.tmp/test-unused', loadDemoData: false, ...overrides },
    app.database,
    new PiiCipher(testMasterKey),
  );
  await built.fastify.ready();
  return built;
}

describe('failed logins', () => {
  it('an attacker’s failures make their own address wait, doubling; the owner from another address still gets in', async () => {
    const attacker = '203.0.113.66';
    const owner = '198.51.100.20';
    for (let attempt = 1; attempt <= loginRules.freeFailures; attempt++)
      expect((await loginFrom(app.fastify, attacker, 'evaluator', `guess${attempt}`)).statusCode).toBe(401);
    expect(await failuresOf('evaluator', attacker)).toBe(loginRules.freeFailures);
    // Now the attacker's address must wait: even the right password is answered like a wrong one, and is not counted.
    const waiting = await loginFrom(app.fastify, attacker, 'evaluator', demoPassword);
    expect([waiting.statusCode, waiting.json().error.code]).toEqual([401, 'BAD_CREDENTIALS']);
    expect(await failuresOf('evaluator', attacker)).toBe(loginRules.freeFailures);
    const [throttled] = await app.sql<{ after: { reason: string; waitSeconds: number } }>(
      "SELECT after FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 1",
    );
    expect(throttled!.after).toMatchObject({ reason: 'throttled', waitSeconds: 1 });
    expect(waitAfter(loginRules.freeFailures + 3)).toBe(8);
    expect(waitAfter(100)).toBe(loginRules.maxWaitSeconds);

    // The owner, from their own address, is not locked out.
    expect((await loginFrom(app.fastify, owner, 'evaluator', demoPassword)).statusCode).toBe(200);
    // Once the wait has passed, the attacker's address may try again (and a success clears its count).
    await letTimePass('evaluator', attacker);
    expect((await loginFrom(app.fastify, attacker, 'evaluator', demoPassword)).statusCode).toBe(200);
    expect(await failuresOf('evaluator', attacker)).toBe(0);
  });

  it('past the account-wide ceiling every attempt on the account is slowed, the owner’s too, but still answered', async () => {
    const addresses = Array.from({ length: loginRules.accountSlowAfter + 2 }, (_, index) => `192.0.2.${index + 1}`);
    for (const address of addresses) await loginFrom(app.fastify, address, 'labmanager', 'wrong-password');
    const started = performance.now();
    const owner = await loginFrom(app.fastify, '198.51.100.77', 'labmanager', demoPassword);
    const slowedBy = performance.now() - started;
    expect(owner.statusCode).toBe(200);
    // Two failures over the ceiling: at least two steps of slowing (a floor, not a speed claim).
    expect(slowedBy).toBeGreaterThanOrEqual(2 * loginRules.slowStepMs);
  });

  it('parallel wrong attempts each count (the counter is updated atomically) and each is audited', async () => {
    const address = '203.0.113.90';
    // As many at once as are free: every one is checked before any failure is written, so each counts.
    const answers = await Promise.all(
      Array.from({ length: loginRules.freeFailures }, (_, index) => loginFrom(app.fastify, address, 'enterprise', `x${index}`)),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(loginRules.freeFailures).fill(401));
    expect(await failuresOf('enterprise', address)).toBe(loginRules.freeFailures);
    const audited = await app.number(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND after->>'address' = '203.0.113.90'",
      'n',
    );
    expect(audited).toBe(loginRules.freeFailures);
    // The counter itself, hit by many writers at once (a read-then-write would lose some).
    await Promise.all(Array.from({ length: 40 }, () => recordLoginFailure(app.context.db, 'enterprise', '203.0.113.99')));
    expect(await failuresOf('enterprise', '203.0.113.99')).toBe(40);
  });

  it('unknown, wrong, disabled and waiting answers are one status and message, each after one password check', async () => {
    await app.sql("UPDATE users SET disabled = true WHERE username = 'advisor'");
    for (let attempt = 0; attempt < loginRules.freeFailures; attempt++)
      await loginFrom(app.fastify, '203.0.113.91', 'teacher', `w${attempt}`);
    const checks = vi.spyOn(passwordChecks, 'verify');
    try {
      const cases = {
        unknown: await loginFrom(app.fastify, '203.0.113.92', 'no-such-user', 'whatever'),
        wrong: await loginFrom(app.fastify, '203.0.113.92', 'supervisor', 'not-it'),
        disabled: await loginFrom(app.fastify, '203.0.113.92', 'advisor', demoPassword),
        waiting: await loginFrom(app.fastify, '203.0.113.91', 'teacher', demoPassword),
      };
      expect(checks).toHaveBeenCalledTimes(4);
      const bodies = Object.values(cases).map((answer) => [answer.statusCode, answer.body]);
      expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
      expect(bodies[0]![0]).toBe(401);
      const reasons = await app.sql<{ reason: string }>(
        "SELECT after->>'reason' AS reason FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 4",
      );
      expect(reasons.map((row) => row.reason).sort()).toEqual(['disabled', 'throttled', 'unknown', 'wrong_password']);
    } finally {
      checks.mockRestore();
      await app.sql("UPDATE users SET disabled = false WHERE username = 'advisor'");
    }
  });

  it('the counters are shared by every server process', async () => {
    const other = await secondApp();
    try {
      const address = '203.0.113.93';
      for (let attempt = 0; attempt < loginRules.freeFailures; attempt++) await loginFrom(app.fastify, address, 'grouplead', `g${attempt}`);
      // The other process sees the same count: the right password from that address must wait there too.
      expect((await loginFrom(other.fastify, address, 'grouplead', demoPassword)).statusCode).toBe(401);
      await letTimePass('grouplead', address);
      expect((await loginFrom(other.fastify, address, 'grouplead', demoPassword)).statusCode).toBe(200);
    } finally {
      await other.fastify.close();
    }
  });

  it('TRUST_PROXY decides whether X-Forwarded-For names the client', async () => {
    const behindProxy = await secondApp({ trustProxy: true });
    const direct = await secondApp({ trustProxy: false });
    try {
      for (let attempt = 0; attempt < loginRules.freeFailures; attempt++)
        await loginFrom(behindProxy.fastify, '10.0.0.1', 'majorlead', `p${attempt}`, { 'x-forwarded-for': '203.0.113.94' });
      expect(await failuresOf('majorlead', '203.0.113.94')).toBe(loginRules.freeFailures);
      expect(await failuresOf('majorlead', '10.0.0.1')).toBe(0);
      // Another client behind the same proxy is not held back by that one.
      expect(
        (await loginFrom(behindProxy.fastify, '10.0.0.1', 'majorlead', demoPassword, { 'x-forwarded-for': '203.0.113.95' })).statusCode,
      ).toBe(200);
      // Without TRUST_PROXY the header is ignored: a client cannot pick its own address.
      await loginFrom(direct.fastify, '10.0.0.2', 'majorlead', 'q', { 'x-forwarded-for': '203.0.113.96' });
      expect(await failuresOf('majorlead', '10.0.0.2')).toBe(1);
      expect(await failuresOf('majorlead', '203.0.113.96')).toBe(0);
    } finally {
      await behindProxy.fastify.close();
      await direct.fastify.close();
    }
  });
});

describe('changing a password', () => {
  it('counts wrong current passwords like failed logins, then asks to wait (429), and is rate-limited per address', async () => {
    const student = await app.login('student');
    for (let attempt = 0; attempt < loginRules.freeFailures; attempt++) {
      const wrong = await student.post('/api/auth/password', { currentPassword: `nope${attempt}`, newPassword: 'Another2026pass' });
      expect([wrong.statusCode, wrong.json().error.code]).toEqual([400, 'WRONG_PASSWORD']);
    }
    const waiting = await student.post('/api/auth/password', { currentPassword: demoPassword, newPassword: 'Another2026pass' });
    expect([waiting.statusCode, waiting.json().error.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(await app.number("SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.password_change_failed'", 'n')).toBe(
      loginRules.freeFailures,
    );
    // The same waiting applies to logging in as that student from this address.
    expect((await app.anonymous.post('/api/auth/login', { username: 'student', password: demoPassword })).statusCode).toBe(401);
    // Apart from failures, the route takes at most 10 requests a minute from one address.
    await app.sql("DELETE FROM rate_limits WHERE key LIKE 'password_change:%'");
    await app.sql("DELETE FROM login_failures WHERE account = 'student'");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++)
      statuses.push((await student.post('/api/auth/password', { currentPassword: demoPassword, newPassword: 'short' })).statusCode);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    expect(await app.number("SELECT hits FROM rate_limits WHERE key = 'password_change:127.0.0.1'", 'hits')).toBe(11);
  });
});

describe('sessions', () => {
  it('end after the idle time without use, though their lifetime has not passed', async () => {
    const client = await app.login('jiaowu');
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    const [{ token_hash: tokenHash }] = await app.sql<{ token_hash: string }>(
      "SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'jiaowu' ORDER BY s.created_at DESC LIMIT 1",
    );
    await app.sql("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1", [tokenHash]);
    // A fresh process (no cached session) finds it expired by idleness.
    const other = await secondApp();
    try {
      const idle = await other.fastify.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: client.cookie! } });
      expect(idle.statusCode).toBe(401);
      await app.sql("UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE token_hash = $1", [tokenHash]);
      const stillIn = await other.fastify.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: client.cookie! } });
      expect(stillIn.statusCode).toBe(200);
      // Using it starts the idle clock again.
      const [{ idle_seconds: idleSeconds }] = await app.sql<{ idle_seconds: number }>(
        'SELECT extract(epoch FROM now() - last_seen_at)::int AS idle_seconds FROM sessions WHERE token_hash = $1',
        [tokenHash],
      );
      expect(Number(idleSeconds)).toBeLessThan(60);
    } finally {
      await other.fastify.close();
    }
  });

  it('a logout and a password change take effect at once on another server process that had the session cached', async () => {
    await app.sql("DELETE FROM rate_limits WHERE key LIKE 'password_change:%'");
    const other = await secondApp();
    try {
      const viaOther = (cookie: string) => other.fastify.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      const first = await app.login('supervisor');
      const second = await app.login('supervisor');
      expect((await viaOther(first.cookie!)).statusCode).toBe(200);
      expect((await viaOther(second.cookie!)).statusCode).toBe(200);
      expect((await first.post('/api/auth/logout')).statusCode).toBe(200);
      expect((await viaOther(first.cookie!)).statusCode).toBe(401);
      expect((await viaOther(second.cookie!)).statusCode).toBe(200);

      const third = await app.login('supervisor');
      expect((await viaOther(second.cookie!)).statusCode).toBe(200);
      const changed = await third.post('/api/auth/password', { currentPassword: demoPassword, newPassword: 'Quality-Office-2026' });
      expect(changed.statusCode).toBe(200);
      // The other sessions of the user end everywhere; the one that changed the password stays.
      expect((await viaOther(second.cookie!)).statusCode).toBe(401);
      expect((await viaOther(third.cookie!)).statusCode).toBe(200);
    } finally {
      await other.fastify.close();
    }
  });

  it('are named __Host-… and Secure when the public address is https', async () => {
    const secure = await createTestApp({ publicUrl: 'https://sitong.example.edu.cn', secureCookies: true });
    try {
      const login = await secure.fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'jiaowu', password: demoPassword },
      });
      const session = login.cookies.find((cookie) => cookie.name === '__Host-sitong_session')!;
      expect(session).toMatchObject({ secure: true, path: '/', httpOnly: true });
      expect(session.domain).toBeUndefined();
      expect(login.cookies.find((cookie) => cookie.name === '__Host-sitong_csrf')).toMatchObject({ secure: true, path: '/' });
      const me = await secure.fastify.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `__Host-sitong_session=${session.value}` },
      });
      expect(me.statusCode).toBe(200);
      const plainName = await secure.fastify.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `sitong_session=${session.value}` },
      });
      expect(plainName.statusCode).toBe(401);
    } finally {
      await secure.close();
    }
    expect(readConfig({ PUBLIC_URL: 'https://sitong.example.edu.cn' } as NodeJS.ProcessEnv).secureCookies).toBe(true);
    expect(readConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' } as NodeJS.ProcessEnv).secureCookies).toBe(false);
  });
});
