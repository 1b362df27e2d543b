// 统一身份认证: OpenID Connect (code + PKCE, discovery, ID-token validation, UserInfo, RP-initiated logout)
// against a real OpenID provider (the `oidc-provider` package) on loopback, and CAS 3.0 (/login,
// /p3/serviceValidate with attributes, single logout) against a responder built to the CAS 3.0
// specification (no CAS server can run here). The account claim is mapped to the 学号 that
// provisioning made the user name; password sign-in can be turned off per institution.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser, type Hop } from '../support/cookie-browser.ts';
import { startCasServer, type TestCasServer } from '../support/cas-server.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

let app: TestApp;
let base: string;
let admin: TestClient;
let jiaowu: TestClient;
let institutionId: number;
let students: Array<{ username: string; code: string }>;
let oidc: TestOidcProvider;
let cas: TestCasServer;
let oidcProviderId: number;
let casProviderId: number;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const callback = () => `${base}/api/auth/sso/callback`;
const sessionOf = (browser: CookieBrowser) =>
  app.withSession(`sitong_session=${browser.jar.get('sitong_session')}`, browser.jar.get('sitong_csrf') ?? '');
const count = (table: string, where = 'true') => app.number(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, 'n');

/** The browser starts at Sitong, signs in at the OpenID provider's page, and is sent back (stopping before the callback). */
async function oidcSignIn(browser: CookieBrowser, login: string, returnTo = '/me/record'): Promise<Hop> {
  const atLogin = await browser.follow(`${base}/api/auth/sso/${oidcProviderId}/start?returnTo=${encodeURIComponent(returnTo)}`);
  expect(atLogin.body).toContain('name="login"');
  return browser.follow(CookieBrowser.formAction(atLogin), { form: { prompt: 'login', login, password: 'any-password' } }, callback());
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await createTestApp({ publicUrl: base });
  await app.fastify.listen({ port, host: '127.0.0.1' });
  [admin, jiaowu] = await Promise.all([app.login('admin'), app.login('jiaowu')]);
  institutionId = (await jiaowu.get('/api/auth/me')).json().institutionId;
  const [klass] = await app.sql<{ id: number }>(
    `SELECT c.id FROM classes c JOIN students s ON s.class_id = c.id AND s.status = 'enrolled'
     WHERE c.institution_id = ${institutionId} AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)
     GROUP BY c.id HAVING count(s.id) >= 3 ORDER BY c.id LIMIT 1`,
  );
  const provisioned = await jiaowu.post('/api/accounts/provision', { institutionId, classId: Number(klass!.id), kinds: ['student'] });
  expect(provisioned.statusCode, provisioned.body).toBe(200);
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(provisioned.json().sheet.base64, 'base64') as unknown as ArrayBuffer);
  students = [];
  workbook.worksheets[0]!.eachRow((row, number) => {
    const cells = (row.values as unknown[]).slice(1).map((value) => String(value ?? ''));
    if (number > 3) students.push({ username: cells[0]!, code: cells[2]! });
  });
  oidc = await startOidcProvider({
    redirectUris: [callback()],
    postLogoutRedirectUris: [`${base}/login`],
    accounts: {
      zhangsan: { name: '张三', employee_number: students[0]!.username },
      stranger: { name: '外校人员', employee_number: '99999999' },
    },
  });
  cas = await startCasServer({
    lisi: { password: 'cas-password-1', attributes: { employeeNumber: students[1]!.username, cn: '李四' } },
  });
}, 120_000);

afterAll(async () => {
  await oidc?.close();
  await cas?.close();
  await app?.close();
});

describe('identity providers are set up by an institution admin', () => {
  it('password sign-in cannot be turned off before a provider is enabled', async () => {
    const refused = await admin.put(`/api/sign-in-settings/${institutionId}`, { localLogin: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('NO_PROVIDER');
    expect(await count('sign_in_settings')).toBe(0);
  });

  it('refuses incomplete or unsafe settings with a message, writing nothing', async () => {
    const attempts = [
      { issuer: 'ftp://idp.example.edu.cn', clientId: 'x', problem: 'issuer' },
      { issuer: 'http://idp.example.edu.cn', clientId: 'x', problem: 'issuer' },
      { issuer: oidc.issuer, clientId: null, problem: 'clientId' },
    ];
    for (const attempt of attempts) {
      const response = await admin.post('/api/identity-providers', {
        institutionId,
        protocol: 'oidc',
        name: '统一身份认证',
        issuer: attempt.issuer,
        clientId: attempt.clientId,
        accountClaim: 'employee_number',
      });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.message).toContain(attempt.problem);
    }
    const unreachable = await admin.post('/api/identity-providers', {
      institutionId,
      protocol: 'oidc',
      name: '统一身份认证',
      issuer: `http://127.0.0.1:${await freePort()}`,
      clientId: 'sitong',
      accountClaim: 'employee_number',
    });
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json().error.code).toBe('DISCOVERY_FAILED');
    const badClaim = await admin.post('/api/identity-providers', {
      institutionId,
      protocol: 'cas',
      name: 'CAS',
      casUrl: cas.url,
      accountClaim: 'employee number; drop',
    });
    expect(badClaim.statusCode).toBe(400);
    expect(await count('identity_providers')).toBe(0);
  });

  it('an 教务 (not admin) may not add one', async () => {
    const response = await jiaowu.post('/api/identity-providers', {
      institutionId,
      protocol: 'cas',
      name: 'CAS',
      casUrl: cas.url,
      accountClaim: 'employeeNumber',
    });
    expect(response.statusCode).toBe(403);
  });

  it('adds the OpenID provider (secret sealed, never shown) and the CAS server; the sign-in page lists both', async () => {
    const created = await admin.post('/api/identity-providers', {
      institutionId,
      protocol: 'oidc',
      name: '天津轻工统一身份认证',
      nameEn: 'TJPC single sign-on',
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      accountClaim: 'employee_number',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ hasClientSecret: true, callbackUrl: callback(), enabled: true });
    expect(created.body).not.toContain(oidc.clientSecret);
    oidcProviderId = created.json().id;
    const [sealed] = await app.sql<{ client_secret_sealed: string }>(
      `SELECT client_secret_sealed FROM identity_providers WHERE id = ${oidcProviderId}`,
    );
    expect(sealed!.client_secret_sealed).toMatch(/^v2:/);
    expect(sealed!.client_secret_sealed).not.toContain(oidc.clientSecret);
    const casCreated = await admin.post('/api/identity-providers', {
      institutionId,
      protocol: 'cas',
      name: 'CAS 统一身份认证',
      casUrl: `${cas.url}/`,
      accountClaim: 'employeeNumber',
    });
    expect(casCreated.statusCode, casCreated.body).toBe(201);
    casProviderId = casCreated.json().id;
    expect(casCreated.json().casUrl).toBe(cas.url);
    const options = await app.anonymous.get('/api/public/sign-in-options');
    expect(options.json().providers.map((provider: { id: number }) => provider.id)).toEqual([oidcProviderId, casProviderId]);
    const audit = await app.sql<{ action: string; after: Record<string, unknown> }>(
      `SELECT action, after FROM audit_log WHERE action = 'sso.provider_create' ORDER BY id`,
    );
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(oidc.clientSecret);
  });
});

describe('bad input to every 统一身份认证 route', () => {
  it('answers 4xx with a message and writes nothing', async () => {
    const before = await app.sql(`SELECT * FROM identity_providers ORDER BY id`);
    const settingsBefore = await app.sql(`SELECT * FROM sign_in_settings`);
    const checks: Array<[Promise<{ statusCode: number; json: () => { error?: { message?: string } } }>, number]> = [
      [admin.patch(`/api/identity-providers/${casProviderId}`, { protocol: 'cas', name: '', casUrl: cas.url, accountClaim: 'user' }), 400],
      [
        admin.patch(`/api/identity-providers/${casProviderId}`, {
          protocol: 'cas',
          name: 'CAS',
          casUrl: 'javascript:alert(1)',
          accountClaim: 'user',
        }),
        422,
      ],
      [
        admin.patch(`/api/identity-providers/${oidcProviderId}`, {
          protocol: 'oidc',
          name: 'x',
          issuer: oidc.issuer,
          clientId: 'c',
          scopes: 'profile',
          accountClaim: 'sub',
        }),
        400,
      ],
      [admin.patch('/api/identity-providers/999999', { protocol: 'cas', name: 'CAS', casUrl: cas.url, accountClaim: 'user' }), 404],
      [admin.put(`/api/sign-in-settings/${institutionId}`, { localLogin: 'no' }), 400],
      [admin.put('/api/sign-in-settings/999999', { localLogin: false }), 404],
      [app.anonymous.get('/api/auth/sso/abc/start'), 400],
      [app.anonymous.get('/api/auth/sso/999999/start'), 404],
      [app.anonymous.get(`/api/auth/sso/callback?state=${'x'.repeat(201)}`), 400],
      [app.anonymous.post('/api/auth/sso/callback', { logoutRequest: '' }), 400],
    ];
    for (const [call, status] of checks) {
      const response = await call;
      expect(response.statusCode).toBe(status);
      expect(response.json().error?.message).toBeTruthy();
    }
    expect(await app.sql(`SELECT * FROM identity_providers ORDER BY id`)).toEqual(before);
    expect(await app.sql(`SELECT * FROM sign_in_settings`)).toEqual(settingsBefore);
  });

  it('a sign-in can only return to a page of this site', async () => {
    for (const returnTo of ['https://evil.example.com/', '//evil.example.com/', '/\\evil.example.com']) {
      const browser = new CookieBrowser();
      await oidcSignIn(browser, 'zhangsan', returnTo)
        .then((hop) => browser.request(hop.location!))
        .then((back) => {
          expect(back.status).toBe(303);
          expect(back.location).toBe(`${base}/`);
        });
    }
  });
});

describe('OpenID Connect', () => {
  let browser: CookieBrowser;
  let returned: Hop;

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    browser = new CookieBrowser();
    const start = await browser.request(`${base}/api/auth/sso/${oidcProviderId}/start?returnTo=/me/record`);
    expect(start.status).toBe(302);
    const target = new URL(start.location!);
    expect(target.origin).toBe(oidc.issuer);
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    expect(target.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(target.searchParams.get('state')).toBeTruthy();
    expect(target.searchParams.get('nonce')).toBeTruthy();
    expect(target.searchParams.get('redirect_uri')).toBe(callback());
    // Only a hash of the state is kept.
    const [row] = await app.sql<{ state_hash: string }>(`SELECT state_hash FROM sso_logins`);
    expect(row!.state_hash).not.toBe(target.searchParams.get('state'));
  });

  it('signs the student in with the 学号 the provider gives (read from UserInfo) and returns to the page asked for', async () => {
    const signInsBefore = await count('audit_log', `action = 'auth.login_sso'`);
    returned = await oidcSignIn(browser, 'zhangsan');
    expect(returned.location).toMatch(new RegExp(`^${callback()}\\?code=`));
    const back = await browser.request(returned.location!);
    expect(back.status, back.body).toBe(303);
    expect(back.location).toBe(`${base}/me/record`);
    const me = await sessionOf(browser).get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: students[0]!.username, passwordChangeRequired: false });
    const [session] = await app.sql<{ identity_provider_id: number; id_token: string | null }>(
      `SELECT s.identity_provider_id, s.id_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = '${students[0]!.username}'`,
    );
    expect(Number(session!.identity_provider_id)).toBe(oidcProviderId);
    expect(session!.id_token?.split('.')).toHaveLength(3);
    expect(await count('audit_log', `action = 'auth.login_sso' AND summary LIKE '%天津轻工统一身份认证%'`)).toBe(signInsBefore + 1);
  });

  it('an answer is used once: replaying it is refused (JSON 400; a browser is sent to the sign-in page with the reason)', async () => {
    const replay = await fetch(returned.location!, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('SSO_STATE');
    const page = await new CookieBrowser().request(returned.location!);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`${base}/login?ssoError=bad_state`);
  });

  it('a code that was tampered with, or a made-up state, opens no session', async () => {
    const sessionsBefore = await count('sessions');
    const tampered = await oidcSignIn(new CookieBrowser(), 'zhangsan');
    const url = new URL(tampered.location!);
    url.searchParams.set('code', `${url.searchParams.get('code')}x`);
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('SSO_INVALID');
    const madeUp = await fetch(`${callback()}?code=abc&state=not-a-state`, { redirect: 'manual' });
    expect(madeUp.status).toBe(400);
    const noState = await fetch(`${callback()}?code=abc`, { redirect: 'manual' });
    expect(noState.status).toBe(400);
    expect(await count('sessions')).toBe(sessionsBefore);
  });

  it('an ID token whose payload no longer matches its signature is refused', async () => {
    const hop = await oidcSignIn(new CookieBrowser(), 'zhangsan');
    oidc.tamper.idToken = true;
    try {
      const answer = await fetch(hop.location!, { redirect: 'manual' });
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('SSO_INVALID');
    } finally {
      oidc.tamper.idToken = false;
    }
  });

  it('someone the provider knows but Sitong does not is told to ask for an account; the attempt is audited', async () => {
    const hop = await oidcSignIn(new CookieBrowser(), 'stranger');
    const answer = await fetch(hop.location!, { redirect: 'manual', headers: { 'accept-language': 'zh-CN' } });
    expect(answer.status).toBe(403);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('SSO_NO_ACCOUNT');
    expect(body.error.message).toContain('99999999');
    expect(await count('audit_log', `action = 'auth.login_failed' AND summary LIKE '%99999999%'`)).toBe(1);
  });

  it('signing out here ends the session and names the provider’s end-session address (id_token_hint, back to /login)', async () => {
    const client = sessionOf(browser);
    const out = await client.post('/api/auth/logout', {});
    expect(out.statusCode).toBe(200);
    const url = new URL(out.json().providerLogoutUrl);
    expect(url.origin).toBe(oidc.issuer);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/login`);
    expect(url.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    // The provider accepts it: its logout confirmation page answers.
    const confirm = await browser.follow(url.href);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('logout');
  });

  it('an account disabled here is refused even though the provider signs it in', async () => {
    const [user] = await app.sql<{ id: number }>(`SELECT id FROM users WHERE username = '${students[0]!.username}'`);
    expect((await admin.post(`/api/users/${user!.id}/disable`, {})).statusCode).toBe(200);
    const hop = await oidcSignIn(new CookieBrowser(), 'zhangsan');
    const answer = await fetch(hop.location!, { redirect: 'manual' });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('SSO_DISABLED');
    expect((await admin.post(`/api/users/${user!.id}/enable`, {})).statusCode).toBe(200);
  });
});

describe('CAS 3.0', () => {
  let browser: CookieBrowser;

  async function casSignIn(target: CookieBrowser, returnTo = '/'): Promise<Hop> {
    const form = await target.follow(`${base}/api/auth/sso/${casProviderId}/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(form.body).toContain('统一身份认证（测试 CAS）');
    return target.follow(CookieBrowser.formAction(form), { form: { username: 'lisi', password: 'cas-password-1' } }, callback());
  }

  it('validates the service ticket at /p3/serviceValidate and signs in with the employeeNumber attribute', async () => {
    browser = new CookieBrowser();
    const hop = await casSignIn(browser, '/creditbank/me');
    const service = new URL(hop.location!);
    expect(service.searchParams.get('ticket')).toMatch(/^ST-/);
    const back = await browser.request(hop.location!);
    expect(back.status, back.body).toBe(303);
    expect(back.location).toBe(`${base}/creditbank/me`);
    expect(cas.validations.at(-1)).toMatchObject({ ok: true, ticket: service.searchParams.get('ticket') });
    // The ticket was validated for exactly the service it was issued to (with its state).
    expect(cas.validations.at(-1)!.service).toBe(`${callback()}?s=${service.searchParams.get('s')}`);
    expect((await sessionOf(browser).get('/api/auth/me')).json().username).toBe(students[1]!.username);
  });

  it('a ticket used once is refused the second time, even with a fresh state', async () => {
    const used = cas.validations.at(-1)!.ticket;
    const again = new CookieBrowser();
    const start = await again.request(`${base}/api/auth/sso/${casProviderId}/start`);
    const service = new URL(start.location!).searchParams.get('service')!;
    const answer = await fetch(`${service}&ticket=${used}`, { redirect: 'manual' });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('SSO_INVALID');
    expect(body.error.message).toContain('INVALID_TICKET');
  });

  it('single logout: signing out at the CAS server ends the session here at once', async () => {
    const client = sessionOf(browser);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    const out = await browser.follow(`${cas.url}/logout`);
    expect(out.status).toBe(200);
    expect(cas.logoutCalls.at(-1)).toMatchObject({ status: 200 });
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    expect(await count('audit_log', `action = 'auth.logout_sso'`)).toBe(1);
  });

  it('a logout call that is not a LogoutRequest is refused; one naming no session ends nothing', async () => {
    const bad = await fetch(callback(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logoutRequest: '<hello/>' }).toString(),
    });
    expect(bad.status).toBe(400);
    const none = await fetch(callback(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        logoutRequest:
          '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:SessionIndex>ST-unknown</samlp:SessionIndex></samlp:LogoutRequest>',
      }).toString(),
    });
    expect(none.status).toBe(200);
    expect(((await none.json()) as { ended: number }).ended).toBe(0);
  });
});

describe('password sign-in turned off for the institution', () => {
  it('is switched off by the admin; the 教务 then must use single sign-on, the admin keeps the password', async () => {
    const off = await admin.put(`/api/sign-in-settings/${institutionId}`, { localLogin: false });
    expect(off.statusCode, off.body).toBe(200);
    const wrong = await app.anonymous.post('/api/auth/login', { username: 'jiaowu', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    const right = await app.anonymous.post('/api/auth/login', { username: 'jiaowu', password: 'Sitong@2026' });
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('LOCAL_LOGIN_OFF');
    // An activation code is a password sign-in too.
    const activation = await app.anonymous.post('/api/auth/login', { username: students[2]!.username, password: students[2]!.code });
    expect(activation.statusCode).toBe(403);
    expect((await app.anonymous.post('/api/auth/login', { username: 'admin', password: 'Sitong@2026' })).statusCode).toBe(200);
    // Single sign-on still works.
    const hop = await oidcSignIn(new CookieBrowser(), 'zhangsan');
    expect((await fetch(hop.location!, { redirect: 'manual' })).status).toBe(303);
    const audit = await app.sql<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE action = 'sso.local_login'`,
    );
    expect(audit).toEqual([{ before: { localLogin: true }, after: { localLogin: false } }]);
  });

  it('the last enabled provider cannot be switched off while password sign-in is off', async () => {
    const casOff = await admin.patch(`/api/identity-providers/${casProviderId}`, {
      protocol: 'cas',
      name: 'CAS 统一身份认证',
      casUrl: cas.url,
      accountClaim: 'employeeNumber',
      enabled: false,
    });
    expect(casOff.statusCode, casOff.body).toBe(200);
    const lastOff = await admin.patch(`/api/identity-providers/${oidcProviderId}`, {
      protocol: 'oidc',
      name: '天津轻工统一身份认证',
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      accountClaim: 'employee_number',
      enabled: false,
    });
    expect(lastOff.statusCode).toBe(409);
    expect(lastOff.json().error.code).toBe('LAST_PROVIDER');
    const [row] = await app.sql<{ enabled: boolean; client_secret_sealed: string | null }>(
      `SELECT enabled, client_secret_sealed FROM identity_providers WHERE id = ${oidcProviderId}`,
    );
    expect(row).toMatchObject({ enabled: true });
    expect(row!.client_secret_sealed).not.toBeNull();
    expect((await app.anonymous.get('/api/public/sign-in-options')).json().providers).toHaveLength(1);
  });

  it('back on, the 教务 signs in with the password again', async () => {
    expect((await admin.put(`/api/sign-in-settings/${institutionId}`, { localLogin: true })).statusCode).toBe(200);
    expect((await app.anonymous.post('/api/auth/login', { username: 'jiaowu', password: 'Sitong@2026' })).statusCode).toBe(200);
  });
});
