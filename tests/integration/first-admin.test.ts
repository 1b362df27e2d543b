import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { bootstrap, type Started } from '../../server/bootstrap.ts';
import { readConfig, type AppConfig } from '../../server/config.ts';
import { demoPassword, testMasterKey } from '../support/constants.ts';
import { createTestApp } from '../support/test-app.ts';
import { emptyPostgresDatabase } from '../support/empty-postgres.ts';

/**
 * A production install (issue 11): no demo data and no default account; the first administrator comes
 * from `npm run admin -- create` or from the one-time setup code printed at the first start.
 */

/** An empty install of its own: a PGlite data directory, or an empty database on the test PostgreSQL server. */
async function emptyInstall(): Promise<{ env: NodeJS.ProcessEnv; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-empty-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    SITONG_SECRET_KEY: testMasterKey.toString('base64'),
    LOG_LEVEL: 'silent',
  };
  delete env.DEMO_DATA;
  delete env.DATABASE_URL;
  let dropDatabase = async () => {};
  if (inject('dbKind') === 'postgres') {
    const empty = await emptyPostgresDatabase('empty');
    env.DATABASE_URL = empty.url;
    dropDatabase = empty.drop;
  }
  return {
    env,
    drop: async () => {
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const configOf = (env: NodeJS.ProcessEnv): AppConfig => readConfig(env);

describe('production start', () => {
  it('refuses to start with DEMO_DATA=on and says why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', DEMO_DATA: 'on', PORT: '3999' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NODE_ENV=production 时不能载入演示数据');
    expect(run.stderr).toContain('remove DEMO_DATA=on');
    expect(run.stderr).not.toContain('at readConfig');
  });

  it('npm run admin -- create makes an administrator from a password on stdin, with the password policy', async () => {
    const install = await emptyInstall();
    try {
      const admin = (args: string[], password: string) =>
        spawnSync('npx', ['tsx', 'scripts/admin.ts', ...args], {
          env: install.env,
          input: `${password}\n`,
          encoding: 'utf8',
          timeout: 120_000,
        });
      const weak = admin(['create', '--username', 'root'], 'password123');
      expect(weak.status).toBe(1);
      expect(weak.stderr).toContain('这个密码太常见');
      const made = admin(
        ['create', '--username', 'zhang.admin', '--name', '张管理', '--alliance', '天津市域产教联合体'],
        'Lu-Qian-Gang-2026',
      );
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain('天津市域产教联合体');
      expect(admin(['create', '--username', 'zhang.admin'], 'Another-Long-2026').stderr).toContain('已被使用');

      const started = await bootstrap(configOf(install.env));
      try {
        const [grant] = await started.database.query<{ role: string; scope_type: string; name: string }>(
          "SELECT g.role, g.scope_type, a.name FROM role_grants g JOIN users u ON u.id = g.user_id JOIN alliances a ON a.id = g.scope_id WHERE u.username = 'zhang.admin'",
        );
        expect(grant).toEqual({ role: 'admin', scope_type: 'alliance', name: '天津市域产教联合体' });
        // An install that has an administrator prints no setup code and has no demo data.
        expect(started.setupToken).toBeNull();
        expect(await started.database.query("SELECT 1 FROM app_meta WHERE key = 'demo_data'")).toEqual([]);
        const login = await started.fastify.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'zhang.admin', password: 'Lu-Qian-Gang-2026' },
        });
        expect(login.statusCode).toBe(200);
      } finally {
        await started.fastify.close();
        await started.database.close();
      }
    } finally {
      await install.drop();
    }
  });

  it('an empty install prints a one-time setup code; the setup page’s API uses it once', async () => {
    const install = await emptyInstall();
    let started: Started | null = null;
    try {
      started = await bootstrap(configOf(install.env));
      const token = started.setupToken!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const fastify = started.fastify;
      const status = await fastify.inject({ method: 'GET', url: '/api/public/setup' });
      expect(status.json()).toEqual({ needed: true, demoLogins: false });
      const [stored] = await started.database.query<{ value: { hash: string } }>("SELECT value FROM app_meta WHERE key = 'setup_token'");
      expect(stored!.value.hash).not.toContain(token);

      const setup = (body: Record<string, unknown>) => fastify.inject({ method: 'POST', url: '/api/public/setup', payload: body });
      const wrong = await setup({ token: 'x'.repeat(32), username: 'first.admin', password: 'Lu-Qian-Gang-2026' });
      expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'SETUP_TOKEN_INVALID']);
      const weak = await setup({ token, username: 'first.admin', password: 'first.admin-2026' });
      expect([weak.statusCode, weak.json().error.code]).toEqual([400, 'WEAK_PASSWORD']);
      const bad = await setup({ token, username: 'no spaces allowed', password: 'Lu-Qian-Gang-2026' });
      expect(bad.statusCode).toBe(400);
      expect(await started.database.query('SELECT id FROM users')).toEqual([]);

      const made = await setup({
        token,
        username: 'first.admin',
        displayName: '第一位管理员',
        password: 'Lu-Qian-Gang-2026',
        allianceName: '联盟',
      });
      expect(made.statusCode).toBe(201);
      const again = await setup({ token, username: 'second.admin', password: 'Lu-Qian-Gang-2026' });
      expect(again.statusCode).toBe(403);
      expect((await fastify.inject({ method: 'GET', url: '/api/public/setup' })).json().needed).toBe(false);
      const [audit] = await started.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'platform.admin_created' AND after->>'how' = 'setup_token'",
      );
      expect(audit!.n).toBe(1);
      const login = await fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'first.admin', password: 'Lu-Qian-Gang-2026' },
      });
      expect(login.statusCode).toBe(200);
      const cookie = `sitong_session=${login.cookies.find((c) => c.name === 'sitong_session')!.value}`;
      const me = await fastify.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(me.json()).toMatchObject({ username: 'first.admin', demoPasswordAccounts: 0 });
    } finally {
      if (started) {
        await started.fastify.close();
        await started.database.close();
      }
      await install.drop();
    }
  });
});

describe('the demo password warning', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  it('admins see how many accounts still have the published demo password; others see none', async () => {
    const admin = await app.login('admin');
    const marked = await app.number('SELECT count(*)::int AS n FROM users WHERE demo_password', 'n');
    expect(marked).toBe(12);
    expect((await admin.get('/api/auth/me')).json().demoPasswordAccounts).toBe(marked);
    expect((await (await app.login('jiaowu')).get('/api/auth/me')).json().demoPasswordAccounts).toBe(0);
    const teacher = await app.login('teacher');
    expect((await teacher.post('/api/auth/password', { currentPassword: demoPassword, newPassword: 'Lu-Qian-Gang-2026' })).statusCode).toBe(
      200,
    );
    expect((await admin.get('/api/auth/me')).json().demoPasswordAccounts).toBe(marked - 1);
  });
});
