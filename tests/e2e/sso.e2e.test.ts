// 统一身份认证 in Chromium against a real OpenID provider (the `oidc-provider` package) on loopback:
// an administrator adds it on the 统一身份认证 page, a teacher signs in from the sign-in page through
// the provider's own pages and lands signed in; signing out goes through the provider's end-session
// page back to /login; someone the provider knows but Sitong does not is told so on the sign-in page.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `sso-${name}.png`), fullPage: true });
}

describe('统一身份认证 in Chromium', () => {
  let harness: Harness;
  let oidc: TestOidcProvider;
  let teacher: { username: string; display_name: string };

  beforeAll(async () => {
    harness = await startHarness();
    // The redirect URI the provider knows must be the address the browser really uses.
    harness.started.context.config.publicUrl = harness.baseUrl;
    [teacher] = await harness.started.database.query<{ username: string; display_name: string }>(
      `SELECT username, display_name FROM users WHERE username = 'teacher'`,
    );
    oidc = await startOidcProvider({
      redirectUris: [`${harness.baseUrl}/api/auth/sso/callback`],
      postLogoutRedirectUris: [`${harness.baseUrl}/login`],
      accounts: {
        'li.laoshi': { name: '李老师', employee_number: teacher!.username },
        stranger: { name: '外校人员', employee_number: 'T99999' },
      },
    });
  });
  afterAll(async () => {
    await oidc?.close();
    await harness?.close();
  });

  it('an admin adds the OpenID provider on the 统一身份认证 page', async () => {
    const { page } = await harness.newPage();
    await login(page, 'admin');
    await page.getByTestId('side-menu').getByText('统一身份认证').click();
    await page.waitForURL('**/admin/sso');
    await expect.poll(() => page.getByTestId('sso-callback-url').textContent()).toContain(`${harness.baseUrl}/api/auth/sso/callback`);
    const institutionId = Number(
      (await harness.started.database.query<{ institution_id: number }>(`SELECT institution_id FROM users WHERE username = 'jiaowu'`))[0]!
        .institution_id,
    );
    await page.getByTestId(`sso-add-${institutionId}`).click();
    await page.getByTestId('sso-name').fill('天津轻工统一身份认证');
    await page.getByTestId('sso-issuer').fill(oidc.issuer);
    await page.getByTestId('sso-client-id').fill(oidc.clientId);
    await page.getByTestId('sso-client-secret').fill(oidc.clientSecret);
    await page.getByTestId('sso-claim').fill('employee_number');
    await page.getByTestId('sso-save').click();
    const card = page.getByTestId(`sso-institution-${institutionId}`);
    await card.getByText('天津轻工统一身份认证').waitFor();
    await expect.poll(() => card.locator('tbody tr.ant-table-row').count()).toBe(1);
    await screenshot(page, 'admin');
  });

  it('a teacher signs in through the provider’s pages and lands signed in; signing out passes the provider and returns to /login', async () => {
    const { page } = await harness.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/login');
    const button = page.getByRole('link', { name: /用天津轻工统一身份认证登录/ });
    await button.waitFor();
    await screenshot(page, 'login');
    await button.click();
    // The provider's own sign-in page (another origin).
    await page.waitForURL((url) => url.origin === oidc.issuer);
    await page.locator('input[name="login"]').fill('li.laoshi');
    await page.locator('input[name="password"]').fill('any-password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === harness.baseUrl && !url.pathname.startsWith('/login'));
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(teacher!.display_name);

    await page.getByTestId('user-name').click();
    await page.getByTestId('menu-logout').click();
    // The provider asks to confirm its own sign-out, then sends the browser back.
    await page.waitForURL((url) => url.origin === oidc.issuer);
    await page.locator('button[name="logout"]').click();
    await page.waitForURL(`${harness.baseUrl}/login`);
    await page.getByTestId('login-username').waitFor();
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
    expect(errors).toEqual([]);
  });

  it('someone Sitong has no account for is sent back to the sign-in page with the reason', async () => {
    const { page } = await harness.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: /用天津轻工统一身份认证登录/ }).click();
    await page.waitForURL((url) => url.origin === oidc.issuer);
    await page.locator('input[name="login"]').fill('stranger');
    await page.locator('input[name="password"]').fill('any-password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL('**/login?ssoError=no_account');
    await expect.poll(() => page.getByTestId('login-sso-error').textContent()).toContain('还没有对应的账号');
    await screenshot(page, 'no-account');
  });

  it('the sign-in page and the settings page in English', async () => {
    const { page } = await harness.newPage({ locale: 'en' });
    await page.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await page.goto('/login?ssoError=bad_state');
    await page.getByRole('link', { name: /Sign in with 天津轻工统一身份认证/ }).waitFor();
    await expect.poll(() => page.getByTestId('login-sso-error').textContent()).toContain('start the single sign-on again');
    await screenshot(page, 'login-en');
    await login(page, 'admin');
    await page.goto('/admin/sso');
    await page.getByText('Students and staff of this institution may sign in with a password').first().waitFor();
    await screenshot(page, 'admin-en');
  });
});
